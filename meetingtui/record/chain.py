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

Only `check` (in chain_check.py, for `meetingtui verify`) reads the whole chain;
loading hashes one line, the last events entry, so opening a record costs the same.
"""

from __future__ import annotations

import hashlib
import json
import re

GENESIS_PREFIX = b"meetingtui record\n"
HEX64 = re.compile(r"[0-9a-f]{64}")


def canonical(entry: dict) -> bytes:
    """The bytes an entry's hash is taken of: sorted keys, no spaces, UTF-8."""
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def entry_hash(entry: dict) -> str:
    """The hash of a stored entry (a decoded line: t, id, d and its prev if it has one)."""
    return hashlib.sha256(canonical(entry)).hexdigest()


def genesis(agenda_sha256: str) -> str:
    """What the first event of a record chains onto: the record's start and its agenda."""
    return hashlib.sha256(GENESIS_PREFIX + agenda_sha256.encode("utf-8")).hexdigest()


def agenda_of(meta: dict | None) -> str:
    """The agenda SHA-256 a meta document names, as the genesis takes it ("" if none)."""
    found = (meta or {}).get("agenda_sha256", "")
    return found if isinstance(found, str) else ""
