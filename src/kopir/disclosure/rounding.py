"""HESA rounding: counts to the nearest multiple of the base (5), halves up; percentages are
computed from the unrounded figures before this runs, so rounding never distorts a rate twice."""

from __future__ import annotations


def round_to_base(count: int, base: int) -> int:
    """0, 1, 2 -> 0; 3..7 -> 5; 8 -> 10 (HESA: values under 2.5 become 0, halves round up)."""
    return (2 * count + base) // (2 * base) * base
