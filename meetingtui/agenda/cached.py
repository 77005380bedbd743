"""An agenda that loaded, kept in the signed cache: used again only for the same files.

Checking a 500-item agenda's rules costs about 0.1 s, at every start. What this program
found once in the same bytes it would find again, so an agenda that loaded is kept
(meetingtui/cache.py: JSON, the user's own files, signed with the user's key) and used
instead of parsing and checking the file only when all of these hold:

- the agenda file's bytes are the ones it was made from (SHA-256, read now);
- every file it took from (its body file) still has the bytes it had (SHA-256, read now);
- the same program made it: meetingtui's source files unchanged
  (cache.program_fingerprint), and the same Python running it (its Unicode tables decide
  what is a control character or NFC);
- the agenda was named by the same path (its notes and body file name it as given).

The meeting's start is built again from its day, time and zone name, refusing a time
the zone database lacks or holds twice, as the rules do: a zone database updated since
is checked against. Anything else is a miss, and the file is parsed and checked as if
there were no cache. Only agendas without problems are kept: a file with problems is
checked every time, and says its problems the same way every time. The value is the
Agenda's own fields, each dataclass tagged with its name (`{"$": "Item", ...}`); a field
of a type not known here is not kept (the agenda is then checked at every load).

A tuple of parts (the items, an item's sections, the members) is kept as rows of their
fields' values (`{"$rows": "Item", "v": [[...], ...]}`). A field holding a long text (the
case texts: nearly all of an agenda's bytes) is kept in the cache's text section
(cache.py) instead, named by its place (`"t"`: row, column, start, end; for a single part
its `"$t"`: field, start, end), in byte offsets into the section: json.loads then reads
a fifteenth of the bytes, and each text is its bytes decoded. An offset outside the
section, or bytes that are not UTF-8, are a miss.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pendulum

from meetingtui import cache as cache_mod
from meetingtui.agenda.model import (
    MAX_BYTES,
    Agenda,
    Earlier,
    Item,
    Meeting,
    Member,
    Person,
    Section,
)
from meetingtui.agenda.source import BODY_FILE, read_bytes
from meetingtui.errors import AgendaError

if TYPE_CHECKING:
    from meetingtui.agenda.body_file import Body

KIND = "agenda"
# 1 was a pickle, 2 the parsed TOML (its rules checked at every load), 3 the Agenda with
# its texts in the JSON, 4 with its long texts in the text section.
VERSION = 4
LONG_TEXT = 64  # a text of more characters goes to the text section
# Each part of an Agenda by name, with its fields' names.
_CLASSES: dict[str, tuple[type, tuple[str, ...]]] = {
    cls.__name__: (cls, tuple(f.name for f in dataclasses.fields(cls)))
    for cls in (Agenda, Meeting, Member, Person, Item, Section, Earlier)
}
_PARTS = {name: (cls, frozenset(names)) for name, (cls, names) in _CLASSES.items()}


class CheckedAgenda:
    """The cache entry for one agenda file, named by the path it is loaded by."""

    def __init__(self, cache_dir: Path, path: Path, data: bytes):
        self._cache = cache_mod.Cache(cache_dir, KIND, VERSION, max_bytes=8 * MAX_BYTES)
        self._path = path
        self._source = hashlib.sha256(data).hexdigest()
        try:
            program = cache_mod.program_fingerprint().hex()
        except OSError:  # a source file unreadable: nothing is trusted, nothing kept
            self._key = None
        else:
            named = json.dumps([program, sys.version, str(path), self._source])
            self._key = hashlib.sha256(named.encode("utf-8", "surrogateescape")).hexdigest()

    @property
    def file(self) -> Path | None:
        """The cache file for this agenda (None: nothing is kept)."""
        return self._cache.file(self._key) if self._key is not None else None

    def get(self) -> Agenda | None:
        """The agenda kept for these bytes, if everything it was made from is unchanged."""
        if self._key is None:
            return None
        found = self._cache.get(self._key, texts_hook=_decoder)
        if not isinstance(found, dict) or found.get("source") != self._source:
            return None
        includes = found.get("includes")
        if not isinstance(includes, list) or not all(map(_unchanged, includes)):
            return None
        agenda = found.get("agenda")
        if not isinstance(agenda, Agenda):
            return None
        return dataclasses.replace(agenda, path=self._path)

    def keep(self, agenda: Agenda, body: Body | None) -> None:
        """Keep an agenda that loaded from these bytes (and `body`); failures cost time only."""
        if self._key is None:
            return
        texts = Texts()
        try:
            value = to_json(dataclasses.replace(agenda, path=None), texts)
        except (TypeError, ValueError):  # a field it cannot write: checked at every load
            return
        includes = [[str(body.path), body.sha256]] if body is not None else []
        value = {"source": self._source, "includes": includes, "agenda": value}
        self._cache.put(self._key, value, texts.section())


def _unchanged(include: Any) -> bool:
    """Whether a file the agenda took from still has the bytes it had."""
    if not (isinstance(include, list) and len(include) == 2 and all(map(_is_str, include))):
        return False
    where, sha256 = include
    try:
        data = read_bytes(Path(where), BODY_FILE)
    except AgendaError:
        return False
    return hashlib.sha256(data).hexdigest() == sha256


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


# -- the Agenda as JSON, and back ----------------------------------------------------------
class Texts:
    """The text section being written: the long texts in UTF-8, one after the other."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._size = 0

    def add(self, text: str) -> tuple[int, int]:
        """Put a text in the section: its (start, end) in bytes."""
        data = text.encode("utf-8")  # UnicodeEncodeError (a ValueError): not kept
        start = self._size
        self._parts.append(data)
        self._size += len(data)
        return start, self._size

    def section(self) -> bytes:
        return b"".join(self._parts)


def to_json(value: Any, texts: Texts | None = None) -> Any:
    """An Agenda (or any of its parts) as JSON, with its long texts in `texts` if given;
    TypeError for a value of an unknown type."""
    if _is_part(value):
        found: dict[str, Any] = {"$": _name(value)}
        moved: list[Any] = []
        for f in dataclasses.fields(value):
            part = getattr(value, f.name)
            if texts is not None and type(part) is str and len(part) > LONG_TEXT:
                moved += [f.name, *texts.add(part)]
            else:
                found[f.name] = to_json(part, texts)
        if moved:
            found["$t"] = moved
        return found
    if isinstance(value, tuple):
        if value and len({type(part) for part in value}) == 1 and _is_part(value[0]):
            return _rows(value, texts)
        return [to_json(part, texts) for part in value]
    if isinstance(value, pendulum.DateTime):  # before Date: a DateTime is a Date too
        if not value.timezone_name:
            raise TypeError("a time without a named zone")
        local = [value.year, value.month, value.day, value.hour, value.minute]
        return {
            "$": "DateTime",
            "local": [*local, value.second, value.microsecond],
            "zone": value.timezone_name,
        }
    if isinstance(value, pendulum.Date):
        return {"$": "Date", "iso": value.isoformat()}
    if isinstance(value, Path):
        return {"$": "Path", "path": str(value)}
    if value is None or type(value) in (str, int, bool):
        return value
    raise TypeError(f"not an agenda value: {type(value).__name__}")


def _is_part(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _name(part: Any) -> str:
    name = type(part).__name__
    if _CLASSES.get(name, (None,))[0] is not type(part):
        raise TypeError(f"not an agenda part: {name}")
    return name


def _rows(parts: tuple, texts: Texts | None) -> dict[str, Any]:
    """Parts of one class (an agenda's items, an item's sections) as rows of their fields'
    values in order, `{"$rows": class, "v": [[...], ...], "t": [row, column, start, end,
    ...]}`, the long texts in `texts` (None in the row): a table, without each part's
    field names and a call of json.loads's object_hook per part."""
    name = _name(parts[0])
    rows: list[list[Any]] = []
    moved: list[int] = []
    for at, part in enumerate(parts):
        row: list[Any] = []
        for column, f in enumerate(dataclasses.fields(part)):
            value = getattr(part, f.name)
            if texts is not None and type(value) is str and len(value) > LONG_TEXT:
                moved += [at, column, *texts.add(value)]
                row.append(None)
            else:
                row.append(to_json(value, texts))
        rows.append(row)
    found: dict[str, Any] = {"$rows": name, "v": rows}
    if moved:
        found["t"] = moved
    return found


def from_json(value: Any, texts: Texts | None = None) -> Any:
    """The inverse of to_json: a value read back with json.loads (lists become tuples, as
    in the model); ValueError, TypeError or KeyError for anything to_json does not write."""
    section = memoryview(texts.section() if texts else b"")
    return json.loads(json.dumps(value), object_hook=_decoder(section))


_NO_TEXTS = memoryview(b"")


def _decoder(texts: memoryview) -> Callable[[dict], Any]:
    """json.loads's object_hook for to_json's objects, their long texts in `texts`."""
    return functools.partial(decode, texts=texts)


def decode(found: dict, texts: memoryview = _NO_TEXTS) -> Any:
    """json.loads's object_hook for to_json's objects (called innermost first)."""
    tag = found.pop("$", None)
    if tag is None:
        rows = found.pop("$rows", None)
        if rows is not None:
            return _parts(rows, found, texts)
        return found  # not one of ours (the cache file's own fields)
    part = _PARTS.get(tag)
    if part is None:
        return _value(tag, found)
    cls, names = part
    moved = found.pop("$t", ())
    for at in range(0, len(moved), 3):
        name, start, end = moved[at : at + 3]
        if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(texts)):
            raise ValueError(f"{tag}.{name}: not a place in the text section")
        found[name] = _text(texts, start, end)
    if found.keys() != names:
        raise TypeError(f"{tag}: other fields than the model's")
    for name, value in found.items():  # the model's sequences are tuples
        if type(value) is list:
            found[name] = tuple(value)
    # The fields as __init__ would set them, without its object.__setattr__ per field of
    # a frozen dataclass: the parts are plain frozen data, without a __post_init__
    # (tests/test_agenda_cache.py holds them to that).
    made: Any = object.__new__(cls)
    made.__dict__.update(found)
    return made


def _parts(name: str, found: dict, texts: memoryview) -> tuple:
    """The parts `_rows` wrote, in a tuple."""
    cls, names = _CLASSES[name]
    rows, moved = found.pop("v"), found.pop("t", ())
    width = len(names)
    if (
        found
        or type(rows) is not list
        or not all(type(r) is list and len(r) == width for r in rows)
    ):
        raise TypeError(f"{name}: not rows of its fields")
    size = len(texts)
    for at in range(0, len(moved), 4):
        row, column, start, end = moved[at : at + 4]
        if not (
            type(row) is int
            and 0 <= row < len(rows)
            and type(column) is int
            and 0 <= column < width
            and type(start) is int
            and type(end) is int
            and 0 <= start <= end <= size
        ):
            raise ValueError(f"{name}: not a place in the text section")
        rows[row][column] = _text(texts, start, end)
    made = []
    for row in rows:
        for column, value in enumerate(row):  # the model's sequences are tuples
            if type(value) is list:
                row[column] = tuple(value)
        part: Any = object.__new__(cls)  # as in decode
        part.__dict__.update(zip(names, row, strict=True))
        made.append(part)
    return tuple(made)


def _text(texts: memoryview, start: int, end: int) -> str:
    """A text of the section (UnicodeDecodeError, a ValueError, if not UTF-8). Its bytes
    copied first: bytes.decode goes straight to the UTF-8 decoder, where str() of a view
    goes through the codec registry (half as much again, 2,000 times per agenda)."""
    return texts[start:end].tobytes().decode("utf-8")


def _value(tag: str, found: dict) -> Any:
    """A DateTime, Date or Path as to_json writes it (KeyError for any other tag)."""
    if tag == "DateTime":
        year, month, day, hour, minute, second, microsecond = found["local"]
        return pendulum.datetime(
            year,
            month,
            day,
            hour,
            minute,
            second,
            microsecond,
            tz=pendulum.timezone(found["zone"]),
            raise_on_unknown_times=True,  # as the rules build it: a time that exists once
        )
    if tag == "Date":
        day = dt.date.fromisoformat(found["iso"])
        return pendulum.date(day.year, day.month, day.day)
    if tag == "Path":
        return Path(found["path"])
    raise KeyError(tag)
