"""Who is present, absent and not taking part in this item: symbols and words, not colour alone."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from meetingtui import attendance, labels
from meetingtui.meeting import MeetingState, Seat
from meetingtui.terminal_text import printable


def _came_during(seat: Seat, epoch: int) -> bool:
    return any(m.kind == "arrived" and m.during and m.epoch == epoch for m in seat.movements)


def _vote_and_dissent(state: MeetingState, item_id: str, epoch: int) -> Text:
    item = state.item(item_id)
    text = Text()
    if item.vote:
        vote = item.vote
        text.append(
            f"\nAfstemning: {len(vote.in_favour)} for, {len(vote.against)} imod, "
            f"{len(vote.abstaining)} undlod (v ret)",
            "bold",
        )
    for sid, _ in item.dissents:
        text.append(f"\nAfvigende mening: {printable(state.person(sid, epoch).name)}", "bold")
    return text


class PeopleStrip(Static):
    _shown: Text | None = None

    def show(self, state: MeetingState, item_id: str) -> None:
        att = attendance.for_item(state, item_id)
        not_taking = dict(att.not_taking_part)
        text = Text()
        for sid in state.seats:
            name = printable(state.person(sid, att.epoch).name)  # Text is literal; no controls
            if sid in not_taking:
                reason = labels.REASON[not_taking[sid]]
                text.append(f"⊘ {name}: deltager ikke ({reason})", "italic")
            elif sid in att.present:
                text.append(f"● {name}", "bold")
            elif _came_during(state.seats[sid], att.epoch):
                text.append(f"◐ {name}: kom under punktet, deltager fra næste", "dim")
            else:
                text.append(f"○ {name}: fraværende", "dim")
            text.append("  ")
        text.append_text(_vote_and_dissent(state, item_id, att.epoch))
        if text != self._shown:  # unchanged: an update would lay the screen out again
            self._shown = text
            self.update(text)
