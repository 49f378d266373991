"""The disclosure-control policy: thresholds as versioned settings, loaded strictly.

A policy is a YAML file in ``policies/`` named ``<name>-v<version>.yaml``. Every threshold is a
setting so that a release can record exactly what protected it; a file with a missing, unknown or
mistyped key is refused, since a typo in a threshold would silently weaken every release.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from kopir.strict_yaml import load_strict

POLICIES = Path(__file__).resolve().parent / "policies"
DEFAULT_POLICY = "sdc-v1"


class PolicyError(ValueError):
    """The policy file is missing, or a key is missing, unknown or of the wrong type."""


@dataclass(frozen=True)
class Policy:
    """One version of the rule set (domain doc A.6, "SDC policy v1")."""

    name: str
    version: int
    primary_threshold: int
    rate_min_denominator: int
    money_min_per_sex: int
    min_frame_episodes: int
    frame_indicator: str
    rounding: bool
    rounding_base: int
    rate_decimals: int
    quarterly: bool
    differential_privacy: bool
    epsilon: float
    dp_alpha: float

    @property
    def label(self) -> str:
        """``sdc-v1``: the name and version a release records."""
        return f"{self.name}-v{self.version}"

    def settings(self) -> dict[str, Any]:
        """Every setting, as recorded in a release's metadata."""
        return asdict(self)

    @property
    def rate_quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.rate_decimals)


_TYPES: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "version": int,
    "frame_indicator": str,
    "rounding": bool,
    "quarterly": bool,
    "differential_privacy": bool,
    "epsilon": (int, float),
    "dp_alpha": (int, float),
}


def parse_policy(document: Any) -> Policy:
    """A `Policy` from a parsed YAML mapping; `PolicyError` names every problem."""
    if not isinstance(document, dict):
        raise PolicyError("a policy is a mapping of settings")
    expected = {field.name for field in fields(Policy)}
    problems = [f"missing key {key!r}" for key in sorted(expected - document.keys())]
    problems += [f"unknown key {key!r}" for key in sorted(document.keys() - expected)]
    for key in sorted(expected & document.keys()):
        problems += _type_problems(key, document[key])
    if problems:
        raise PolicyError("; ".join(problems))
    values = dict(document)
    values["epsilon"] = float(values["epsilon"])
    values["dp_alpha"] = float(values["dp_alpha"])
    return Policy(**values)


def _type_problems(key: str, value: Any) -> list[str]:
    wanted = _TYPES.get(key, int)
    # bool is an int in Python: a threshold written as `true` must not pass as 1
    if isinstance(value, bool) and wanted is not bool:
        return [f"{key!r} must be a number, not {value!r}"]
    if not isinstance(value, wanted):
        return [f"{key!r} has the wrong type: {value!r}"]
    number: Any = value
    if wanted is int and number < 0:
        return [f"{key!r} must not be negative"]
    ceiling = 1.0 if key == "dp_alpha" else float("inf")
    if key in ("epsilon", "dp_alpha") and not 0 < number < ceiling:
        return [f"{key!r} is out of range: {value!r}"]
    return []


def load_policy(label: str = DEFAULT_POLICY) -> Policy:
    """The policy ``policies/<label>.yaml`` (e.g. ``sdc-v1``); its name and version must match the file's."""
    path = POLICIES / f"{label}.yaml"
    if not path.is_file():
        raise PolicyError(f"no policy {label!r} in {POLICIES}")
    policy = parse_policy(load_strict(path.read_text(encoding="utf-8")))
    if policy.label != label:
        raise PolicyError(f"the file {path.name} holds the policy {policy.label!r}")
    return policy
