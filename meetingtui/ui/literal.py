"""The UI's one way to show text: literally, never as markup, never with control characters.

The rule (tests/test_hostile_ui.py enforces it): every text from an agenda, a record or the
keyboard reaches a widget as a `Content` (`literal`) or a rich `Text` (`literal_cell`),
never as a `str`, which Textual and Rich parse as markup (`[/]` raises, `[@click=…]` runs
an action, `[link=…]` makes a hyperlink). Control characters are shown as U+FFFD, so a
terminal never acts on them (`meetingtui.terminal_text`, shared with the CLI). Toasts go
through `MeetingApp.notify`, which applies the same rule. Input fields drop control
characters from what is pasted (`PlainInput`): what is typed is what will be recorded.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.content import Content
from textual.widgets import Input

from meetingtui.terminal_text import printable, without_controls


def literal(text: str, multiline: bool = False) -> Content:
    """Text for a Label, a Static, an Option prompt or a title: shown exactly as written."""
    return Content(printable(text, multiline), strip_control_codes=False)


def literal_cell(text: str) -> Text:
    """Text for a DataTable cell (DataTable renders with Rich): one line, literal."""
    return Text(printable(text), end="", no_wrap=True)


class PlainInput(Input):
    """An Input whose pasted text loses its control characters (line breaks become spaces).

    Textual's Input keeps an ESC or an OSC 52 pasted into it and draws it to the terminal
    as it is; and it keeps only the first line of a paste.
    """

    def __init__(self, value: str | None = None, *args, **kwargs) -> None:
        super().__init__(without_controls(value) if value else value, *args, **kwargs)

    def on_paste(self, event: events.Paste) -> None:
        text = without_controls(event.text)
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # not Input's own handler too
