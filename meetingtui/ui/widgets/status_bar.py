"""One line at the top: where the meeting is, attendance and quorum, and whether all is saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from meetingtui import attendance
from meetingtui.meeting import MeetingState

SAVE_LABELS = {
    "saved": ("✓ Gemt", "saved"),
    "typing": ("✎ Gemmer…", "typing"),
    "failed": ("⚠ IKKE GEMT", "failed"),
}


class StatusBar(Static):
    def show(self, state: MeetingState, viewing: str, save_status: str) -> None:
        view = attendance.overview(state)
        number = state.number(viewing) if state.has_item(viewing) else 0
        if state.closed:
            phase = "Mødet er afsluttet"
        elif state.opened:
            phase = f"Punkt {number} af {len(state.items)}"
        else:
            phase = "Mødet er ikke åbnet"
        quorum = "Beslutningsdygtigt: JA" if view.quorate else "Beslutningsdygtigt: NEJ"
        label, status = SAVE_LABELS[save_status]
        text = Text.assemble(
            (phase, "bold"),
            "  │  ",
            f"Til stede {view.in_room}/{view.seats}",
            "  │  ",
            (quorum, "bold" if view.quorate else "bold reverse"),
            "  │  ",
            (label, "bold"),
        )
        self.set_classes(status)
        self.update(text)
