"""The optional differential-privacy mode: discrete Laplace noise on counts, from OpenDP.

OpenDP's plain measurement API (`make_laplace` on integers: the discrete Laplace mechanism) is used
rather than its polars ``Context``: our input is already a table of counts, and the polars route
pins ``polars==1.36.1``. One person adds at most one to each count they are in, and within one
table they are in a cell and in every margin above it: the table's sensitivity is that number of
cells. The release's epsilon is split equally across its tables (basic composition), and the noise
scale is sensitivity / epsilon-per-table. Suppression and rounding run afterwards on the noisy
figures, which is post-processing and costs no privacy; means of pay are not published in this mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product

import opendp.prelude as dp

from kopir.disclosure.tables import Place

dp.enable_features("contrib")


@dataclass(frozen=True)
class NoiseScale:
    """The noise of one table: its sensitivity, the Laplace scale and the error margin at 1 - alpha."""

    sensitivity: int
    epsilon: float
    scale: float
    margin: float
    alpha: float

    def metadata(self) -> dict[str, float | int]:
        return {
            "sensitivity": self.sensitivity,
            "epsilon": self.epsilon,
            "laplace_scale": self.scale,
            "error_margin": round(self.margin, 2),
            "confidence": round(1 - self.alpha, 4),
        }


def sensitivity(places: Iterable[Place]) -> int:
    """How many cells of the table one person can be in: a cell and its present margins,
    times the number of breakdown names (a person is in one category of each)."""
    present = set(places)
    names = {breakdown.split("=", 1)[0] for *_, breakdown in present if breakdown}
    deepest = 1
    for sex, region, body, breakdown in present:
        options = product((sex, "all"), (region, "all"), (body, "all"), (breakdown, ""))
        deepest = max(deepest, len({option for option in options if option in present}))
    return deepest * max(1, len(names))


def noise_scale(places: Iterable[Place], epsilon: float, alpha: float) -> NoiseScale:
    delta = sensitivity(places)
    scale = delta / epsilon
    margin = float(dp.discrete_laplacian_scale_to_accuracy(scale, alpha))
    return NoiseScale(delta, epsilon, scale, margin, alpha)


def add_noise(values: Mapping[Place, int], noise: NoiseScale) -> dict[Place, int]:
    """Every count with its own discrete Laplace noise; a negative result is shown as 0."""
    measurement = dp.m.make_laplace(dp.atom_domain(T=int), dp.absolute_distance(T=int), scale=noise.scale)
    return {place: max(0, int(measurement(int(value)))) for place, value in values.items()}
