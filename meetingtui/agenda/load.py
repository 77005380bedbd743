"""Load an agenda file: size, encoding and TOML checks, its body file, the rules; a cache.

An agenda that takes fields or members from its body file (format 2, `body_file`) gets
an `Agenda.sha256` that covers what it took, so a record notices when the body file's
members change under it; a change the agenda does not use (`next_number`) is not one.

With a cache folder, an agenda that loaded is kept (agenda/cached.py) and loaded from
there while the file, its body file and the program are byte for byte the same: parsing
and checking a 500-item agenda costs far more than reading it back
(bench/agenda_cache.py). An agenda with problems is never kept: it is checked, and says
its problems, at every load.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingtui.agenda.cached import CheckedAgenda
from meetingtui.agenda.model import Agenda
from meetingtui.agenda.source import read_bytes
from meetingtui.errors import AgendaError

if TYPE_CHECKING:
    from meetingtui.agenda.body_file import Body
    from meetingtui.agenda.rules import Checker


def load(path: str | Path, cache_dir: Path | None = None) -> Agenda:
    """Load and check an agenda file; with a `cache_dir`, through the checked-agenda cache."""
    path = Path(path)
    return parse(read_bytes(path), path, cache_dir)


def parse(data: bytes, path: Path, cache_dir: Path | None = None) -> Agenda:
    kept = CheckedAgenda(cache_dir, path, data) if cache_dir is not None else None
    agenda = kept.get() if kept is not None else None
    if agenda is not None:
        return agenda
    agenda, body = _check(data, path)
    if kept is not None:
        kept.keep(agenda, body)
    return agenda


def _check(data: bytes, path: Path) -> tuple[Agenda, Body | None]:
    """The agenda the bytes hold, and the body file it took from (AgendaError if none)."""
    # The TOML reader and the rules load here, on a cache miss only: an agenda from the
    # cache (every start but the first) needs neither (tests/test_agenda_cache.py).
    from meetingtui.agenda.rules import Checker
    from meetingtui.agenda.source import read_toml

    raw, text, sha256 = read_toml(data, path)
    checker = Checker(path, text)
    body = _body(checker, raw, path)
    agenda = checker.agenda(raw, body)
    if checker.problems:
        raise AgendaError(checker.problems)
    if checker.inherited:  # the record then also notices a change of what was inherited
        taken = json.dumps(to_json(checker.inherited), sort_keys=True, ensure_ascii=False)
        sha256 = hashlib.sha256(f"{sha256}\n{taken}".encode()).hexdigest()
    notes = tuple(checker.notes)
    return dataclasses.replace(agenda, path=path, sha256=sha256, notes=notes), body


def _body(checker: Checker, raw: dict, path: Path) -> Body | None:
    """The body file a format-2 agenda names, loaded. Without it the agenda cannot be
    checked (its members and fields may come from there): its problems are the ones said."""
    from meetingtui.agenda import body_file
    from meetingtui.agenda.rules import file_format

    meeting = raw.get("meeting")
    if file_format(raw) != 2 or not isinstance(meeting, dict) or "body_file" not in meeting:
        return None
    name = checker.text(meeting, ("meeting", "body_file"))
    if not name:
        raise AgendaError(checker.problems)
    try:
        return body_file.load(path.parent / name)
    except AgendaError as error:
        raise AgendaError(checker.problems + error.problems) from None


_TAGS: dict[type, str] = {dt.datetime: "datetime", dt.date: "date", dt.time: "time"}


def to_json(value: Any) -> Any:
    """TOML's value as JSON, for the SHA-256 of what an agenda inherited: dates and times
    tagged (`{"$toml": "date", "v": ...}`), a key that starts with `$` given one more `$`."""
    if isinstance(value, dict):
        return {("$" + k if k.startswith("$") else k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    tag = _TAGS.get(type(value))
    if tag:
        return {"$toml": tag, "v": value.isoformat()}
    return value
