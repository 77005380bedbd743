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

from meetingtui import attendance, session, wording
from meetingtui.agenda import Agenda
from meetingtui.meeting import fold
from meetingtui.record import RecordFollower

POLL_SECONDS = 0.25


def render(overview: attendance.Overview, body: str) -> RenderableType:
    quorum = "JA, beslutningsdygtigt" if overview.quorate else "NEJ, ikke beslutningsdygtigt"
    counted = overview.taking_part if overview.taking_part is not None else overview.in_room
    head = Text.assemble(
        (f"{body}\n", "bold"),
        f"Til stede: {overview.in_room} af {overview.seats} medlemmer.  ",
        ("Quorum: ", "bold"),
        (quorum, "bold green" if overview.quorate else "bold red reverse"),
        f" ({counted} deltager, {overview.needed} kræves)",
    )
    if overview.opened is None:
        head.append("\nMødet er ikke åbnet endnu (tallene bygger på navneopråbet).")
    elif overview.closed is not None:
        head.append(
            f"\nMødet begyndte kl. {wording.time_of_day(overview.opened)} og sluttede kl. {wording.time_of_day(overview.closed)}."
        )
    elif overview.current_item:
        head.append(f"\nNu: {overview.current_item}")
    table = Table(show_edge=False, expand=False)
    for column in ("Medlem", "Parti", "Status", "Deltager i punktet"):
        table.add_column(column)
    for line in overview.lines:
        mark = "ja" if line.taking_part else ("nej: " + line.note if line.note else "nej")
        table.add_row(line.name, line.party, line.status, mark)
    moves = [
        f"{m.name} {'ankom' if m.kind == 'arrived' else 'gik'} kl. {wording.time_of_day(m.time)}"
        + (f" (punkt {m.item_number})" if m.item_number else "")
        for m in overview.movements
    ]
    parts: list[RenderableType] = [head, table]
    if moves:
        parts.append(Text("Ankomster og afgange: " + "; ".join(moves)))
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
    return attendance.overview(fold(agenda, events))
