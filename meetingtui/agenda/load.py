"""Load an agenda file: size, encoding and TOML checks, a parse cache, its body file, the rules.

An agenda that takes fields or members from its body file (format 2, `body_file`) gets
an `Agenda.sha256` that covers what it took, so a record notices when the body file's
members change under it; a change the agenda does not use (`next_number`) is not one.

The cache (meetingtui/cache.py) keeps the parsed TOML as signed JSON, bound to the
file's SHA-256: it can neither run code nor stand for another agenda. TOML's dates and
times, which JSON lacks, are kept as tagged objects (`{"$toml": "date", "v": ...}`; a
key of the agenda's own that starts with `$` gets one more `$`), so the cached value is
exactly what tomllib gave. Either way, the rules are checked on every load, on that
value, which is the file's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from meetingtui.agenda import body_file
from meetingtui.agenda.body_file import Body
from meetingtui.agenda.model import MAX_BYTES, Agenda
from meetingtui.agenda.rules import Checker, file_format
from meetingtui.agenda.source import read_bytes, read_toml
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
    return parse(read_bytes(path), path, cache_dir)


def parse(data: bytes, path: Path, cache_dir: Path | None = None) -> Agenda:
    raw, text, sha256 = read_toml(
        data,
        path,
        cached=lambda sha256: _cached(cache_dir, sha256),
        keep=lambda sha256, raw: _keep(cache_dir, sha256, raw),
    )
    checker = Checker(path, text)
    body = _body(checker, raw, path)
    agenda = checker.agenda(raw, body)
    if checker.problems:
        raise AgendaError(checker.problems)
    if checker.inherited:  # the record then also notices a change of what was inherited
        taken = json.dumps(to_json(checker.inherited), sort_keys=True, ensure_ascii=False)
        sha256 = hashlib.sha256(f"{sha256}\n{taken}".encode()).hexdigest()
    notes = tuple(checker.notes)
    return dataclasses.replace(agenda, path=path, sha256=sha256, notes=notes)


def _body(checker: Checker, raw: dict, path: Path) -> Body | None:
    """The body file a format-2 agenda names, loaded. Without it the agenda cannot be
    checked (its members and fields may come from there): its problems are the ones said."""
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
