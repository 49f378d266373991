from __future__ import annotations

from datetime import date

import pytest

from kopir.disclosure import BodyNode, load_policy
from kopir.publication.models import Release
from kopir.publication.services import publish_release
from tests.publication.sample import bodies_of, exact_cells

YEAR = 2025


@pytest.fixture
def bodies() -> dict[str, BodyNode]:
    return {code: BodyNode(None, region) for code, region in bodies_of(3, 4).items()}


@pytest.fixture
def release(bodies: dict[str, BodyNode]) -> Release:
    cells = exact_cells(YEAR, {code: node.region for code, node in bodies.items()})
    return publish_release(cells, year=YEAR, cut_off=date(2026, 3, 1), policy=load_policy(), bodies=bodies)
