from __future__ import annotations

import pytest

from kopir.disclosure import PolicyError, load_policy
from kopir.disclosure.policy import parse_policy


def test_sdc_v1_has_the_domain_defaults() -> None:
    policy = load_policy("sdc-v1")
    assert policy.label == "sdc-v1"
    assert (policy.primary_threshold, policy.rate_min_denominator, policy.money_min_per_sex) == (5, 20, 10)
    assert policy.min_frame_episodes == 10
    assert (policy.rounding, policy.rounding_base, policy.quarterly, policy.differential_privacy) == (
        False,
        5,
        False,
        False,
    )
    assert policy.settings()["epsilon"] == 1.0


def test_a_missing_unknown_or_mistyped_key_is_refused() -> None:
    document = load_policy().settings()
    del document["rate_min_denominator"]
    document["primary_treshold"] = 5
    document["rounding"] = "no"
    with pytest.raises(PolicyError) as refused:
        parse_policy(document)
    message = str(refused.value)
    assert "missing key 'rate_min_denominator'" in message
    assert "unknown key 'primary_treshold'" in message
    assert "'rounding' has the wrong type" in message


def test_a_threshold_written_as_a_boolean_is_refused() -> None:
    document = load_policy().settings() | {"primary_threshold": True}
    with pytest.raises(PolicyError, match="must be a number"):
        parse_policy(document)


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(PolicyError, match="no policy"):
        load_policy("sdc-v9")
