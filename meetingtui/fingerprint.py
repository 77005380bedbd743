"""The fingerprint a referat prints of the record it was made from, and finding it again.

An approved referat prints the seal of the record's approval (a SHA-256, the record's
hash chain as it stood: see record/chain.py) on its signature page, as one line:

    Fingeraftryk (SHA-256): 1a2b3c4d 5e6f7a8b … (8 groups of 8 lowercase hex digits)

`meetingtui verify RECORD REFERAT` finds the line again in the referat's text (.docx,
.pdf, .html). Text taken out of a PDF may break the line anywhere or drop the spaces
between the groups, so `find` reads the label and the 64 digits across any whitespace.
This module is plain text handling, shared by the minutes (which print the line) and
verify (which reads it); it imports nothing of the record.
"""

from __future__ import annotations

import re

LABEL = "Fingeraftryk (SHA-256):"
GROUP = 8
_HEX64 = re.compile(r"[0-9a-f]{64}")
_LABEL_WORDS = r"\s*".join(re.escape(word) for word in LABEL.split())
# The label, then 64 hex digits with any whitespace between them, then no more hex.
_FOUND = re.compile(_LABEL_WORDS + r"\s*((?:[0-9a-fA-F]\s*){63}[0-9a-fA-F])(?![0-9a-fA-F])")


def display(hex_digest: str) -> str:
    """A SHA-256 as a reader copies it: 8 groups of 8 lowercase hex digits, one space apart."""
    digits = hex_digest.lower()
    if not _HEX64.fullmatch(digits):
        raise ValueError(f"not a SHA-256 in hex (64 hex digits): {hex_digest!r}")
    return " ".join(digits[start : start + GROUP] for start in range(0, len(digits), GROUP))


def line(hex_digest: str) -> str:
    """The fingerprint line as a referat prints it."""
    return f"{LABEL} {display(hex_digest)}"


def labelled(text: str) -> bool:
    """Whether `text` has the fingerprint's label at all (readable digits or not)."""
    return re.search(_LABEL_WORDS, text) is not None


def find(text: str) -> str | None:
    """The first fingerprint in `text` (64 lowercase hex digits), or None."""
    found = _FOUND.search(text)
    if found is None:
        return None
    return re.sub(r"\s", "", found.group(1)).lower()
