"""The engine's code lists are the models' choices: a code added to a model must reach the engine.

The pure engine cannot import the models, so it keeps its own tuples; an imported separation with
reason ``retirement`` once stopped `kopir stats compute` because the tuple lagged behind the model.
"""

from __future__ import annotations

import pytest
from django.db import models

from kopir.cases.models import AppointmentKind, Destination, ReturnMode, SegmentKind, SeparationReason
from kopir.organisation.models import Corps, ManagerialLevel
from kopir.statistics import columns


@pytest.mark.parametrize(
    ("vocabulary", "choices"),
    [
        (columns.REASONS, SeparationReason),
        (columns.CORPS, Corps),
        (columns.APPOINTMENT_KINDS, AppointmentKind),
        (columns.DESTINATIONS, Destination),
        (columns.RETURN_MODES, ReturnMode),
        (columns.SEGMENT_KINDS, SegmentKind),
        (columns.MANAGERIAL_LEVELS, ManagerialLevel),
    ],
)
def test_every_model_code_is_known(vocabulary: tuple[str, ...], choices: type[models.TextChoices]) -> None:
    assert set(vocabulary) == set(choices.values)
