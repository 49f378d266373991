"""A process that computes columns keeps its freed pages for the next pass (decision 0043).

Measured by what the settings are for: the page faults of a second pass over a column of 64 MB, in a
process of its own (the settings last until a process ends), with and without `columns_memory_kept`.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PASSES = """
import resource, sys
import numpy as np
if sys.argv[1] == "kept":
    from kopir.microsim.memory import columns_memory_kept
    assert columns_memory_kept()
def one_pass():
    column = np.ones(8 * 2**20, dtype=np.int64)  # 64 MB: above glibc's largest dynamic mmap threshold
    column += 1
    del column
one_pass()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
one_pass()
from numpy._core import multiarray
huge_pages = multiarray._set_madvise_hugepage(False)  # returns the state it replaces
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before, huge_pages)
"""


def _second_pass(mode: str, huge_pages: str) -> tuple[int, bool]:
    """The page faults of the second pass, and whether NumPy still asked for huge pages after it."""
    env = os.environ | {"NUMPY_MADVISE_HUGEPAGE": huge_pages}
    command = [sys.executable, "-c", PASSES, mode]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)  # noqa: S603 - our own code
    faults, asked = done.stdout.split()
    return int(faults), asked == "True"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc and /proc's counters: Linux")
def test_a_second_pass_reuses_the_first_ones_pages() -> None:
    given_back, _ = _second_pass("default", huge_pages="0")  # the pages counted one by one in both runs
    kept, _ = _second_pass("kept", huge_pages="0")
    assert given_back > 10_000  # 64 MB of 4 kB pages touched anew: the block went back to the system
    assert kept < 500  # the same pages again


def test_numpy_asks_for_no_huge_pages_once_kept() -> None:
    _, asked_by_default = _second_pass("default", huge_pages="1")
    _, asked_once_kept = _second_pass("kept", huge_pages="1")
    assert (asked_by_default, asked_once_kept) == (True, False)
