"""The exact indicators as a text table for ``kopir stats compute``: a header, names in the language asked for.

The command printed one line per cell with the engine's ids and no header (issue 15); here each
indicator is named as the methodology names it (with its number, I1-I16, and its id for those who
script against the JSON), the sexes and margins are words, and the figures are formatted for the
language by ``kopir.rules.formats`` (decimal commas in kk and ru, never "-0,0%").
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tabulate import tabulate

from kopir.rules import formats
from kopir.rules.law import Language
from kopir.statistics.cells import ALL, Cell
from kopir.statistics.methodology import BY_ID

SEXES = {"F": gettext_lazy("Women"), "M": gettext_lazy("Men"), ALL: gettext_lazy("All")}


def has_data(cells: list[Cell]) -> bool:
    """Whether any count is above zero: a year before the records begin, or after, has only zeros."""
    return any(cell.value for cell in cells if cell.kind == "count")


def no_data_message(year: int, body: str | None) -> str:
    if body:
        return _("No data for %(year)s in the state body %(body)s: every count is zero.") % {"year": year, "body": body}
    return _("No data for %(year)s: every count is zero (no employee on the staff, no leave).") % {"year": year}


def indicator_name(indicator: str) -> str:
    """``I5 Returned to work``: the methodology's number and name, else the id (an indicator it lacks)."""
    known = BY_ID.get(indicator)
    return f"{known.number} {known.name}" if known else indicator


def figure(cell: Cell, lang: Language) -> str:
    """The value for `lang`: a rate in percent with one decimal, a count or an amount in whole units."""
    if cell.value is None:
        return ""
    if cell.kind == "rate":
        return formats.percentage(Decimal(cell.value), lang, 1, exact=True)
    return formats.number(Decimal(cell.value), lang, 2)


def _count(value: int | None, lang: Language) -> str:
    return "" if value is None else formats.number(value, lang, 0)


def cells_table(cells: list[Cell], lang: Language, *, places: bool = False) -> str:
    """The cells as a table with a header; the region and body columns only when `places` asks for them."""
    header = [_("Indicator"), _("Code"), _("Sex")]
    if places:
        header += [_("Region"), _("State body")]
    header += [_("Breakdown"), _("Value"), _("Numerator"), _("Denominator")]
    every = str(SEXES[ALL])
    rows = []
    for cell in cells:
        row = [indicator_name(cell.indicator), cell.indicator, str(SEXES.get(cell.sex, cell.sex))]
        if places:
            row += [every if cell.region == ALL else cell.region, every if cell.body == ALL else cell.body]
        row += [cell.breakdown, figure(cell, lang), _count(cell.numerator, lang), _count(cell.denominator, lang)]
        rows.append(row)
    columns = len(header)
    return tabulate(
        rows,
        headers=header,
        tablefmt="simple",
        disable_numparse=True,
        colalign=("left",) * (columns - 3) + ("right",) * 3,
    )
