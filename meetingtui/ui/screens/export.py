"""Export the referat: first what looks wrong, then the public and/or the full version."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from meetingtui import labels
from meetingtui.errors import MeetingtuiError
from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import MeetingDialog, dialog_flow
from meetingtui.ui.screens.pickers import TextPrompt

VARIANTS = {"public": [False], "full": [True], "both": [False, True]}  # full or not


class ExportScreen(MeetingDialog[None]):
    BINDINGS = [
        Binding("o", "export('public')", "Offentligt referat"),
        Binding("f", "export('full')", "Fuldt referat (fortroligt)"),
        Binding("b", "export('both')", "Begge"),
        Binding("m", "elsewhere", "Gem i en anden mappe"),
        Binding("escape", "dismiss", "Tilbage"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.last = "both"  # the variants last asked for: what m saves elsewhere

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
                "o offentligt referat · f fuldt (fortroligt) · b begge · m anden mappe · Esc tilbage",
                classes="hint",
            )
            yield Static(id="result")

    @dialog_flow
    async def action_elsewhere(self) -> None:
        folder = await self.app.push_screen_wait(
            TextPrompt(
                "Gem referatet i denne mappe", str(Path.home()), placeholder="/sti/til/mappe"
            )
        )
        if folder and folder.strip():
            self.action_export(self.last, Path(folder.strip()))

    def action_export(self, which: str, output: Path | None = None) -> None:
        """Export; every failure (a full disk, a read-only folder) is said here in Danish."""
        self.last = which
        lines = []
        for full in VARIANTS[which]:
            label = "Fuldt (fortroligt)" if full else "Offentligt"
            try:
                path, warnings = self.secretary.export(full, output)
            except OSError as error:
                lines.append(labels.export_failed(label, labels.save_cause(error.errno), error))
                continue
            except MeetingtuiError as error:
                lines.append(labels.export_failed(label, labels.EXPORT_REFUSED, error))
                continue
            lines.append(f"✓ {label} referat gemt i {path}")
            lines += [f"⚠ {warning}" for warning in warnings]
            self.notify(f"{label} referat gemt i {path}", timeout=10)
        self.query_one("#result", Static).update(literal("\n".join(lines), multiline=True))
