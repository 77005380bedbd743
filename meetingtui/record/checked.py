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
source file of the meetingtui package, by its path and contents), so a version that
checks differently never trusts another's verdict.

The lines are kept as the storage holds them, `{table: {id: document}}` (each document
with its id as a number, as storage.py's `_hold` makes it), with the tables' order in
the file as runs (`[["meta", 1], ["events", 5000]]`: the line a kept id is on, for the
message when a line added since repeats it): a cached opening takes the tables as they are read back, without
going through the lines one by one. A line's chain hash (`prev`, 64 digits on every
line, beside the document) is not kept: what loading needs of the chain (chain.State:
the newest event's hash, the events without prev) is kept beside them, so a cached
opening parses no more than before the chain.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingtui.cache import Cache, program_fingerprint
from meetingtui.fingerprint import HEX64
from meetingtui.record.chain import State
from meetingtui.record.guard import MAX_BYTES

KIND = "record-checked"
# 2 kept each line's entry ({"t", "id", "d"}), 3 the tables as held and their runs.
VERSION = 3

Tables = dict[str, dict[str, dict]]  # {table: {id as on disk: document}}, as held


@dataclass(frozen=True)
class Known:
    """The lines a record file begins with, checked before: held, and where they were."""

    tables: Tables
    runs: list[list[Any]]  # [table, how many lines in a row], in the file's order
    length: int  # their bytes
    state: State  # the chain after them

    @property
    def lines(self) -> int:
        return sum(count for _, count in self.runs)

    def last_ids(self) -> dict[str, int]:
        """Each table's last id (the largest: they were checked in order)."""
        return {table: int(next(reversed(docs))) for table, docs in self.tables.items() if docs}

    def in_order(self) -> Iterator[tuple[str, str]]:
        """(table, id) of each line, in the file's order."""
        ids = {table: iter(docs) for table, docs in self.tables.items()}
        for table, count in self.runs:
            for key in itertools.islice(ids[table], count):
                yield table, key


def runs(tables: Iterable[str], before: list[list[Any]] | None = None) -> list[list[Any]]:
    """The runs of these tables' names (lines in the file's order), after `before`'s."""
    found = [list(run) for run in before or ()]
    for table in tables:
        if found and found[-1][0] == table:
            found[-1][1] += 1
        else:
            found.append([table, 1])
    return found


class CheckedPrefix:
    """The lines of a record file that this program checked before."""

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

    def known(self, data: bytes) -> Known | None:
        """The lines `data` begins with that were checked, held; None when nothing known
        applies."""
        if self._source is None:
            return None
        found = self._cache.get(self._source)
        if not isinstance(found, dict):
            return None
        length, digest = found.get("bytes"), found.get("sha256")
        tables, order = found.get("tables", ()), found.get("runs", ())
        state = _state(found.get("chain"))
        if not (
            isinstance(length, int)
            and 0 < length <= len(data)
            and isinstance(digest, str)
            and _held(tables, order)
            and state is not None
        ):
            return None
        if hashlib.sha256(data[:length]).hexdigest() != digest:
            return None
        return Known(tables, order, length, state)

    def keep(self, data: bytes, tables: Tables, order: list[list[Any]], state: State) -> None:
        """Keep `tables` (as held, in the runs of `order`) as what `data`'s lines hold, all
        checked, and the chain's state after them (failures only cost time)."""
        if self._source is None or not data:
            return
        value = {
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "tables": tables,
            "runs": order,
            "chain": {"last": state.last, "unchained": sorted(state.unchained, key=int)},
        }
        self._cache.put(self._source, value)


def _held(tables: object, order: object) -> bool:
    """Whether these are tables as held, each with as many documents as its runs' lines."""
    if not (isinstance(tables, dict) and isinstance(order, list)):
        return False
    counts: dict[str, int] = {}
    for run in order:
        if not (
            isinstance(run, list)
            and len(run) == 2
            and type(run[0]) is str
            and run[0] in tables
            and type(run[1]) is int
            and run[1] > 0
        ):
            return False
        counts[run[0]] = counts.get(run[0], 0) + run[1]
    return all(
        isinstance(docs, dict)
        and len(docs) == counts.get(table, 0)
        and set(map(type, docs.values())) <= {dict}
        and bool(docs)  # a table is there only with a document
        and _number(next(reversed(docs)))
        for table, docs in tables.items()
    )


def _number(key: str) -> bool:
    return key.isascii() and key.isdigit()


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
