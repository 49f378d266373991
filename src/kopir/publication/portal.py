"""The portal's sections: for each chart the figures it draws and the table that says the same.

Which figures: the national and regional cells of the release on show (its year), and for the
series over years the newest release of each year. A section whose indicator the release lacks
says "not published" rather than drawing an empty chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kopir.publication.charts import figure_bars, line_chart
from kopir.publication.figures import Figure, ReleaseFigures
from kopir.publication.indicators import name_of
from kopir.reference.regions import UnknownRegion, region_by_iso
from kopir.statistics.cells import ALL

DESTINATIONS: dict[str, Promise] = {  # the engine's (kopir.statistics.columns.DESTINATIONS)
    "out_of_work": gettext_lazy("Out of work"),
    "private_sector": gettext_lazy("Moved to the private sector"),
    "state_body": gettext_lazy("Transfer to another state body"),
    "unknown": gettext_lazy("Unknown"),
}
TIME_TO_RETURN = "time_to_return_months"
NOT_RETURNED = "not_returned"
EXITS = ("exits_during_leave", "exits_after_return_12m")


@dataclass
class Section:
    """One chart and its table: ``rows`` are a label then figures, in the order of ``columns``;
    ``units`` gives each column's unit (% for rates, nothing for counts)."""

    key: str
    title: str
    chart: SafeString | None
    columns: list[str]
    rows: list[tuple[str, list[Figure]]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def published(self) -> bool:
        return self.chart is not None

    @property
    def table(self) -> list[tuple[str, list[tuple[Figure, str]]]]:
        """The rows with each figure beside its column's unit, for the template."""
        units = self.units or ["%"] * len(self.columns)
        return [(label, list(zip(figures, units, strict=True))) for label, figures in self.rows]


def region_name(code: str) -> str:
    if code == ALL:
        return _("Kazakhstan")
    try:
        names = region_by_iso(code).name
    except UnknownRegion:
        return code
    return str(getattr(names, (get_language() or "en")[:2], code))


def sections(figures: ReleaseFigures, by_year: dict[int, ReleaseFigures]) -> list[Section]:
    return [
        _over_years(by_year),
        _by_region(figures),
        _time_to_return(figures),
        _managerial(figures),
        _pay_gap(figures),
        _exits(figures),
    ]


def _unpublished(key: str, title: str, columns: list[str]) -> Section:
    return Section(key, title, None, columns, note=_("Not published in this release."))


def _over_years(by_year: dict[int, ReleaseFigures]) -> Section:
    title = _("Return to work and retention by year")
    columns = [name_of("return_rate"), name_of("retention_rate")]
    years = sorted(by_year)
    series = {
        name: [by_year[year].get(indicator) for year in years]
        for name, indicator in zip(columns, ("return_rate", "retention_rate"), strict=True)
    }
    if not any(figure.shown for figures in series.values() for figure in figures):
        return _unpublished("years", title, columns)
    rows = [(str(year), [series[name][number] for name in columns]) for number, year in enumerate(years)]
    return Section("years", title, line_chart(title, [str(year) for year in years], series), columns, rows)


def _regional(figures: ReleaseFigures, indicators: tuple[str, ...]) -> list[tuple[str, list[Figure]]]:
    regions = [ALL, *figures.regions()]
    return [(region_name(region), [figures.get(name, region=region) for name in indicators]) for region in regions]


def _bars_section(
    key: str, title: str, figures: ReleaseFigures, indicators: tuple[str, ...], unit: str = "%"
) -> Section:
    columns = [name_of(indicator) for indicator in indicators]
    if not figures.indicators & set(indicators):
        return _unpublished(key, title, columns)
    rows = _regional(figures, indicators)
    chart = figure_bars(title, rows, columns, unit=unit)
    return Section(key, title, chart, columns, rows, [unit] * len(columns))


def _by_region(figures: ReleaseFigures) -> Section:
    return _bars_section(
        "regions", _("Return to work and retention by region"), figures, ("return_rate", "retention_rate")
    )


def _managerial(figures: ReleaseFigures) -> Section:
    indicators = ("women_managerial_share", "women_senior_share")
    return _bars_section("managerial", _("Women in managerial and senior posts"), figures, indicators)


def _pay_gap(figures: ReleaseFigures) -> Section:
    return _bars_section("pay-gap", _("Gender pay gap"), figures, ("pay_gap_mean", "pay_gap_median"))


def _time_to_return(figures: ReleaseFigures) -> Section:
    """The share of the cohort's episodes returned within each band of months, added up over the bands.

    Mothers' episodes when their cohort is shown, else everyone's (the fathers' few episodes can hide
    the mothers' total as its complement). The share returned by a band is known when every band up
    to it is shown, or, counting back from those who have returned at all (the cohort less those not
    returned), when every band after it is: a small first band, hidden, then hides only the points
    before the first one that can be shown, and the curve starts there. Nothing is recovered that the
    release hides: each point is a sum of shown cells.
    """
    title = _("Time to return: share returned by months since the birth")
    columns = [_("Returned in these months"), _("Returned so far")]
    sex = "F" if figures.get(TIME_TO_RETURN, sex="F").shown else ALL
    cohort = figures.get(TIME_TO_RETURN, sex=sex)
    bands = [b.split("=", 1)[1] for b in figures.values_of(TIME_TO_RETURN, 4) if b.startswith("months=")]
    bands = [band for band in bands if band != NOT_RETURNED]
    if not bands or cohort.state == "missing":
        return _unpublished("time-to-return", title, columns)
    returned = [figures.get(TIME_TO_RETURN, sex=sex, breakdown=f"months={band}") for band in bands]
    not_returned = figures.get(TIME_TO_RETURN, sex=sex, breakdown=f"months={NOT_RETURNED}")
    so_far = _returned_so_far(cohort, returned, not_returned)
    curve = [
        Figure((count * 100 / cohort.value).quantize(Decimal("0.1")))
        if count is not None and cohort.value
        else Figure(None, state="suppressed")
        for count in so_far
    ]
    rows = [
        (_("%(band)s months") % {"band": band}, [figure, share])
        for band, figure, share in zip(bands, returned, curve, strict=True)
    ]
    chart = line_chart(title, [band.split("-")[-1] for band in bands], {columns[1]: curve})
    note = _("Episodes still on leave count as not returned yet.")
    return Section("time-to-return", title, chart, columns, rows, ["", "%"], note=note)


def _returned_so_far(cohort: Figure, returned: list[Figure], not_returned: Figure) -> list[Decimal | None]:
    """The count returned by the end of each band, where shown cells give it (None where they do not)."""
    counts = [figure.value if figure.shown else None for figure in returned]
    so_far: list[Decimal | None] = []
    total: Decimal | None = Decimal(0)
    for count in counts:
        total = None if total is None or count is None else total + count
        so_far.append(total)
    if cohort.value is None or not_returned.value is None or not (cohort.shown and not_returned.shown):
        return so_far
    after = cohort.value - not_returned.value  # all who have returned, by the end of the last band
    for index in range(len(counts) - 1, -1, -1):
        so_far[index] = after
        count = counts[index]
        if count is None:
            break
        after -= count
    return so_far


def _exits(figures: ReleaseFigures) -> Section:
    title = _("Women's exits during or after leave, by destination")
    columns = [name_of(indicator) for indicator in EXITS]
    order = list(DESTINATIONS)
    breakdowns = sorted(
        {b for indicator in EXITS for b in figures.values_of(indicator, 4) if b.startswith("destination=")}
    )
    breakdowns.sort(key=lambda b: (order.index(b[12:]) if b[12:] in order else len(order), b))
    if not breakdowns:
        return _unpublished("exits", title, columns)
    rows = []
    for breakdown in breakdowns:
        destination = breakdown.split("=", 1)[1]
        label = str(DESTINATIONS.get(destination, destination))
        rows.append((label, [figures.get(indicator, sex="F", breakdown=breakdown) for indicator in EXITS]))
    chart = figure_bars(title, rows, columns, unit="")
    return Section("exits", title, chart, columns, rows, ["", ""])
