"""The agenda as a list: each item's number, status mark (and word) and title."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer
from textual.visual import Padding, RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingtui.agenda import Item
from meetingtui.meeting import ItemState, MeetingState
from meetingtui.ui.literal import literal

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


def row_status(item_state: ItemState, under_way: str | None) -> str:
    """The status a row shows: postponed and 'under way' come before the recorded one."""
    if item_state.postponed:
        return "postponed"
    if item_state.item.id == under_way:
        return "under_way"
    return item_state.status


def row_text(number: int, item: Item, status: str) -> str:
    closed = "[lukket] " if item.closed else ""
    word = f" ({WORDS[status]})" if WORDS[status] else ""
    return f"{MARKS[status]} {number}. {closed}{item.title}{word}"


def under_way(state: MeetingState) -> str | None:
    return state.current if state.in_item and not state.closed else None


class Row(Visual):
    """One agenda row's prompt: its text, which the list changes in place.

    A row is one line (titles have no line breaks, and the list neither wraps nor folds
    them), so its height is known without measuring it.
    """

    def __init__(self, text: str):
        self.content = literal(text)

    def __str__(self) -> str:
        return self.content.plain

    @property
    def text(self) -> str:
        return self.content.plain

    @text.setter
    def text(self, text: str) -> None:
        self.content = literal(text)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)[:1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


class AgendaList(OptionList):
    """The agenda; redrawn on every change, so it touches only the rows that changed.

    OptionList's public way to change a prompt (replace_option_prompt_at_index) drops
    every row's cached height and rendering, so the next frame measures all rows and
    renders every visible one again: at 500 items that doubled the cost of drawing the
    list on a key. Here each prompt is a Row whose text changes in place, and the list
    draws its lines itself (Textual's line API, `render_line`, with OptionList's styles),
    one line per row, keeping each row's line until its text, style or width changes.
    Only public Textual API is used. Prompts are plain text (Content), not markup: a
    title or the ' [lukket]' mark in square brackets is shown as written.
    """

    DEFAULT_CSS = "AgendaList { text-wrap: nowrap; text-overflow: ellipsis; }"
    KEEP_LINES = 2048  # rendered lines kept (rows x styles x widths)
    REST = 0.15  # seconds the highlight stays on a row before Rested is posted

    class Rested(Message):
        """The highlight has stayed on one item for REST seconds: it may be taken up next.

        Not sent for every row a run of keys passes over, so that preparing what a row
        would show (its case text) costs nothing while the secretary moves along the list.
        """

        def __init__(self, item_id: str):
            super().__init__()
            self.item_id = item_id

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ids: list[str] = []
        self._rows: list[Row] = []
        self._shown: list[tuple[Item, str]] = []  # each row's item and status, as shown
        self._row_lines: dict[tuple[int, str, Style, int], Strip] = {}
        self._hovered: int | None = None
        self._scroll_pending = True  # to the highlighted row, once the list has a size
        self._rest_timer: Timer | None = None

    def show(self, state: MeetingState, viewing: str) -> None:
        items, current = state.items, under_way(state)
        # the agenda's own numbers (running numbers start at e.g. 49), as in the referat
        number = state.number
        if not self._changed_rows(items, current, number):  # other items, or in another order
            self._shown = [(s.item, row_status(s, current)) for s in items]
            self._rows = [
                Row(row_text(number(item.id), item, status)) for item, status in self._shown
            ]
            self._ids = [item.id for item, _status in self._shown]
            self._row_lines.clear()
            self.set_options(
                Option(row, id=i) for i, row in zip(self._ids, self._rows, strict=True)
            )
            if not self.size and len(self._rows) > self.app.size.height:
                # Taller than the screen, so taller than any box the layout can give it:
                # the scroll bar is certain, and shown in the first layout (Textual
                # decides it once the list has a size, one layout and frame later).
                self.virtual_size = Size(self.virtual_size.width, len(self._rows))
                self.show_vertical_scrollbar = True
        highlighted = self._ids.index(viewing) if viewing in self._ids else 0
        if self.highlighted != highlighted:
            self.highlighted = highlighted

    def _changed_rows(
        self, items: list[ItemState], current: str | None, number: Callable[[str], int]
    ) -> bool:
        """Redraw the rows whose item or status changed; False if the items are others."""
        shown = self._shown
        if len(items) != len(shown):
            return False
        for index, item_state in enumerate(items):
            item = item_state.item
            was, status_was = shown[index]
            if item is not was and item.id != was.id:
                return False
            status = row_status(item_state, current)
            if status != status_was or item is not was:
                shown[index] = (item, status)
                text = row_text(number(item.id), item, status)
                if self._rows[index].text != text:
                    self._rows[index].text = text
                    self.refresh_line(index)
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Also bubbles on to the screen (not stopped).
        if self._rest_timer is not None:
            self._rest_timer.stop()
        item_id = event.option.id
        if item_id is not None:
            self._rest_timer = self.set_timer(
                self.REST, lambda: self.post_message(self.Rested(item_id))
            )

    # -- drawing: what OptionList.render_line draws, for one-line rows ----------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        if self._scroll_pending and self.scrollable_content_region.height:
            # Shown before it had a size (at start-up): OptionList scrolls to the highlight
            # only when shown, a frame later; the first frame should show the right rows.
            self._scroll_pending = False
            self.scroll_to_highlight()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.get_visual_style("option-list--option").rich_style)
        if self.options[index].disabled:
            style = self.get_visual_style("option-list--option", "option-list--option-disabled")
        elif self.highlighted == index:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        elif self._hovered == index:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        row = self._rows[index]
        key = (index, row.text, style, width)
        line = self._row_lines.get(key)
        if line is None:
            visual: Visual = row
            padding = self.get_component_styles("option-list--option").padding
            if padding:
                visual = Padding(row, padding)
            strips = Visual.to_strips(self, visual, width, None, style)
            line = strips[0] if strips else Strip.blank(width)
            line = line.extend_cell_length(width, style.rich_style).apply_meta({"option": index})
            if len(self._row_lines) >= self.KEEP_LINES:
                self._row_lines.clear()
            self._row_lines[key] = line
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = event.style.meta.get("option")
        if hovered != self._hovered:
            self._hovered = hovered
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.refresh()
