"""Crash harness: kill a writing meetingtui record with SIGKILL at random moments, then check it.

    python scripts/crash_harness.py --kills 500

A child process opens a meeting record and appends events in a loop, printing each event
id to its stdout (a file, flushed) only after `append` has returned with the event saved:
those are the acknowledged events. The parent kills the child with SIGKILL after a random
delay (many very short, so kills land in the middle of a save), then opens the record as
the app would and checks that it loads and that every acknowledged event is there, in
order, with exactly the content it was given. Event content is a pure function of the
event id, so the parent can check it without talking to the child.

The same record is reused for several kills so it grows. Some rounds kill the child while
it opens the record: before those, the parent leaves a torn last line (a prefix of a real
line, or zeros) and sometimes a half-written temporary file, so the child's open has a
torn tail to drop and a stray file to clean up when it is killed.

`run(kills, seed)` returns the figures; the tests call it at a small size.
"""

from __future__ import annotations

import argparse
import copy
import functools
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pendulum

from meetingtui import events as ev
from meetingtui.errors import MeetingtuiError
from meetingtui.notices import Notice, NoticeCode
from meetingtui.record import MeetingRecord, logfile

BASE = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
# Danish letters, tabs, line breaks, emoji and right-to-left text, as a secretary may paste.
PARAGRAPH = (
    "Udvalget drøftede sagen og anbefaler Regionsrådet, at forslaget godkendes med de "
    "ændringer, der fremgår af bilag 2.\tÆndringsforslag fra Ø blev forkastet 🗳️.\n"
    "Mødedeltagerne bemærkede, at § 13, stk. 2, giver ret til at få en afvigende mening "
    "ført til protokols; citat: »שלום« – «½ af udgiften afholdes af regionen» 🙂.\r\n"
)
BLOCK = PARAGRAPH * (260_000 // len(PARAGRAPH) + 2)
MEMBERS = [f"medlem-{n}" for n in range(1, 26)]


# -- the scripted meeting: event n is always the same ------------------------------------
@functools.cache
def _event_for(n: int) -> dict:
    return _make_event(n)


def event_for(n: int) -> dict:
    """The event with id n: the same on every call, in every process (a fresh copy)."""
    return copy.deepcopy(_event_for(n))


def _make_event(n: int) -> dict:
    """The event with id n: the same on every call, in every process."""
    rng = random.Random(n)
    now = BASE.add(seconds=n)
    item = f"punkt-{n % 30 + 1}"
    pick = n % 10
    if pick < 3:
        status = rng.choice(ev.ROLL_STATUSES)
        return ev.make("roll_call", now=now, member=rng.choice(MEMBERS), status=status)
    if pick < 7:
        return ev.make("decision_set", now=now, item=item, text=_text(rng))
    if pick == 7:
        return ev.make("item_opened", now=now, item=item, time=now.isoformat())
    if pick == 8:
        members = rng.sample(MEMBERS, 9)
        return ev.make(
            "vote",
            now=now,
            item=item,
            **{"for": members[:5], "against": members[5:8]},
            abstain=members[8:],
        )
    return ev.make("dissent", now=now, item=item, member=rng.choice(MEMBERS), text=_text(rng))


def _text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.70:
        size = rng.randint(20, 400)
    elif roll < 0.96:
        size = rng.randint(2_000, 20_000)
    else:
        size = rng.randint(50_000, 250_000)  # a large write, so kills can land inside it
    start = rng.randrange(len(PARAGRAPH))
    return BLOCK[start : start + size]


# -- the child ---------------------------------------------------------------------------
def child(path: Path) -> int:
    print("opening", flush=True)
    record = MeetingRecord(path)
    print("ready", flush=True)
    while True:
        n = record.events[-1]["id"] + 1 if record.events else 1
        event = event_for(n)
        print(f"saving {n}", flush=True)
        event = record.append(event)
        if event["id"] != n or not record.saved:
            print(f"append gave id {event['id']} for {n}: {record.save_error}", file=sys.stderr)
            return 3
        print(n, flush=True)


# -- the parent --------------------------------------------------------------------------
@dataclass
class Figures:
    kills: int = 0
    load_failures: int = 0
    events_lost: int = 0
    events_acknowledged: int = 0
    kills_while_opening: int = 0
    kills_while_saving: int = 0  # between the start of append and its return
    torn_tails_dropped: int = 0  # found by the check after a kill, or left there on purpose
    torn_writes_from_kills: int = 0  # of those, torn by the kill itself (child had opened)
    torn_tails_planted: int = 0
    stray_temp_files_left: int = 0
    records: int = 0
    largest_record: int = 0  # events
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def run(
    kills: int,
    seed: int,
    workdir: Path | None = None,
    kills_per_record: int = 20,
    progress=None,
) -> Figures:
    """Kill `kills` writers and check the record after each; return the figures."""
    rng = random.Random(seed)
    figures = Figures()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crash-harness-") as scratch:
        base = Path(workdir) if workdir else Path(scratch)
        base.mkdir(parents=True, exist_ok=True)
        out = base / "child.out"
        err = base / "child.err"
        path = None
        acknowledged: set[int] = set()
        lost: set[int] = set()  # acknowledged ids found missing, each counted once
        open_seconds = 0.01  # how long the child takes to open the record; refined as we go
        for kill in range(kills):
            if path is None or kill % kills_per_record == 0:
                figures.records += 1
                path = base / f"run-{seed}-{figures.records}" / "meeting.record"
                acknowledged, lost = set(), set()
            kill_while_opening = rng.random() < 0.2 and path.exists()
            if path.exists() and rng.random() < (0.6 if kill_while_opening else 0.1):
                _plant_torn_tail(path, rng)
                figures.torn_tails_planted += 1
                if rng.random() < 0.5:
                    _plant_stray_temp(path, rng)
            out.write_bytes(b"")
            with open(out, "wb") as stdout, open(err, "wb") as stderr:
                proc = subprocess.Popen(
                    [sys.executable, __file__, "--child", str(path)], stdout=stdout, stderr=stderr
                )
            try:
                _wait_for(out, b"opening\n", proc)
                if kill_while_opening:
                    time.sleep(rng.uniform(0, 2 * open_seconds))
                else:
                    opening = time.perf_counter()
                    _wait_for(out, b"ready\n", proc)
                    open_seconds = 0.8 * open_seconds + 0.2 * (time.perf_counter() - opening)
                    time.sleep(_delay(rng))
            finally:
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                returncode = proc.wait()
            figures.kills += 1
            if returncode != -signal.SIGKILL:
                figures.problems.append(
                    f"kill {kill}: the child ended by itself ({returncode}): "
                    + err.read_text(errors="replace")[-500:]
                )
            lines = out.read_bytes().split(b"\n")
            if b"ready" not in lines:
                figures.kills_while_opening += 1
            acks = [int(line) for line in lines if line.isdigit()]
            if lines[-2:-1] and lines[-2].startswith(b"saving "):
                figures.kills_while_saving += 1
            acknowledged.update(acks)
            figures.events_acknowledged += len(acks)
            dropped = figures.torn_tails_dropped
            loaded = _check(path, acknowledged, lost, figures, kill)
            if b"ready" in lines:
                figures.torn_writes_from_kills += figures.torn_tails_dropped - dropped
            if loaded is None:
                path = None  # a record that does not load: start a new one
            else:
                figures.largest_record = max(figures.largest_record, loaded)
            if progress:
                progress(figures)
    figures.seconds = time.perf_counter() - started
    return figures


def _delay(rng: random.Random) -> float:
    roll = rng.random()
    if roll < 0.4:
        return rng.uniform(0, 0.003)  # very short: often in the middle of a save
    if roll < 0.8:
        return rng.uniform(0.003, 0.03)
    return rng.uniform(0.03, 0.15)


def _wait_for(out: Path, marker: bytes, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.perf_counter() + timeout
    while marker not in out.read_bytes():
        if proc.poll() is not None or time.perf_counter() > deadline:
            return
        time.sleep(0.0005)


def _check(
    path: Path, acknowledged: set[int], lost: set[int], figures: Figures, kill: int
) -> int | None:
    """Open the record as the app would; count what is missing. Its size, or None."""
    notices: list[Notice] = []
    try:
        record = MeetingRecord(path, notice=notices.append)
    except MeetingtuiError as err:
        figures.load_failures += 1
        figures.events_lost += len(acknowledged - lost)
        figures.problems.append(f"kill {kill}: the record did not load: {err}")
        return None
    try:
        events = record.events
    finally:
        record.close()
    figures.torn_tails_dropped += sum(n.code is NoticeCode.TORN_WRITE_DROPPED for n in notices)
    in_order = [event["id"] for event in events] == list(range(1, len(events) + 1))
    if not in_order:
        figures.problems.append(f"kill {kill}: events out of order or with gaps")
    wrong = set()
    for event in events:
        expected = dict(event_for(event["id"]), id=event["id"])
        if event != expected:
            wrong.add(event["id"])
    if wrong:
        figures.problems.append(f"kill {kill}: events {sorted(wrong)[:10]} have other content")
    present = {event["id"] for event in events} - wrong
    gone = acknowledged - present if in_order else set(acknowledged)
    if gone:
        figures.problems.append(f"kill {kill}: acknowledged events {sorted(gone)[:10]} are gone")
    figures.events_lost += len(gone - lost)
    lost |= gone
    strays = list(path.parent.glob(path.name + ".tmp-*"))
    figures.stray_temp_files_left += len(strays)
    for backup in path.parent.glob(path.name + ".torn-*.bak"):
        if stat.S_IMODE(backup.stat().st_mode) != 0o600:
            figures.problems.append(f"kill {kill}: {backup.name} is readable by others")
    return len(events)


def _plant_torn_tail(path: Path, rng: random.Random) -> None:
    """What a crash in the middle of the next save leaves: part of a line, or zeros."""
    data = path.read_bytes()
    entries = logfile.scan(data).entries
    last = max((int(e["id"]) for e in entries if e.get("t") == "events"), default=0)
    line = logfile.encode({"t": "events", "id": str(last + 1), "d": event_for(last + 1)})
    cut = rng.randint(1, len(line) - 1)
    tail = line[:cut] if rng.random() < 0.7 else bytes(cut)
    with open(path, "ab") as handle:
        handle.write(tail)


def _plant_stray_temp(path: Path, rng: random.Random) -> None:
    """A rewrite cut short: a temporary file holding the first part of the record."""
    data = path.read_bytes()
    stray = path.with_name(f"{path.name}.tmp-{rng.randint(100_000, 999_999)}")
    stray.write_bytes(data[: rng.randint(0, len(data))])


def print_figures(figures: Figures) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Crash harness: SIGKILL during saves and opens")
    table.add_column("Figure")
    table.add_column("Value", justify="right")
    rows = [
        ("Kills (SIGKILL)", figures.kills),
        ("Records that failed to load", figures.load_failures),
        ("Acknowledged events lost", figures.events_lost),
        ("Events acknowledged", figures.events_acknowledged),
        ("Kills inside append (before it returned)", figures.kills_while_saving),
        ("Kills before the child had opened the record", figures.kills_while_opening),
        ("Torn tails planted before a kill", figures.torn_tails_planted),
        ("Torn tails dropped on load after a kill", figures.torn_tails_dropped),
        ("  of which torn by the kill itself", figures.torn_writes_from_kills),
        ("Stray temporary files left after a load", figures.stray_temp_files_left),
        ("Records used", figures.records),
        ("Largest record (events)", figures.largest_record),
        ("Time taken", f"{figures.seconds:.1f} s"),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    console = Console()
    console.print(table)
    for problem in figures.problems[:20]:
        console.print(f"[red]problem:[/red] {problem}", markup=True, highlight=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--per-record", type=int, default=20, help="kills per record")
    parser.add_argument("--dir", type=Path, default=None, help="keep the records here")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    seed = args.seed if args.seed is not None else int(time.time())
    print(f"seed {seed}", flush=True)

    def progress(figures: Figures) -> None:
        if figures.kills % 50 == 0:
            print(
                f"{figures.kills} kills, {figures.load_failures} failed loads, "
                f"{figures.events_lost} lost",
                flush=True,
            )

    figures = run(args.kills, seed, args.dir, args.per_record, progress)
    print_figures(figures)
    return 0 if figures.load_failures == 0 and figures.events_lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
