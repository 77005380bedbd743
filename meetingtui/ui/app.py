"""The app: built by one factory shared by the CLI and the tests."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from pathlib import Path

from textual.app import App, SystemCommand
from textual.reactive import reactive

from meetingtui import session, times
from meetingtui.errors import MeetingtuiError
from meetingtui.secretary import Secretary
from meetingtui.ui.commands import ActionCommands

SAVED, TYPING, FAILED = "saved", "typing", "failed"


class MeetingApp(App):
    """meetingtui: the secretary's live minutes."""

    CSS_PATH = "app.tcss"
    TITLE = "meetingtui"
    COMMANDS = App.COMMANDS | {ActionCommands}
    COMMAND_PALETTE_BINDING = "ctrl+k"
    ENABLE_COMMAND_PALETTE = True

    revision: reactive[int] = reactive(0)
    """Bumped after every change to the meeting; screens watch it to redraw."""
    save_status: reactive[str] = reactive(SAVED)
    """SAVED, TYPING (decision text not yet recorded) or FAILED (the disk refused)."""

    def __init__(self, secretary: Secretary, notices: list[str] | None = None):
        super().__init__()
        self.secretary = secretary
        self.notices = notices or []
        meeting = secretary.agenda.meeting
        self.title = f"{meeting.body} {meeting.date.format('DD-MM-YYYY')}"

    def on_mount(self) -> None:
        from meetingtui.ui.screens.main import MainScreen
        from meetingtui.ui.screens.rollcall import RollCallScreen

        if self.secretary.state.opened is None:
            self.push_screen(RollCallScreen())
        else:
            self.push_screen(MainScreen())
        for notice in self.notices:
            self.notify(danish_notice(str(notice)), title="Bemærk", severity="warning", timeout=20)
        self.set_interval(5, self.retry_save)
        self._save_on_signals()

    def _save_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM): record typed text, then exit.

        SIGKILL cannot be caught; what the status line showed as saved is on disk anyway.
        """
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGHUP, self._save_and_exit, True)
            loop.add_signal_handler(signal.SIGTERM, self._save_and_exit, False)

    def _save_and_exit(self, hung_up: bool) -> None:
        self._save_typed_text()
        if hung_up:
            # The terminal is gone: there is nothing to restore, and a normal exit would
            # wait on writes to it forever, keeping the record locked. Leave at once.
            self.secretary.record.close()
            os._exit(0)
        self.exit()

    def _save_typed_text(self) -> None:
        for screen in self.screen_stack:
            save = getattr(screen, "save_decision", None)
            if save is not None:
                save()

    def get_system_commands(self, screen):
        yield SystemCommand("Skift farvetema", "Lyst eller mørkt tema", self.action_change_theme)
        yield SystemCommand("Afslut", "Gemmer alt og lukker programmet", self.action_quit)

    def act(self, action, *args, **kwargs):
        """Run a Secretary action; show a refusal as a notification; redraw (in one frame)."""
        with self.batch_update():
            try:
                result = action(*args, **kwargs)
            except MeetingtuiError as error:
                self.notify(str(error), severity="error", timeout=8)
                return None
            finally:
                self._after_change()
        return result if result is not None else True

    def _after_change(self) -> None:
        if self.secretary.saved:
            if self.save_status == FAILED:
                self.notify("Alt er gemt igen.", title="Gemt")
            if self.save_status != TYPING:
                self.save_status = SAVED
        else:
            self._save_failed()
        self.revision += 1

    def _save_failed(self) -> None:
        if self.save_status != FAILED:
            from meetingtui.ui.screens.save_problem import SaveProblemScreen

            self.save_status = FAILED
            record = self.secretary.record
            self.push_screen(SaveProblemScreen(record.save_error or "", record.save_errno))

    async def action_quit(self) -> None:
        """Quit from anywhere (ctrl+q too): record typed text first."""
        self._save_typed_text()
        self.exit()

    def retry_save(self) -> None:
        if not self.secretary.saved and self.secretary.retry_save():
            self._after_change()

    def on_unmount(self) -> None:
        self.secretary.record.close()


NOTICES = {
    "never completed": "Den sidste registrering fra før afbrydelsen blev aldrig skrevet færdig og er "
    "udeladt; alt, der var vist som gemt, er med. Filen, som den var, er gemt som sikkerhedskopi.",
    "agenda file has changed": "Dagsordensfilen er ændret, siden mødet blev startet. "
    "Kontrollér at punkterne stadig passer.",
}


def danish_notice(notice: str) -> str:
    """What a notice from the core means, in Danish, with the technical line below it."""
    meaning = next((text for key, text in NOTICES.items() if key in notice), None)
    return f"{meaning}\n({notice})" if meaning else notice


def create_app(
    agenda: str | Path | None = None,
    record: str | Path | None = None,
    now: times.Now = times.system_now,
) -> MeetingApp:
    """Open the meeting (a new record, or resume the existing one) and build the app."""
    opened = session.open_session(agenda, record)
    app = MeetingApp(Secretary(opened.agenda, opened.record, now=now), opened.notices)
    gc.freeze()  # the agenda and record stay for the whole meeting: keep them out of GC passes
    return app
