"""Render the minutes as plain text (tests, previews) or as rich renderables (terminal)."""

from __future__ import annotations

from meetingtui.minutes.model import (
    Attachments,
    Bullets,
    Contents,
    Heading,
    Labelled,
    Minutes,
    Paragraph,
    Signatures,
    Title,
)


def paragraphs(minutes: Minutes) -> list[str]:
    """One string per paragraph, in document order (headings, list items and entries too)."""
    out: list[str] = []
    if minutes.confidential_note:
        out.append(minutes.confidential_note)
    for block in minutes.blocks:
        match block:
            case Title(text) | Heading(text, _, _):
                out.append(text)
            case Paragraph():
                out.append(block.text)
            case Labelled(label, value):
                out.append(f"{label} {value}")
            case Attachments(items):  # one title a line, as the reference prints them
                out.extend("".join(run.text for run in runs) for runs in items)
            case Bullets(items, numbered):
                for n, runs in enumerate(items, 1):
                    mark = f"{n}." if numbered else "-"
                    out.append(f"{mark} " + "".join(run.text for run in runs))
            case Contents(entries):
                out.extend(entries)
            case Signatures(names):
                for name in names:
                    out.append(f"______________________________ {name}")
    return out


def render(minutes: Minutes) -> str:
    return "\n\n".join(paragraphs(minutes)) + "\n"
