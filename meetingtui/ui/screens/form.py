"""A dialog of several fields (the approval, a correction): choices marked by a sign, and a
confirming key (Enter, Ctrl+S) that acts on everything typed before it.

Marks, not colour: Textual's radio buttons and selection lists show what is chosen by
colour alone (the same ● or X either way); here a chosen way reads ● and the others ○, a
chosen member ✓ and the others nothing, as the app says everything in marks and words.
One choice of a few is a `ChoiceList`: the highlighted line is the choice.

In order: a priority binding runs as soon as the app reads its key, before the keys typed
just ahead of it have reached their field (a date typed and Enter at once would be
confirmed without the date). `FormDialog.confirm_after_typing` sends a marker through the
focused field, behind those keys, and the screen then asks the app to confirm after the
bindings those keys started (queued at the app before it): `confirmed` sees the fields
as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import ResultT
from meetingtui.ui.screens.pickers import Dialog


class ChoiceList(OptionList):
    """One of a few choices: the highlighted line is the choice, so ↑↓ alone chooses (a
    radio button needs Space as well, and Enter on the line above it kept the old choice),
    and it is marked ● (the others ○) whether the list has the focus or not."""

    def __init__(self, choices: Sequence[str], *, id: str | None = None):
        self.labels = list(choices)
        super().__init__(*[Option(self._marked(i, 0)) for i in range(len(self.labels))], id=id)

    def _marked(self, index: int, chosen: int | None) -> Content:
        return literal(f"{'●' if index == chosen else '○'} {self.labels[index]}")

    def on_mount(self) -> None:
        self.highlighted = 0

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index in range(len(self.labels)):
            self.replace_option_prompt_at_index(index, self._marked(index, highlighted))

    @property
    def chosen(self) -> int:
        """The index of the choice (the first if none is highlighted yet)."""
        return self.highlighted or 0


class MarkedSelectionList(SelectionList[str]):
    """A selection list whose mark says whether a line is chosen (✓ or blank), not its
    colour alone."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == "X":  # ToggleButton.BUTTON_INNER
            mark = "✓" if selection.value in self.selected else " "
            segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)


class TypedSoFar(Message):
    """Sent through the focused field after the keys typed before a confirming key."""


class FormDialog(Dialog[ResultT]):
    """A dialog whose confirming key acts on the fields as typed, however fast."""

    def confirm_after_typing(self) -> None:
        (self.focused or self).post_message(TypedSoFar())

    def on_typed_so_far(self, message: TypedSoFar) -> None:
        message.stop()
        self.app.call_later(self.confirmed)  # after the bindings of the keys before it

    def confirmed(self) -> None:
        """Record what the fields say (each dialog its own)."""
        raise NotImplementedError
