"""The disk refused a save: say so at once, keep everything in memory, offer a way out."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from meetingtui import labels
from meetingtui.errors import MeetingtuiError
from meetingtui.ui.literal import literal
from meetingtui.ui.save_status import SaveStatus
from meetingtui.ui.screens.base import MeetingDialog, dialog_flow
from meetingtui.ui.screens.pickers import TextPrompt


class SaveProblemScreen(MeetingDialog[None]):
    BINDINGS = [
        Binding("r", "retry", "Prøv igen"),
        Binding("a", "elsewhere", "Gem et andet sted"),
        Binding("escape,c", "dismiss", "Fortsæt"),
    ]

    def __init__(self, error: str, error_number: int | None = None):
        super().__init__()
        self.error = error
        self.cause = labels.save_cause(error_number)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="save-problem"):
            yield Label("⚠ Ændringer kan ikke gemmes", classes="dialog-title")
            yield Label(self.cause, id="save-cause")
            yield Label(literal(self.error), id="save-error", classes="hint")
            yield Label(
                "Intet er tabt: ændringerne holdes i hukommelsen, og der prøves igen hvert 5. sekund "
                "og ved hver ny registrering."
            )
            yield Label("r prøv igen · a gem et andet sted · Esc fortsæt", classes="hint")

    def action_retry(self) -> None:
        self.app.retry_save()
        if self.secretary.saved:
            self.saved()
        else:
            self.notify("Det kan stadig ikke gemmes.", severity="error")

    @dialog_flow
    async def action_elsewhere(self) -> None:
        path = await self.app.push_screen_wait(
            TextPrompt(
                "Gem registreringen i denne fil",
                self.suggested_path(),
                placeholder="/sti/til/moede.record",
            )
        )
        if not path:
            return
        try:
            self.secretary.move_record(path)
        except MeetingtuiError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.app.save_status = SaveStatus.SAVED
        self.notify(f"Alt er gemt i {path}; der gemmes nu dér.")
        self.saved()

    def suggested_path(self) -> str:
        """A new file of the same name in the home folder (another disk, often)."""
        current = self.secretary.record.path
        suggestion = Path.home() / current.name
        if suggestion == current or suggestion.exists():
            suggestion = suggestion.with_name(f"{current.stem}-kopi{current.suffix}")
        return str(suggestion)

    def saved(self) -> None:
        """Everything is on disk again."""
        self.dismiss()


class QuitUnsavedScreen(SaveProblemScreen):
    """Ctrl+Q while the disk refuses: save elsewhere, try again, or quit and lose it."""

    BINDINGS = [
        Binding("a", "elsewhere", "Gem et andet sted og afslut"),
        Binding("r", "retry", "Prøv igen og afslut"),
        Binding("q", "quit_anyway", "Afslut uden at gemme"),
        Binding("escape,c", "dismiss", "Fortsæt mødet"),
    ]

    def __init__(self, error: str, error_number: int | None, unsaved: int):
        super().__init__(error, error_number)
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="quit-unsaved"):
            yield Label(labels.QUIT_UNSAVED_TITLE, classes="dialog-title")
            yield Label(self.cause, id="save-cause")
            yield Label(literal(self.error), id="save-error", classes="hint")
            yield Label(labels.quit_unsaved(self.unsaved), id="quit-cost")
            yield Label(
                "a gem et andet sted og afslut · r prøv igen · q afslut uden at gemme · "
                "Esc fortsæt mødet",
                classes="hint",
            )

    def saved(self) -> None:
        self.app.exit()

    def action_quit_anyway(self) -> None:
        self.app.quit_losing_unsaved()
