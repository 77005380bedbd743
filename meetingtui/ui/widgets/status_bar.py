"""One line at the top: where the meeting is, attendance and quorum, and whether all is saved."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from meetingtui import attendance, labels
from meetingtui.meeting import MeetingState
from meetingtui.ui.save_status import SaveStatus


class StatusBar(Static):
    _shown: tuple[str, int, int, bool, SaveStatus, bool] | None = None

    def show(
        self, state: MeetingState, viewing: str, save_status: SaveStatus, rehearsal: bool = False
    ) -> None:
        in_room, quorate = attendance.quorum_now(state)
        number = state.number(viewing) if state.has_item(viewing) else 0
        if state.approval:  # the referat approved: the record is locked
            phase = labels.approved_heading(state.approval.when)
        elif state.closed:
            phase = "Mødet er afsluttet"
        elif state.suspended:
            phase = "Mødet er suspenderet (pause)"
        elif state.opened:
            phase = f"Punkt {number} af {len(state.items)}"
            position = state.position(viewing) if state.has_item(viewing) else 0
            if position != number:  # running numbers (format 2): where it stands, too
                phase = f"Punkt {number} ({position} af {len(state.items)})"
            if not state.in_item and state.current == viewing:
                phase += " · slut"  # its handling has ended (a quick decision, F8)
        else:
            phase = "Mødet er ikke åbnet"
        shown = (phase, in_room, state.agenda.seats, quorate, save_status, rehearsal)
        if shown == self._shown:
            return  # unchanged: an update would lay the screen out again for nothing
        self._shown = shown
        quorum = "Beslutningsdygtigt: JA" if quorate else "Beslutningsdygtigt: NEJ"
        current = state.current if state.current and state.has_item(state.current) else None
        if current and state.item(current).item.kind == "underskriftsside":
            quorate, quorum = True, "Underskriftsside"  # signed, not decided: no quorum warning
        text = Text.assemble(
            ("PRØVE  │  " if rehearsal else "", "bold reverse"),
            (phase, "bold"),
            "  │  ",
            f"Til stede {in_room}/{state.agenda.seats}",
            "  │  ",
            (quorum, "bold" if quorate else "bold reverse"),
            "  │  ",
            (save_status.label, "bold"),
        )
        self.set_classes(save_status.value)  # app.tcss: #status.typing, #status.failed
        self.update(text, layout=False)  # one line high (app.tcss): no layout to redo
