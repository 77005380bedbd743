"""The app: built by one factory shared by the CLI and the tests."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from textual.app import SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from meetingtui import labels, session, times
from meetingtui.errors import MeetingtuiError
from meetingtui.notices import Notice
from meetingtui.secretary import Secretary
from meetingtui.terminal_text import printable
from meetingtui.ui.commands import ActionCommands
from meetingtui.ui.contract import ActResult, Done, HoldsTypedText, MeetingAppBase, P, Refused, T
from meetingtui.ui.save_status import SaveStatus
from meetingtui.ui.screens.main import MainScreen
from meetingtui.ui.screens.rollcall import RollCallScreen
from meetingtui.ui.screens.save_problem import SaveProblemScreen


class MeetingApp(MeetingAppBase):
    """meetingtui: the secretary's live minutes."""

    CSS_PATH = "app.tcss"
    TITLE = "meetingtui"
    COMMANDS = MeetingAppBase.COMMANDS | {ActionCommands}
    COMMAND_PALETTE_BINDING = "ctrl+k"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, secretary: Secretary, notices: Sequence[Notice | str] = ()):
        super().__init__()
        self.secretary = secretary
        self.notices = list(notices)
        meeting = secretary.agenda.meeting
        self.title = printable(f"{meeting.body} {meeting.date.format('DD-MM-YYYY')}")

    def on_mount(self) -> None:
        if self.secretary.state.opened is None:
            self.push_screen(RollCallScreen())
        else:
            self.push_screen(MainScreen())
        for notice in self.notices:
            self.notify(notice_text(notice), title="Bemærk", severity="warning", timeout=20)
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
            if isinstance(screen, HoldsTypedText):
                screen.save_typed_text()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a toast. Always literal: its text often holds what people typed."""
        super().notify(
            printable(message, multiline=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Skift farvetema", "Lyst eller mørkt tema", self.action_change_theme)
        yield SystemCommand("Afslut", "Gemmer alt og lukker programmet", self.action_quit)

    def act(self, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> ActResult[T]:
        """Run a Secretary action; show a refusal as a notification; redraw (in one frame)."""
        with self.batch_update():
            try:
                value = action(*args, **kwargs)
            except MeetingtuiError as error:
                self.notify(str(error), severity="error", timeout=8)
                return Refused(str(error))
            finally:
                self._after_change()
        return Done(value)

    def _after_change(self) -> None:
        if self.secretary.saved:
            if self.save_status is SaveStatus.FAILED:
                self.notify("Alt er gemt igen.", title="Gemt")
            if self.save_status is not SaveStatus.TYPING:
                self.save_status = SaveStatus.SAVED
        else:
            self._save_failed()
        self.revision += 1

    def _save_failed(self) -> None:
        if self.save_status is not SaveStatus.FAILED:
            self.save_status = SaveStatus.FAILED
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


def notice_text(notice: Notice | str) -> str:
    """What a notice from the core means, in Danish, with the technical line below it.

    A plain string (from a core that does not yet give Notice objects) is shown as it is.
    """
    if isinstance(notice, str):
        return notice
    return f"{labels.NOTICE_TEXTS[notice.code]}\n({notice.detail})"


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
