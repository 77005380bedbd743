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

from meetingtui import attendance, labels, session, times, wording
from meetingtui.agenda import Agenda
from meetingtui.meeting import fold
from meetingtui.record import RecordFollower
from meetingtui.terminal_text import literal_text, printable

POLL_SECONDS = 0.25


def render(overview: attendance.Overview, body: str) -> RenderableType:
    """The chair's view. Names, titles and notes are literal Text (never markup), with no
    control characters (terminal_text): a record may hold anything someone pasted."""
    counted = overview.taking_part if overview.taking_part is not None else overview.in_room
    head = Text.assemble(
        (f"{printable(body)}\n", "bold"),
        labels.chair_counts(overview.in_room, overview.seats) + "  ",
        ("Quorum: ", "bold"),
        (
            labels.CHAIR_QUORUM[overview.quorate],
            "bold green" if overview.quorate else "bold red reverse",
        ),
        " " + labels.chair_quorum_counts(counted, overview.needed),
    )
    if overview.seats_text:
        head.append("\n" + overview.seats_text)
    if overview.opened is None:
        head.append("\n" + labels.CHAIR_NOT_OPENED)
    elif overview.closed is not None:
        head.append("\n" + wording.meeting_times(overview.opened, overview.closed))
    elif overview.current_item:
        head.append("\n" + printable(labels.chair_now(overview.current_item)))
    head.append(_meeting_so_far(overview))
    table = Table(show_edge=False, expand=False)
    for column in labels.CHAIR_COLUMNS:
        table.add_column(column)
    for line in overview.lines:
        mark = labels.CHAIR_TAKING_PART[line.taking_part]
        if not line.taking_part and line.note:
            mark = f"{mark}: {line.note}"
        table.add_row(*(literal_text(cell) for cell in (line.name, line.party, line.status, mark)))
    moves = [
        f"{m.name} {labels.MOVED[m.kind]} kl. {wording.time_of_day(m.time)}"
        + (f" (punkt {m.item_number})" if m.item_number else "")
        for m in overview.movements
    ]
    parts: list[RenderableType] = [head, table]
    if moves:
        parts.append(literal_text(f"{labels.CHAIR_MOVEMENTS}: " + "; ".join(moves)))
    return Group(*parts)


def _meeting_so_far(overview: attendance.Overview) -> str:
    """The meeting's length, the fewest taking part and where quorum was lost, each on a
    line of its own ('' before the meeting)."""
    lines = []
    if overview.duration_text:
        lines.append(labels.chair_duration(overview.duration_text, overview.closed is not None))
    if overview.lowest_taking_part is not None and overview.lowest_item:
        lines.append(labels.chair_lowest(overview.lowest_taking_part, overview.lowest_item))
    if overview.quorum_lost is not None:
        item, when = overview.quorum_lost
        lines.append(labels.chair_quorum_lost(item, wording.time_of_day(when)))
    return "".join("\n" + line for line in lines)


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
