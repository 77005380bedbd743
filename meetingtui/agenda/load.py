"""Load an agenda file: size, encoding and TOML checks, a parse cache, then the rules."""

from __future__ import annotations

import hashlib
import pickle
import re
import tomllib
from pathlib import Path

from meetingtui import files
from meetingtui.agenda.fields import _label
from meetingtui.agenda.model import FORMAT_VERSION, MAX_BYTES, Agenda
from meetingtui.agenda.rules import Checker
from meetingtui.errors import AgendaError


def load(path: str | Path, cache_dir: Path | None = None) -> Agenda:
    """Load and check an agenda file.

    With a `cache_dir`, the parsed TOML of a file already seen (same bytes, by SHA-256)
    is read from there: parsing a 500-item agenda costs far more than reading it back.
    The checks run every time either way.
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # never read more than the limit allows
    except FileNotFoundError:
        raise AgendaError([f"{path}: no such file (expected an agenda .toml file)"]) from None
    except IsADirectoryError:
        raise AgendaError([f"{path}: is a directory (expected an agenda .toml file)"]) from None
    except OSError as err:
        raise AgendaError(
            [f"{path}: cannot be read: {err.strerror} (expected a readable agenda .toml file)"]
        ) from None
    return parse(data, path, cache_dir)


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
            _cache(cache_dir, sha256, raw)
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


def _cache_file(cache_dir: Path, sha256: str) -> Path:
    return cache_dir / f"agenda-{FORMAT_VERSION}-{sha256}.pickle"


def _cached(cache_dir: Path | None, sha256: str) -> dict | None:
    """The parsed TOML from the cache (the user's own 0700 folder), or None."""
    if cache_dir is None:
        return None
    try:
        raw = pickle.loads(_cache_file(cache_dir, sha256).read_bytes())
    except Exception:  # absent, unreadable or stale: parse the file instead
        return None
    return raw if isinstance(raw, dict) else None


def _cache(cache_dir: Path | None, sha256: str, raw: dict) -> None:
    if cache_dir is None:
        return
    try:
        files.make_dirs(cache_dir)
        data = pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL)
        files.replace_file(_cache_file(cache_dir, sha256), data)
    except OSError:
        pass  # a cache that cannot be written only costs time


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
