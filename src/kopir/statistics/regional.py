"""A recompute split by region: each region's cells computed on its own records, as Dask tasks.

Every record belongs to an employee, every employee to a body and every body to one region; the
indicators of a region and of its bodies read only that region's records, so they are computed
region by region, in parallel on a cluster, and give the very cells of the single run. What does
not split is computed once on every record, in one more task (decision 0035):

- the country's cells of every indicator: medians of pay and of time to return, the
  Kaplan-Meier curve, pay quartiles and the promotion ratio (a sum of fractional expectations) do
  not add up from regions, so the country level is computed rather than summed, for all alike;
- I11 (pay catch-up) at every level: a returner's benchmark is the mean rise of her post's
  category across the whole country.

The parts are merged indicator group by indicator group, so that each place's cells come in
the single run's order and a stored run reads the same either way. Pure: no
Django; the cluster comes from `kopir.cluster`.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from kopir.statistics.cells import Cell
from kopir.statistics.columns import Ints, Records
from kopir.statistics.engine import INDICATOR_GROUPS, NATIONAL_GROUPS, by_group, context_of

if TYPE_CHECKING:
    from distributed import Client

REGIONAL_GROUPS = tuple(group for group in INDICATOR_GROUPS if group not in NATIONAL_GROUPS)
COUNTRY = ("country",)
WITHIN_REGIONS = ("region", "body")


def _renumbered(kept: Ints, size: int) -> Ints:
    """Old row -> new row for the `kept` rows (in order), -1 for the others."""
    new = np.full(size, -1, dtype=np.int64)
    new[kept] = np.arange(len(kept), dtype=np.int64)
    return new


def _through(new: Ints, rows: Ints) -> Ints:
    """References (row numbers, -1 for none) renumbered; a row left out becomes -1."""
    return np.where(rows >= 0, new[np.maximum(rows, 0)], -1) if len(new) else np.full(len(rows), -1, dtype=np.int64)


def _rows_of(part: Any, kept: Ints, references: dict[str, Ints]) -> Any:
    """The `kept` rows of one record kind, its `references` renumbered (the rest taken as they are)."""
    columns = {f.name: getattr(part, f.name)[kept] for f in fields(part) if f.name not in references}
    return replace(part, **columns, **{name: rows[kept] for name, rows in references.items()})


def region_records(records: Records, region: str) -> Records:
    """The records of one region's employees: its bodies' staff, their leave, pay, posts and separations.

    Bodies and posts stay whole (a post is a row number everywhere); every other kind keeps the
    rows of the region's employees, renumbered.
    """
    in_region = np.array([r == region for r in records.bodies.region], dtype=np.bool_)
    employees = np.flatnonzero(in_region[records.employees.body]) if len(in_region) else np.zeros(0, dtype=np.int64)
    new_employee = _renumbered(employees, len(records.employees.sex))
    e = records.episodes
    episodes = np.flatnonzero(_through(new_employee, e.employee) >= 0)
    new_episode = _renumbered(episodes, len(e.employee))

    def kept(part: Any, by: str, new: Ints) -> tuple[Ints, Ints]:
        renumbered = _through(new, getattr(part, by))
        return np.flatnonzero(renumbered >= 0), renumbered

    a_rows, a_employee = kept(records.appointments, "employee", new_employee)
    s_rows, s_episode = kept(records.segments, "episode", new_episode)
    x_rows, x_employee = kept(records.separations, "employee", new_employee)
    p_rows, p_employee = kept(records.pay, "employee", new_employee)
    f_rows, f_episode = kept(records.follow_ups, "episode", new_episode)
    support = {kind: _through(new_episode, rows) for kind, rows in records.support.items()}
    return replace(
        records,
        employees=_rows_of(records.employees, employees, {}),
        appointments=_rows_of(records.appointments, a_rows, {"employee": a_employee}),
        episodes=_rows_of(e, episodes, {"employee": _through(new_employee, e.employee)}),
        segments=_rows_of(records.segments, s_rows, {"episode": s_episode}),
        separations=_rows_of(
            records.separations,
            x_rows,
            {"employee": x_employee, "episode": _through(new_episode, records.separations.episode)},
        ),
        pay=_rows_of(records.pay, p_rows, {"employee": p_employee}),
        follow_ups=_rows_of(records.follow_ups, f_rows, {"episode": f_episode}),
        support={kind: rows[rows >= 0] for kind, rows in support.items()},
    )


Parts = dict[int, list[Cell]]  # each indicator group's cells, by its place in INDICATOR_GROUPS


def national_part(records: Records, year: int, as_of: date) -> Parts:
    """The country's cells of every indicator, and every cell of the indicators that do not split."""
    context = context_of(records, year, as_of, COUNTRY)
    parts = by_group(context)
    within = replace(context, geo=replace(context.geo, shown=WITHIN_REGIONS))
    for group, cells in by_group(within, NATIONAL_GROUPS).items():
        parts[group] += cells
    return parts


def regional_part(records: Records, year: int, as_of: date) -> Parts:
    """The cells of one region and of its bodies, from that region's records."""
    return by_group(context_of(records, year, as_of, WITHIN_REGIONS), REGIONAL_GROUPS)


def merged(parts: list[Parts]) -> list[Cell]:
    """The parts' cells group by group: each place's cells come in the single run's order."""
    groups = sorted({group for part in parts for group in part})
    return [cell for group in groups for part in parts for cell in part.get(group, [])]


def compute_by_region(records: Records, year: int, as_of: date, client: Client) -> list[Cell]:
    """Every indicator for `year`, as one Dask task per region and one for what does not split."""
    regions = sorted(set(records.bodies.region))
    scattered = client.scatter([records, *(region_records(records, region) for region in regions)])  # type: ignore[no-untyped-call]
    national = client.submit(national_part, scattered[0], year, as_of, pure=False)
    regional = [client.submit(regional_part, part, year, as_of, pure=False) for part in scattered[1:]]
    return merged([national.result(), *client.gather(regional)])  # type: ignore[no-untyped-call]
