"""Notices the core raises while opening a meeting: a code for the UI, a technical line.

The core never writes sentences for the secretary; it says *what* happened (a code) and
the technical detail (English, for the log and support). The UI turns the code into
Danish (`meetingtui.labels.NOTICE_TEXTS`) and shows the detail below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class NoticeCode(Enum):
    TORN_WRITE_DROPPED = "torn_write_dropped"
    """The last write before a crash never completed; it was cut off, a backup kept."""
    TORN_WRITE_IGNORED = "torn_write_ignored"
    """The same, seen by a read-only reader: the file is left as it is."""
    AGENDA_CHANGED = "agenda_changed"
    """The agenda file differs from the one the record was started with."""
    RECORD_ON_NETWORK_DRIVE = "record_on_network_drive"
    """The record is on a network drive (SMB, NFS, ...), where locks and fsync may not hold."""
    RECORD_MADE_PRIVATE = "record_made_private"
    """The record was readable or writable by others; it is now for its owner only (0600)."""
    RECORD_NOT_PRIVATE = "record_not_private"
    """The record is readable by others and its disk keeps no permissions (FAT, exFAT, SMB)."""


@dataclass(frozen=True)
class Notice:
    code: NoticeCode
    detail: str

    def __str__(self) -> str:
        return self.detail
