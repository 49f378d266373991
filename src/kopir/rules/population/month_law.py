"""What the law says in the months of a childcare schedule, and the runs of months where it holds still.

A month's amounts depend only on the values in force in it (and on a person's income, birth
order, share of the month and return to work). The law changes a few times a year, so the whole
months of an 18-month schedule fall into two to four runs in which every value is the same: the
population path computes one month per run and multiplies by the months of the run (issue 14,
point 4), instead of one pass per month. A run also ends with the calendar year, so that each run's
amounts go to one year of the budget.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from kopir.rules import kernel
from kopir.rules.law import Law, Parameter
from kopir.rules.money import Rounding
from kopir.rules.population.reading import (
    Bools,
    Days,
    Ints,
    Parameters,
    fraction_at,
    mrp_scale_amounts,
    mzp_multiple_at,
    rounding_at,
    switch_at,
)
from kopir.rules.population.schedule import months_since_epoch

ALLOWANCE_SCALE = "state_budget.childcare_allowance.coefficient_mrp"
ROUNDINGS = ("gfss_rounding", "allowance_rounding")
_MOST_KEPT = 4096
# What each month was found to say, by (month, highest order): the parameters its reading asked for, by path,
# with what they said, for every law read so far (a baseline and its reforms share the months).
_kept: dict[tuple[bytes, int], list[tuple[tuple[tuple[str, Parameter], ...], MonthLaw]]] = {}


class _Noted:
    """A law's parameters, noting each one asked for: what a month's law depends on is what its reading
    read, never a list kept by hand beside it."""

    def __init__(self, law: Law) -> None:
        self.law = law
        self.asked: dict[str, Parameter] = {}

    def __getitem__(self, path: str) -> Parameter:
        parameter = self.asked[path] = self.law[path]
        return parameter


@dataclass(frozen=True)
class MonthLaw:
    """What the law says in one month of the schedule, per distinct birth month (or per run)."""

    number: Ints  # months since the epoch
    gfss_rounding: Rounding
    allowance_rounding: Rounding
    rate: kernel.Fractions
    ceiling: Ints
    opv_rate: kernel.Fractions
    pension_at_floor: Bools
    allowance: Ints  # [month, order]

    @classmethod
    def read(cls, law: Law, month: Days, highest_order: int) -> MonthLaw:
        """What `law` says in `month` (per distinct birth month), read once per month and parameters.

        A month's law depends only on the parameters its reading asks for, and a reform's law keeps the
        parameters it does not change as the same objects; so runs of the same laws (the chunks of a run,
        the draws of a cost's range in `kopir.microsim.uncertainty`) read each month once. Each kept month
        holds the parameters it read, so a law that has the same ones (the very objects) finds it.
        """
        key = (month.tobytes(), highest_order)
        for asked, kept in _kept.get(key, ()):
            if all(law[path] is parameter for path, parameter in asked):
                return kept
        if len(_kept) >= _MOST_KEPT:
            _kept.clear()
        noted = _Noted(law)
        read = cls._read(noted, month, highest_order)
        _kept.setdefault(key, []).append((tuple(noted.asked.items()), read))
        return read

    @classmethod
    def _read(cls, law: Parameters, month: Days, highest_order: int) -> MonthLaw:
        gfss_rounding = rounding_at(law, "rounding.gfss_payments", month)
        rate_num, rate_den, _ = fraction_at(law, "gfss.childcare.rate", month)
        ceiling_base, _ = mzp_multiple_at(law, "gfss.childcare.ceiling_mzp", month)
        opv_num, opv_den, _ = fraction_at(law, "contributions.opv_rate", month)
        return cls(
            number=months_since_epoch(month),
            gfss_rounding=gfss_rounding,
            allowance_rounding=rounding_at(law, "rounding.state_allowances", month),
            rate=kernel.Fractions(rate_num, rate_den),
            ceiling=kernel.childcare_ceiling(ceiling_base, kernel.Fractions(rate_num, rate_den), gfss_rounding),
            opv_rate=kernel.Fractions(opv_num, opv_den),
            pension_at_floor=switch_at(law, "gfss.childcare.pension_contribution_at_floor", month),
            allowance=mrp_scale_amounts(law, ALLOWANCE_SCALE, month, highest_order, "rounding.state_allowances"),
        )

    def gfss_values(self) -> Ints:
        """Per distinct birth month, a row of every value the GFSS payment uses (the allowance too)."""
        columns = [self.rate.numerator, self.rate.denominator, self.ceiling, self.opv_rate.numerator]
        columns += [self.opv_rate.denominator, self.pension_at_floor.astype(np.int64)]
        return np.column_stack([*columns, self.allowance])

    def allowance_values(self) -> Ints:
        return self.allowance


def _pick(values: list[Any], index: Ints) -> Any:
    """Per distinct birth month g, the value of month index[g] (values are per month, each per g)."""
    if isinstance(values[0], kernel.Fractions):
        return kernel.Fractions(
            _pick([v.numerator for v in values], index), _pick([v.denominator for v in values], index)
        )
    stacked = np.stack(values)
    return stacked[index, np.arange(stacked.shape[1])]


@dataclass(frozen=True)
class Runs:
    """The whole months 1.. of a schedule cut into runs of one law and one calendar year.

    `start[r, g]` is the first month (j) of run r of the distinct birth month g, `stop[r, g]` one past
    its last; 0 where g has no run r. `law[r]` is what the law says in run r, per g.
    """

    start: Ints
    stop: Ints
    law: list[MonthLaw]


def runs(laws: list[MonthLaw], first_month: Ints, gfss: bool) -> Runs | None:
    """Runs of the months 1..len(laws) (`laws[j - 1]` is month j); None if a rounding rule changes
    among them (then each month is its own pass)."""
    groups = len(first_month)
    if not laws:
        return Runs(np.zeros((0, groups), np.int64), np.zeros((0, groups), np.int64), [])
    if len({(law.gfss_rounding, law.allowance_rounding) for law in laws}) > 1:
        return None
    values = np.stack([law.gfss_values() if gfss else law.allowance_values() for law in laws])  # [j, g, k]
    count = len(laws)
    month_j = np.arange(1, count + 1)[:, None]
    changes = np.ones((count, groups), dtype=np.bool_)
    changes[1:] = (values[1:] != values[:-1]).any(axis=2)
    changes |= (first_month[None, :] + month_j) % 12 == 0  # a January starts a new run
    run = np.cumsum(changes, axis=0) - 1  # [j, g]
    total = int(run.max()) + 1
    group = np.broadcast_to(np.arange(groups), (count, groups))
    j = np.broadcast_to(month_j, (count, groups))
    start = np.zeros((total, groups), dtype=np.int64)
    stop = np.zeros((total, groups), dtype=np.int64)
    start[run[changes], group[changes]] = j[changes]
    ends = np.ones((count, groups), dtype=np.bool_)
    ends[:-1] = changes[1:]
    stop[run[ends], group[ends]] = j[ends] + 1
    picked = []
    for r in range(total):
        index = np.maximum(start[r], 1) - 1
        per_group = (f.name for f in fields(MonthLaw) if f.name not in ROUNDINGS)  # one rounding for all
        values_at = {name: _pick([getattr(law, name) for law in laws], index) for name in per_group}
        picked.append(replace(laws[0], **values_at))
    return Runs(start, stop, picked)
