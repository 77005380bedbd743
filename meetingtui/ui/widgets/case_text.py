"""The current item's case text, rendered from its Markdown: Resumé and Indstilling first."""

from __future__ import annotations

from rich.markdown import Markdown
from textual.containers import VerticalScroll
from textual.widgets import Static

from meetingtui.agenda import SECTION_TITLES, Item

ORDER = ("resume", "indstilling", "sagsfremstilling", "klimavurdering")


def case_markdown(item: Item) -> str:
    parts = []
    if item.closed:
        parts.append("**LUKKET PUNKT** – indholdet vises ikke i det offentlige referat.")
    if item.case:
        parts.append(f"Sag {item.case}")
    for key in ORDER:
        if key in item.sections:
            parts.append(f"## {SECTION_TITLES[key]}\n\n{item.sections[key]}")
    if item.bilag:
        parts.append("## Bilag\n\n" + "\n".join(f"- {title}" for title in item.bilag))
    if len(parts) == (1 if item.case else 0) + (1 if item.closed else 0):
        parts.append("*Ingen sagsfremstilling.*")
    return "\n\n".join(parts)


class CaseText(VerticalScroll, can_focus=True):
    def compose(self):
        yield Static(id="case-body")

    def show(self, item: Item) -> None:
        self.query_one("#case-body", Static).update(Markdown(case_markdown(item)))
        self.scroll_home(animate=False)
