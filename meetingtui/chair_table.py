"""The chair's attendance view in any terminal: a rich table, optionally kept live.

`--watch` follows the record read-only (never taking the writer's lock), polling the
file's stat every 0.25 s and redrawing only when it changed.
"""

from __future__ import annotations

import time

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.table import Table
from rich.text import Text

from meetingtui import attendance, chair_view, labels, session, times
from meetingtui.agenda import Agenda
from meetingtui.meeting import fold
from meetingtui.record import RecordFollower
from meetingtui.terminal_text import literal_text, printable

POLL_SECONDS = 0.25


def render(overview: attendance.Overview, body: str) -> RenderableType:
    """The chair's view of `overview` (chair_view's model, as the web page shows it)."""
    return render_view(chair_view.from_overview(overview, body))


def render_view(view: chair_view.ChairView) -> RenderableType:
    """Names, titles and notes are literal Text (never markup), with no control characters
    (terminal_text): a record may hold anything someone pasted."""
    head = Text.assemble(
        (f"{printable(view.body)}\n", "bold"),
        view.counts + "  ",
        ("Quorum: ", "bold"),
        (view.quorum_words, "bold green" if view.quorate else "bold red reverse"),
        " " + view.quorum_numbers,
    )
    if view.seats_text:
        head.append("\n" + view.seats_text)
    if view.now:
        head.append("\n" + printable(view.now))
    head.append("".join("\n" + line for line in view.so_far))
    table = Table(show_edge=False, expand=False)
    for column in labels.CHAIR_COLUMNS:
        table.add_column(column)
    for row in view.people:
        cells = (row.name, row.party, row.status, row.taking_part)
        table.add_row(*(literal_text(cell) for cell in cells))
    parts: list[RenderableType] = [head, table]
    if view.movements:
        parts.append(literal_text(f"{labels.CHAIR_MOVEMENTS}: " + "; ".join(view.movements)))
    return Group(*parts)


def run(agenda_path: str | None, record_path: str | None, watch: bool) -> int:
    agenda, record = session.locate(agenda_path, record_path)
    console = Console(highlight=False)
    follower = RecordFollower(record)
    if not watch:
        console.print(render(_overview(agenda, follower.poll() or []), agenda.meeting.body))
        return 0
    events = follower.poll() or []
    with Live(
        render(_overview(agenda, events), agenda.meeting.body), console=console, auto_refresh=False
    ) as live:
        while True:
            time.sleep(POLL_SECONDS)
            changed = follower.poll()
            if changed is not None:
                live.update(render(_overview(agenda, changed), agenda.meeting.body), refresh=True)


def _overview(agenda: Agenda, events: list[dict]) -> attendance.Overview:
    now = times.system_now()
    if now.in_tz(agenda.meeting.timezone).date() != agenda.meeting.date:
        return attendance.overview(fold(agenda, events))  # not today: no running length
    return attendance.overview(fold(agenda, events), now=now)
