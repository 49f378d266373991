"""The acts behind the formulas: the legal basis of an explanation step that reads no parameter.

A step that uses a dated value cites that value's primary act (``parameters/``). A step that only
combines earlier results (the sum of the months, the net after the pension contribution, the
right to the payment) rests on the article that sets the formula itself. Those acts are data, in
``formula_acts.yaml`` beside the parameters, each with the date from which it is the basis, so the
act is chosen by the date like a parameter value: a maternity payment whose right arose in May 2023
cites the law on social insurance of its time, one of 2025 the Social Code (issue 13, point 3).
The acts and their in-force dates are listed in ``docs/methodology/acts.md``.

The constants (``MATERNITY``, ``PENSION_WITHHELD``, ``FORMULA_BY_PAYMENT`` ...) are the acts in
force today, for callers that have no date; `formula_act` takes the date.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from kopir.rules.errors import ParameterFileError
from kopir.rules.law import LANGUAGES, Reference
from kopir.strict_yaml import load_strict

ACTS_FILE = Path(__file__).parent / "formula_acts.yaml"
SOCIAL_CODE = "https://adilet.zan.kz/rus/docs/K2300000224"
LABOUR_CODE = "https://adilet.zan.kz/rus/docs/K1500000414"
FORMULAS = ("leave", "maternity", "birth_allowance", "childcare_allowance", "childcare_gfss", "pension_withheld")


@dataclass(frozen=True)
class DatedActs:
    """The acts one formula has rested on, each from its date (ascending)."""

    starts: tuple[date, ...]
    acts: tuple[Reference, ...]

    def at(self, on: date) -> Reference:
        """The act in force on `on`; before the first date, the first act (no formula is older than its law)."""
        return self.acts[max(bisect.bisect_right(self.starts, on) - 1, 0)]


def _fail(problem: str, file: Path) -> ParameterFileError:
    return ParameterFileError(f"{file}: {problem}")


def _act(raw: Any, where: str, file: Path) -> Reference:
    if not isinstance(raw, dict) or not isinstance(raw.get("title"), dict) or not raw.get("href"):
        raise _fail(f"{where}: an act needs a title in kk, ru and en and an href", file)
    title = raw["title"]
    if any(not title.get(lang) for lang in LANGUAGES):
        raise _fail(f"{where}: an act's title needs kk, ru and en", file)
    return Reference({lang: str(title[lang]) for lang in LANGUAGES}, str(raw["href"]))


def read_formula_acts(file: Path) -> Mapping[str, DatedActs]:
    """Read and check the formulas' acts; a broken file fails with its name, as a parameter file does."""
    try:
        document = load_strict(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise _fail(str(error), file) from None
    if not isinstance(document, dict) or set(document) != set(FORMULAS):
        raise _fail(f"the formulas are {FORMULAS}", file)
    read = {}
    for formula, dated in document.items():
        if not isinstance(dated, dict) or not dated or not all(isinstance(day, date) for day in dated):
            raise _fail(f"{formula}: acts by date (YYYY-MM-DD) are needed", file)
        starts = tuple(dated)
        if list(starts) != sorted(set(starts)):
            raise _fail(f"{formula}: list the dates in ascending order", file)
        acts = tuple(_act(raw, f"{formula}.{day}", file) for day, raw in dated.items())
        read[formula] = DatedActs(starts, acts)
    return MappingProxyType(read)


@lru_cache(maxsize=1)
def formula_acts() -> Mapping[str, DatedActs]:
    """The shipped acts of the formulas, read once per process."""
    return read_formula_acts(ACTS_FILE)


def formula_act(formula: str, on: date) -> Reference:
    """The act of a payment's formula (or of ``pension_withheld``) in force on `on`."""
    return formula_acts()[formula].at(on)


def _today(formula: str) -> Reference:
    return formula_acts()[formula].acts[-1]


LEAVE = _today("leave")
MATERNITY = _today("maternity")
BIRTH_ALLOWANCE = _today("birth_allowance")
CHILDCARE_ALLOWANCE = _today("childcare_allowance")
CHILDCARE_GFSS = _today("childcare_gfss")
PENSION_WITHHELD = _today("pension_withheld")

# The formula's act for each payment of the response (and the leave that dates them), as in force today.
FORMULA_BY_PAYMENT: Mapping[str, Reference] = MappingProxyType(
    {
        "leave": LEAVE,
        "maternity": MATERNITY,
        "birth_allowance": BIRTH_ALLOWANCE,
        "childcare_allowance": CHILDCARE_ALLOWANCE,
        "childcare_gfss": CHILDCARE_GFSS,
    }
)
