"""One cell of an indicator table: the shape shared by the exact tier and the public releases.

The indicator engine (`kopir.statistics`) produces cells with exact figures; disclosure control
(`kopir.disclosure`) takes a table of them and returns the same cells protected, with a status.
The fields are those of the open-data contract (docs/contracts/open-data.md), so that a release
writes them to CSV and JSON unchanged. A dimension's margin is the value ``"all"``: a table holds
its margins as ordinary cells, which is what complementary suppression needs to see.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

ALL = "all"

Kind = Literal["count", "rate", "money"]
Status = Literal["exact", "published", "suppressed_primary", "suppressed_secondary", "rounded"]
DIMENSIONS = ("period", "sex", "region", "body", "breakdown")


@dataclass(frozen=True)
class Cell:
    """A figure for one indicator at one point of its dimensions.

    ``value`` is a count (int), a rate in percent (Decimal, numerator / denominator x 100) or an
    amount in tenge (Decimal); ``numerator`` and ``denominator`` are the counts behind a rate (for a
    mean or median of pay, ``denominator`` is the number of persons). ``None`` means suppressed.
    """

    indicator: str
    period: str
    sex: str = ALL
    region: str = ALL
    body: str = ALL
    breakdown: str = ""
    kind: Kind = "count"
    value: int | Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    status: Status = "exact"

    def key(self) -> tuple[str, str, str, str, str, str]:
        """Where the cell sits: its indicator and every dimension (unique within a release)."""
        return (self.indicator, self.period, self.sex, self.region, self.body, self.breakdown)
