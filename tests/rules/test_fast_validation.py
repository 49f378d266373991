"""The compiled validator passes only what the schema passes, and errors are worded as before.

fastjsonschema checks the valid request; jsonschema words the errors when it refuses. A request the
compiled check passed that jsonschema would refuse would lose its errors: hypothesis mutates the
contract's example (values of every JSON type put in every field, fields removed and added) and
holds the two verdicts equal.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from kopir.rules import InvalidRequest, calculate, error_document
from kopir.rules.request import SCHEMA_FILE, _fast_check, check_structure

EXAMPLE = json.loads((Path(__file__).parents[2] / "examples" / "contract-example.json").read_text())
REFERENCE = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**13), 10**13)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["2025-07-08", "2025-07", "2025-02-30", "employee", "birth", "adoption", "", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["month", "so_base", "x"]), inner),
    max_leaves=6,
)


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*prefix, index))
    return found


def _fast_accepts(document: Any) -> bool:
    try:
        _fast_check()(document)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def _mutated(data: st.DataObject) -> dict[str, Any]:
    document = copy.deepcopy(EXAMPLE)
    document["income"] = data.draw(
        st.sampled_from(
            [
                {"average_so_base": 300000},
                {"gross_salary": 250000.5},
                {"monthly": [{"month": "2024-06", "so_base": 100000}]},
            ]
        )
    )
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(document)
        path = data.draw(st.sampled_from(paths))
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        action = data.draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = data.draw(json_values)
        elif action == "remove" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "month", "children", "type"]))] = data.draw(json_values)
    return document


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_compiled_check_passes_only_what_the_schema_passes(data: st.DataObject) -> None:
    document = _mutated(data)
    reference_valid = REFERENCE.is_valid(document)
    if _fast_accepts(document):
        assert reference_valid, f"the compiled check passed a request the schema refuses: {document}"
    if reference_valid:
        check_structure(document)
    else:
        with pytest.raises(InvalidRequest) as raised:
            check_structure(document)
        assert raised.value.errors


def test_the_example_passes_the_compiled_check_and_is_left_unchanged() -> None:
    document = copy.deepcopy(EXAMPLE)
    assert _fast_accepts(document)
    assert document == EXAMPLE  # no defaults written in


def test_a_refused_request_is_still_worded_field_by_field_in_every_language() -> None:
    document = copy.deepcopy(EXAMPLE)
    document["claimant"]["employment"] = "pirate"
    document["event"]["children"] = True
    document["surprise"] = 1
    texts = {}
    for lang in ("kk", "ru", "en"):
        with pytest.raises(InvalidRequest) as raised:
            calculate(document, lang=lang)
        texts[lang] = error_document(raised.value, lang)["errors"]
    fields = {e["field"] for e in texts["en"]}
    assert fields == {"claimant.employment", "event.children", "surprise"}
    assert "Must be one of: employee" in next(e for e in texts["en"] if e["field"] == "claimant.employment")["message"]
    assert texts["ru"] != texts["en"]
    assert texts["kk"] != texts["ru"]


def test_a_valid_request_does_not_load_jsonschema() -> None:
    """The wording validator is imported only for a refused request (a cold ``kopir calc`` stays light)."""
    import subprocess  # noqa: PLC0415

    code = (
        "import json, sys; from kopir.rules import calculate; "
        f"calculate(json.loads({json.dumps(json.dumps(EXAMPLE))})); "
        "print('jsonschema' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "False"


# Keywords whose meaning is the same in draft 2019-09 (what fastjsonschema compiles) and 2020-12 (what
# the contract declares). `items` in its array form, `$recursiveRef` and `dependencies` changed meaning:
# a schema that starts to use one must be checked by hand before it joins this list.
SAME_IN_BOTH_DRAFTS = {
    "$id", "$schema", "$comment", "title", "description", "default", "examples", "type", "enum", "const",
    "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "properties", "required", "additionalProperties", "minProperties",
    "maxProperties", "anyOf", "oneOf", "allOf", "not", "minItems", "maxItems", "uniqueItems",
    "items",  # in its schema form only (checked below)
}  # fmt: skip


def _keywords(schema: Any) -> set[str]:
    if isinstance(schema, list):
        return set().union(*(_keywords(item) for item in schema))
    if not isinstance(schema, dict):
        return set()
    found = set(schema) - {"properties"}
    for key, value in schema.items():
        if key == "properties":
            found |= {"properties"} | set().union(*(_keywords(v) for v in value.values()))
        elif key == "items":
            assert isinstance(value, dict), "items as an array means prefixItems in 2019-09, not in 2020-12"
            found |= _keywords(value)
        elif isinstance(value, dict | list):
            found |= _keywords(value)
    return found


def test_the_request_schema_uses_only_keywords_both_drafts_read_alike() -> None:
    assert _keywords(REFERENCE.schema) - SAME_IN_BOTH_DRAFTS == set()
