"""Reading an agenda or body file: size, encoding and TOML, each problem one Danish line.

The checks before the rules: the file is a regular file (a FIFO is never opened), at
most MAX_BYTES, UTF-8 without NUL bytes, and TOML; a TOML syntax error is said plainly,
with the parser's own words where no plainer ones are known.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from meetingtui import files
from meetingtui.agenda.model import MAX_BYTES
from meetingtui.errors import AgendaError

# What a file read here is expected to be (said when it is not).
AGENDA = "en .toml-fil med en dagsorden"
BODY_FILE = "en udvalgsfil, bodies/<udvalg>.toml"


def read_bytes(path: Path, what: str = AGENDA) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1; never waits on a FIFO (one-line errors)."""
    try:
        _refuse_odd(path, os.stat(path), what)  # a FIFO is never opened: that would wait
        # O_NONBLOCK: a FIFO swapped in after the stat must not hang the read either.
        fd = os.open(path, os.O_RDONLY | files.NONBLOCK | files.CLOEXEC | files.BINARY)
        try:
            _refuse_odd(path, os.fstat(fd), what)
            return files.read_at_most(fd, MAX_BYTES)  # never more than the limit allows
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise AgendaError([f"{path}: filen findes ikke (forventet {what})"]) from None
    except OSError as err:
        raise AgendaError(
            [f"{path}: kan ikke læses: {files.reason(err)} (forventet {what}, der kan læses)"]
        ) from None


# What files.not_a_file says a path is, in Danish.
_NOT_A_FILE = {
    "a symbolic link": "et symbolsk link",
    "a folder": "en mappe",
    "a named pipe (FIFO)": "en navngiven pipe (FIFO)",
    "a device": "en enhed",
    "a socket": "en socket",
    "not a regular file": "ikke en almindelig fil",
}


def _refuse_odd(path: Path, st: os.stat_result, what: str) -> None:
    """An agenda is a regular file: a directory, FIFO, device or socket is said to be one."""
    kind = files.not_a_file(st)
    if kind:
        raise AgendaError([f"{path}: er {_NOT_A_FILE.get(kind, kind)} (forventet {what})"])


def read_toml(
    data: bytes,
    path: Path,
    what: str = AGENDA,
    cached: Callable[[str], dict | None] = lambda sha256: None,
    keep: Callable[[str, dict], None] = lambda sha256, raw: None,
) -> tuple[dict, str, str]:
    """The file's bytes as parsed TOML, its text and its SHA-256 (one-line errors).

    `cached` may give the parsed TOML of bytes with that SHA-256, and `keep` is given
    what was parsed (the agenda parse cache, agenda/load.py)."""
    import tomllib  # here, not at the top: an agenda from the cache is read, not parsed

    from meetingtui.agenda.fields import number

    if len(data) > MAX_BYTES:
        raise AgendaError(
            [
                f"{path}: filen er større end {number(MAX_BYTES)} byte "
                f"(forventet {what} på højst {number(MAX_BYTES)} byte)"
            ]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AgendaError(
            [f"{path}:1: filen er UTF-16-tekst (forventet UTF-8; gem filen som UTF-8)"]
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise AgendaError(
            [
                f"{path}:{line}: en NUL-byte: dette er binære data "
                "(forventet en TOML-tekstfil i UTF-8)"
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AgendaError(
            [
                f"{path}:{line}: byte 0x{data[err.start]:02x} er ikke UTF-8, måske Latin-1 eller "
                "Windows-1252 (forventet UTF-8-tekst; gem filen som UTF-8)"
            ]
        ) from None
    sha256 = hashlib.sha256(data).hexdigest()
    raw = cached(sha256)
    try:
        if raw is None:
            raw = tomllib.loads(text.removeprefix("\ufeff"))
            keep(sha256, raw)
    except tomllib.TOMLDecodeError as err:
        raise AgendaError([_toml_problem(path, text, str(err))]) from None
    except RecursionError:
        raise AgendaError(
            [
                f"{path}: lister eller tabeller ligger for dybt i hinanden til at kunne læses "
                f"(forventet {what})"
            ]
        ) from None
    except ValueError as err:  # tomllib lets int()'s digit limit through
        found = re.search(r"[0-9_]{1000,}", text)
        at = f":{text[: found.start()].count(chr(10)) + 1}" if found else ""
        what = "et tal har tusindvis af cifre" if "digits" in str(err) else str(err)
        raise AgendaError([f"{path}{at}: {what} (forventet et kort tal)"]) from None
    return raw, text, sha256


_TOML_HINTS = {
    "Illegal character '\\n'": (
        "linjen slutter inde i en tekst i anførselstegn",
        'et afsluttende " på samme linje, eller """ om tekst over flere linjer',
    ),
    "Unterminated string": (
        "en tekst i anførselstegn bliver aldrig afsluttet",
        'et afsluttende """ eller "',
    ),
    "Invalid value": (
        "en værdi, TOML ikke kan læse",
        'tekst i anførselstegn, fx place = "Rådhuset", et tal, true/false, en dato eller '
        "et klokkeslæt",
    ),
    "Expected newline or end of document after a statement": (
        "mere end én værdi på linjen",
        "ét felt = værdi pr. linje, tekster i anførselstegn, klokkeslæt fra 00:00:00 til 23:59:59",
    ),
    "Cannot overwrite a value": (
        "et felt står to gange i samme tabel",
        "hvert felt én gang",
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
            f"{where}: {label}{value or 'datoen'} er ikke en dato eller et klokkeslæt, der findes "
            "(forventet en rigtig dato og et rigtigt klokkeslæt, fx 2025-11-20 og 10:00:00)"
        )
    declared = re.fullmatch(r"Cannot declare \((.*)\) twice", what)
    if declared:
        name = ".".join(re.findall(r"'([^']*)'", declared.group(1)))
        return (
            f"{where}: TOML-syntaksfejl: [{name}] står to gange, eller både som "
            f"[{name}] og [[{name}]] (forventet den én gang)"
        )
    if what in _TOML_HINTS:
        problem, expected = _TOML_HINTS[what]
        return f"{where}: TOML-syntaksfejl: {problem} (forventet {expected})"
    return f"{where}: TOML-syntaksfejl: {what} (forventet gyldig TOML)"


def _place_of_line(lines: list[str], line: int) -> tuple[str, str]:
    """The `table N, key` label and the value written on a given line (1-based)."""
    from meetingtui.agenda.fields import _label

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
