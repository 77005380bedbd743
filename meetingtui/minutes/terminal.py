"""Render the minutes model for a terminal with rich (the `export --text` preview)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from meetingtui.markdown import Run
from meetingtui.minutes.model import (
    Bullets,
    Contents,
    CorrectionNote,
    Heading,
    Labelled,
    Minutes,
    Paragraph,
    Signatures,
    Title,
)


def runs_text(runs: tuple[Run, ...]) -> Text:
    text = Text()
    for run in runs:
        style = " ".join(s for s, on in (("bold", run.bold), ("italic", run.italic)) if on)
        text.append(run.text, style=style or None)
    return text


def renderable(minutes: Minutes) -> RenderableType:
    parts: list[RenderableType] = []
    if minutes.confidential_note:
        parts.append(Text(minutes.confidential_note, style="bold reverse"))
    for block in minutes.blocks:
        match block:
            case Title(text):
                parts.append(Text(text, style="bold underline"))
            case Heading(text, 1, _):
                parts += [Rule(), Text(text, style="bold")]
            case Heading(text, _, _):
                parts.append(Text(text, style="bold"))
            case CorrectionNote(runs):  # a correction after the approval stands out
                note = Text("  ") + runs_text(runs)
                note.stylize("italic")
                parts.append(note)
            case Paragraph(runs):
                parts.append(runs_text(runs))
            case Labelled(label, value):
                parts.append(Text.assemble((label, "bold"), " ", value))
            case Bullets(items, _):
                parts += [Text("  • ") + runs_text(runs) for runs in items]
            case Contents(entries):
                parts += [Text(entry) for entry in entries]
            case Signatures(names):
                parts += [Text("\n" + "_" * 40 + "\n" + name) for name in names]
    return Group(*parts)


__all__ = ["renderable"]
