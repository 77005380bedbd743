"""The record's hash chain: each event line carries the hash of the one before it.

An events entry written by this version is

    {"t": "events", "id": "N", "d": {...the event...}, "prev": "<64 hex digits>"}

where `prev` is the hash of the events entry before it in the file, or, for the first
one, the genesis hash of the record: SHA-256 of b"meetingtui record\\n" followed by the
agenda's SHA-256 as the meta entry holds it (it may be ""). The hash of an entry is the
SHA-256 of its canonical JSON as stored (every key it has, `prev` included, sorted, no
spaces, UTF-8): a line re-encoded, re-spaced or re-ordered hashes the same; a changed
value does not. The chain lives in the line's envelope, not in the event: the events the
app folds never carry it, so the meeting's state, minutes and export are the same.

Records written before the chain have no `prev`: they load as before, and the first
event appended to one chains onto the hash of its last entry, computed the same way.

Only `check` (for `meetingtui verify`) reads the whole chain; loading hashes one line,
the last events entry, so opening a record costs the same as before.

`check` reads the raw bytes of a record, damaged or not, and says where the chain breaks:

- a line whose checksum no longer matches was changed by hand (its JSON is read anyway);
- a line changed with its checksum fixed is found by the next event: its `prev` is no
  longer the changed line's hash, and the changed line is named (the first change found
  is the first line that cannot be trusted: everything from it on is suspect);
- a gap in the ids where the chain breaks is a removed event; an id again or out of order,
  an event put in by hand; a first event that does not chain onto the genesis, a changed
  header (the agenda it names);
- events without `prev` are not protected: at the start, written by an earlier meetingtui;
  but an event of format version 4 or later (CHAINED_FROM_VERSION) comes from a
  meetingtui that always chains, so one without `prev` had it taken away: a change;
- an event with a `seal` (an approval or a correction) must seal the chain as it stood
  just before it: its seal must be its own `prev`; an approval or correction without a
  seal string was changed.

The fingerprint a full referat prints is the hash of its newest approval's or
correction's own line (its `Seal.hash`; fingerprint.event_line_hash computes the same
while folding): that line holds the approval's date, way and names and its seal, the
hash of everything before it, so the referat anchors the approval itself and the whole
record up to it. What the chain cannot see: events after the newest sealing event are
anchored by nothing after them (verify says they are not corrections), and a file
rewritten whole with every hash recomputed chains again; the fingerprint printed in a
referat made before then exposes it, as it no longer matches any approval's line.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from enum import Enum

from meetingtui.fingerprint import canonical, entry_hash
from meetingtui.record import logfile

GENESIS_PREFIX = b"meetingtui record\n"
# The event format version (events.VERSION) from which meetingtui chains every event it
# writes: an events line of this version or later without `prev` was stripped of it.
CHAINED_FROM_VERSION = 4
SEALING_KINDS = frozenset({"approved", "correction"})


def encode(entry: dict) -> tuple[bytes, str]:
    """An entry's record line (logfile.py's format) and its hash, from one serialisation.

    A chained line is written in its canonical form (sorted keys), so its hash is that of
    the very bytes written: the entry must be JSON as read back (string keys), as the
    record's events are. A line without `prev` (an old one, copied) keeps its own order.
    """
    if "prev" not in entry:
        return logfile.encode(entry), entry_hash(entry)
    payload = canonical(entry)
    return b"%08x %s\n" % (zlib.crc32(payload), payload), hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class State:
    """Where a record's chain stands: what loading needs to go on writing it."""

    last: str | None = None  # the hash of the newest events line; None: no events yet
    unchained: frozenset[str] = frozenset()  # ids of events written without prev


def follow(state: State, entries: list[dict]) -> State:
    """The state after these entries (read in file order): only the last event is hashed."""
    newest = None
    unchained = set(state.unchained)
    for entry in entries:
        if entry["t"] == "events":
            newest = entry
            if "prev" not in entry:
                unchained.add(entry["id"])
    return State(entry_hash(newest) if newest else state.last, frozenset(unchained))


def genesis(agenda_sha256: str) -> str:
    """What the first event of a record chains onto: the record's start and its agenda."""
    return hashlib.sha256(GENESIS_PREFIX + agenda_sha256.encode("utf-8")).hexdigest()


def agenda_of(meta: dict | None) -> str:
    """The agenda SHA-256 a meta document names, as the genesis takes it ("" if none)."""
    found = (meta or {}).get("agenda_sha256", "")
    return found if isinstance(found, str) else ""


class How(Enum):
    """How a line was found changed."""

    CHECKSUM = "checksum"  # changed by hand: its checksum no longer matches
    EDITED = "edited"  # changed with its checksum fixed: the next event's prev says so
    UNREADABLE = "unreadable"  # not a record line any more (no JSON object, no table or id)
    HEADER = "header"  # the meta line: its checksum, or the agenda the first event chains to
    REMOVED = "removed"  # events missing where the chain breaks
    INSERTED = "inserted"  # an event id again or out of order where the chain breaks
    UNCHAINED = "unchained"  # an event of a chained format version without its prev


@dataclass(frozen=True)
class Change:
    line: int  # the line changed (for REMOVED: the line after the gap)
    how: How
    event: int | None = None  # the event's id, if the line is an event's
    removed: tuple[int, int] | None = None  # (first, last) id missing, for REMOVED


@dataclass(frozen=True)
class Seal:
    event: int  # the sealing event (an approval or a correction)
    line: int
    kind: str
    seal: str  # the chain's hash it names ("" when it has none, or not as a string)
    after: int | None  # the event whose line's hash the seal is (None: the genesis, or none)
    found: bool  # the seal is the hash of an event before it, or the genesis
    holds: bool | None  # seal == its own prev; None: the event has no prev to hold to
    hash: str = ""  # the hash of the sealing event's own line: what a referat prints
    readable: bool = True  # False: no `seal`, or one that is not a string


@dataclass
class ChainReport:
    events: int = 0  # events lines read
    last_event: int | None = None  # the newest event's id
    first_chained: int | None = None  # the first event with a prev
    unprotected: list[tuple[int, int]] = field(default_factory=list)  # runs of ids, no prev
    changes: list[Change] = field(default_factory=list)  # in line order
    seals: list[Seal] = field(default_factory=list)
    unsealed_after_seal: list[int] = field(default_factory=list)  # events after the first seal
    head: str = ""  # the hash of the newest events line; the genesis if none
    states: dict[str, int] = field(default_factory=dict)  # hash of an events line -> its id
    meta_line: int | None = None  # the header's line, if there is one
    torn: int = 0  # bytes of a last write that never completed (no newline)

    @property
    def changed(self) -> Change | None:
        """The first change in the file: from it on, nothing can be trusted."""
        return self.changes[0] if self.changes else None


@dataclass
class _Event:
    line: int
    id: int
    hash: str


def _read(raw: bytes) -> tuple[dict | None, bool]:
    """A line's entry (None if it is not a readable one) and whether its checksum holds."""
    if len(raw) < 10 or raw[8:9] != b" ":
        return None, False
    payload = raw[9:]
    try:
        holds = int(raw[:8], 16) == zlib.crc32(payload)
    except ValueError:
        holds = False
    try:
        entry = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, holds
    if not (
        isinstance(entry, dict)
        and isinstance(entry.get("t"), str)
        and isinstance(entry.get("id"), str)
        and isinstance(entry.get("d"), dict)
    ):
        return None, holds
    if entry["t"] == "events" and not (entry["id"].isascii() and entry["id"].isdigit()):
        return None, holds
    return entry, holds


def check(data: bytes) -> ChainReport:
    """Read a record's raw bytes and say what its chain shows (see the module's doc)."""
    report = ChainReport()
    lines = data.split(b"\n")
    if lines[-1]:
        report.torn = len(lines[-1])
    read = [_read(raw) for raw in lines[:-1]]
    if not report.torn and read and read[-1][0] is None:
        # An unreadable last line is a write cut short (a power cut may garble its tail
        # and keep the newline), as the loader takes it too: not a change.
        report.torn = len(lines[-2]) + 1
        read.pop()
    meta = None
    for number, (entry, _) in enumerate(read, start=1):
        if entry is not None and entry["t"] == "meta":
            report.meta_line, meta = number, entry["d"]
            break
    start = genesis(agenda_of(meta))
    last: _Event | None = None
    after_gap = False  # an unreadable line since the last event: the next link is unknown
    for number, (entry, checksum) in enumerate(read, start=1):
        if entry is None:
            report.changes.append(Change(number, How.UNREADABLE))
            after_gap = True
            continue
        if entry["t"] != "events":
            if not checksum:
                how = How.HEADER if entry["t"] == "meta" else How.CHECKSUM
                report.changes.append(Change(number, how))
            continue
        event = _Event(number, int(entry["id"]), entry_hash(entry))
        if not checksum:
            report.changes.append(Change(number, How.CHECKSUM, event.id))
        if last and event.id <= last.id:
            report.changes.append(Change(number, How.INSERTED, event.id))
        if "prev" in entry:
            if report.first_chained is None:
                report.first_chained = event.id
            expected = last.hash if last else start
            if entry["prev"] != expected and not after_gap:
                report.changes.append(_break(report, last, event))
        else:
            _unprotected(report, event.id)
            version = entry["d"].get("v")
            if type(version) is int and version >= CHAINED_FROM_VERSION:
                # This meetingtui wrote it, and it always chains: its prev was taken away.
                report.changes.append(Change(number, How.UNCHAINED, event.id))
        _seal(report, entry, event, start)
        report.states[event.hash] = event.id
        report.events += 1
        last, after_gap = event, False
    # One change per line, in line order (stable: what the line itself shows comes first).
    report.changes.sort(key=lambda change: change.line)
    report.changes = list({change.line: change for change in reversed(report.changes)}.values())
    report.changes.sort(key=lambda change: change.line)
    report.head = last.hash if last else start
    report.last_event = last.id if last else None
    return report


def _break(report: ChainReport, last: _Event | None, event: _Event) -> Change:
    """What a link that does not hold means: which line changed, or what is missing."""
    before = last.id if last else 0
    if event.id > before + 1:
        return Change(event.line, How.REMOVED, event.id, (before + 1, event.id - 1))
    if event.id <= before:
        return Change(event.line, How.INSERTED, event.id)
    if last is None:
        return Change(report.meta_line or event.line, How.HEADER)
    return Change(last.line, How.EDITED, last.id)


def _unprotected(report: ChainReport, event: int) -> None:
    runs = report.unprotected
    if runs and runs[-1][1] == event - 1:
        runs[-1] = (runs[-1][0], event)
    else:
        runs.append((event, event))


def _seal(report: ChainReport, entry: dict, event: _Event, start: str) -> None:
    document = entry["d"]
    kind = document.get("kind")
    if "seal" not in document and not (isinstance(kind, str) and kind in SEALING_KINDS):
        if report.seals:
            report.unsealed_after_seal.append(event.id)
        return
    seal = document.get("seal")
    prev = entry.get("prev")
    if not isinstance(seal, str):
        # Hand-edited: an approval or correction without a seal, or one not a string.
        report.seals.append(
            Seal(event.id, event.line, str(kind or ""), "", None, False, False, event.hash, False)
        )
        return
    report.seals.append(
        Seal(
            event=event.id,
            line=event.line,
            kind=str(kind or ""),
            seal=seal,
            after=report.states.get(seal),
            found=seal == start or seal in report.states,
            holds=None if prev is None else seal == prev,
            hash=event.hash,
        )
    )
