"""Who is present, absent and not taking part in this item: symbols and words, not colour alone."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from meetingtui import attendance
from meetingtui.events import REASON_LABELS
from meetingtui.meeting import MeetingState


class PeopleStrip(Static):
    _shown: Text | None = None

    def show(self, state: MeetingState, item_id: str) -> None:
        att = attendance.for_item(state, item_id)
        not_taking = dict(att.not_taking_part)
        text = Text()
        for sid in state.seats:
            person = state.person(sid, att.epoch)
            if sid in not_taking:
                reason = REASON_LABELS[not_taking[sid]]
                text.append(f"⊘ {person.name}: deltager ikke ({reason})", "italic")
            elif sid in att.present:
                text.append(f"● {person.name}", "bold")
            else:
                text.append(f"○ {person.name}: fraværende", "dim")
            text.append("  ")
        if text != self._shown:  # unchanged: an update would lay the screen out again
            self._shown = text
            self.update(text)
