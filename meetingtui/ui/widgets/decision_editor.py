"""The decision text editor. It never saves itself: it tells its screen when the typing pauses."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

from meetingtui.terminal_text import without_controls

PAUSE_SECONDS = 0.8


class DecisionEditor(TextArea):
    BINDINGS = [Binding("escape", "done", "Færdig", show=False)]

    class Paused(Message):
        """The secretary stopped typing (or left the field): time to record the text."""

    class Done(Message):
        """Escape: leave the editor."""

    def __init__(self, *, id: str | None = None):
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", id=id)
        self._timer: Timer | None = None
        self._loading = False

    def load(self, text: str) -> None:
        """Show a recorded decision (without the control characters an old record may hold)."""
        self._loading = True
        self.load_text(without_controls(text, multiline=True))
        self.move_cursor(self.document.end)

    async def on_paste(self, event: events.Paste) -> None:
        """Paste without control characters: TextArea would draw an ESC to the terminal."""
        event.prevent_default()  # not TextArea's own handler too
        if self.read_only:
            return
        text = without_controls(event.text, multiline=True)
        if text and (result := self._replace_via_keyboard(text, *self.selection)):
            self.move_cursor(result.end_location)
            self.focus()

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        if self._loading:
            self._loading = False
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PAUSE_SECONDS, self._paused)

    def _paused(self) -> None:
        self._timer = None
        self.post_message(self.Paused())

    def on_blur(self) -> None:
        self.post_message(self.Paused())

    def action_done(self) -> None:
        self.post_message(self.Paused())
        self.post_message(self.Done())
