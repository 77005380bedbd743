"""Kill the live app (SIGKILL, as a closed lid or killed terminal would) mid-item; reopen.

The app runs for real in a pseudo-terminal. What it showed as saved must be in the record.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import termios
import time

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui import paths
from meetingtui.meeting import fold
from meetingtui.record import MeetingRecord

ANSI = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[()][A-Z0-9]|\x1b[>=]")


def _own_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty, as in a real
    terminal window; closing the window (the master) then sends the kernel's SIGHUP."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, args: list[str], env: dict):
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        env = {**env, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=_own_terminal
        )
        os.close(slave)
        self.screen = b""

    def read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:
                    return

    def text(self) -> str:
        return ANSI.sub(b"", self.screen).decode("utf-8", "replace")

    def wait_for(self, needle: str, seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(0.1)
            if needle in self.text():
                return
        raise AssertionError(
            f"the screen never showed {needle!r}; last output:\n{self.text()[-2000:]}"
        )

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())
        self.read(0.3)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def test_decision_shown_as_saved_survives_a_kill(tmp_path):
    env = dict(os.environ)
    record = tmp_path / "meeting.record"
    term = Terminal([sys.executable, "-m", "meetingtui", "--record", str(record)], env)
    try:
        term.wait_for("Navneopråb")
        term.send("o")
        term.wait_for("Mødet begynder")
        term.send("10.00\r")
        term.wait_for("Punkt 1 af 7")
        term.send("d")
        term.screen = b""
        term.send("Udvalget anbefaler sagen")
        term.wait_for("Gemmer")  # typing: not saved yet
        term.screen = b""
        term.wait_for("Gemt")  # the indicator: saved after the pause
        term.read(0.5)
    finally:
        term.kill()
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    reopened = MeetingRecord(record, agenda.sha256)  # the lock of the killed app is free again
    try:
        state = fold(agenda, reopened.events)
        assert state.item("delstrategier").decision == "Udvalget anbefaler sagen"
        assert state.opened is not None and state.current == "delstrategier"
    finally:
        reopened.close()


def test_a_closed_terminal_saves_text_typed_just_before_and_frees_the_record(tmp_path):
    """The terminal window closed right after typing: the terminal is gone, then SIGHUP.

    The typed text is recorded and the app exits at once; a hung app would keep the
    record locked and the meeting could not be reopened.
    """
    record = tmp_path / "meeting.record"
    term = Terminal([sys.executable, "-m", "meetingtui", "--record", str(record)], dict(os.environ))
    try:
        term.wait_for("Navneopråb")
        term.send("o")
        term.wait_for("Mødet begynder")
        term.send("10.00\r")
        term.wait_for("Punkt 1 af 7")
        term.send("d")
        os.write(term.master, b"Til orientering")
        time.sleep(0.2)  # well inside the pause before typed text is saved
        os.close(term.master)  # the terminal is gone...
        os.killpg(term.process.pid, signal.SIGHUP)  # ...and the app is told so
        term.process.wait(timeout=10)
    finally:
        if term.process.poll() is None:
            os.killpg(term.process.pid, signal.SIGKILL)
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    reopened = MeetingRecord(record, agenda.sha256)  # raises if the lock were still held
    try:
        assert fold(agenda, reopened.events).item("delstrategier").decision == "Til orientering"
    finally:
        reopened.close()


def test_a_damaged_record_is_left_alone_and_the_app_offers_a_copy(tmp_path):
    """A record damaged mid-file: the app says so, and continues in a copy if asked."""
    record = tmp_path / "meeting.record"
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    writer = MeetingRecord(record, agenda.sha256)
    writer.append(ev.make("roll_call", member="jens-wistoft", status="afbud"))
    writer.append(ev.make("meeting_opened", time="2025-11-20T10:00:00+01:00"))
    writer.append(ev.make("decision_set", item="delstrategier", text="Godkendt"))
    writer.close()
    lines = record.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"meeting_opened", b"meeting_opemed")  # damage in the middle
    damaged = b"\n".join(lines)
    record.write_bytes(damaged)

    term = Terminal([sys.executable, "-m", "meetingtui", "--record", str(record)], dict(os.environ))
    try:
        term.wait_for("hændelser, der kan læses")
        term.send("j\r")
        term.wait_for("Navneopråb")  # the copy holds the roll call; the meeting was not yet opened
    finally:
        term.kill()
    assert record.read_bytes() == damaged  # never written
    copies = list(tmp_path.glob("meeting-gendannet-*.record"))
    assert len(copies) == 1
    reopened = MeetingRecord(copies[0], agenda.sha256, read_only=True)
    # Every readable event, the one after the damaged line too (issue 9).
    assert [e["kind"] for e in reopened.events] == ["roll_call", "decision_set"]


def test_hanging_up_right_after_start_never_leaves_the_app_running(tmp_path):
    """Closing the terminal just as the app has drawn its first screen: it must exit.

    A hung app holds the record's lock, and the meeting could not be reopened.
    """
    for attempt in range(5):
        record = tmp_path / f"m{attempt}.record"
        term = Terminal(
            [sys.executable, "-m", "meetingtui", "--record", str(record)], dict(os.environ)
        )
        term.wait_for("Navneopråb")
        os.close(term.master)  # the window closes: the kernel sends SIGHUP
        try:
            term.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(term.process.pid, signal.SIGKILL)
            raise AssertionError(
                f"attempt {attempt + 1}: the app did not exit on hang-up"
            ) from None
        MeetingRecord(record).close()  # the lock is free again


def test_closing_a_tmux_window_right_after_start_never_leaves_the_app_running(tmp_path):
    """The same in tmux, whose kill-session is how a terminal window really goes away."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed on this machine")
    socket = f"meetingtui-test-{os.getpid()}"
    try:
        for attempt in range(5):
            record = tmp_path / f"t{attempt}.record"
            command = f"{sys.executable} -m meetingtui --record {record}"
            tmux = ["tmux", "-L", socket]
            subprocess.run(
                [*tmux, "new-session", "-d", "-s", "w", "-x", "100", "-y", "30", command],
                check=True,
            )
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                screen = subprocess.run(
                    [*tmux, "capture-pane", "-p", "-t", "w"], capture_output=True, text=True
                )
                if "Navneopråb" in screen.stdout:
                    break
                time.sleep(0.05)
            subprocess.run([*tmux, "kill-session", "-t", "w"], check=True)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and _running(str(record)):
                time.sleep(0.1)
            assert not _running(str(record)), f"attempt {attempt + 1}: the app is still running"
            MeetingRecord(record).close()  # the lock is free again
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
        subprocess.run(["pkill", "-9", "-f", str(tmp_path)], capture_output=True)


def _running(marker: str) -> bool:
    return subprocess.run(["pgrep", "-f", marker], capture_output=True).returncode == 0


def big_agenda(members: int) -> str:
    lines = ["format = 1", "[meeting]", 'body = "Stort udvalg"', "date = 2025-11-20"]
    lines += ["start = 10:00:00", 'place = "Rådhuset"']
    first = ("Bo", "Anja", "Mette", "Karsten", "Henriette", "Anne Marie", "Lars")
    for number in range(members):
        name = f"{first[number % len(first)]} Jensen {number}"
        lines += ["[[members]]", f'id = "m{number:05d}"', f'name = "{name}"', 'party = "A"']
    lines += ["[[items]]", 'id = "punkt"', 'title = "Budget"']
    return "\n".join(lines) + "\n"


def wait_for_exit(term: Terminal, seconds: float) -> float:
    """Keep reading the terminal (a full pty would block the app) until the app is gone."""
    started = time.monotonic()
    while term.process.poll() is None and time.monotonic() - started < seconds:
        term.read(0.02)
    return time.monotonic() - started


@pytest.mark.parametrize("members", [7, 2000])
def test_sigterm_is_obeyed_within_a_second_at_any_size(tmp_path, members):
    """A polite kill (SIGTERM) right after a key, with 7 or 2,000 members on the roll call."""
    agenda = tmp_path / "udvalg.toml"
    agenda.write_text(big_agenda(members), encoding="utf-8")
    record = tmp_path / "meeting.record"
    term = Terminal(
        [sys.executable, "-m", "meetingtui", str(agenda), "--record", str(record)],
        dict(os.environ),
    )
    try:
        term.wait_for("Navneopråb", seconds=60)
        term.read(0.5)
        os.write(term.master, b"a")  # a member sends notice; the roll call is redrawn
        term.read(0.01)
        os.killpg(term.process.pid, signal.SIGTERM)
        took = wait_for_exit(term, 10)
        assert term.process.poll() is not None, "the app ignored SIGTERM"
        assert took < 1.0, f"the app took {took:.2f} s to obey SIGTERM"
        assert term.process.returncode in (0, 128 + signal.SIGTERM)
    finally:
        if term.process.poll() is None:
            term.kill()
        else:
            os.close(term.master)
    MeetingRecord(record).close()  # the lock is free again


def test_sigterm_saves_text_typed_just_before(tmp_path):
    record = tmp_path / "meeting.record"
    term = Terminal([sys.executable, "-m", "meetingtui", "--record", str(record)], dict(os.environ))
    try:
        term.wait_for("Navneopråb")
        term.send("o")
        term.wait_for("Mødet begynder")
        term.send("10.00\r")
        term.wait_for("Punkt 1 af 7")
        term.send("d")
        os.write(term.master, b"Til orientering")
        time.sleep(0.2)  # well inside the pause before typed text is saved
        os.killpg(term.process.pid, signal.SIGTERM)
        wait_for_exit(term, 10)
        assert term.process.returncode == 0
    finally:
        if term.process.poll() is None:
            term.kill()
        else:
            os.close(term.master)
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    reopened = MeetingRecord(record, agenda.sha256)
    try:
        assert fold(agenda, reopened.events).item("delstrategier").decision == "Til orientering"
    finally:
        reopened.close()
