"""The app: built by one factory shared by the CLI and the tests."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import sys
import termios
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import SystemCommand
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.screen import Screen

from meetingtui import labels, meetings, paths, times, wording
from meetingtui.errors import MeetingtuiError
from meetingtui.meetings import KnownMeeting
from meetingtui.notices import Notice
from meetingtui.secretary import Secretary
from meetingtui.terminal_text import literal_text, printable, without_controls
from meetingtui.ui import deferred
from meetingtui.ui.contract import ActResult, Done, HoldsTypedText, MeetingAppBase, P, Refused, T
from meetingtui.ui.save_status import SaveStatus

# Not loaded at first use like the other dialogs: the disk has just refused a save (a
# removed stick, a full or failing disk), and what tells the secretary must not depend on
# reading more of the program from a disk then.
from meetingtui.ui.screens.save_problem import QuitUnsavedScreen, SaveProblemScreen

if TYPE_CHECKING:
    from meetingtui.ui.screens.home import HomeScreen

# The screens are imported where they are first shown (but for the save problem, above),
# or a second after the first frame (ui/deferred.py): the first frame of a meeting opened
# at its item loads neither the home screen nor the roll call, and no dialog
# (tests/test_ui_first_frame.py).

TERM_GRACE_SECONDS = 0.8
"""After a SIGTERM, how long the app may take to save and exit before it leaves at once."""

COLLECT_AFTER_SECONDS = 1.0
"""How long after the start the garbage collector waits (the first screen is built and
drawn before: some 120 collection passes over its new widgets, about 15 ms at 500 items),
and the screens not yet shown are loaded (ui/deferred.py)."""

# What Textual's driver writes on a normal exit: mouse, paste and focus reporting off, the
# Kitty keyboard protocol off, the main screen back, the cursor shown.
_TERMINAL_RESTORE = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?7h"
    "\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l"
)


@dataclass(frozen=True)
class Home:
    """What the home screen shows, and the clock a meeting opened from it runs on."""

    known: list[KnownMeeting]
    where: str
    now: times.Now | None = None


def action_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette is first opened."""
    from meetingtui.ui.commands import ActionCommands

    return ActionCommands


class MeetingApp(MeetingAppBase):
    """meetingtui: the secretary's live minutes.

    Made with a meeting open (`create_app`), or with none and the home screen's list
    (`create_home_app`): then `is_open` is False, and `secretary` exists only once a
    meeting is chosen and opened.
    """

    CSS_PATH = "app.tcss"
    TITLE = "meetingtui"
    COMMANDS = MeetingAppBase.COMMANDS | {action_commands}
    COMMAND_PALETTE_BINDING = "ctrl+k"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        secretary: Secretary | None,
        notices: Sequence[Notice | str] = (),
        home: Home | None = None,
    ):
        super().__init__()
        self.is_open = False
        self.notices = list(notices)
        self.home = home
        self._terminating = False
        self._watchdog: threading.Timer | None = None
        if secretary is not None:
            self._take(secretary)

    def _take(self, secretary: Secretary) -> None:
        self.secretary = secretary
        self.is_open = True
        meeting = secretary.agenda.meeting
        title = f"{meeting.body} {wording.date_short(meeting.date)}"
        self.title = printable(f"PRØVE · {title}" if secretary.rehearsal else title)

    def on_mount(self) -> None:
        self.set_timer(COLLECT_AFTER_SECONDS, self._after_first_screen)
        if self.is_open:
            self.push_screen(self._meeting_screen())
            self._after_opening()
        elif self.home is not None:
            from meetingtui.ui.screens.home import HomeScreen

            self.push_screen(HomeScreen(self.home.known, self.home.where, self.home.now))
        self._save_on_signals()

    def _after_first_screen(self) -> None:
        gc.enable()  # off since run()
        deferred.load_the_rest()

    def _meeting_screen(self) -> Screen[None]:
        """The roll call, or the meeting if it is opened."""
        if self.secretary.state.opened is None:
            from meetingtui.ui.screens.rollcall import RollCallScreen

            return RollCallScreen()
        from meetingtui.ui.screens.main import MainScreen

        return MainScreen()

    def _after_opening(self) -> None:
        """The notices from opening the meeting; saves the disk refused retried from now on."""
        for notice in self.notices:
            self.notify(notice_text(notice), title="Bemærk", severity="warning", timeout=20)
        self.set_interval(5, self.retry_save)

    def on_home_screen_opened(self, message: HomeScreen.Opened) -> None:
        """A meeting chosen on the home screen is open: show it."""
        self.notices = list(message.notices)
        self._take(message.secretary)
        self.switch_screen(self._meeting_screen())
        self._after_opening()
        gc.freeze()  # as create_app: the agenda and record stay for the whole meeting

    def _save_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM): record typed text, then exit.

        SIGKILL cannot be caught; what the status line showed as saved is on disk anyway.
        SIGTERM has a Python-level handler, which runs even while the event loop is busy,
        and is obeyed within TERM_GRACE_SECONDS whatever the app is doing.
        """
        loop = self._signal_loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGHUP, self._save_and_exit, True)
        with contextlib.suppress(ValueError):  # not the main thread (a test's app)
            self._previous_sigterm = signal.signal(signal.SIGTERM, self._sigterm_received)

    def _sigterm_received(self, _signum: int, _frame: FrameType | None) -> None:
        if self._terminating:
            return
        self._terminating = True
        self._watchdog = threading.Timer(TERM_GRACE_SECONDS, self._leave_now)
        self._watchdog.daemon = True
        self._watchdog.start()
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app is leaving
            self._signal_loop.call_soon_threadsafe(self._save_and_exit, False)

    def _leave_now(self) -> None:
        """The app did not get out in time (a busy loop): restore the terminal and leave.

        As after SIGKILL, every registration acknowledged on screen is on disk.
        """
        driver = self._driver
        attrs = getattr(driver, "attrs_before", None)  # Textual's Linux driver: the tty's
        fileno = getattr(driver, "fileno", None)  # settings before the app, and its input
        output = getattr(driver, "_file", None) or sys.__stderr__  # Textual draws on stderr
        with contextlib.suppress(Exception):
            if attrs is not None and fileno is not None:
                termios.tcsetattr(fileno, termios.TCSANOW, attrs)
            if output is not None:
                os.write(output.fileno(), _TERMINAL_RESTORE.encode())
        os._exit(128 + signal.SIGTERM)

    def _save_and_exit(self, hung_up: bool) -> None:
        if not self.is_open:  # the home screen: nothing to save
            if hung_up:
                os._exit(0)
            self.exit()
            return
        self._save_typed_text()
        if hung_up:
            # The terminal is gone: there is nothing to restore, and a normal exit would
            # wait on writes to it forever, keeping the record locked. Leave at once.
            self.secretary.record.close()
            os._exit(0)
        if self.secretary.saved or self.secretary.retry_save():
            self.exit()
            return
        copy = self._emergency_copy()
        if copy is not None:
            self.exit(return_code=1, message=literal_text(labels.saved_elsewhere_on_exit(copy)))
        else:
            count = self.unsaved_count()
            self.exit(return_code=1, message=literal_text(labels.lost_on_exit(count)))

    def _emergency_copy(self) -> Path | None:
        """Save the whole record beside the data directory, in the home folder or in /tmp."""
        name = f"{self.secretary.record.path.stem}-nødkopi.record"
        for folder in (paths.data_dir(), Path.home(), Path("/tmp")):
            target = folder / name
            with contextlib.suppress(MeetingtuiError, OSError):
                self.secretary.move_record(target)
                return target
        return None

    def unsaved_count(self) -> int:
        """How many registrations the disk has refused so far (kept in memory)."""
        return len(self.secretary.record.pending) if self.is_open else 0

    def _save_typed_text(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HoldsTypedText):
                screen.save_typed_text()

    async def on_event(self, event: events.Event) -> None:
        """A paste loses its control characters before any field (Textual's own too) sees it."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = without_controls(event.text, multiline=True)
        await super().on_event(event)

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
            cleaned = self.secretary.take_notice()
            if cleaned:
                self.notify(cleaned, severity="warning", timeout=8)
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
        """Quit from anywhere (ctrl+q too): record typed text first.

        If the disk refuses, ask: save elsewhere, try again, or quit and lose what is not
        saved (exit code 1). Never leave silently with work unsaved.
        """
        if isinstance(self.screen, QuitUnsavedScreen):
            return
        if not self.is_open:  # the home screen
            self.exit()
            return
        self._save_typed_text()
        if self.secretary.saved or self.secretary.retry_save():
            self.exit()
            return
        record = self.secretary.record
        self.push_screen(
            QuitUnsavedScreen(record.save_error or "", record.save_errno, self.unsaved_count())
        )

    def quit_losing_unsaved(self) -> None:
        """Quit although the disk refused: what is not saved is lost (exit code 1)."""
        count = self.unsaved_count()
        if count:
            self.exit(return_code=1, message=literal_text(labels.lost_on_exit(count)))
        else:
            self.exit()

    def retry_save(self) -> None:
        if self.is_open and not self.secretary.saved and self.secretary.retry_save():
            self._after_change()

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app; once it is out (the terminal restored), no watchdog is needed.

        The first screen is built without garbage collection: it makes widgets, not cyclic
        garbage, and collection resumes COLLECT_AFTER_SECONDS later (or when the app ends).
        """
        gc.disable()
        try:
            return super().run(*args, **kwargs)
        finally:
            gc.enable()
            self._stop_watchdog()

    def _stop_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()

    def on_unmount(self) -> None:
        if self.is_headless:  # a test's app: the process goes on after it
            self._stop_watchdog()
        if self.is_open:
            self.secretary.record.close()
        previous = getattr(self, "_previous_sigterm", None)
        if previous is not None:
            with contextlib.suppress(ValueError):
                signal.signal(signal.SIGTERM, previous)


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
    now: times.Now | None = None,
    rehearse: str | None = None,
) -> MeetingApp:
    """The app on one meeting (`meetingtui AGENDA`; None: the demo).

    Opened by meetings.open_meeting, as the home screen opens one: a new record or the
    existing one resumed; `rehearse` (None: the real meeting): a rehearsal in its own
    record, on a simulated clock from the meeting's start or the 'HH.MM' given (`now`
    overrides the clock)."""
    # Opening builds the agenda and the record's events (tens of thousands of objects at
    # 500 items) and makes no cyclic garbage: collections during it only walk the heap
    # (about 30 ms of a start-up at 500 items).
    collecting = gc.isenabled()  # main() turns it off for the whole start
    gc.disable()
    try:
        secretary, notices = meetings.open_meeting(agenda, record, now, rehearse)
    finally:
        if collecting:
            gc.enable()
    app = MeetingApp(secretary, notices)
    gc.freeze()  # the agenda and record stay for the whole meeting: keep them out of GC passes
    return app


def create_home_app(
    now: times.Now | None = None, folders: Sequence[Path] | None = None
) -> MeetingApp:
    """The app on its home screen (`meetingtui`): the meetings it knows, the demo first.

    `folders`: where to find agendas (default: the project's `agendas/`)."""
    folders = [meetings.AGENDAS_FOLDER] if folders is None else list(folders)
    known = meetings.known_meetings(folders)
    where = labels.home_where(folders[0] if folders else "", paths.data_dir() / "records")
    return MeetingApp(None, home=Home(known, where, now))
