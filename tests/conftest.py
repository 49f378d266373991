"""Shared fixtures: the contract's JSON Schemas, a request builder and a local Dask cluster."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings as hypothesis_settings
from jsonschema import Draft202012Validator

if TYPE_CHECKING:
    from distributed import Client

# The commands' own words follow KOPIR_LANG, then the system locale (decision 0025): the suite expects
# English wherever it does not ask for a language, on a machine set to Russian or Kazakh too. A test of
# the choice itself passes its own environment.
os.environ["KOPIR_LANG"] = "en"

# Hypothesis fails an example slower than 200 ms by default: a timed test, which the shared 2-core machine
# fails under load (tests/statistics/test_tables.py did). Speed lives in the benchmarks; the property
# tests check properties only.
hypothesis_settings.register_profile("kopir", deadline=None)
hypothesis_settings.load_profile("kopir")

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "src" / "kopir" / "rules" / "schemas"
"""The contract's JSON Schemas, shipped with Kopir (the API embeds them, the rules validate against them)."""
CONTRACT_TEXTS = REPO / "docs" / "contracts"
"""The contract's texts (calculation, records exchange, open data), kept in the repository."""
SHARED_CONTRACTS = REPO.parent / "shared" / "contracts"
"""The published originals: beside a working checkout and in CI, absent from a clone of the repository."""


def contract_copy(name: str) -> Path:
    """The repository's own copy of the contract file ``name`` (a schema or a text)."""
    return (SCHEMAS if name.endswith(".schema.json") else CONTRACT_TEXTS) / name


CONTRACT_EXAMPLE: dict[str, Any] = json.loads((REPO / "examples" / "contract-example.json").read_text())


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        json.loads((SCHEMAS / name).read_text()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="session")
def response_schema() -> Draft202012Validator:
    return _validator("calculation-response.schema.json")


@pytest.fixture(scope="session")
def errors_schema() -> Draft202012Validator:
    return _validator("errors.schema.json")


@pytest.fixture(scope="session")
def request_schema() -> Draft202012Validator:
    return _validator("calculation-request.schema.json")


def make_request(**changes: Any) -> dict[str, Any]:
    """The contract's example request with changes: ``make_request(event__children=2, income={...})``."""
    request = copy.deepcopy(CONTRACT_EXAMPLE)
    for key, value in changes.items():
        *parents, leaf = key.split("__")
        target = request
        for parent in parents:
            target = target[parent]
        target[leaf] = value
    return request


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Client]:
    """A local Dask cluster of two worker processes, started once for the tests that run work on one."""
    from kopir.cluster import cluster_client  # noqa: PLC0415 - Dask only for the tests that ask

    with cluster_client(workers=2) as client:
        yield client
