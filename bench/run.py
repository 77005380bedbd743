"""The performance benchmark (issues 5 and 8): five measures at three sizes, against floors.

    python bench/run.py                    # all sizes (small, medium, large)
    python bench/run.py --sizes small      # the smallest only (the CI smoke test)
    python bench/run.py --markdown         # the table as Markdown (for the README)
    python bench/run.py --measures keys    # some measures only (start-up, keys, save, ...)

Synthetic meetings (bench/synth.py) of 7 items / 50 events, 100 / 1,000 and 500 / 5,000
are written to a temporary folder (MEETINGTUI_DATA_DIR and MEETINGTUI_OUTPUT_DIR point
there too). Every measure is a median of several runs, set against a floor measured in
the same run, on the same machine and disk:

1. start-up: from starting the process in a real terminal (tmux, 120x40) until its
   screen, with the status bar ('Punkt N af M') on it, has settled (the last change,
   styles included, after which nothing changed for half a second), resuming the record.
   Floor: bench/bare.py (the same widgets, no data) timed the same way. Both run with
   meetingtui compiled to bytecode first (as pip does at install; `compile_package`).
   Skipped without tmux.
2. key to screen: inside the app, run headless at 120x40, from posting the key event to
   the refresh that completes its effect on the screen. Every refresh is rendered to the
   byte sequence a terminal would be sent and replayed onto a model of the terminal's
   cells; the key's time ends at the last refresh that changed a cell, once nothing has
   been refreshed for 0.15 s (Textual can show a key over several refreshes: one before
   the layout, then the laid-out screen, then a scroll bar). Keys: next item (n, walking
   from the agenda list's bottom edge, so that a 100- or 500-row list scrolls on every
   key), jump to an item (enter on the list, two rows down), mark a member as left
   (enter in the picker that l opens): each held to 1.2x the floor of a bare Textual app
   making the same screen change (bench/bare.py: highlight the next row, replace a ~4 KB
   Markdown case text, update the status line and a one-line strip) with the Markdown
   rendered before the key. The same bare app rendering the Markdown at the key is
   measured too, and shown. A character typed in the decision ends at its echo (the
   first refresh that shows it), against a bare OptionList moving its highlight.
   Each key's median is also given as a share of the 16 ms frame budget (60 Hz). The
   app and the floors are timed in turn, in KEY_ROUNDS rounds, so that a change of load
   on a shared machine falls on both.
3. save: MeetingRecord.append of one event (durable on return), on the size's record.
   Floor: os.write of an event-sized line and os.fsync, to a file in the same folder,
   interleaved with the appends.
4. export: the public .docx of the whole meeting (meetingtui.export.docx_bytes). Floor:
   python-docx writing the same paragraphs (each style resolved once, no logic of ours).
5. peak memory: max RSS of a child process that opens the app headless and presses a few
   keys. Floor: the bare app the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pendulum  # noqa: E402
from synth import SIZES, TZ, Size, write_meeting  # noqa: E402

MEASURES = ("start-up", "keys", "save", "export", "memory")
MARKER = re.compile(r"Punkt \d+ af \d+")
FRAME_MS = 16.0
QUIET_STARTUP = 0.5  # seconds without a change on the screen: start-up is over
TMUX_SOCKET = f"meetingtui-bench-{os.getpid()}"


def bench_now() -> pendulum.DateTime:
    """A fixed 'now': late on the meeting day, after the last item taken up."""
    return pendulum.datetime(2025, 11, 20, 18, 30, tz=TZ)


@dataclass
class Row:
    measure: str
    size: str
    median: float | None  # in `unit`; None when skipped
    floor: float | None
    unit: str
    target: str
    met: bool | None  # None: no target at this size, or skipped
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor:
            return None
        return self.median / self.floor


# -- 1. start-up in a real terminal ---------------------------------------------------------
def compile_package() -> None:
    """Compile meetingtui's bytecode (into PYTHONPYCACHEPREFIX), as pip does at install.

    Without it, a shell with PYTHONDONTWRITEBYTECODE set (as some sandboxes and CI have)
    compiles every module of ours from source at every start-up, about 0.3-0.8 s here,
    while the floor imports only Textual, whose bytecode was compiled at install.
    """
    import meetingtui

    package = Path(meetingtui.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["tmux", "-L", TMUX_SOCKET, *args], capture_output=True, text=True, check=check
    )


def _time_to_marker(command: str, env: dict[str, str], name: str, timeout: float = 60) -> float:
    """Seconds from starting `command` in a new 120x40 tmux window until its screen, with
    MARKER on it, has settled: the time of the last change (styles included) after which
    nothing changed for QUIET_STARTUP seconds. The first frame with the marker can come
    before the rows, the case text and the scroll bars are in place."""
    env_args = [a for key, value in env.items() for a in ("-e", f"{key}={value}")]
    start = time.perf_counter()
    _tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", name, *env_args, command)
    pid = int(_tmux("list-panes", "-t", name, "-F", "#{pane_pid}").stdout.split()[0])
    try:
        last_screen, last_change, marked = None, start, False
        while True:
            now = time.perf_counter()
            screen = _tmux("capture-pane", "-p", "-e", "-t", name, check=False).stdout
            if screen != last_screen:
                last_screen, last_change = screen, now
                marked = marked or bool(MARKER.search(screen))
            elif marked and now - last_change > QUIET_STARTUP:
                return last_change - start
            if now - start > timeout:
                raise RuntimeError(f"{command}: no {MARKER.pattern!r} after {timeout} s:\n{screen}")
            time.sleep(0.003)
    finally:
        _tmux("kill-session", "-t", name, check=False)
        _wait_gone(pid)


def _wait_gone(pid: int, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def measure_startup(
    size: Size, agenda: Path, record: Path, runs: int, env: dict, tmux: bool = True
) -> list[Row]:
    if not tmux or shutil.which("tmux") is None:
        why = "skipped: no tmux" if tmux else "skipped: --no-tmux"
        return [Row("start-up", size.name, None, None, "s", "≤ 1.5x floor", None, why)]
    python = sys.executable
    app_cmd = f"{python} -m meetingtui run {agenda} --record {record}"
    bare_cmd = f"{python} {HERE / 'bare.py'}"
    _tmux("new-session", "-d", "-s", "keepalive", "sleep 600")  # the server, started once
    try:
        app_times, bare_times = [], []
        for run in range(runs + 1):  # the first of each warms the disk cache; not counted
            bare = _time_to_marker(bare_cmd, env, f"bare-{run}")
            app = _time_to_marker(app_cmd, env, f"app-{run}")
            if run:
                bare_times.append(bare)
                app_times.append(app)
    finally:
        _tmux("kill-server", check=False)
    median, floor = statistics.median(app_times), statistics.median(bare_times)
    target = size.name == "large"
    return [
        Row(
            "start-up",
            size.name,
            median,
            floor,
            "s",
            "≤ 1.5x floor" if target else "(at 500 items)",
            (median <= 1.5 * floor) if target else None,
        )
    ]


# -- 2. key to screen ---------------------------------------------------------------------------
class Cells:
    """The terminal's cells as the displayed updates leave them: which update changed them?

    Textual can show a key's effect over several refreshes (one without the new layout,
    then the laid-out screen, then refreshes that repaint the same cells). Replaying each
    update's segments onto these cells tells which refresh changed what is on screen.
    """

    def __init__(self) -> None:
        self.rows: dict[int, list[tuple[str, object] | None]] = {}
        self._plain: dict[object, object] = {}  # style -> the style without meta (not shown)

    def apply(self, update, console) -> bool:
        """Write `update` (a CompositorUpdate) onto the cells; True if any cell changed."""
        from rich.cells import cell_len
        from rich.segment import ControlType

        changed = False
        x = y = 0
        for segment in update.__rich_console__(console, console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if segment.text == "\n":
                x, y = 0, y + 1
                continue
            style = self._plain.get(segment.style)
            if style is None:
                plain = segment.style.clear_meta_and_links() if segment.style else None
                style = self._plain[segment.style] = plain
            row = self.rows.setdefault(y, [])
            for char in segment.text:
                width = cell_len(char)
                if not width:
                    continue
                if len(row) < x + width:
                    row.extend([None] * (x + width - len(row)))
                for offset in range(width):
                    cell = (char if not offset else "", style)
                    if row[x + offset] != cell:
                        row[x + offset] = cell
                        changed = True
                x += width
        return changed


class Probe:
    """Wraps App._display: when, after a key, the screen shows the key's whole effect.

    Every refresh is rendered to the byte sequence a real terminal would be sent, and
    kept. A key's time ends at the last refresh that changed a cell on the screen once
    the screen has settled (no refresh for QUIET seconds), or, with `first=True`, at the
    first refresh after the key where `predicate` holds (a typed character's echo).
    `predicate` must hold at some refresh (the key did what it should).
    """

    QUIET = 0.15

    def __init__(self, app):
        from textual._compositor import CompositorUpdate

        self.app = app
        self.update_class = CompositorUpdate
        self.predicate: Callable[[], bool] | None = None
        self.measuring = False
        self.shown = asyncio.Event()
        self.pending: list[tuple[float, object, bool]] = []  # displays not replayed yet
        self.cells = Cells()
        self.original = app._display
        self.random = random.Random(5)
        app._display = self._display

    def _display(self, screen, renderable) -> None:
        if renderable is not None and isinstance(renderable, self.update_class):
            now = time.perf_counter()
            if self.measuring:
                renderable.render_segments(self.app.console)  # what a terminal would be sent
            held = self.predicate is not None and self.predicate()
            self.pending.append((now, renderable, held))
            self.shown.set()
        self.original(screen, renderable)

    async def start(self, pilot) -> None:
        """Repaint the whole screen once, so that the cells start as the terminal's."""
        self.app.screen.refresh()
        await pilot.pause()
        await asyncio.sleep(0.1)
        self._replay()

    def _replay(self) -> list[tuple[float, bool, bool]]:
        """Apply the displays kept so far: (time, predicate held, cells changed) each."""
        pending, self.pending = self.pending, []
        return [
            (when, held, self.cells.apply(update, self.app.console))
            for when, update, held in pending
        ]

    async def key(
        self, pilot, key: str, predicate: Callable[[], bool], first: bool = False
    ) -> float:
        """Milliseconds from posting `key` to the screen showing its effect (see above)."""
        from textual import events

        await pilot.pause()
        # A random phase against the screen's 60 Hz update timer, the same for every app.
        await asyncio.sleep(0.02 + self.random.uniform(0, 1 / 60))
        self._replay()  # what is on the screen before the key (not timed)
        char = key if len(key) == 1 else None
        self.predicate, self.measuring = predicate, True
        start = time.perf_counter()
        self.app.post_message(events.Key(key, char))
        while True:
            self.shown.clear()
            try:
                await asyncio.wait_for(self.shown.wait(), self.QUIET)
            except TimeoutError:
                if any(held for _when, _update, held in self.pending):
                    break
            if time.perf_counter() - start > 5:
                raise RuntimeError(f"{key!r}: the screen did not show its effect in 5 s")
        self.predicate, self.measuring = None, False
        shown = self._replay()
        if os.environ.get("BENCH_DEBUG"):  # each refresh: ms after the key, held, changed
            print(key, [(round((w - start) * 1000, 1), h, c) for w, h, c in shown], file=sys.stderr)
        held_at = min(when for when, held, _changed in shown if held)
        if first:
            end = held_at
        else:
            end = max([held_at] + [when for when, _held, changed in shown if changed])
        await pilot.pause()
        return (end - start) * 1000

    async def press(self, pilot, *keys: str) -> None:
        """Keys not measured (setting up): one at a time, waiting for idle after each."""
        from textual import events

        for key in keys:
            self.app.post_message(events.Key(key, key if len(key) == 1 else None))
            await pilot.pause()
            await asyncio.sleep(0.02)


def walk_start(rows: int, visible: int, runs: int) -> int:
    """Where a walk of `runs` next-item keys starts, so that the list really scrolls.

    The walk starts at the last row the list shows at the top (the highlight on its
    bottom edge), so every key moves the highlight below it and the list scrolls a line,
    as on most keys in a long meeting. A list that fits on the screen never scrolls: the
    walk starts at the top and goes round.
    """
    if rows - runs - 1 < visible:
        return 0
    return visible - 1


async def _app_keys(agenda: Path, record: Path, runs: int) -> tuple[dict[str, list[float]], int]:
    """Times per key, and how many of the next-item keys scrolled the agenda list."""
    from meetingtui.ui.app import create_app
    from meetingtui.ui.screens.main import MainScreen
    from meetingtui.ui.widgets.agenda_list import AgendaList
    from meetingtui.ui.widgets.decision_editor import DecisionEditor

    app = create_app(agenda, record, now=bench_now)
    times: dict[str, list[float]] = {"next": [], "jump": [], "left": [], "type": []}
    scrolled = 0
    async with app.run_test(size=(120, 40)) as pilot:
        probe = Probe(app)
        sec = app.secretary
        await probe.start(pilot)
        assert isinstance(app.screen, MainScreen), app.screen
        listing = app.screen.query_one(AgendaList)

        ids = [s.item.id for s in sec.state.items]
        start = walk_start(len(ids), listing.scrollable_content_region.height, runs)

        async def go_to(index: int) -> None:  # not measured: the list's highlight, then enter
            await probe.press(pilot, "g")
            listing.highlighted = index
            await probe.press(pilot, "enter")

        # Next item: walking forward through the agenda, as in a meeting, with a pause
        # before each key (the secretary listens): items not shown before, and from the
        # list's bottom edge on, so that the list scrolls (at 100+ items).
        await go_to(0)  # the list at the top, then its bottom row: the walk starts there
        await go_to(start)
        for _ in range(runs):
            if sec.viewing == ids[-1]:
                await go_to(0)
            await asyncio.sleep(0.3)
            before, top = sec.viewing, listing.scroll_offset.y
            times["next"].append(await probe.key(pilot, "n", lambda b=before: sec.viewing != b))
            scrolled += listing.scroll_offset.y != top

        # Jump: move the highlight two items down the list, then enter jumps there.
        await probe.press(pilot, "g")  # the agenda list has the focus
        for _ in range(runs):
            if ids.index(sec.viewing) + 2 >= len(ids):
                await go_to(0)
            await probe.press(pilot, "down", "down")
            await asyncio.sleep(0.3)
            before = sec.viewing
            times["jump"].append(await probe.key(pilot, "enter", lambda b=before: sec.viewing != b))

        def in_room() -> int:
            from meetingtui import attendance

            return attendance.in_room_count(sec.state)

        for _ in range(runs):  # l opens the picker; enter records the first one present
            await probe.press(pilot, "l")
            count = in_room()
            times["left"].append(
                await probe.key(
                    pilot,
                    "enter",
                    lambda c=count: in_room() < c and isinstance(app.screen, MainScreen),
                )
            )
            await probe.press(pilot, "a", "enter")  # back in the room (not measured)

        await probe.press(pilot, "d")
        editor = app.screen.query_one(DecisionEditor)
        for _ in range(runs):
            length = len(editor.text)
            typed = await probe.key(pilot, "x", lambda n=length: len(editor.text) > n, first=True)
            times["type"].append(typed)
        await probe.press(pilot, "escape")
        await pilot.pause()
    return times, scrolled


async def _bare_highlight(options: int, runs: int) -> list[float]:
    """The floor for typing: a bare OptionList moving its highlight (two lines repainted)."""
    from bare import BareApp
    from textual.widgets import OptionList

    app = BareApp(options)
    out = []
    async with app.run_test(size=(120, 40)) as pilot:
        probe = Probe(app)
        listing = app.query_one(OptionList)
        await probe.start(pilot)
        await probe.press(pilot, "down")
        for run in range(runs):
            before = listing.highlighted
            key = "up" if run % 2 else "down"
            moved = await probe.key(
                pilot, key, lambda b=before: listing.highlighted != b, first=True
            )
            out.append(moved)
    return out


async def _bare_next(texts: list[str], runs: int, prerender: bool) -> tuple[list[float], int]:
    """The floors for next item: a bare app making the same screen change (bench/bare.py)."""
    from bare import BareApp
    from textual.widgets import OptionList

    app = BareApp(len(texts), texts, prerender=prerender)
    out, scrolled = [], 0
    async with app.run_test(size=(120, 40)) as pilot:
        probe = Probe(app)
        listing = app.query_one(OptionList)
        await probe.start(pilot)
        start = walk_start(len(texts), listing.scrollable_content_region.height, runs)
        app.show(start)
        for _ in range(runs):
            if app.shown == len(texts) - 1:
                app.show(0)
            await asyncio.sleep(0.3)
            before, top = app.shown, listing.scroll_offset.y
            out.append(await probe.key(pilot, "n", lambda b=before: app.shown != b))
            scrolled += listing.scroll_offset.y != top
    return out, scrolled


KEY_ROUNDS = 3


def _rounds(runs: int) -> list[int]:
    """`runs` split into KEY_ROUNDS shares (as even as can be, none empty)."""
    count = max(1, min(KEY_ROUNDS, runs))
    return [runs // count + (1 if n < runs % count else 0) for n in range(count)]


def measure_keys(size: Size, agenda: Path, record: Path, runs: int, work: Path) -> list[Row]:
    from meetingtui import agenda as agenda_mod
    from meetingtui.ui.widgets.case_text import case_markdown

    texts = [case_markdown(item) for item in agenda_mod.load(agenda).items]
    copy = work / f"{size.name}-keys.record"
    shutil.copyfile(record, copy)
    # In rounds, the app and its floors in turn: on a shared machine the load changes from
    # one half minute to the next, and a floor timed after the app would see other load.
    times: dict[str, list[float]] = {}
    at_key: list[float] = []
    before: list[float] = []
    highlights: list[float] = []
    scrolled = at_key_scrolled = before_scrolled = 0
    for share in _rounds(runs):
        app_times, app_scrolled = asyncio.run(_app_keys(agenda, copy, share))
        for key, values in app_times.items():
            times.setdefault(key, []).extend(values)
        bare_at_key, bare_at_key_scrolled = asyncio.run(_bare_next(texts, share, prerender=False))
        bare_before, bare_before_scrolled = asyncio.run(_bare_next(texts, share, prerender=True))
        highlights += asyncio.run(_bare_highlight(size.items, share))
        at_key += bare_at_key
        before += bare_before
        scrolled += app_scrolled
        at_key_scrolled += bare_at_key_scrolled
        before_scrolled += bare_before_scrolled
    highlight = statistics.median(highlights)
    floor = statistics.median(before)
    rows = [
        Row(
            "floor: next item, bare (Markdown at the key)",
            size.name,
            statistics.median(at_key),
            None,
            "ms",
            "—",
            None,
            f"list scrolled on {at_key_scrolled}/{runs} keys",
        ),
        Row(
            "floor: next item, bare (Markdown rendered before)",
            size.name,
            floor,
            None,
            "ms",
            "—",
            None,
            f"list scrolled on {before_scrolled}/{runs} keys",
        ),
        Row("floor: move a highlight, bare", size.name, highlight, None, "ms", "—", None),
    ]
    labels = {
        "next": "key: next item (n)",
        "jump": "key: jump to item (enter in list)",
        "left": "key: member left (l, enter)",
    }
    for key, label in labels.items():
        median = statistics.median(times[key])
        note = f"list scrolled on {scrolled}/{runs} keys" if key == "next" else ""
        rows.append(
            Row(label, size.name, median, floor, "ms", "≤ 1.2x floor", median <= 1.2 * floor, note)
        )
    median = statistics.median(times["type"])
    rows.append(
        Row(
            "key: type a character",
            size.name,
            median,
            highlight,
            "ms",
            "≤ 1.5x floor, ≤ 16 ms",
            median <= 1.5 * highlight and median <= FRAME_MS,
        )
    )
    return rows


# -- 3. save --------------------------------------------------------------------------------------
def measure_save(size: Size, record: Path, runs: int, work: Path) -> list[Row]:
    from meetingtui import events as ev
    from meetingtui.record import MeetingRecord, logfile

    copy = work / f"{size.name}-save.record"
    shutil.copyfile(record, copy)
    rec = MeetingRecord(copy)
    item = rec.events[-1].get("item") or "sag-1"
    floor_path = work / f"{size.name}-floor.log"
    fd = os.open(floor_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    saves, floors = [], []
    try:
        for run in range(runs):
            event = ev.make(
                "decision_set",
                now=bench_now(),
                item=item,
                text=f"Udvalget anbefaler indstillingen over for Regionsrådet ({run}).",
            )
            line = logfile.encode({"t": "events", "id": str(10**6 + run), "d": event})
            start = time.perf_counter()
            os.write(fd, line)
            os.fsync(fd)
            floors.append(time.perf_counter() - start)
            start = time.perf_counter()
            rec.append(event)
            saves.append(time.perf_counter() - start)
            if not rec.saved:
                raise RuntimeError(f"the record did not save: {rec.save_error}")
    finally:
        os.close(fd)
        rec.close()
    median, floor = statistics.median(saves) * 1000, statistics.median(floors) * 1000
    return [
        Row(
            "save (append one event)",
            size.name,
            median,
            floor,
            "ms",
            "≤ 3x floor",
            median <= 3 * floor,
            f"events {size.events}→{size.events + runs}",
        )
    ]


# -- 4. export ------------------------------------------------------------------------------------
def _floor_paragraphs(minutes) -> list[tuple[str, str]]:
    """The minutes as (style name, text) pairs: what the floor writes."""
    from meetingtui.minutes import model as m

    out: list[tuple[str, str]] = []
    for block in minutes.blocks:
        match block:
            case m.Title(text):
                out.append(("Title", text))
            case m.Heading(text, level, _toc):
                out.append((f"Heading {level}", text))
            case m.Paragraph(runs):
                out.append(("Normal", "".join(r.text for r in runs)))
            case m.Labelled(label, value):
                out.append(("Normal", f"{label}\t{value}"))
            case m.Bullets(items, numbered):
                style = "List Number" if numbered else "List Bullet"
                out += [(style, "".join(r.text for r in runs)) for runs in items]
            case m.Contents(entries):
                out += [("Normal", entry) for entry in entries]
            case m.Signatures(names):
                out += [("Normal", name) for name in names]
    return out


def _floor_docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """python-docx writing the paragraphs, each style resolved to its id once.

    (Passing a style object to add_paragraph is not enough: python-docx then searches
    the styles part for the default style on every paragraph.)
    """
    from docx import Document

    document = Document()
    default = document.styles.default(document.styles["Normal"].type).style_id
    ids = {}
    for name, _text in paragraphs:
        if name not in ids:
            style_id = document.styles[name].style_id
            ids[name] = None if style_id == default else style_id
    for name, text in paragraphs:
        paragraph = document.add_paragraph(text)
        if ids[name] is not None:
            paragraph._p.style = ids[name]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def measure_export(size: Size, agenda: Path, record: Path, runs: int) -> list[Row]:
    from meetingtui import agenda as agenda_mod
    from meetingtui.export import docx_bytes
    from meetingtui.meeting import fold
    from meetingtui.minutes import build
    from meetingtui.record import MeetingRecord

    rec = MeetingRecord(record, read_only=True)
    state = fold(agenda_mod.load(agenda), rec.events)
    rec.close()
    paragraphs = _floor_paragraphs(build(state, full=False))
    ours, floors = [], []
    docx_bytes(state, full=False)  # imports python-docx; not counted
    for _ in range(runs):
        start = time.perf_counter()
        _floor_docx(paragraphs)
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        docx_bytes(state, full=False)
        ours.append(time.perf_counter() - start)
    median, floor = statistics.median(ours), statistics.median(floors)
    target = size.name == "large"
    return [
        Row(
            "export (public .docx)",
            size.name,
            median,
            floor,
            "s",
            "≤ 1.5x floor" if target else "(at 500 items)",
            (median <= 1.5 * floor) if target else None,
            f"{len(paragraphs)} paragraphs",
        )
    ]


# -- 5. peak memory -------------------------------------------------------------------------------
async def _memory_app(agenda: str, record: str) -> None:
    from meetingtui.ui.app import create_app

    app = create_app(agenda, record, now=bench_now)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("n", "p", "down", "enter", "d", "x", "y", "escape", "l", "enter"):
            await pilot.press(key)
        await pilot.pause()


async def _memory_bare(options: int) -> None:
    from bare import BareApp

    async with BareApp(options).run_test(size=(120, 40)) as pilot:
        for key in ("down", "down", "up", "tab", "x", "y"):
            await pilot.press(key)
        await pilot.pause()


def _peak_rss_mb() -> float:
    """This process's peak resident memory in MB since it started (exec'd)."""
    try:
        # VmHWM starts afresh at exec; ru_maxrss would carry over the parent's RSS at fork.
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _child_max_rss(args: list[str], env: dict) -> float:
    """Peak resident memory (MB) of a child running this file with `args`."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"memory child {args} failed ({done.returncode}):\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def measure_memory(size: Size, agenda: Path, record: Path, runs: int, work: Path, env) -> list[Row]:
    ours, floors = [], []
    for run in range(runs):
        copy = work / f"{size.name}-memory-{run}.record"
        shutil.copyfile(record, copy)
        ours.append(_child_max_rss(["app", str(agenda), str(copy)], env))
        floors.append(_child_max_rss(["bare", str(size.items)], env))
    median, floor = statistics.median(ours), statistics.median(floors)
    target = size.name == "large"
    return [
        Row(
            "peak memory (max RSS)",
            size.name,
            median,
            floor,
            "MB",
            "< 150 MB" if target else "(at 500 items)",
            (median < 150) if target else None,
        )
    ]


# -- the table ------------------------------------------------------------------------------------
def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:.0f} {unit}"


def _frame(row: Row) -> str:
    """A key's median as a share of the 16 ms frame budget (60 Hz)."""
    if row.unit != "ms" or row.median is None or not row.measure.startswith(("key", "floor")):
        return "—"
    return f"{row.median / FRAME_MS:.0%}"


def _cells(row: Row) -> list[str]:
    met = {True: "met", False: "NOT MET", None: "—"}[row.met]
    if row.median is None:
        met = row.note
    ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "—"
    return [
        row.measure,
        row.size,
        _number(row.median, row.unit),
        _frame(row),
        _number(row.floor, row.unit),
        ratio,
        row.target,
        met,
    ]


HEADERS = ["measure", "size", "median", "of 16 ms frame", "floor", "ratio", "target", "met"]


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def _notes(rows: list[Row]) -> list[str]:
    return [f"{row.measure}, {row.size}: {row.note}." for row in rows if row.note and row.median]


def print_table(rows: list[Row], markdown: bool, sizes: list[Size]) -> None:
    described = ", ".join(f"{s.name} = {s.items} items / {s.events:,} events" for s in sizes)
    if markdown:
        print(markdown_table(rows))
        print(f"\nSizes: {described}.\n")
        print("\n".join(f"- {note}" for note in _notes(rows)))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="meetingtui benchmark (issue 5)", caption=f"Sizes: {described}.")
    for header in HEADERS:
        right = header in ("median", "of 16 ms frame", "floor", "ratio")
        table.add_column(header, justify="right" if right else "left")
    for row in rows:
        cells = _cells(row)
        style = {True: "green", False: "bold red", None: ""}[row.met]
        cells[-1] = f"[{style}]{cells[-1]}[/]" if style else cells[-1]
        table.add_row(*cells)
    console = Console(width=140)
    console.print(table)
    for note in _notes(rows):
        console.print(note, highlight=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="small,medium,large", help="comma-separated: small, medium, large"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--runs", type=int, default=9, help="start-up runs per size (default 9)")
    parser.add_argument("--key-runs", type=int, default=21, help="presses per key (default 21)")
    parser.add_argument("--save-runs", type=int, default=50, help="appends per size (default 50)")
    parser.add_argument("--export-runs", type=int, default=3, help="exports per size (default 3)")
    parser.add_argument("--memory-runs", type=int, default=3, help="memory runs (default 3)")
    parser.add_argument(
        "--no-tmux", action="store_true", help="skip start-up (measured in tmux), as without tmux"
    )
    parser.add_argument(
        "--measures",
        default=",".join(MEASURES),
        help=f"comma-separated, of: {', '.join(MEASURES)} (default: all)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "app":
            asyncio.run(_memory_app(*rest))
        else:
            asyncio.run(_memory_bare(int(rest[0])))
        print(f"{_peak_rss_mb():.1f}")
        return 0

    sizes = [SIZES[name.strip()] for name in args.sizes.split(",") if name.strip()]
    measures = {name.strip() for name in args.measures.split(",") if name.strip()}
    if unknown := measures - set(MEASURES):
        parser.error(f"unknown measures: {', '.join(sorted(unknown))}")
    work = Path(tempfile.mkdtemp(prefix="meetingtui-bench-"))
    env = {
        "MEETINGTUI_DATA_DIR": str(work / "data"),
        "MEETINGTUI_OUTPUT_DIR": str(work / "output"),
        # Processes started here (start-up, memory) run with bytecode, as an installed
        # meetingtui does (pip compiles it at install): compiled into the temporary folder,
        # whatever PYTHONDONTWRITEBYTECODE the shell has (empty means unset).
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "PYTHONDONTWRITEBYTECODE": "",
    }
    os.environ.update(env)
    compile_package()
    rows: list[Row] = []
    try:
        for size in sizes:
            agenda, record = write_meeting(work, size)

            def say(what: str, size: Size = size) -> None:
                print(f"[{size.name}] {what}…", file=sys.stderr, flush=True)

            if "start-up" in measures:
                say("start-up")
                startup_record = work / f"{size.name}-startup.record"
                shutil.copyfile(record, startup_record)
                rows += measure_startup(
                    size, agenda, startup_record, args.runs, env, tmux=not args.no_tmux
                )
            if "keys" in measures:
                say("keys")
                rows += measure_keys(size, agenda, record, args.key_runs, work)
            if "save" in measures:
                say("save")
                rows += measure_save(size, record, args.save_runs, work)
            if "export" in measures:
                say("export")
                rows += measure_export(size, agenda, record, args.export_runs)
            if "memory" in measures:
                say("memory")
                rows += measure_memory(size, agenda, record, args.memory_runs, work, env)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)
    order = {name: n for n, name in enumerate(SIZES)}
    rows.sort(key=lambda r: (_measure_order(r.measure), order[r.size]))
    print_table(rows, args.markdown, sizes)
    return 0


def _measure_order(measure: str) -> int:
    for number, prefix in enumerate(
        (
            "start-up",
            "floor: next item, bare (Markdown at",
            "floor: next item, bare (Markdown rendered",
            "key: next",
            "key: jump",
            "key: member",
            "floor: move",
            "key: type",
            "save",
            "export",
            "peak",
        )
    ):
        if measure.startswith(prefix):
            return number
    return 99


if __name__ == "__main__":
    sys.exit(main())
