"""The agenda as a list: each item's number, status mark (and word) and title."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingtui.meeting import MeetingState

MARKS = {
    "under_way": "▶",
    "decided": "✓",
    "done": "✓",
    "postponed": "⏸",
    "taken": "!",
    "not_taken": "·",
}
WORDS = {
    "under_way": "i gang",
    "decided": "besluttet",
    "done": "behandlet",
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


def prompt_of(state: MeetingState, number: int, item_id: str) -> str:
    return _prompt(number, state.item(item_id), status_of(state, item_id))


def _prompt(number: int, item_state, status: str) -> str:
    item = item_state.item
    closed = "[lukket] " if item.closed else ""
    word = f" ({WORDS[status]})" if WORDS[status] else ""
    return f"{MARKS[status]} {number}. {closed}{item.title}{word}"


def _prompts(state: MeetingState) -> list[str]:
    """Every row's text, as prompt_of gives it, in one pass (no lookups by id)."""
    under_way = state.current if state.in_item and not state.closed else None
    return [
        _prompt(
            number,
            item_state,
            "postponed"
            if item_state.postponed
            else "under_way"
            if item_state.item.id == under_way
            else item_state.status,
        )
        for number, item_state in enumerate(state.items, 1)
    ]


class AgendaList(OptionList):
    """The agenda; redrawn on every change, so it touches only the rows that changed.

    Rebuilding all options (set_options) on every key made the list measure and wrap
    every row again: about 60 ms a key at 500 items. Prompts are plain text (Content), not
    markup: a title or the ' [lukket]' mark in square brackets is shown as written.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._ids: list[str] = []
        self._prompts: list[str] = []

    def show(self, state: MeetingState, viewing: str) -> None:
        ids = [item_state.item.id for item_state in state.items]
        prompts = _prompts(state)
        if ids != self._ids:
            self.set_options(Option(Content(p), id=i) for i, p in zip(ids, prompts, strict=True))
        else:
            changed = {
                i: Content(p)
                for i, (old, p) in enumerate(zip(self._prompts, prompts, strict=True))
                if old != p
            }
            if changed:
                self._replace_prompts(changed)
        self._ids, self._prompts = ids, prompts
        highlighted = ids.index(viewing) if viewing in ids else 0
        if self.highlighted != highlighted:
            self.highlighted = highlighted

    def _replace_prompts(self, changed: dict[int, Content]) -> None:
        """Replace some prompts, measuring and rendering only those rows again.

        OptionList.replace_option_prompt_at_index clears every cached row height and
        render, so the next frame measures all rows again. This keeps the others: it
        uses OptionList internals (Textual is pinned to 8.2.x), and falls back to the
        public method if they are not there.
        """
        try:
            cache, renders = self._line_cache, self._option_render_cache
            options = [self.get_option_at_index(index) for index in changed]
            for option, prompt in zip(options, changed.values(), strict=True):
                option._set_prompt(prompt)
            stale = set(options)
            for key in [k for k in renders.keys() if k[0] in stale]:  # noqa: SIM118 (an LRUCache)
                renders.discard(key)
            if cache.lines:  # rows measured already: measure the changed ones again
                width = self.scrollable_content_region.width - self._get_left_gutter_width()
                padding = self.get_component_styles("option-list--option").padding
                moved = False
                for index, option in zip(changed, options, strict=True):
                    height = (
                        self._get_visual(option).get_height(self.styles, width - padding.width)
                        + option._divider
                    )
                    if cache.heights.get(index) != height:
                        cache.heights[index] = height
                        moved = True
                if moved:  # lay the rows out again from the known heights
                    cache.lines.clear()
                    for index in range(len(self.options)):
                        cache.index_to_line[index] = len(cache.lines)
                        cache.lines.extend((index, line) for line in range(cache.heights[index]))
                    self._update_lines()  # the new virtual size
            self.refresh()
        except AttributeError:
            for index, prompt in changed.items():
                self.replace_option_prompt_at_index(index, prompt)
