"""Starting the chair's page from the app: the launcher and the screen behind `T`.

The server is a real `meetingtui serve` process: these tests are slow (a subprocess each).
"""

from __future__ import annotations

import http.client
import os
import stat
import time
from urllib.parse import urlsplit

import psutil
import pytest
from test_ui_actions import open_meeting, text_of
from test_web_browser import CANARY, agenda_on, meeting_under_way, secretary_for
from ui_support import Clock, Keys, demo_app

from meetingtui.ui.screens.serve import ServeScreen
from meetingtui.web import launch

pytestmark = pytest.mark.slow


def fetch(url: str) -> tuple[int, str]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    connection.request("GET", f"/state?{parts.query}")
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, body


@pytest.fixture
def meeting(tmp_path):
    start = Clock(10, 0).moment
    agenda = agenda_on(tmp_path, start)
    record = tmp_path / "m.record"
    secretary = secretary_for(agenda, record, start)
    meeting_under_way(secretary)
    yield agenda, record, secretary
    launch.stop(record)
    secretary.record.close()


def test_the_launcher_starts_finds_and_stops_a_server_of_its_own(meeting):
    agenda, record, _secretary = meeting
    found = launch.start(agenda, record, "127.0.0.1")
    status, body = fetch(found.url)
    assert status == 200 and "Anja Lund" in body and CANARY not in body
    assert launch.running(record) == found  # the app, opened again, finds the same page
    process = psutil.Process(found.pid)
    token = urlsplit(found.url).query.removeprefix("t=")
    assert not any(token in part for part in process.cmdline())  # not for `ps` to show
    assert os.getsid(found.pid) != os.getsid(0)  # its own session: it outlives the app
    for path in (launch.state_file(record), launch.log_file(record)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # the token is in them
    assert launch.stop(record)
    assert launch.running(record) is None
    assert not psutil.pid_exists(found.pid) or process.status() == psutil.STATUS_ZOMBIE
    assert fetch_refused(found.url)


def fetch_refused(url: str) -> bool:
    try:
        fetch(url)
    except OSError:
        return True
    return False


def test_a_second_start_replaces_the_first(meeting):
    agenda, record, _secretary = meeting
    first = launch.start(agenda, record, "127.0.0.1")
    second = launch.start(agenda, record, "127.0.0.1")
    assert second.url != first.url  # a new token
    assert fetch_refused(first.url) or first.port == second.port
    assert fetch(second.url)[0] == 200
    assert launch.running(record) == second


async def test_t_starts_the_page_and_shows_its_address_and_qr_code(tmp_path):
    clock = Clock()
    record = tmp_path / "m.record"
    app = demo_app(clock, record=record)
    try:
        async with app.run_test(size=(120, 50)) as pilot:
            keys = Keys(pilot)
            await open_meeting(keys, clock)
            await keys.press("T")
            assert isinstance(app.screen, ServeScreen)
            assert "127.0.0.1" in str(
                app.screen.query_one("#serve-interfaces").get_option_at_index(0).prompt
            )
            await keys.press("enter")
            deadline = time.monotonic() + 20
            while "http://127.0.0.1:" not in text_of(app, "#serve-address"):
                assert time.monotonic() < deadline, text_of(app, "#serve-problem")
                await pilot.pause(0.1)
            url = text_of(app, "#serve-address").strip()
            assert "█" in text_of(app, "#serve-qr")
            status, body = fetch(url)
            assert status == 200 and "Anja Lund" in body
            await keys.press("escape")  # the page runs on
            assert fetch(url)[0] == 200
            await keys.press("T")  # found again, same address
            deadline = time.monotonic() + 10
            while text_of(app, "#serve-address").strip() != url:
                assert time.monotonic() < deadline
                await pilot.pause(0.1)
            await keys.press("s")
            deadline = time.monotonic() + 10
            while "Siden er stoppet." not in text_of(app, "#serve-problem"):
                assert time.monotonic() < deadline
                await pilot.pause(0.1)
            assert fetch_refused(url)
    finally:
        launch.stop(record)


def test_the_benchmark_runs(tmp_path):
    """bench/serve.py at the smallest size, briefly: it runs and reports (no timing asserted)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "bench" / "serve.py"
    out = subprocess.run(
        [sys.executable, str(script), "--size", "small", "--idle", "1", "--registrations", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["serve"]["rss"] > 0 and result["floor"]["rss"] > 0
    assert len(result["registration_seconds"]) == 2
    assert all(seconds < 10 for seconds in result["registration_seconds"])
