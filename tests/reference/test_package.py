"""The package: its examples hold and everything it exports exists."""

from __future__ import annotations

import doctest

import kopir.reference


def test_package_examples_hold() -> None:
    assert doctest.testmod(kopir.reference).failed == 0


def test_everything_exported_exists() -> None:
    for name in kopir.reference.__all__:
        assert getattr(kopir.reference, name) is not None, name
