"""The agenda as a list: each item's number, status mark (and word) and title."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingtui.meeting import MeetingState

MARKS = {
    "under_way": "▶",
    "decided": "✓",
    "postponed": "⏸",
    "taken": "!",
    "not_taken": "·",
}
WORDS = {
    "under_way": "i gang",
    "decided": "besluttet",
    "postponed": "udsat",
    "taken": "mangler beslutning",
    "not_taken": "",
}


def status_of(state: MeetingState, item_id: str) -> str:
    if state.item(item_id).postponed:
        return "postponed"
    if state.in_item and state.current == item_id and not state.closed:
        return "under_way"
    return state.item(item_id).status


class AgendaList(OptionList):
    def show(self, state: MeetingState, viewing: str) -> None:
        options = []
        for number, item_state in enumerate(state.items, 1):
            item = item_state.item
            status = status_of(state, item.id)
            closed = " [lukket]" if item.closed else ""
            word = f" ({WORDS[status]})" if WORDS[status] else ""
            prompt = f"{MARKS[status]} {number}. {item.title}{closed}{word}"
            options.append(Option(prompt, id=item.id))
        highlighted = next((i for i, o in enumerate(options) if o.id == viewing), 0)
        self.set_options(options)
        self.highlighted = highlighted
