"""The on-disk line format of a record: one checksummed JSON object per line.

    <crc32 of the JSON, 8 hex digits> <JSON>\n

A line counts only once its newline is on disk and its checksum matches. The last
line may be torn by a crash or power cut (it was never acknowledged): it is dropped.
A bad line anywhere else is damage, reported with its line number.
"""

from __future__ import annotations

import json
import string
import zlib
from dataclasses import dataclass

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # made once


def encode(entry: dict) -> bytes:
    payload = _ENCODER.encode(entry).encode("utf-8")
    return b"%08x %s\n" % (zlib.crc32(payload), payload)


class LineError(ValueError):
    pass


def decode(line: bytes) -> dict:
    if len(line) < 10 or line[8:9] != b" ":
        raise LineError("not a record line (expected a checksum and a JSON object)")
    payload = line[9:]
    try:
        checksum = int(line[:8], 16)
    except ValueError:
        raise LineError("not a record line (expected a checksum and a JSON object)") from None
    if zlib.crc32(payload) != checksum:
        raise LineError("checksum does not match: the line was changed or damaged")
    try:
        entry = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise LineError(f"not valid JSON ({err})") from None
    if not isinstance(entry, dict):
        raise LineError("not a JSON object")
    return entry


@dataclass
class Scan:
    entries: list[dict]
    good_bytes: int  # length of the valid prefix
    torn: bool  # a torn last write was found after the valid prefix
    damage: tuple[int, str] | None = None  # (line number, problem) of damage before the end


def scan(data: bytes, first_line: int = 1) -> Scan:
    """Parse every complete line; classify what does not parse as torn tail or damage."""
    entries: list[dict] = []
    pos = 0
    number = first_line
    while pos < len(data):
        end = data.find(b"\n", pos)
        if end < 0:  # no newline: a write that never completed
            return Scan(entries, pos, torn=True)
        try:
            entries.append(decode(data[pos:end]))
        except LineError as err:
            if end + 1 >= len(data):  # the very last line: a torn write
                return Scan(entries, pos, torn=True)
            return Scan(entries, pos, torn=False, damage=(number, str(err)))
        pos = end + 1
        number += 1
    return Scan(entries, pos, torn=False)


_HEX = frozenset(string.hexdigits.lower().encode())


def could_be_torn_write(tail: bytes) -> bool:
    """Whether bytes that hold no complete line could be the start of a record line.

    A crash or power cut leaves a prefix of `<checksum> {...`, possibly with zeros where
    blocks never reached the disk. Any other start (text, JSON, a binary file) means the
    file is not a record at all, which must be reported, not dropped as a torn write.
    """
    for position, byte in enumerate(tail[:10]):
        if byte == 0:
            continue
        if position < 8 and byte not in _HEX:
            return False
        if position == 8 and byte != ord(" "):
            return False
        if position == 9 and byte != ord("{"):
            return False
    return True
