"""JSON from strangers, with limits: the one reader every door of Kopir uses for a JSON body or line.

Python's ``json.loads`` trusts its input in ways a public endpoint cannot: it recurses in C and
raises ``RecursionError`` on an array nested 30,000 deep, its default ``int`` refuses more than
4,300 digits with a ``ValueError``, it accepts ``NaN`` and ``Infinity`` (which are not JSON), and
keeps the last of two equal keys without a word. Each of those reached the code behind the API as
a crash or as a value nobody meant. `read_json` checks, in this order and without recursion:

1. the size of the raw bytes (before anything is decoded);
2. strict UTF-8 (a byte-order mark is dropped; UTF-16 is refused), a bad byte named by its line;
3. the nesting depth, by a linear scan of the brackets outside strings, before ``json.loads``;
4. while parsing, with ``json.loads``'s hooks: integers and decimals with bounded digits and
   exponents (decimals as `Decimal`, never binary floats), no ``NaN``/``Infinity``, no key twice.

A refusal is a `JsonRefused` naming the value's JSON path (``income.monthly[3].so_base``) where
one is known; each door turns it into its own translated message (the rules' `N_` catalogue for
the calculator and ``kopir calc``, the records exchange's for its lines). Pure Python: no Django.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

__all__ = ["JsonLimits", "JsonRefused", "Refusal", "read_json"]


class Refusal(enum.Enum):
    """Why a JSON text was refused; the value is a stable code for programs and tests."""

    TOO_LARGE = "too_large"
    EMPTY = "empty"
    NOT_UTF8 = "not_utf8"
    NOT_JSON = "not_json"
    TOO_DEEP = "too_deep"
    TOO_MANY_DIGITS = "too_many_digits"
    OUT_OF_RANGE = "number_out_of_range"
    NOT_A_NUMBER = "not_a_number"
    DUPLICATE_KEY = "duplicate_key"


@dataclass(frozen=True, slots=True)
class JsonLimits:
    """The bounds of one door. The defaults fit every Kopir document with a wide margin.

    A calculation request nests 4 deep and a records line 5; no amount, count or date in
    Kopir needs more than 15 integer digits or a decimal beyond 10^±20 (money is bounded far lower
    by the rules themselves, at 10^12 tenge a month).
    """

    max_bytes: int
    max_depth: int = 32
    max_integer_digits: int = 20
    max_decimal_digits: int = 30
    max_exponent: int = 20


@dataclass
class JsonRefused(Exception):
    """The text is not JSON Kopir accepts; `path` is the JSON path of the value ("" for the whole text)."""

    refusal: Refusal
    path: str = ""
    line: int = 0
    column: int = 0
    limit: int = 0

    def __str__(self) -> str:
        return f"{self.refusal.value} at {self.path or '(document)'} (line {self.line}, column {self.column})"


@dataclass(frozen=True, slots=True)
class _Bad:
    """A value a parse hook refused: kept in the tree so that the walk afterwards can name its path."""

    refusal: Refusal
    limit: int


class _KeyTwice(dict[str, Any]):
    """An object in which a key was written twice (the first such key in `twice`)."""

    twice: str = ""


# A JSON string, unrolled so that it matches in linear time: quote, runs of plain characters and escapes, quote.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_NON_FINITE = {"NaN", "Infinity", "-Infinity"}


def read_json(raw: bytes | str, limits: JsonLimits) -> Any:
    """The JSON value of `raw` within `limits`; raise `JsonRefused` otherwise."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise JsonRefused(Refusal.TOO_LARGE, limit=limits.max_bytes)
    text = _text(raw) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    if not text.strip():
        raise JsonRefused(Refusal.EMPTY)
    _check_depth(text, limits.max_depth)
    marks: list[object] = []  # a hook that refuses a value leaves a marker in the tree and notes it here:
    # the walk that names the marker's path runs only then, so a clean body costs one parse

    def marked(value: Any) -> Any:
        if isinstance(value, _Bad | _KeyTwice):
            marks.append(value)
        return value

    try:
        value = json.loads(
            text,
            parse_int=lambda digits: marked(_integer(digits, limits)),
            parse_float=lambda number: marked(_decimal(number, limits)),
            parse_constant=lambda _name: marked(_Bad(Refusal.NOT_A_NUMBER, 0)),
            object_pairs_hook=lambda pairs: marked(_object(pairs)),
        )
    except json.JSONDecodeError as error:
        raise JsonRefused(Refusal.NOT_JSON, line=error.lineno, column=error.colno) from None
    except RecursionError:  # the depth scan makes this unreachable; kept so that no input can crash a door
        raise JsonRefused(Refusal.TOO_DEEP, limit=limits.max_depth) from None
    if marks:
        _find_refused(value)
    return value


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise JsonRefused(Refusal.NOT_UTF8, line=line, column=column) from None


def _check_depth(text: str, max_depth: int) -> None:
    """Refuse nesting deeper than `max_depth`, in linear time and without recursion.

    Fewer opening brackets than the limit in the whole text cannot nest deeper: most texts stop there.
    """
    if text.count("[") + text.count("{") <= max_depth:
        return
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub('""', text)):
        if bracket.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise JsonRefused(Refusal.TOO_DEEP, limit=max_depth)
        else:
            depth -= 1


def _integer(digits: str, limits: JsonLimits) -> int | _Bad:
    """An integer, refused before ``int()`` when it has more digits than the limit."""
    if len(digits.lstrip("-")) > limits.max_integer_digits:
        return _Bad(Refusal.TOO_MANY_DIGITS, limits.max_integer_digits)
    return int(digits)


def _decimal(number: str, limits: JsonLimits) -> Decimal | _Bad:
    """A number with a fraction or an exponent, as an exact `Decimal` with bounded digits and exponent."""
    mantissa = number.lower().partition("e")[0].lstrip("-").replace(".", "").lstrip("0")
    if len(mantissa) > limits.max_decimal_digits:
        return _Bad(Refusal.TOO_MANY_DIGITS, limits.max_decimal_digits)
    exponent_text = number.lower().partition("e")[2]
    if len(exponent_text.lstrip("+-")) > len(str(limits.max_exponent)) + 1:  # 1e999999999: no Decimal at all
        return _Bad(Refusal.OUT_OF_RANGE, limits.max_exponent)
    value = Decimal(number)
    if value and abs(value.adjusted()) > limits.max_exponent:
        return _Bad(Refusal.OUT_OF_RANGE, limits.max_exponent)
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    twice = _KeyTwice(pairs)
    seen: set[str] = set()
    twice.twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    return twice


def _find_refused(value: Any) -> None:
    """Raise for the first refused value, in document order, with its JSON path (no recursion)."""
    for path, item in _walk(value):
        if isinstance(item, _Bad):
            raise JsonRefused(item.refusal, path=path, limit=item.limit)
        if isinstance(item, _KeyTwice):
            raise JsonRefused(Refusal.DUPLICATE_KEY, path=_join(path, item.twice))


def _walk(root: Any) -> Iterator[tuple[str, Any]]:
    stack: list[tuple[str, Any]] = [("", root)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, dict):
            stack.extend((_join(path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in reversed(list(enumerate(value))))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
