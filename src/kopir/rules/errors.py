"""The errors the rules raise, as one family.

    KopirError
    ├── ParameterFileError   a parameter file is broken (names the file): the law cannot be loaded
    ├── RulesNotKnown        a date before the first value Kopir knows for a parameter
    └── InvalidRequest       a calculation request that cannot be computed; carries field errors

A request with bad input never gets made-up numbers: the calculation raises `InvalidRequest`
and the caller (command line, HTTP API) turns it into the contract's error object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class KopirError(Exception):
    """Base class of every error the rules raise on purpose."""


class ParameterFileError(KopirError):
    """A parameter file is malformed, incomplete or overlapping; the message names the file."""


class RulesNotKnown(KopirError):
    """A parameter was asked for on a date before its first known value."""

    def __init__(self, path: str, on: Any, first: Any) -> None:
        super().__init__(f"{path}: no value is known for {on}; the first known value is from {first}.")
        self.path = path
        self.on = on
        self.first = first


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a request.

    `field` is the contract's dotted path (``event.birth_date``, ``income.monthly[2].month``);
    `message` is an English msgid with ``%(name)s`` placeholders, translated when rendered.
    """

    field: str
    message: str
    params: tuple[tuple[str, Any], ...] = ()


class InvalidRequest(KopirError):
    """The request cannot be computed; `errors` lists every field problem found."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors
