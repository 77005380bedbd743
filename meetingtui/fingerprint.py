"""The fingerprint a referat prints of the record it was made from, and finding it again.

An approved referat prints, on its signature page, the hash of the record line of its
newest sealing event (the newest correction, else the approval): `line_hash`, the
SHA-256 of that events line as stored (record/chain.py). That line holds the approval's
(or correction's) own date, way and names and its `seal`, the chain as it stood just
before it, so the one fingerprint anchors both the approval and everything before it.
It is printed as one line:

    Fingeraftryk (SHA-256): 1a2b3c4d 5e6f7a8b … (8 groups of 8 lowercase hex digits)

`meetingtui verify RECORD REFERAT` finds the line again in the referat's text (.docx,
.pdf, .html). Text taken out of a PDF may break the line anywhere or drop the spaces
between the groups, so `find` reads the label and the 64 digits across any whitespace.
This module is plain text handling, shared by the minutes (which print the line) and
verify (which reads it); it imports nothing of the record.

The canonical hashing of a record entry lives here too (`canonical`, `entry_hash`), one
definition for the record's chain (record/chain.py), which imports it, and for the
event kinds, which compute an approval's own line hash while folding it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

LABEL = "Fingeraftryk (SHA-256):"
GROUP = 8
HEX64 = re.compile(r"[0-9a-f]{64}")  # a SHA-256 as the record holds it

# One encoder, made once: json.dumps with options builds a new one on every call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The bytes an entry's hash is taken of: sorted keys, no spaces, UTF-8.

    The same as json.dumps(entry, ensure_ascii=False, separators=(",", ":"),
    sort_keys=True).encode("utf-8")."""
    return _CANONICAL.encode(entry).encode("utf-8")


def entry_hash(entry: Mapping[str, Any]) -> str:
    """The hash of a stored entry (a decoded line: t, id, d and its prev if it has one)."""
    return hashlib.sha256(canonical(entry)).hexdigest()


def event_line_hash(event: Mapping[str, Any], prev: str) -> str:
    """The hash of an event's own record line, given the event as folded (with its
    `id`) and the `prev` its line carries: what chain.py's writer stores for it,
    `{"t": "events", "id": "<id>", "d": <the event without id>, "prev": prev}`."""
    document = {key: value for key, value in event.items() if key != "id"}
    return entry_hash({"t": "events", "id": str(event["id"]), "d": document, "prev": prev})


_LABEL_WORDS = r"\s*".join(re.escape(word) for word in LABEL.split())
# The label, then 64 hex digits with any whitespace between them, then no more hex.
_FOUND = re.compile(_LABEL_WORDS + r"\s*((?:[0-9a-fA-F]\s*){63}[0-9a-fA-F])(?![0-9a-fA-F])")


def display(hex_digest: str) -> str:
    """A SHA-256 as a reader copies it: 8 groups of 8 lowercase hex digits, one space apart."""
    digits = hex_digest.lower()
    if not HEX64.fullmatch(digits):
        raise ValueError(f"not a SHA-256 in hex (64 hex digits): {hex_digest!r}")
    return " ".join(digits[start : start + GROUP] for start in range(0, len(digits), GROUP))


def line(hex_digest: str) -> str:
    """The fingerprint line as a referat prints it."""
    return f"{LABEL} {display(hex_digest)}"


def labelled(text: str) -> bool:
    """Whether `text` has the fingerprint's label at all (readable digits or not)."""
    return re.search(_LABEL_WORDS, text) is not None


def find(text: str) -> str | None:
    """The last fingerprint in `text` (64 lowercase hex digits), or None.

    The last, as the referat prints its own last, after everything it seals: a
    correction's text above it may quote an earlier fingerprint."""
    matches = list(_FOUND.finditer(text))
    if not matches:
        return None
    return re.sub(r"\s", "", matches[-1].group(1)).lower()
