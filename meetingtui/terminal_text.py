"""Text from an agenda, a record or the keyboard, made safe to write to a terminal.

The display rule, in one place (the UI's `ui.literal` and the chair's table use it):
C0 and C1 control characters and DEL are never written to a terminal, which would act on
them (ESC starts a sequence that can clear the screen, set the clipboard (OSC 52) or make a
hyperlink; 0x9b is a one-byte CSI). Each is shown as U+FFFD (�), so text hidden in an old or
hand-edited record is seen, not obeyed. On one line, a tab, a line break, a carriage
return or a Unicode line or paragraph separator is a space; in multi-line text, tabs and
line breaks stay, and CR LF, a lone CR and the Unicode separators are line breaks.

Markup is the other half: a `str` handed to Rich (`Console.print`, a table cell) is parsed
as console markup. Wrap text in `rich.text.Text` (`literal_text` here), never a markup
string. No Textual here: the CLI uses this module too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

SHOWN_FOR_CONTROL = "\ufffd"
"""What a control character is shown as."""

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # every C0 but tab and newline, DEL, every C1
_BREAKS = "\r\n|[\n\r\u2028\u2029]"  # line breaks, Unicode's separators included
_ONE_LINE = re.compile(_BREAKS + "|\t|[" + _CONTROLS + "]")
_MULTI_LINE = re.compile(_BREAKS + "|[" + _CONTROLS + "]")
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAK = re.compile(_BREAKS)
_CONTROL_ONLY = re.compile("[" + _CONTROLS + "]")
_ONE_LINE_SPACE = re.compile(_BREAKS + "|\t")


def _shown(match: re.Match[str]) -> str:
    return " " if _ONE_LINE_SPACE.fullmatch(match.group()) else SHOWN_FOR_CONTROL


def _shown_multi_line(match: re.Match[str]) -> str:
    return "\n" if _LINE_BREAK.fullmatch(match.group()) else SHOWN_FOR_CONTROL


def printable(text: str, multiline: bool = False) -> str:
    """The text as it may be shown in a terminal (the display rule above)."""
    if not _ANY_CONTROL.search(text):
        return text  # the common case: nothing to do
    if multiline:
        return _MULTI_LINE.sub(_shown_multi_line, text)
    return _ONE_LINE.sub(_shown, text)


def without_controls(text: str, multiline: bool = False) -> str:
    """Typed or pasted text with its control characters dropped (for an input field).

    On one line, a tab or a line break (CR LF, LF, CR, U+2028, U+2029) becomes a space;
    in multi-line text, each line break becomes LF.

    What enters an input field is what will be recorded: a replacement mark would be
    recorded too, so controls are dropped there instead of shown.
    """
    if not _ANY_CONTROL.search(text):
        return text
    if multiline:
        return _CONTROL_ONLY.sub("", _LINE_BREAK.sub("\n", text))
    return _CONTROL_ONLY.sub("", _ONE_LINE_SPACE.sub(" ", text))


def literal_text(
    text: str, style: str | Style | None = None, multiline: bool = False, end: str = "\n"
) -> Text:
    """A Rich Text showing `text` exactly as written: no markup, no control characters."""
    return Text(printable(text, multiline), style=style or "", end=end)


def literal_texts(*parts: str | tuple[str, str]) -> Text:
    """Text.assemble for literal pieces: plain strings, or (text, style) pairs."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(printable(part[0], multiline=True), part[1])
        else:
            text.append(printable(part, multiline=True))
    return text


class Printable:
    """Any Rich renderable, with control characters in its text shown as U+FFFD.

    The net under renderables built elsewhere (the referat for `export --text` and the
    preview): Rich keeps ESC and C1 inside a Text and writes them to the terminal as they
    are. Segments Rich itself marks as control codes (cursor moves) are kept.
    """

    def __init__(self, renderable: RenderableType):
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from safe_segments(console.render(self.renderable, options))


def safe_segments(segments: Iterable[Segment]) -> Iterable[Segment]:
    for segment in segments:
        text, style, control = segment
        if control is None and _ANY_CONTROL.search(text):
            lines = text.split("\n")  # Rich's own line breaks stay
            yield Segment("\n".join(printable(line) for line in lines), style)
        else:
            yield segment


__all__ = [
    "SHOWN_FOR_CONTROL",
    "Printable",
    "literal_text",
    "literal_texts",
    "printable",
    "without_controls",
]
