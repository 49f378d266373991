"""How a process that computes columns of a million persons keeps its memory (decision 0043).

A pass of the population path allocates and frees about a hundred temporary columns of 8 MB. By
default glibc's malloc gives such a block back to the system as soon as it is freed (a block above
its mmap threshold is unmapped, the top of the heap above its trim threshold is trimmed), so the next
pass touches fresh pages again: about 46,000 page faults and 0.1-0.2 s of system time per million
persons, in every pass. NumPy also asks the kernel for transparent huge pages for each array of 4 MB
or more (``madvise``); where the system grants them on request (``madvise``, the usual setting), the
first touch may make the kernel compact memory to find them: 0.3-0.4 s on the first pass of a process,
measured on 2 cores.

`columns_memory_kept` asks malloc to keep freed blocks of up to `KEPT_BYTES` for the next pass and
NumPy to ask for no huge pages. A pass then reuses the pages of the one before: on 1,000,000 persons
the first pass measured 0.70-0.74 s instead of 0.76-1.24 s, and every later one 0.58-0.60 s instead of
0.64-0.81 s, with no page fault. The price: the process keeps its peak heap until it ends, so it is
called only where a process exists to compute columns (`kopir simulate`, a Dask worker's chunk task, the
microsimulation benchmark), not in the web server or the job worker, which do other work between runs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache

from numpy._core import multiarray

logger = logging.getLogger(__name__)

KEPT_BYTES = 1 << 30  # a chunk of a million persons peaks near 300 MB; a GB leaves room for four
_M_TRIM_THRESHOLD = -1  # glibc's <malloc.h>
_M_MMAP_THRESHOLD = -3


@cache
def columns_memory_kept() -> bool:
    """Keep freed memory for the next pass and ask for no huge pages; True where malloc took it (glibc).

    Once per process: the settings hold until it ends. Elsewhere (musl, macOS) nothing changes and the
    passes are only slower.
    """
    huge_pages = getattr(multiarray, "_set_madvise_hugepage", None)  # NumPy's switch (NUMPY_MADVISE_HUGEPAGE)
    if huge_pages is not None:
        huge_pages(False)
    name = ctypes.util.find_library("c")
    mallopt = getattr(ctypes.CDLL(name), "mallopt", None) if name else None
    if mallopt is None:
        logger.info("no mallopt in the C library %s: freed memory goes back to the system", name)
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, KEPT_BYTES)) and bool(mallopt(_M_TRIM_THRESHOLD, KEPT_BYTES))
