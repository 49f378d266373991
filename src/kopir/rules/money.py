"""Money as integer tiyn (1 tenge = 100 tiyn), and the law's rounding rules.

Why integers: binary floats cannot hold most amounts to the tiyn (595,000 x 140/30 is
2,776,666.666...), and the calculator must be exact. Every division goes through
`divide`, which rounds a fraction of integers exactly as a `Rounding` parameter says.

Only ``+``, ``*`` and ``//`` are used on amounts, so the same helpers work on Python ints
and on numpy int64 arrays (the population path of the microsimulation).

>>> divide(59_500_000 * 140, 30, Rounding("half_up", 1))
277666667
>>> divide(2_264_832, 100, Rounding("half_up", 100))
2264800
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, Protocol, TypeVar

TIYN_PER_TENGE = 100

RoundingMode = Literal["half_up", "ceiling", "floor"]
Amount = TypeVar("Amount")  # int, or a numpy integer array on the population path


class Ratio(Protocol):
    """An exact rate: a `Fraction`, or a column of numerators and denominators (`kernel.Fractions`)."""

    @property
    def numerator(self) -> Any: ...

    @property
    def denominator(self) -> Any: ...


@dataclass(frozen=True)
class Rounding:
    """How an amount is rounded: the mode, and the unit in tiyn (1 = to the tiyn, 100 = to the tenge)."""

    mode: RoundingMode
    unit: int


def divide(numerator: int, denominator: int, rounding: Rounding) -> int:
    """Return numerator / denominator in tiyn, rounded to `rounding.unit` tiyn (inputs are not negative)."""
    step = denominator * rounding.unit
    if rounding.mode == "half_up":
        quotient = (2 * numerator + step) // (2 * step)
    elif rounding.mode == "ceiling":
        quotient = -((-numerator) // step)
    else:
        quotient = numerator // step
    return quotient * rounding.unit


def apply_rate(amount: int, rate: Ratio, rounding: Rounding) -> int:
    """Return amount x rate, rounded: a rate is an exact fraction (0.4 is 2/5, 5.76 is 144/25)."""
    return divide(amount * rate.numerator, rate.denominator, rounding)


def tiyn(tenge: Decimal | int) -> int:
    """Convert an amount in tenge with at most two decimals to tiyn; refuse anything finer."""
    scaled = Decimal(tenge) * TIYN_PER_TENGE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{tenge} has more than two decimals")
    return int(scaled)


def tenge(amount: int) -> Decimal:
    """Convert tiyn to a Decimal in tenge: whole tenge without decimals, otherwise two decimals."""
    if amount % TIYN_PER_TENGE == 0:
        return Decimal(amount // TIYN_PER_TENGE)
    return Decimal(amount).scaleb(-2)


def fraction(value: Decimal | int) -> Fraction:
    """Turn a parameter value (a Decimal from the YAML) into an exact fraction."""
    return Fraction(value)
