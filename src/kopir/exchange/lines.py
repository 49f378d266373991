"""The lines of a records file, read within limits: a huge line is read past, never held whole.

Each line is decoded and parsed on its own by `kopir.bounded_json`, so a byte that is not UTF-8, a
nesting 30,000 deep, a 5,000-digit number, ``NaN`` or a key written twice becomes a problem of that
line (its number, the field's JSON path, a code) and the other lines are still checked. A file given
by its path (the command line) is streamed; an upload comes as bytes already bounded by its size limit.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kopir.bounded_json import JsonLimits, JsonRefused, Refusal, read_json
from kopir.exchange import problems as p
from kopir.exchange.records import BODIES_FILE, EMPLOYEES_FILE

Source = bytes | str | Path
"""A file's content, or its path (then read line by line, never whole)."""
MAX_LINE_BYTES = 1024 * 1024
"""An employee with a long career and several children takes 2-3 KB; a megabyte is no real line."""
LINE_LIMITS = JsonLimits(max_bytes=MAX_LINE_BYTES, max_depth=16)
BOM = b"\xef\xbb\xbf"
"""The byte-order mark spreadsheets write at the start of a UTF-8 file."""
REFUSALS = {
    Refusal.TOO_LARGE: p.LINE_TOO_LONG,
    Refusal.TOO_DEEP: p.TOO_DEEP,
    Refusal.TOO_MANY_DIGITS: p.TOO_MANY_DIGITS,
    Refusal.OUT_OF_RANGE: p.NUMBER_OUT_OF_RANGE,
    Refusal.NOT_A_NUMBER: p.NOT_A_NUMBER,
    Refusal.DUPLICATE_KEY: p.DUPLICATE_KEY,
}
LineProblem = tuple[str, p.Reason, dict[str, object]]
"""A refused line: the field's JSON path ("$" for the line), the reason and its parameters."""


def bounded_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """Each line's bytes with its number, or None for a line over `MAX_LINE_BYTES` (read past, never held whole).

    The limit is on the line's content: its line ending (``\n`` or ``\r\n``) does not count."""
    number = 0
    room = MAX_LINE_BYTES + len(b"\r\n") + 1  # one byte more than the longest line that may pass
    while chunk := stream.readline(room):
        number += 1
        complete = chunk.endswith(b"\n") or len(chunk) < room
        if complete and len(chunk.rstrip(b"\r\n")) <= MAX_LINE_BYTES:
            yield number, chunk
            continue
        while not complete and (chunk := stream.readline(MAX_LINE_BYTES)):
            complete = chunk.endswith(b"\n")
        yield number, None


@contextmanager
def opened(source: Source) -> Iterator[IO[bytes]]:
    """A file's bytes as a stream: a path is opened (and read line by line), text and bytes wrapped."""
    if isinstance(source, Path):
        with source.open("rb") as stream:
            yield stream
    else:
        yield io.BytesIO(source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source)


def read_lines(source: Source) -> Iterator[tuple[int, Any, LineProblem | None]]:
    """Each non-blank line's number and JSON value, or its problem (blank lines are skipped)."""
    with opened(source) as stream:
        for number, line_bytes in bounded_lines(stream):
            if line_bytes is None:
                yield number, None, ("$", p.LINE_TOO_LONG, {"limit": MAX_LINE_BYTES})
                continue
            raw = (line_bytes.removeprefix(BOM) if number == 1 else line_bytes).rstrip(b"\r\n")
            if not raw.strip():
                continue
            try:
                yield number, read_json(raw, LINE_LIMITS), None
            except JsonRefused as refused:
                if refused.refusal is Refusal.EMPTY:
                    continue  # only Unicode white space (U+3000, U+2028 ...): as blank as an empty line
                yield number, None, _problem(refused)


def _problem(refused: JsonRefused) -> LineProblem:
    if refused.refusal is Refusal.NOT_UTF8:
        return "$", p.NOT_UTF8_LINE, {"column": refused.column}
    if refused.refusal is Refusal.NOT_JSON:
        return "$", p.NOT_JSON, {"column": refused.column}
    return refused.path or "$", REFUSALS[refused.refusal], {"limit": refused.limit or MAX_LINE_BYTES}


def present(name: str, data: Source | None, found: list[p.Problem]) -> Source:
    """A file's content or path, or a problem when it is missing."""
    if data is None:
        found.append(p.Problem(name, 0, "", p.MISSING_FILE))
        return b""
    return data


def read_directory(directory: Path) -> tuple[Path | None, Path | None]:
    """The two files of DIRECTORY, read line by line when imported."""

    def find(name: str) -> Path | None:
        path = directory / name
        return path if path.is_file() else None

    return find(BODIES_FILE), find(EMPLOYEES_FILE)


def counted_lines(source: Source | None) -> int:
    """How many non-blank lines a file has (for a progress bar), read with the same bounded lines."""
    if source is None:
        return 0
    with opened(source) as stream:
        return sum(1 for _, line in bounded_lines(stream) if line is None or line.strip())
