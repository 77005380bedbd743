"""Opening a meeting reports what it found as notice codes, with the English line as detail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from meetingtui import events as ev
from meetingtui import paths, session
from meetingtui.notices import Notice, NoticeCode

TORN = b'0badc0de {"t":"events","id":"9'  # a write cut short by a power cut


def start(record) -> None:
    opened = session.open_session(paths.DEMO_AGENDA, record)
    opened.record.append(ev.make("chair_set", member="meho-selman"))
    opened.record.close()


def test_a_torn_write_is_a_code_with_the_english_line(tmp_path):
    record = tmp_path / "meeting.record"
    start(record)
    with record.open("ab") as file:
        file.write(TORN)
    reader = session.open_session(paths.DEMO_AGENDA, record, read_only=True)
    reader.record.close()
    [ignored] = reader.notices
    assert ignored.code is NoticeCode.TORN_WRITE_IGNORED and "is ignored" in ignored.detail
    opened = session.open_session(paths.DEMO_AGENDA, record)
    opened.record.close()
    [dropped] = opened.notices
    assert isinstance(dropped, Notice) and dropped.code is NoticeCode.TORN_WRITE_DROPPED
    assert str(dropped) == dropped.detail and str(record) in dropped.detail
    assert "never completed and was dropped" in dropped.detail


def test_a_changed_agenda_is_a_code_and_the_cli_prints_its_line(tmp_path):
    agenda = tmp_path / "agenda.toml"
    shutil.copyfile(paths.DEMO_AGENDA, agenda)
    record = tmp_path / "meeting.record"
    start_opened = session.open_session(agenda, record)
    start_opened.record.append(ev.make("chair_set", member="meho-selman"))
    start_opened.record.close()
    agenda.write_text(agenda.read_text() + "\n# edited\n")
    opened = session.open_session(agenda, record, read_only=True)
    opened.record.close()
    [changed] = opened.notices
    assert changed.code is NoticeCode.AGENDA_CHANGED
    result = subprocess.run(
        [sys.executable, "-m", "meetingtui", "export", str(agenda), "--record", str(record)]
        + ["--text"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    printed = " ".join(result.stderr.split())  # as wrapped to the terminal's width
    assert f"meetingtui: {changed.detail}" in printed


def test_a_record_others_may_read_is_a_code_when_opened(tmp_path):
    record = tmp_path / "meeting.record"
    start(record)
    record.chmod(0o644)
    opened = session.open_session(paths.DEMO_AGENDA, record)
    opened.record.close()
    [fixed] = opened.notices
    assert fixed.code is NoticeCode.RECORD_MADE_PRIVATE and "0644" in fixed.detail
    assert record.stat().st_mode & 0o777 == 0o600


def test_a_record_on_a_network_drive_is_a_code_when_opened(tmp_path, monkeypatch):
    from meetingtui.record import network

    table = f"95 22 0:50 / {os.path.realpath(tmp_path)} rw - nfs4 server:/home rw\n"
    monkeypatch.setattr(network, "_read_mountinfo", lambda: table)
    monkeypatch.setattr(sys, "platform", "linux")
    record = tmp_path / "meeting.record"
    opened = session.open_session(paths.DEMO_AGENDA, record)
    opened.record.close()
    [warned] = opened.notices
    assert warned.code is NoticeCode.RECORD_ON_NETWORK_DRIVE
    assert f"nfs4 at {os.path.realpath(tmp_path)}" in warned.detail


async def test_the_app_opens_with_a_notice_and_shows_its_line(tmp_path):
    """A notice at start-up (here: a record others could read) is shown, not a crash."""
    from meetingtui.ui.app import create_app

    record = tmp_path / "meeting.record"
    start(record)
    record.chmod(0o644)
    app = create_app(None, record)
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("others" in text and "0600" in text for text in shown), shown
    assert record.stat().st_mode & 0o777 == 0o600
