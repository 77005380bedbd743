"""Export the referat: first what looks wrong, then the public and/or the full version."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from meetingtui.errors import MeetingtuiError
from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import MeetingDialog

VARIANTS = {"public": [False], "full": [True], "both": [False, True]}  # full or not


class ExportScreen(MeetingDialog[None]):
    BINDINGS = [
        Binding("o", "export('public')", "Offentligt referat"),
        Binding("f", "export('full')", "Fuldt referat (fortroligt)"),
        Binding("b", "export('both')", "Begge"),
        Binding("escape", "dismiss", "Tilbage"),
    ]

    def compose(self) -> ComposeResult:
        problems = self.secretary.problems()
        with Vertical(classes="dialog wide", id="export"):
            yield Label("Eksportér referatet", classes="dialog-title")
            if problems:
                yield Label(
                    literal(f"Tjek før eksport: {len(problems)} ting ser forkerte ud"),
                    id="check-heading",
                )
                with VerticalScroll(id="problems"):
                    yield Static(literal("\n".join(f"• {p}" for p in problems), multiline=True))
                yield Label("Esc: gå tilbage og ret · eller eksportér alligevel:", classes="hint")
            else:
                yield Label("Tjek før eksport: intet at bemærke.", id="check-heading")
            yield Label(
                "o offentligt referat · f fuldt (fortroligt) · b begge · Esc tilbage",
                classes="hint",
            )
            yield Static(id="result")

    def action_export(self, which: str) -> None:
        lines = []
        for full in VARIANTS[which]:
            try:
                path, warnings = self.secretary.export(full)
            except MeetingtuiError as error:
                lines.append(
                    f"⚠ Referatet kunne ikke gemmes. Prøv et andet sted eller frigør plads. ({error})"
                )
                continue
            label = "Fuldt (fortroligt)" if full else "Offentligt"
            lines.append(f"✓ {label} referat gemt i {path}")
            lines += [f"⚠ {warning}" for warning in warnings]
            self.notify(f"{label} referat gemt i {path}", timeout=10)
        self.query_one("#result", Static).update(literal("\n".join(lines), multiline=True))
