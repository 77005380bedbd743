"""Where one agenda item stands: its decision, vote, dissent and who does not take part.

Part of the meeting state (state.py); event kinds (eventkinds/) change these when folded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pendulum

from meetingtui import wording
from meetingtui.agenda.model import Item


@dataclass
class Vote:
    in_favour: tuple[str, ...]
    against: tuple[str, ...]
    abstaining: tuple[str, ...]

    def voters(self) -> tuple[str, ...]:
        return self.in_favour + self.against + self.abstaining


@dataclass
class ItemState:
    item: Item
    decision: str = ""
    summary: str = ""  # public summary of a closed item's decision
    postponed: bool = False
    epoch: int | None = None  # epoch of its first taking-up
    opened_at: pendulum.DateTime | None = None
    not_taking_part: dict[str, str] = field(default_factory=dict)  # seat id -> reason
    # seat ids whose "inhabil" gets a sentence of its own (recorded from event version 3)
    own_sentence: set[str] = field(default_factory=set)
    vote: Vote | None = None
    dissents: list[tuple[str, str]] = field(default_factory=list)  # (seat id, text)
    added: bool = False

    @property
    def printed_decision(self) -> str:
        """The decision as the referat prints it: its text, else "Udsat." for a postponed
        item, else "" (the referat, a correction's "before", the correction dialog's text)."""
        return self.decision.strip() or (wording.postponed() if self.postponed else "")

    @property
    def status(self) -> str:
        if self.postponed:
            return "postponed"
        if self.decision.strip():
            return "decided"
        if self.epoch is not None:
            return "done" if self.item.kind == "underskriftsside" else "taken"
        return "not_taken"
