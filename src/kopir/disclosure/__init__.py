"""Statistical disclosure control for the public releases (issue 5, contract open-data v1).

Pure Python (no Django): the policy as versioned settings, primary and complementary suppression
audited by linear programming, HESA rounding, roll-up of small bodies and an optional
differential-privacy mode (OpenDP). `protect` runs them all on a release's cells.
"""

from kopir.disclosure.policy import DEFAULT_POLICY, Policy, PolicyError, load_policy
from kopir.disclosure.protect import Protected, TableError, protect
from kopir.disclosure.rollup import OTHER, BodyNode

__all__ = [
    "DEFAULT_POLICY",
    "OTHER",
    "BodyNode",
    "Policy",
    "PolicyError",
    "Protected",
    "TableError",
    "load_policy",
    "protect",
]
