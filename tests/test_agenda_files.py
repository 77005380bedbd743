"""An agenda path that is not a regular file: one line saying what it is, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui.errors import AgendaError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and devices")


def meetingtui(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "meetingtui", *args],
        cwd=cwd,
        env=dict(os.environ, COLUMNS="200", NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=30,  # a FIFO opened for reading waits for a writer: this would time out
    )


@pytest.mark.parametrize("command", ["check", "export", "attendance"])
def test_a_fifo_as_agenda_is_one_line_not_a_hang(tmp_path, command):
    fifo = tmp_path / "dagsorden.toml"
    os.mkfifo(fifo)
    result = meetingtui(command, str(fifo), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"meetingtui: {fifo}: er en navngiven pipe (FIFO) (forventet en .toml-fil med en dagsorden)"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_as_agenda_is_refused_unread(monkeypatch):
    reads = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    with pytest.raises(AgendaError, match="/dev/zero: er en enhed"):
        agenda_mod.load("/dev/zero")
    assert reads == []
