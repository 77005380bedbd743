"""Whether everything the secretary sees is on disk: the app's save status."""

from __future__ import annotations

from enum import Enum

from meetingtui import labels


class SaveStatus(Enum):
    SAVED = "saved"
    """Everything shown is on disk."""
    TYPING = "typing"
    """The decision text being typed is not yet recorded (it is when typing pauses)."""
    FAILED = "failed"
    """The disk refused a write; everything is kept in memory and retried."""

    @property
    def label(self) -> str:
        """The status line's words: '✓ Gemt', '✎ Gemmer…', '⚠ IKKE GEMT'."""
        return labels.SAVE_STATUS[self.value]
