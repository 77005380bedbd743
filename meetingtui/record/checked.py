"""What was checked of a record before: its lines up to some byte, kept in a signed cache.

Opening a record checks every line (checksum, JSON, shape, order, the event's fields):
at 5,000 events that is most of what opening costs, and it is done again at every start.
A record only grows, so what this program found whole and usable once stays so, as long
as the bytes are the same. `CheckedPrefix` keeps, per record file, the entries of the
lines checked last time and the SHA-256 of the bytes they came from (the cache.py rules:
data only, the user's own files, signed with the user's key). On opening, if the file
still begins with exactly those bytes, their entries are taken as found and only the
lines after them are checked; anything else (another file at that path, a byte changed
anywhere in the prefix, a cache file planted, edited or unreadable) is a miss, and the
whole file is checked as before. The record file stays the one truth: the cache is only
ever consulted about bytes read from it in the same call.

A cache entry is bound to the program that checked it (cache.program_fingerprint: every
source file of the meetingtui package, by its path, size and times), so a version that
checks differently never trusts another's verdict.

Each line is kept as the storage holds it, `[table, id, document]` (the document with
its id as a number, as storage.py's `_hold` makes it), so a cached opening takes the
documents as they are read back, without copying each. A line's chain hash (`prev`, 64
digits on every line, beside the document) is not kept: what loading needs of the chain
(chain.State: the newest event's hash, the events without prev) is kept beside them, so
a cached opening parses no more than before the chain.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from meetingtui.cache import Cache, program_fingerprint
from meetingtui.fingerprint import HEX64
from meetingtui.record.chain import State
from meetingtui.record.guard import MAX_BYTES

KIND = "record-checked"
VERSION = 3  # 2 kept each line's entry ({"t", "id", "d"}), 3 its [table, id, document]

# A line as held: [table, id as on disk, the document with its id as a number].
Line = list


class CheckedPrefix:
    """The entries of a record file's lines that this program checked before."""

    def __init__(self, cache_dir: Path, record: Path, check_name: str):
        self._cache = Cache(cache_dir, KIND, VERSION, max_bytes=4 * MAX_BYTES)
        try:
            where = os.path.realpath(record).encode("utf-8", "surrogateescape")
            program = program_fingerprint()
        except OSError:  # a source file unreadable: no cache, the whole file is checked
            self._source = None
        else:
            key = hashlib.sha256(program + b"\0" + check_name.encode() + b"\0" + where)
            self._source = key.hexdigest()

    def known(self, data: bytes) -> tuple[list[Line], int, State | None]:
        """The lines `data` begins with that were checked (as held), their
        length in bytes and the chain's state after them: ([], 0, None) when nothing known
        applies."""
        if self._source is None:
            return [], 0, None
        found = self._cache.get(self._source)
        if not isinstance(found, dict):
            return [], 0, None
        length, digest, lines = found.get("bytes"), found.get("sha256"), found.get("lines")
        state = _state(found.get("chain"))
        if not (
            isinstance(length, int)
            and 0 < length <= len(data)
            and isinstance(digest, str)
            and isinstance(lines, list)
            and all(map(_is_line, lines))
            and state is not None
        ):
            return [], 0, None
        if hashlib.sha256(data[:length]).hexdigest() != digest:
            return [], 0, None
        return lines, length, state

    def keep(self, data: bytes, lines: list[Line], state: State) -> None:
        """Keep `lines` (as held) as those of `data`, all checked, and the chain's state
        after them (failures only cost time)."""
        if self._source is None or not data:
            return
        value = {
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "lines": lines,
            "chain": {"last": state.last, "unchained": sorted(state.unchained, key=int)},
        }
        self._cache.put(self._source, value)


def _is_line(line: object) -> bool:
    return (
        type(line) is list
        and len(line) == 3
        and type(line[0]) is str
        and type(line[1]) is str
        and type(line[2]) is dict
    )


def _state(found: object) -> State | None:
    """The chain's state as kept, or None if it is not one."""
    if not isinstance(found, dict):
        return None
    last, unchained = found.get("last"), found.get("unchained")
    if not (last is None or isinstance(last, str) and HEX64.fullmatch(last)):
        return None
    if not (isinstance(unchained, list) and all(isinstance(key, str) for key in unchained)):
        return None
    return State(last, frozenset(unchained))
