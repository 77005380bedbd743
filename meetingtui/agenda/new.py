"""The next meeting's agenda from a body file (`meetingtui new`), and where body files are.

The agenda is written in format 2 with everything it needs in it: the meeting's fields,
the members copied in (a meeting's agenda must not change when the body's membership
changes later), `body_file` pointing back, the items' numbering from the body's
`next_number`, and two items to start from: Godkendelse af dagsorden and Eventuelt.
The body file itself is never written: the secretary updates `next_number` there, and
`new` says which number to write (`reminder`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from meetingtui import times
from meetingtui.agenda.body_file import Body
from meetingtui.agenda.model import YEARS, slug
from meetingtui.agenda.write import to_toml
from meetingtui.errors import AgendaError

BODIES = Path("bodies")

FIRST_ITEM = {
    "id": "godkendelse-af-dagsorden",
    "title": "Godkendelse af dagsorden",
    "sections": [{"heading": "Indstilling", "text": "Det indstilles, at dagsordenen godkendes."}],
}
LAST_ITEM = {"id": "eventuelt", "title": "Eventuelt", "kind": "eventuelt"}

HOW_TO = """\
Dagsorden til {body} {date}, lavet af `meetingtui new` fra {body_file}.
Tilføj punkterne mellem Godkendelse af dagsorden og Eventuelt, i dagsordenens
rækkefølge. Et punkt med sagstekst skrives sådan (se agendas/README.md):

[[items]]
title = "Vejplan 2027"
case = "23/11174"
attachments = ["Vejplan 2027 - udkast.pdf"]

[[items.sections]]
heading = "Sagsfremstilling"
text = \"\"\"
Teksten i Markdown.\"\"\"

Tjek filen bagefter med: meetingtui check {agenda}"""


def find_body(name: str, bodies: Path = BODIES) -> Path:
    """A body file named by its path, or by its slug or name in the `bodies` folder."""
    given = Path(name)
    if given.suffix == ".toml" or given.exists():
        return given
    candidates = [bodies / f"{name}.toml", bodies / f"{slug(name)}.toml"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    known = sorted(p.stem for p in bodies.glob("*.toml")) if bodies.is_dir() else []
    listed = ", ".join(known) if known else f"ingen i {bodies}/"
    raise AgendaError(
        [
            f"{name}: ingen udvalgsfil med det navn (forventet en sti til en udvalgsfil eller "
            f"et af navnene i {bodies}/: {listed})"
        ]
    )


def parse_date(text: str) -> dt.date:
    """'2026-06-11' or '11-06-2026' (also with dots or slashes): times.read_day, the
    reading the approval's date shares, within the years an agenda may have."""
    try:
        day: dt.date | None = times.read_day(text)
    except times.DateUnreadable:
        day = None
    if day is None or not YEARS[0] <= day.year <= YEARS[1]:
        raise AgendaError(
            [
                f"--date: {text!r} er ikke en dato, der findes (forventet fx 2026-06-11 eller 11-06-2026)"
            ]
        )
    return day


def parse_time(text: str) -> dt.time:
    """'16.00' or '16:00'."""
    found = re.fullmatch(r"\s*(\d{1,2})[.:](\d{2})\s*", text)
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise AgendaError([f"--start: {text!r} er ikke et klokkeslæt (forventet fx 16.00)"])
    return dt.time(int(found[1]), int(found[2]))


def default_path(body: Body, day: dt.date, folder: Path = Path("agendas")) -> Path:
    return folder / f"{slug(body.name)}-{day.isoformat()}.toml"


def next_meeting(
    body: Body, day: dt.date, start: dt.time | None, place: str | None, target: Path
) -> str:
    """The agenda's TOML text, to be written at `target` (body_file is relative to it)."""
    start = start or body.start
    place = place or body.place
    missing = []
    if start is None:
        missing.append(
            f"{body.path}: start mangler (forventet --start 16.00, eller start i udvalgsfilen)"
        )
    if not place:
        missing.append(
            f'{body.path}: place mangler (forventet --place "…", eller place i udvalgsfilen)'
        )
    if missing:
        raise AgendaError(missing)
    relative = os.path.relpath(body.path.resolve(), target.resolve().parent)
    meeting: dict[str, Any] = {"body": body.name, "body_file": Path(relative).as_posix()}
    if body.recommends_to:
        meeting["recommends_to"] = body.recommends_to
    meeting |= {"date": day, "start": start, "timezone": body.timezone, "place": place}
    meeting["numbering"] = body.numbering
    if body.numbering == "running" and body.next_number is not None:
        meeting["first_number"] = body.next_number
    if body.quorum is not None:
        meeting["quorum"] = body.quorum
    if body.parties:
        meeting["parties"] = list(body.parties)
    members = [
        {
            "id": m.id,
            "name": m.name,
            "party": m.party,
            "role": m.role,
            "substitutes": [{"name": s.name, "party": s.party} for s in m.substitutes],
        }
        for m in body.members
    ]
    data = {"format": 2, "meeting": meeting, "members": members, "items": [FIRST_ITEM, LAST_ITEM]}
    comment = HOW_TO.format(
        body=body.name, date=day.isoformat(), body_file=body.path, agenda=target
    )
    return to_toml(data, comment)


def reminder(body: Body, items: int) -> str | None:
    """What to write in the body file after this meeting, for running numbers."""
    if body.numbering != "running" or body.next_number is None:
        return None
    after = body.next_number + items
    return (
        f"Husk: når dagsordenen er færdig, skriv next_number = {body.next_number} + antal "
        f"punkter i {body.path} (med de {items} punkter, den har nu: next_number = {after})."
    )
