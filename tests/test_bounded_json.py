"""The bounded JSON reader: every limit refuses with its reason and the value's path, and nothing crashes."""

from __future__ import annotations

import contextlib
import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kopir.bounded_json import JsonLimits, JsonRefused, Refusal, read_json

LIMITS = JsonLimits(max_bytes=64 * 1024)


def refusal(raw: bytes | str, limits: JsonLimits = LIMITS) -> tuple[Refusal, str]:
    with pytest.raises(JsonRefused) as caught:
        read_json(raw, limits)
    return caught.value.refusal, caught.value.path


def test_a_valid_document_is_read_with_exact_decimals() -> None:
    value = read_json(b'{"a": [1, 2.50, {"b": -3e2}], "c": null}', LIMITS)
    assert value == {"a": [1, Decimal("2.50"), {"b": Decimal("-3e2")}], "c": None}
    assert isinstance(value["a"][1], Decimal)


def test_a_byte_order_mark_is_dropped() -> None:
    assert read_json(b'\xef\xbb\xbf{"a": 1}', LIMITS) == {"a": 1}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[" * 30_000 + "]" * 30_000, (Refusal.TOO_DEEP, "")),
        ('{"a": ' * 40 + "1" + "}" * 40, (Refusal.TOO_DEEP, "")),
        (
            '{"income": {"monthly": [{"so_base": ' + "9" * 5000 + "}]}}",
            (Refusal.TOO_MANY_DIGITS, "income.monthly[0].so_base"),
        ),
        ('{"a": 1.' + "1" * 40 + "}", (Refusal.TOO_MANY_DIGITS, "a")),
        ('{"a": [1, 1e999999999]}', (Refusal.OUT_OF_RANGE, "a[1]")),
        ('{"a": 1e-25}', (Refusal.OUT_OF_RANGE, "a")),
        ('{"x": {"gross_salary": NaN}}', (Refusal.NOT_A_NUMBER, "x.gross_salary")),
        ('{"a": Infinity}', (Refusal.NOT_A_NUMBER, "a")),
        ('{"a": -Infinity}', (Refusal.NOT_A_NUMBER, "a")),
        ('{"event": {"type": "birth", "type": "adoption"}}', (Refusal.DUPLICATE_KEY, "event.type")),
        ("", (Refusal.EMPTY, "")),
        ("  \n ", (Refusal.EMPTY, "")),
        ("{not json", (Refusal.NOT_JSON, "")),
        ('{"a": 1} trailing', (Refusal.NOT_JSON, "")),
        ('"a', (Refusal.NOT_JSON, "")),
        ('["' + "[" * 100 + '"]', None),  # brackets inside a string do not nest
    ],
)
def test_each_limit_is_a_refusal_naming_the_value(raw: str, expected: tuple[Refusal, str] | None) -> None:
    if expected is None:
        assert read_json(raw, LIMITS) == ["[" * 100]
    else:
        assert refusal(raw) == expected


def test_the_size_is_checked_before_anything_is_decoded() -> None:
    assert refusal(b"\xff" * 70_000) == (Refusal.TOO_LARGE, "")
    assert refusal(b'{"a": "' + b"x" * (70 * 1024) + b'"}') == (Refusal.TOO_LARGE, "")


def test_bad_utf8_and_utf16_are_refused_at_their_line() -> None:
    with pytest.raises(JsonRefused) as caught:
        read_json(b'{\n"a":\n "\xff"}', LIMITS)
    assert (caught.value.refusal, caught.value.line, caught.value.column) == (Refusal.NOT_UTF8, 3, 3)
    assert refusal('{"a": 1}'.encode("utf-16")) == (Refusal.NOT_UTF8, "")


def test_escaped_quotes_do_not_hide_brackets() -> None:
    deep = '["\\"",' + "[" * 40 + "]" * 40 + "]"
    assert refusal(deep) == (Refusal.TOO_DEEP, "")


def test_depth_within_the_limit_is_read() -> None:
    assert read_json("[" * 32 + "]" * 32, LIMITS) is not None


def test_the_depth_scan_is_linear_on_a_full_body_of_brackets() -> None:
    started = time.perf_counter()
    for _ in range(10):
        assert refusal("[" * 65_000) == (Refusal.TOO_DEEP, "")
        assert refusal('["' + "[" * 65_000 + '", ' + "[" * 40) == (Refusal.TOO_DEEP, "")
    assert time.perf_counter() - started < 1.0


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_input_is_read_or_refused(raw: bytes | str) -> None:
    with contextlib.suppress(JsonRefused):
        read_json(raw, JsonLimits(max_bytes=150, max_depth=4))
