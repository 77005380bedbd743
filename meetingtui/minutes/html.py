"""Render the minutes model as one accessible HTML page: the form web portals publish.

One self-contained file: `lang="da"`, UTF-8, no scripts, no external resources (no
fonts, images or links off the page), a small inline stylesheet in sober black. The
structure is semantic: the title is the page's one h1; the contents are a <nav> whose
numbered list links to the items; each item is a <section> with its id and an h2
heading; an item's sections are h3 and the case text's sub-headings h4 (the model's
levels 1-3 shifted by one, so levels are never skipped). Labelled lines (Mødedato,
Fraværende) are description lists; bold and italic runs <strong> and <em>. Dates keep
their hyphens (a search for "20-11-2025" finds them) and never break across lines.

Every text is escaped; characters HTML may not carry (control characters other than tab
and line breaks, unpaired surrogates, noncharacters) are left out. A block type this
module does not know is an error, never silently dropped: a new kind of block must be
drawn here before any referat with it can be published as HTML.
"""

from __future__ import annotations

import re
from html import escape

from meetingtui.markdown import Run
from meetingtui.minutes.model import (
    Attachments,
    Block,
    Bullets,
    Contents,
    CorrectionNote,
    Fingerprint,
    Heading,
    Labelled,
    Minutes,
    Paragraph,
    Signatures,
    Title,
)

LANGUAGE = "da"
_NOT_HTML = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_DATE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")

STYLE = """
body { font-family: Calibri, Carlito, "Segoe UI", Arial, sans-serif; color: #000;
  background: #fff; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 1em; }
h2 { font-size: 1.3em; margin: 2.5em 0 .6em; padding-top: .6em; border-top: 1px solid #000; }
h3 { font-size: 1.1em; margin: 1.5em 0 .4em; }
h4 { font-size: 1em; margin: 1.2em 0 .3em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1.5em; margin: 1em 0; }
dt { font-weight: bold; }
dd { margin: 0; }
a { color: #000; }
.fortroligt { font-weight: bold; border: 2px solid #000; padding: .5em; }
.dato { white-space: nowrap; }
.underskrifter { list-style: none; padding: 0; }
.underskrifter li { margin-top: 3em; border-top: 1px solid #000; max-width: 20em; }
@media print { body { max-width: none; margin: 0; } section { break-before: page; }
  section > h2 { border: 0; } }
""".strip()

CORRECTION_STYLE = ".rettelse { margin-left: 1.5em; }"


def render(minutes: Minutes) -> bytes:
    """The page as UTF-8 bytes."""
    return "\n".join(_Page(minutes).lines()).encode("utf-8") + b"\n"


def unsupported_characters(minutes: Minutes) -> int:
    """How many characters the page leaves out (control characters and the like)."""
    from meetingtui.minutes.text import paragraphs

    return sum(len(_NOT_HTML.findall(p)) for p in paragraphs(minutes))


def text(value: str) -> str:
    """Escaped text, without the characters HTML cannot carry, dates kept on one line."""
    value = _NOT_HTML.sub("", value)
    out, pos = [], 0
    for match in _DATE.finditer(value):
        out.append(escape(value[pos : match.start()]))
        out.append(f'<span class="dato">{match.group()}</span>')
        pos = match.end()
    out.append(escape(value[pos:]))
    return "".join(out)


def runs(items: tuple[Run, ...]) -> str:
    out = []
    for run in items:
        part = text(run.text)
        if run.italic:
            part = f"<em>{part}</em>"
        if run.bold:
            part = f"<strong>{part}</strong>"
        out.append(part)
    return "".join(out)


class _Page:
    def __init__(self, minutes: Minutes):
        self.minutes = minutes
        self.out: list[str] = []
        self.open_section = ""  # "section" or "nav" while one is open
        self.labels_open = False
        # the contents' entries link, in order, to the headings that have an entry
        self.anchors: list[str] = []
        self.entries_seen = 0

    def lines(self) -> list[str]:
        minutes = self.minutes
        head = [
            "<!DOCTYPE html>",
            f'<html lang="{LANGUAGE}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="meetingtui">',
            f"<title>{escape(_NOT_HTML.sub('', minutes.title))}</title>",
            f"<style>\n{STYLE}{self._after_meeting_style()}\n</style>",
            "</head>",
            "<body>",
            "<main>",
        ]
        if minutes.confidential_note:
            head.append(f'<p class="fortroligt" role="note">{text(minutes.confidential_note)}</p>')
        self.anchors = [
            f"punkt-{n}"
            for n in range(
                1,
                1 + sum(isinstance(b, Heading) and b.toc_entry is not None for b in minutes.blocks),
            )
        ]
        blocks = minutes.blocks
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.add(block, following)
        self._close_labels()
        self._close_section()
        return head + self.out + ["</main>", "</body>", "</html>"]

    def add(self, block: Block, following: Block | None) -> None:
        if not isinstance(block, Labelled):
            self._close_labels()
        match block:
            case Title(title):
                self.out.append(f"<h1>{text(title)}</h1>")
            case Heading(heading, 1, toc_entry):
                self._close_section()
                if isinstance(following, Contents):
                    self.open_section = "nav"
                    self.out.append('<nav aria-labelledby="indhold">')
                    self.out.append(f'<h2 id="indhold">{text(heading)}</h2>')
                    return
                self.open_section = "section"
                anchor = self._anchor(toc_entry)
                ident = f' id="{anchor}"' if anchor else ""
                self.out.append(f"<section{ident}>")
                self.out.append(f"<h2>{text(heading)}</h2>")
            case Heading(heading, level, _):
                tag = f"h{min(level + 1, 6)}"
                self.out.append(f"<{tag}>{text(heading)}</{tag}>")
            case CorrectionNote(items):
                self.out.append(f'<p class="rettelse">{runs(items)}</p>')
            case Fingerprint(items):
                self.out.append(f'<p class="fingeraftryk">{runs(items)}</p>')
            case Paragraph(items):
                self.out.append(f"<p>{runs(items)}</p>")
            case Labelled(label, value):
                if not self.labels_open:
                    self.out.append("<dl>")
                    self.labels_open = True
                self.out.append(f"<dt>{text(label)}</dt><dd>{text(value)}</dd>")
            case Attachments(items):  # one title a paragraph, as the reference prints Bilag
                self.out += [f"<p>{runs(item)}</p>" for item in items]
            case Bullets(items, numbered):
                tag = "ol" if numbered else "ul"
                self.out.append(f"<{tag}>")
                self.out += [f"<li>{runs(item)}</li>" for item in items]
                self.out.append(f"</{tag}>")
            case Contents(entries):
                self.out.append('<ol class="indhold">')
                for n, entry in enumerate(entries):
                    if n < len(self.anchors):
                        self.out.append(f'<li><a href="#{self.anchors[n]}">{text(entry)}</a></li>')
                    else:
                        self.out.append(f"<li>{text(entry)}</li>")
                self.out.append("</ol>")
            case Signatures(names):
                self.out.append('<ul class="underskrifter">')
                self.out += [f"<li>{text(name)}</li>" for name in names]
                self.out.append("</ul>")
            case _:
                raise TypeError(
                    f"the HTML renderer does not know the block type {type(block).__name__}"
                )

    def _after_meeting_style(self) -> str:
        """The corrections' rule, only on a page that has them (an earlier page keeps its bytes)."""
        if any(isinstance(block, CorrectionNote) for block in self.minutes.blocks):
            return "\n" + CORRECTION_STYLE
        return ""

    def _anchor(self, toc_entry: str | None) -> str:
        if toc_entry is None or self.entries_seen >= len(self.anchors):
            return ""
        self.entries_seen += 1
        return self.anchors[self.entries_seen - 1]

    def _close_labels(self) -> None:
        if self.labels_open:
            self.out.append("</dl>")
            self.labels_open = False

    def _close_section(self) -> None:
        if self.open_section:
            self.out.append(f"</{self.open_section}>")
            self.open_section = ""


__all__ = ["render", "unsupported_characters"]
