"""What the lines of an append-only record must be, and what can be saved from a damaged one.

A line is an entry `{"t": table, "id": "<n>", "d": document}`. In an append-only record
every id of a table comes once, each larger than the one before, and nothing is removed:
an id seen twice or out of order, or a `del` line, means the file was edited by hand or
by another program. That is damage, reported with its line, never read as a change of
history (no version of meetingtui has written either into a record it kept).

`salvage` reads what it can of a damaged file for `meetingtui recover`: every line that
is whole, checksummed and usable, wherever it is, not only those before the first bad
one, and says which lines it left out and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from meetingtui.record import logfile

# check(entry) raises ValueError(problem) for an entry the reader cannot use.
Check = Callable[[dict], None]


def shape_problem(entry: dict) -> str | None:
    """What makes a stored entry unusable as a table line, or None."""
    if not isinstance(entry.get("t"), str) or not isinstance(entry.get("id"), str):
        return "an entry lacks its table or id"
    if "del" in entry:
        return (
            f"a deletion of {_name(entry)}: an append-only record never removes anything "
            "(the line was added by hand or by another program)"
        )
    if not isinstance(entry.get("d"), dict):
        return "an entry lacks its document"
    if not (entry["id"].isascii() and entry["id"].isdigit()):
        return f"entry id {entry['id']!r} is not a number"
    return None


def _name(entry: dict) -> str:
    table = entry.get("t")
    return f"event {entry.get('id')}" if table == "events" else f"{table} {entry.get('id')}"


class Order:
    """The ids seen so far, per table: each new one must be new and larger.

    `last`: each table's last id among the lines a record was found to begin with when
    it was checked before (checked.py), and `earlier` gives those lines' (table, id) in
    order (lines 1, 2, ...): they were checked in order then, so only the last ids count
    now. Where an id was first seen is looked up only for a message (a line written a
    second time)."""

    def __init__(
        self,
        last: dict[str, int] | None = None,
        earlier: Callable[[], Iterable[tuple[str, str]]] | None = None,
    ) -> None:
        self._earlier = earlier
        self._noted: list[tuple[str, int, int]] = []  # (table, id, line), noted one by one
        self._last: dict[str, int] = dict(last or {})

    def problem(self, entry: dict, line: int) -> str | None:
        """Why this (well-shaped) entry cannot follow the ones seen, or None; then noted."""
        table, number = entry["t"], int(entry["id"])
        last = self._last.get(table)
        if last is not None and number <= last:  # every id seen is at most the last
            first = self._line_of(table, number)
            if first is not None:
                return (
                    f"{_name(entry)} is written a second time (first on line {first}): "
                    "an append-only record never changes what it holds"
                )
            earlier = _name({"t": table, "id": last})
            return f"{_name(entry)} comes after {earlier}: the lines are out of order"
        self.note(entry, line)
        return None

    def note(self, entry: dict, line: int) -> None:
        """Count an entry as seen (one already found in order, when it was first read)."""
        table, number = entry["t"], int(entry["id"])
        self._noted.append((table, number, line))
        self._last[table] = number

    def _line_of(self, table: str, number: int) -> int | None:
        """The line an id of the table was first seen on, or None."""
        earlier = self._earlier() if self._earlier is not None else ()
        for line, (seen, key) in enumerate(earlier, start=1):
            if seen == table and int(key) == number:
                return line
        return next((at for seen, key, at in self._noted if (seen, key) == (table, number)), None)


def unusable(entry: dict, check: Check | None) -> str | None:
    """What makes a decoded entry unusable on its own (shape, the reader's check), or None."""
    found = shape_problem(entry)
    if found is None and check is not None:
        try:
            check(entry)
        except ValueError as err:
            found = str(err)
    return found


def problem(entry: dict, line: int, order: Order, check: Check | None) -> str | None:
    """Everything that keeps a decoded entry out of the record, or None (then it counts)."""
    return unusable(entry, check) or order.problem(entry, line)


@dataclass
class Salvage:
    entries: list[dict] = field(default_factory=list)  # in table and id order
    left_out: list[tuple[int, str]] = field(default_factory=list)  # (line, why)

    @property
    def events(self) -> int:
        return sum(1 for entry in self.entries if entry["t"] == "events")


def salvage(data: bytes, check: Check | None = None) -> Salvage:
    """Every usable entry of `data`, wherever it stands; the lines left out, and why.

    The first line for an id is kept (it was written first, so it was the one
    acknowledged); a later one is left out. Entries out of order are put in order.
    """
    found = Salvage()
    first: dict[tuple[str, int], int] = {}  # (table, id) -> the line it was kept from
    kept: list[tuple[int, dict]] = []
    lines = data.split(b"\n")
    for number, line in enumerate(lines, start=1):
        last = number == len(lines)
        if last and not line:
            break
        if last:
            found.left_out.append((number, f"a write that never completed ({len(line)} bytes)"))
            break
        try:
            entry = logfile.decode(line)
        except logfile.LineError as err:
            found.left_out.append((number, str(err)))
            continue
        why = unusable(entry, check)
        if why is None:
            key = (entry["t"], int(entry["id"]))
            if key in first:
                why = f"{_name(entry)} again (first on line {first[key]})"
            else:
                first[key] = number
        if why:
            found.left_out.append((number, why))
        else:
            kept.append((number, entry))
    tables = list(dict.fromkeys(entry["t"] for _, entry in kept))
    kept.sort(key=lambda pair: (tables.index(pair[1]["t"]), int(pair[1]["id"])))
    found.entries = [entry for _, entry in kept]
    return found
