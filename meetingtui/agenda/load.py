"""Load an agenda file: size, encoding and TOML checks, a parse cache, then the rules.

The cache (meetingtui/cache.py) keeps the parsed TOML as signed JSON, bound to the
file's SHA-256: it can neither run code nor stand for another agenda. TOML's dates and
times, which JSON lacks, are kept as tagged objects (`{"$toml": "date", "v": ...}`; a
key of the agenda's own that starts with `$` gets one more `$`), so the cached value is
exactly what tomllib gave. Either way, the rules are checked on every load, on that
value, which is the file's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from meetingtui import files
from meetingtui.agenda.fields import _label
from meetingtui.agenda.model import MAX_BYTES, Agenda
from meetingtui.agenda.rules import Checker
from meetingtui.cache import Cache
from meetingtui.errors import AgendaError

CACHE_KIND = "agenda"
CACHE_VERSION = 2  # 1 was a pickle: never read again


def load(path: str | Path, cache_dir: Path | None = None) -> Agenda:
    """Load and check an agenda file.

    With a `cache_dir`, the parsed TOML of a file already seen (same bytes, by SHA-256)
    is read from there, if it is the user's, signed with the user's key and made from
    these bytes (meetingtui/cache.py): parsing a 500-item agenda costs far more than
    reading it back (bench/agenda_cache.py). The rules are checked every time either way.
    """
    path = Path(path)
    try:
        _refuse_odd(path, os.stat(path))  # a FIFO is never opened: that would wait
        # O_NONBLOCK: a FIFO swapped in after the stat must not hang the read either.
        fd = os.open(path, os.O_RDONLY | files.NONBLOCK | files.CLOEXEC | files.BINARY)
        try:
            _refuse_odd(path, os.fstat(fd))
            data = files.read_at_most(fd, MAX_BYTES)  # never more than the limit allows
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise AgendaError([f"{path}: no such file (expected an agenda .toml file)"]) from None
    except OSError as err:
        raise AgendaError(
            [f"{path}: cannot be read: {files.reason(err)} (expected a readable agenda .toml file)"]
        ) from None
    return parse(data, path, cache_dir)


def _refuse_odd(path: Path, st: os.stat_result) -> None:
    """An agenda is a regular file: a directory, FIFO, device or socket is said to be one."""
    kind = files.not_a_file(st)
    if kind:
        kind = "a directory" if kind == "a folder" else kind
        raise AgendaError([f"{path}: is {kind} (expected an agenda .toml file)"])


def parse(data: bytes, path: Path, cache_dir: Path | None = None) -> Agenda:
    if len(data) > MAX_BYTES:
        raise AgendaError(
            [
                f"{path}: file is larger than {MAX_BYTES:,} bytes, the limit for an agenda "
                f"(expected at most {MAX_BYTES:,} bytes)"
            ]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AgendaError(
            [f"{path}:1: the file is UTF-16 text (expected UTF-8; save the file as UTF-8)"]
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise AgendaError(
            [f"{path}:{line}: a NUL byte: this is binary data (expected a UTF-8 TOML text file)"]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AgendaError(
            [
                f"{path}:{line}: byte 0x{data[err.start]:02x} is not UTF-8, perhaps Latin-1 or "
                "Windows-1252 (expected UTF-8 text; save the file as UTF-8)"
            ]
        ) from None
    sha256 = hashlib.sha256(data).hexdigest()
    raw = _cached(cache_dir, sha256)
    try:
        if raw is None:
            raw = tomllib.loads(text.removeprefix("\ufeff"))
            _keep(cache_dir, sha256, raw)
    except tomllib.TOMLDecodeError as err:
        raise AgendaError([_toml_problem(path, text, str(err))]) from None
    except RecursionError:
        raise AgendaError(
            [f"{path}: lists or tables are nested too deeply to read (expected an agenda file)"]
        ) from None
    except ValueError as err:  # tomllib lets int()'s digit limit through
        found = re.search(r"[0-9_]{1000,}", text)
        at = f":{text[: found.start()].count(chr(10)) + 1}" if found else ""
        what = "a number has thousands of digits" if "digits" in str(err) else str(err)
        raise AgendaError([f"{path}{at}: {what} (expected a short number)"]) from None
    checker = Checker(path, text)
    agenda = checker.agenda(raw)
    if checker.problems:
        raise AgendaError(checker.problems)
    return Agenda(agenda.meeting, agenda.members, agenda.items, path, sha256)


def _cache(cache_dir: Path) -> Cache:
    return Cache(cache_dir, CACHE_KIND, CACHE_VERSION, max_bytes=8 * MAX_BYTES)


def _cached(cache_dir: Path | None, sha256: str) -> dict | None:
    """The parsed TOML of the file with this SHA-256 from the cache, or None."""
    if cache_dir is None:
        return None
    try:
        raw = from_json(_cache(cache_dir).get(sha256))
    except (TypeError, ValueError, KeyError):
        return None
    return raw if isinstance(raw, dict) else None


def _keep(cache_dir: Path | None, sha256: str, raw: dict) -> None:
    if cache_dir is not None:
        _cache(cache_dir).put(sha256, to_json(raw))


_TAGS: dict[type, str] = {dt.datetime: "datetime", dt.date: "date", dt.time: "time"}
_FROM_TAG = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
}


def to_json(value: Any) -> Any:
    """TOML's value as JSON: dates and times tagged, `$` keys escaped (see the docstring)."""
    if isinstance(value, dict):
        return {("$" + k if k.startswith("$") else k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    tag = _TAGS.get(type(value))
    if tag:
        return {"$toml": tag, "v": value.isoformat()}
    return value


def from_json(value: Any) -> Any:
    """The inverse of to_json."""
    if isinstance(value, dict):
        if "$toml" in value:
            return _FROM_TAG[value["$toml"]](value["v"])
        return {(k[1:] if k.startswith("$") else k): from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value


_TOML_HINTS = {
    "Illegal character '\\n'": (
        "the line ends inside a text in quotes",
        'a closing " on the same line, or """ around text over several lines',
    ),
    "Unterminated string": (
        "a text in quotes is never closed",
        'a closing """ or "',
    ),
    "Invalid value": (
        "a value TOML cannot read",
        'text in quotes, e.g. place = "Rådhuset", a number, true/false, a date or a time',
    ),
    "Expected newline or end of document after a statement": (
        "more than one value on the line",
        "one field = value per line, texts in quotes, times from 00:00:00 to 23:59:59",
    ),
    "Cannot overwrite a value": (
        "a field is given twice in the same table",
        "each field once",
    ),
}


def _toml_problem(path: Path, text: str, message: str) -> str:
    """One line for a tomllib error, with its line number and a plainer wording."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    what = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    line = int(found.group(1)) if found else None
    lines = text.split("\n")  # as tomllib counts lines
    if line is None and what in ("Unterminated string", "Expected \"'''\""):
        # an unclosed multi-line text runs to the end, so its opening quotes are the last
        # ones; otherwise the unclosed text is on the last line that is not empty
        odd = [quotes for quotes in ('"""', "'''") if text.count(quotes) % 2]
        candidates = [
            number
            for number, content in enumerate(lines, 1)
            if (odd[0] in content if odd else content.strip())
        ]
        line = candidates[-1] if candidates else None
    where = f"{path}:{line}" if line else str(path)
    if what == "Invalid date or datetime" and line:
        place, value = _place_of_line(lines, line)
        label = f"{place}: " if place else ""
        value = value if value.isprintable() else repr(value)
        return (
            f"{where}: {label}{value or 'the date'} is not a date or time that exists "
            "(expected a real date and time, e.g. 2025-11-20 and 10:00:00)"
        )
    declared = re.fullmatch(r"Cannot declare \((.*)\) twice", what)
    if declared:
        name = ".".join(re.findall(r"'([^']*)'", declared.group(1)))
        return (
            f"{where}: TOML syntax error: [{name}] is declared twice, or as both "
            f"[{name}] and [[{name}]] (expected it once)"
        )
    if what in _TOML_HINTS:
        problem, expected = _TOML_HINTS[what]
        return f"{where}: TOML syntax error: {problem} (expected {expected})"
    return f"{where}: TOML syntax error: {what} (expected valid TOML)"


def _place_of_line(lines: list[str], line: int) -> tuple[str, str]:
    """The `table N, key` label and the value written on a given line (1-based)."""
    counts: dict[str, int] = {}
    table, index = "", None
    for text in lines[: line - 1]:
        header = re.match(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]", text)
        if header:
            table = header.group(2)
            if header.group(1) == "[[":
                counts[table] = counts.get(table, -1) + 1
                index = counts[table]
            else:
                index = None
    pair = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(#.*)?$", lines[line - 1])
    if not pair:
        return _label((table,) if table else ()), ""
    where = tuple(part for part in (table, index, pair.group(1)) if part not in ("", None))
    return _label(where), pair.group(2)
