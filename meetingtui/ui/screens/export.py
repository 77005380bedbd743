"""Export the referat: first what looks wrong, then the public and/or the full version.

`p` switches between Word (.docx) and PDF when LibreOffice is installed (looked for in a
worker when the screen opens; without it the screen says so and what to install). The
export itself runs in a thread worker, one version after the other with a progress bar,
so the screen keeps drawing while a 500-item referat is rendered (seconds) or LibreOffice
lays out a PDF.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar, Static

from meetingtui import labels
from meetingtui.errors import MeetingtuiError
from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import MeetingDialog, dialog_flow
from meetingtui.ui.screens.pickers import TextPrompt

VARIANTS = {"public": [False], "full": [True], "both": [False, True]}  # full or not
FORMATS = {"docx": "Word (.docx)", "pdf": "PDF"}


class ExportScreen(MeetingDialog[None]):
    BINDINGS = [
        Binding("o", "export('public')", "Offentligt referat"),
        Binding("f", "export('full')", "Fuldt referat (fortroligt)"),
        Binding("b", "export('both')", "Begge"),
        Binding("p", "toggle_pdf", "PDF / Word"),
        Binding("m", "elsewhere", "Gem i en anden mappe"),
        Binding("escape", "dismiss", "Tilbage"),
    ]

    kind: reactive[str] = reactive("docx")  # the format o, f and b write
    # Why no PDF can be made; "" while LibreOffice is still being looked for, None: it can.
    pdf_missing: reactive[str | None] = reactive("")

    def __init__(self) -> None:
        super().__init__()
        self.last = "both"  # the variants last asked for: what m saves elsewhere
        self.busy = False

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
                "o offentligt referat · f fuldt (fortroligt) · b begge · p PDF/Word · "
                "m anden mappe · Esc tilbage",
                classes="hint",
            )
            yield Label(id="format")
            yield ProgressBar(total=2, show_eta=False, id="progress")
            yield Static(id="result")

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self._show_format()
        self.look_for_office()

    @work(thread=True, exclusive=True, group="office")
    def look_for_office(self) -> None:
        from meetingtui import pdf

        try:
            pdf.find_office()
        except MeetingtuiError as error:
            self.app.call_from_thread(setattr, self, "pdf_missing", str(error))
        else:
            self.app.call_from_thread(setattr, self, "pdf_missing", None)

    def watch_pdf_missing(self) -> None:
        self._show_format()

    def watch_kind(self) -> None:
        self._show_format()

    def _show_format(self) -> None:
        if not self.is_mounted:
            return
        line = f"Format: {FORMATS[self.kind]}"
        if self.pdf_missing:
            line += f" · PDF kan ikke laves: {self.pdf_missing}"
        self.query_one("#format", Label).update(literal(line))

    def action_toggle_pdf(self) -> None:
        if self.kind == "pdf":
            self.kind = "docx"
        elif self.pdf_missing is None:
            self.kind = "pdf"
        elif not self.pdf_missing:
            self.notify("Leder stadig efter LibreOffice; prøv igen om et øjeblik.")
        else:
            self.notify(f"PDF kan ikke laves: {self.pdf_missing}", severity="warning", markup=False)

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
        if self.busy:  # one export at a time; the keys wait for it
            self.notify("Eksporten er i gang…")
            return
        self.last = which
        self.busy = True
        progress = self.query_one("#progress", ProgressBar)
        progress.update(total=len(VARIANTS[which]), progress=0)
        progress.display = True
        self.query_one("#result", Static).update("Eksporterer…")
        self.write(which, output, self.kind)

    @work(thread=True, exclusive=True, group="export")
    def write(self, which: str, output: Path | None, kind: str) -> None:
        """Export off the UI thread; every failure (a full disk, a read-only folder, no
        LibreOffice) is said here in Danish."""
        lines: list[str] = []
        for full in VARIANTS[which]:
            label = "Fuldt (fortroligt)" if full else "Offentligt"
            try:
                if kind == "docx":
                    path, warnings = self.secretary.export(full, output)
                else:
                    path, warnings = self.secretary.export(full, output, kind=kind)
            except OSError as error:
                lines.append(labels.export_failed(label, labels.save_cause(error.errno), error))
            except MeetingtuiError as error:
                lines.append(labels.export_failed(label, labels.EXPORT_REFUSED, error))
            else:
                lines.append(f"✓ {label} referat gemt i {path}")
                lines += [f"⚠ {warning}" for warning in warnings]
                self.app.call_from_thread(self.notify, f"{label} referat gemt i {path}", timeout=10)
            self.app.call_from_thread(self.query_one("#progress", ProgressBar).advance, 1)
        self.app.call_from_thread(self._done, lines)

    def _done(self, lines: list[str]) -> None:
        self.busy = False
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#result", Static).update(literal("\n".join(lines), multiline=True))
