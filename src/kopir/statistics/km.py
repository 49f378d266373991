"""The Kaplan-Meier estimate of time to return: women still on leave are censored, not dropped.

Dropping those still on leave would show only the quick returners and make the time look short;
counting them as never returning would make it look long. The product-limit estimator uses each
of them for as long as she was observed (Kaplan and Meier 1958).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kopir.statistics.columns import Flags, Floats, Ints

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Curve:
    """The share still on leave after each event time (days), and the counts behind it."""

    times: Ints  # the distinct days at which someone returned
    on_leave: Floats  # S(t): the estimated share not yet returned just after each time
    cohort: int

    def at(self, day: float) -> float:
        """S at `day` (1.0 before the first return)."""
        index = int(np.searchsorted(self.times, day, side="right")) - 1
        return 1.0 if index < 0 else float(self.on_leave[index])

    def median_days(self) -> int | None:
        """The first day by which half have returned; None while fewer than half are estimated back."""
        below = np.flatnonzero(self.on_leave <= 0.5)
        return int(self.times[below[0]]) if len(below) else None


def kaplan_meier(durations: Ints, returned: Flags) -> Curve:
    """The curve from each person's observed time (days) and whether she returned at its end."""
    if len(durations) == 0:
        return Curve(np.zeros(0, dtype=np.int64), np.zeros(0), 0)
    times, inverse = np.unique(durations, return_inverse=True)
    leaving = np.bincount(inverse, minlength=len(times))  # returned or censored at each time
    events = np.bincount(inverse, weights=returned.astype(np.float64), minlength=len(times))
    at_risk = len(durations) - np.concatenate(([0], np.cumsum(leaving)[:-1]))
    survival = np.cumprod(1.0 - events / at_risk)
    has_event = events > 0
    return Curve(times[has_event].astype(np.int64), survival[has_event], len(durations))
