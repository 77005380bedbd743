"""The chair's page over HTTP, without a browser: who is refused, what is sent, and that the
page shows what the terminal's chair view shows.

The server runs in this process (uvicorn in a thread, on 127.0.0.1 and a free port), so
these stay in the quick run; tests/test_web_browser.py drives a real Chromium against
`meetingtui serve`.
"""

from __future__ import annotations

import asyncio
import http.client
import io
import json
import threading
import time
from contextlib import contextmanager

import pendulum
import pytest
from rich.console import Console
from test_web_browser import (
    CANARY,
    CLOSED_CASE,
    agenda_on,
    at,
    meeting_under_way,
    secretary_for,
)

from meetingtui import agenda as agenda_mod
from meetingtui import chair_table, chair_view, cli
from meetingtui.record import MeetingRecord
from meetingtui.web import security, server
from meetingtui.web.app import create_app
from meetingtui.web.live import LiveView
from meetingtui.web.writer import Writer, writer_of

TOKEN = "Zm9yLXRlc3RzLW9ubHktMTIzNDU2"
START = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
PATHS = ("/", "/app.js", "/style.css", "/state", "/events")


@pytest.fixture
def meeting(tmp_path):
    agenda = agenda_on(tmp_path, START)
    record = tmp_path / "m.record"
    secretary = secretary_for(agenda, record, START)
    meeting_under_way(secretary)
    yield agenda, record, secretary
    secretary.record.close()


@contextmanager
def serving(agenda_path, record, token: str = TOKEN):
    sock = server.bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    live = LiveView(agenda_mod.load(agenda_path), record)
    web = server.uvicorn_server(create_app(live, token, port, poll=0.05))
    web.config.timeout_graceful_shutdown = 1
    thread = threading.Thread(target=lambda: asyncio.run(web.serve(sockets=[sock])), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not web.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield port
    finally:
        web.should_exit = True
        thread.join(10)


def get(port: int, path: str, headers: dict | None = None, method: str = "GET", body=None):
    """(status, headers, first bytes of the body): an event stream is read only so far."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    if response.getheader("content-type", "").startswith("text/event-stream"):
        data = read_event(response)
    else:
        data = response.read().decode()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def read_event(response) -> str:
    """The data of the next `view` event of a stream."""
    lines = []
    while True:
        line = response.readline().decode().rstrip("\r\n")
        if line.startswith("data:"):
            lines.append(line[5:].strip())
        elif line == "" and lines:
            return "\n".join(lines)


def with_token(path: str, token: str = TOKEN) -> str:
    return f"{path}?t={token}"


# -- who is refused ------------------------------------------------------------------------------


def test_every_request_needs_the_right_token(meeting):
    agenda, record, _secretary = meeting
    wrong = TOKEN[:-1] + ("A" if TOKEN[-1] != "A" else "B")  # one character off
    with serving(agenda, record) as port:
        for path in PATHS:
            assert get(port, path)[0] == 403, path
            assert get(port, with_token(path, wrong))[0] == 403, path
            assert get(port, with_token(path, "")[:-2])[0] == 403, path
            status, _headers, body = get(port, with_token(path))
            assert status == 200, path
            assert "Anja Lund" not in get(port, with_token(path, wrong))[2]
        assert "Anja Lund" in get(port, with_token("/state"))[2]


def test_another_origin_or_site_is_refused(meeting):
    agenda, record, _secretary = meeting
    with serving(agenda, record) as port:
        own = f"http://127.0.0.1:{port}"
        evil = {"Origin": "http://evil.example"}
        assert get(port, with_token("/state"), evil)[0] == 403
        assert get(port, with_token("/events"), evil)[0] == 403
        assert get(port, with_token("/state"), {"Origin": own})[0] == 200
        # a script on another site reading the page with a stolen address
        fetch = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}
        assert get(port, with_token("/state"), fetch)[0] == 403
        # a link to the page from elsewhere opens it (a navigation cannot read it)
        link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
        assert get(port, with_token("/"), link)[0] == 200


def test_a_name_pointed_at_the_laptop_is_refused(meeting):
    """DNS rebinding: a site whose name resolves to 127.0.0.1 gets no answer."""
    agenda, record, _secretary = meeting
    with serving(agenda, record) as port:
        host = {"Host": f"meeting.evil.example:{port}"}
        assert get(port, with_token("/state"), host)[0] == 421
        assert get(port, with_token("/state"), {"Host": "127.0.0.1:1"})[0] == 421
        assert get(port, with_token("/state"), {"Host": f"localhost:{port}"})[0] == 200


def test_nothing_reaches_the_meeting(meeting):
    agenda, record, _secretary = meeting
    before = record.read_bytes()
    with serving(agenda, record) as port:
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            for path in PATHS:
                status = get(port, with_token(path), method=method, body=b'{"kind":"left"}')[0]
                assert status == 405, (method, path)
    assert record.read_bytes() == before


def test_every_answer_carries_the_security_headers(meeting):
    agenda, record, _secretary = meeting
    with serving(agenda, record) as port:
        for path in (*PATHS, "/missing"):
            for given in (with_token(path), path):  # answered and refused alike
                _status, headers, _body = get(port, given)
                csp = headers["content-security-policy"]
                assert "default-src 'none'" in csp and "script-src 'self'" in csp
                assert "frame-ancestors 'none'" in csp
                assert headers["cache-control"] == "no-store"
                assert headers["referrer-policy"] == "no-referrer"
                assert headers["x-content-type-options"] == "nosniff"


def test_the_page_loads_nothing_from_elsewhere(meeting):
    agenda, record, _secretary = meeting
    with serving(agenda, record) as port:
        page = get(port, with_token("/"))[2]
        styles = get(port, with_token("/style.css"))[2]
        script = get(port, with_token("/app.js"))[2]
    for text in (page, styles, script):
        assert "http://" not in text and "https://" not in text
        assert "@import" not in text and "@font-face" not in text
    assert '<html lang="da">' in page
    assert "innerHTML" not in script  # names are text, never markup


# -- what is sent --------------------------------------------------------------------------------


def test_the_stream_sends_a_registration_within_a_second(meeting):
    agenda, record, secretary = meeting
    with serving(agenda, record) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", with_token("/events"))
        response = connection.getresponse()
        first = json.loads(read_event(response))
        assert first["view"]["counts"] == "Til stede: 4 af 7 medlemmer."
        secretary.arrive("anne-marie-geisler-andersen", at(secretary, 65))
        started = time.monotonic()
        second = json.loads(read_event(response))
        elapsed = time.monotonic() - started
        connection.close()
    assert second["view"]["counts"] == "Til stede: 5 af 7 medlemmer."
    assert elapsed < 1.0


def test_no_closed_item_content_is_sent(meeting):
    agenda, record, _secretary = meeting
    with serving(agenda, record) as port:
        sent = [get(port, with_token(path))[2] for path in PATHS]
    for text in sent:
        assert CANARY not in text
        assert CLOSED_CASE not in text
        assert "25/40123" not in text
    view = json.loads(sent[3])["view"]
    closed = [item for item in view["items"] if item["closed"]]
    assert [(item["title"], item["word"]) for item in closed] == [("Udbudsproces", "besluttet")]


def test_the_page_shows_what_the_terminal_view_shows(meeting):
    """One model: every line of the chair's terminal table is in what the page is sent."""
    agenda, record, secretary = meeting
    with serving(agenda, record) as port:
        view = json.loads(get(port, with_token("/state"))[2])["view"]
    console = Console(record=True, width=200, file=io.StringIO())
    state = secretary.state
    console.print(chair_table.render_view(chair_view.build(state)))
    terminal = console.export_text()
    sent = [view["counts"], view["quorum_words"], view["quorum_numbers"], view["seats_text"]]
    sent += [view["now"], *view["so_far"], *view["movements"]]
    for line in sent:
        assert line in terminal
    for row in view["people"]:
        assert f"{row['name']} " in terminal and row["status"] in terminal
    assert view["quorum_words"] == "NEJ, ikke beslutningsdygtigt"


def test_the_page_says_so_when_the_record_is_not_written(meeting):
    agenda, record, secretary = meeting
    with serving(agenda, record) as port:
        assert json.loads(get(port, with_token("/state"))[2])["status"] == ""
        secretary.record.close()
        deadline = time.monotonic() + 5
        while "skrives ikke længere" not in get(port, with_token("/state"))[2]:
            assert time.monotonic() < deadline
            time.sleep(0.1)


def test_a_record_not_there_yet_is_waited_for(tmp_path):
    agenda = agenda_on(tmp_path, START)
    with serving(agenda, tmp_path / "not-yet.record") as port:
        sent = json.loads(get(port, with_token("/state"))[2])
        assert "findes ikke endnu" in sent["status"]
        assert sent["view"]["now"].startswith("Mødet er ikke åbnet")


# -- the follower never takes the writer's lock ---------------------------------------------------


def test_the_writer_is_seen_without_taking_its_lock(meeting, tmp_path):
    agenda, record, secretary = meeting
    assert writer_of(record) is Writer.WRITING
    # where there is no /proc/locks, the holder line and its process tell
    assert writer_of(record, proc_locks=tmp_path / "no-proc-locks") is Writer.WRITING
    live = LiveView(agenda_mod.load(agenda), record)
    for _ in range(20):
        live.refresh()
    secretary.record.close()
    assert writer_of(record) is Writer.STOPPED
    # the page followed all along, and a new writer is never refused because of it
    again = MeetingRecord(record, agenda_mod.load(agenda).sha256)
    live.refresh()
    assert writer_of(record) is Writer.WRITING
    again.close()


# -- the command ---------------------------------------------------------------------------------


def test_serve_refuses_a_taken_port_or_a_name_in_one_line(meeting, capsys):
    agenda, record, _secretary = meeting
    taken = server.bind("127.0.0.1", 0)
    try:
        port = str(taken.getsockname()[1])
        code = cli.main(["serve", str(agenda), "--record", str(record), "--port", port])
        assert code != 0
        assert f"127.0.0.1:{port}: cannot listen there" in capsys.readouterr().err
    finally:
        taken.close()
    with pytest.raises(SystemExit):
        cli.main(["serve", str(agenda), "--port", "70000"])
    assert "a port is a number from 0 to 65535" in capsys.readouterr().err
    code = cli.main(["serve", str(agenda), "--record", str(record), "--host", "tablet.local"])
    err = capsys.readouterr().err
    assert code != 0 and "--host tablet.local: not an IP address" in err
    assert len(err.strip().splitlines()) == 1


def test_a_token_from_outside_must_be_long_and_plain():
    assert security.token_problem(security.new_token()) is None
    assert security.token_problem("short") is not None
    assert security.token_problem("x" * 30 + "&t=y") is not None


def test_without_proc_locks_a_dead_writer_is_told_by_its_holder_line(tmp_path):
    """The holder line names a process that has ended: the app is closed."""
    import socket
    import subprocess
    import sys

    from meetingtui.record.lock import lock_path

    record = tmp_path / "m.record"
    record.write_bytes(b"")
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    holder = {
        "pid": int(ended.stdout),
        "host": socket.gethostname(),
        "since": pendulum.now().isoformat(),
    }
    lock_path(record).write_text(json.dumps(holder))
    assert writer_of(record, proc_locks=tmp_path / "no-proc-locks") is Writer.STOPPED
    holder["host"] = "another-host"  # a record on a network drive: cannot be told
    lock_path(record).write_text(json.dumps(holder))
    assert writer_of(record, proc_locks=tmp_path / "no-proc-locks") is Writer.UNKNOWN


def test_a_rehearsals_record_is_shown_as_one(tmp_path):
    from meetingtui import events as ev

    agenda = agenda_mod.load(agenda_on(tmp_path, START))
    record = MeetingRecord(tmp_path / "p.record", agenda.sha256, rehearsal=True)
    record.append(ev.make("roll_call", member="jens-wistoft", status="afbud"))
    record.close()
    sent = json.loads(LiveView(agenda, tmp_path / "p.record").refresh() or "{}")
    assert sent["view"]["rehearsal"] is True
    assert "afbud" in [row["status"] for row in sent["view"]["people"]]


def test_browser_tests_skip_without_chromium_but_fail_under_ci(monkeypatch, tmp_path):
    import test_web_browser

    monkeypatch.setattr(test_web_browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-chromium is not installed"):
        test_web_browser.needs_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        test_web_browser.needs_browser()
