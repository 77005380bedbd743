"""The chair's page server (`meetingtui serve`) against a bare server of the same stack.

    python bench/serve.py [--size large] [--idle 30] [--registrations 10] [--markdown]

The meeting is bench/synth.py's (large: 500 items, 5,000 events, the last item under way).
The floor is a bare Starlette app on the same uvicorn settings (h11, no access log) with
sse-starlette imported, serving one static page: what any server of this stack costs.

Each server runs in a process of its own, started as a user would, on 127.0.0.1. For each:
- memory: its resident set size (RSS) after it has answered the page, with one page's
  event stream open (meetingtui) and after the idle window;
- idle CPU: user + system CPU time of the process over `--idle` seconds with nothing
  happening (one event stream open, as when the chair's tablet shows the page), as % of
  one core;
- for meetingtui only: a registration (a member leaves or arrives, appended by a writer
  holding the record's lock, as the app does) to the new view arriving on the event
  stream the page listens to, `--registrations` times; the median and the worst.
  tests/test_web_browser.py checks the same path into a real Chromium's page (< 1 s).

Targets (issue 13): memory <= 1.5x the floor, idle CPU < 1 % of one core, a registration
on the page within 1 s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from queue import Empty, Queue

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402

from meetingtui import agenda as agenda_mod  # noqa: E402
from meetingtui import attendance  # noqa: E402
from meetingtui import events as ev  # noqa: E402
from meetingtui.meeting import fold  # noqa: E402
from meetingtui.record import MeetingRecord  # noqa: E402

TOKEN = "YmVuY2htYXJrLW9ubHktdG9rZW4x"
SETTLE_SECONDS = 3.0


def bare_server() -> None:
    """The floor: one static page on the same stack and the same uvicorn settings as
    meetingtui.web.server (written out here: the floor imports nothing of meetingtui)."""
    import asyncio
    import socket

    import sse_starlette  # noqa: F401  (the same stack, loaded)
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    page = "<!doctype html><html lang='da'><title>Side</title><p>Hej</p></html>"

    async def index(_request):
        return HTMLResponse(page)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    print(f"http://127.0.0.1:{sock.getsockname()[1]}/?t={TOKEN}", flush=True)
    config = uvicorn.Config(
        Starlette(routes=[Route("/", index)]),
        log_level="warning",
        access_log=False,
        http="h11",
        ws="none",
        lifespan="on",
        timeout_graceful_shutdown=2,
        server_header=False,
    )
    asyncio.run(uvicorn.Server(config).serve(sockets=[sock]))


def start(command: list[str]) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "MEETINGTUI_SERVE_TOKEN": TOKEN},
    )
    assert process.stdout is not None
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit(f"the server did not start: {command}")
    return process, found.group(1)


def get(port: str, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    connection.request("GET", f"{path}?t={TOKEN}")
    body = connection.getresponse().read()
    connection.close()
    return body


def listen(port: str, arrivals: Queue) -> None:
    """The page's event stream: each view's arrival time and data on `arrivals`."""
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=600)
    connection.request("GET", f"/events?t={TOKEN}")
    response = connection.getresponse()
    data: list[str] = []
    while True:
        line = response.readline()
        if not line:
            return
        text = line.decode().rstrip("\r\n")
        if text.startswith("data:"):
            data.append(text[5:].strip())
        elif text == "" and data:
            arrivals.put((time.monotonic(), "\n".join(data)))
            data = []


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def idle(process: psutil.Process, seconds: float) -> tuple[float, float]:
    """(% of one core over `seconds`, RSS in MB at the end)."""
    before, started = cpu_seconds(process), time.monotonic()
    time.sleep(seconds)
    used, elapsed = cpu_seconds(process) - before, time.monotonic() - started
    return 100 * used / elapsed, process.memory_info().rss / 2**20


def registrations(agenda_path: Path, record: Path, arrivals: Queue, count: int) -> list[float]:
    """Seconds from each appended movement to its view on the stream."""
    agenda = agenda_mod.load(agenda_path)
    writer = MeetingRecord(record, agenda.sha256)  # the app's place: it holds the lock
    state = fold(agenda, writer.events)
    member = next(sid for sid, seat in state.seats.items() if attendance.seat_in_room(seat))
    last = max(event["at"] for event in writer.events)
    moment = agenda.meeting.start.add(hours=10)
    if moment.isoformat() <= last:
        moment = moment.add(days=1)
    delays = []
    try:
        for number in range(count):
            while not arrivals.empty():
                arrivals.get_nowait()
            kind = "left" if number % 2 == 0 else "arrived"
            moment = moment.add(minutes=1)
            writer.append(ev.make(kind, member=member, time=moment.isoformat()))
            written = time.monotonic()
            try:
                arrived, _data = arrivals.get(timeout=10)
            except Empty:
                delays.append(float("inf"))
                continue
            delays.append(arrived - written)
            time.sleep(0.5)
    finally:
        writer.close()
    return delays


def measure(command: list[str], idle_seconds: float, stream: bool) -> dict:
    process, port = start(command)
    watched = psutil.Process(process.pid)
    try:
        started = time.monotonic()
        get(port, "/")
        first_page = time.monotonic() - started
        arrivals: Queue = Queue()
        if stream:
            threading.Thread(target=listen, args=(port, arrivals), daemon=True).start()
            arrivals.get(timeout=30)  # the first view
        time.sleep(SETTLE_SECONDS)
        cpu, rss = idle(watched, idle_seconds)
        return {
            "process": process,
            "port": port,
            "arrivals": arrivals,
            "first_page": first_page,
            "cpu": cpu,
            "rss": rss,
        }
    except BaseException:
        process.kill()
        raise


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def table(floor: dict, ours: dict, delays: list[float], size: synth.Size, idle_s: float) -> str:
    ratio = ours["rss"] / floor["rss"]
    median, worst = statistics.median(delays), max(delays)
    rows = [
        "| measure | bare server, one static page (floor) | `meetingtui serve` | ratio | target | met |",
        "|---|---|---|---|---|---|",
        f"| memory (RSS, idle, after the page) | {floor['rss']:.0f} MB | {ours['rss']:.0f} MB "
        f"| {ratio:.2f}x | ≤ 1.5x floor | {'met' if ratio <= 1.5 else 'NOT MET'} |",
        f"| idle CPU over {idle_s:.0f} s (% of one core) | {floor['cpu']:.2f} % "
        f"| {ours['cpu']:.2f} % | — | < 1 % | {'met' if ours['cpu'] < 1 else 'NOT MET'} |",
        f"| first page answered after start | {floor['first_page'] * 1000:.0f} ms "
        f"| {ours['first_page'] * 1000:.0f} ms | — | — | — |",
        f"| a registration to the page's event stream, median / worst of {len(delays)} "
        f"| — | {median * 1000:.0f} / {worst * 1000:.0f} ms | — | < 1 s "
        f"| {'met' if worst < 1 else 'NOT MET'} |",
    ]
    caption = (
        f"Meeting: {size.items} items, {size.events:,} events (bench/synth.py); "
        "meetingtui with the page's event stream open."
    )
    return "\n".join(rows) + "\n\n" + caption


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(synth.SIZES), default="large")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of idle measured")
    parser.add_argument("--registrations", type=int, default=10)
    parser.add_argument("--markdown", action="store_true", help="print the README table")
    parser.add_argument("--bare-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_server:
        bare_server()
        return 0
    size = synth.SIZES[args.size]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MEETINGTUI_DATA_DIR"] = str(Path(folder) / "data")
        agenda_path, record = synth.write_meeting(Path(folder), size)
        floor = measure([sys.executable, __file__, "--bare-server"], args.idle, stream=False)
        stop(floor["process"])
        command = [sys.executable, "-m", "meetingtui", "serve", str(agenda_path)]
        ours = measure(command + ["--record", str(record), "--port", "0"], args.idle, True)
        try:
            delays = registrations(agenda_path, record, ours["arrivals"], args.registrations)
        finally:
            stop(ours["process"])
    result = {
        "floor": {k: floor[k] for k in ("rss", "cpu", "first_page")},
        "serve": {k: ours[k] for k in ("rss", "cpu", "first_page")},
        "registration_seconds": delays,
    }
    if args.markdown:
        print(table(floor, ours, delays, size, args.idle))
    else:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
