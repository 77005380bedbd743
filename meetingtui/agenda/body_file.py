"""A body file (udvalgsfil, `bodies/<slug>.toml`): what stays the same from meeting to meeting.

The body's name, the body it recommends to, its usual place and start, its time zone,
how its items are numbered (and the next running number), its quorum and local party
letters, and its members in order with their substitutes. It is kept once; an agenda
names it with `body_file` and takes from it every `[meeting]` field it leaves out, and
the members when it lists none (agenda/rules.py); `meetingtui new` makes the next
meeting's agenda from it (agenda/new.py). It also says how the body's referat looks and
is worded: `template` (its Word template) and `[wording]` (export.py reads them through
the agenda's body_file). The format is in agendas/README.md.

Problems are reported like an agenda's: `FILE:LINE: hvor: hvad (forventet ...)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingtui import wording
from meetingtui.agenda.model import NUMBERINGS, PARTIES, Member
from meetingtui.agenda.rules import FIRST_NUMBER_LIMIT, Checker, numbering_expected
from meetingtui.agenda.source import BODY_FILE, read_bytes, read_toml
from meetingtui.errors import AgendaError
from meetingtui.text_input import nfc

BODY_FORMAT = 1
# The fields an agenda may take from its body file, as the agenda's [meeting] names them.
MEETING_FIELDS = (
    "body",
    "recommends_to",
    "timezone",
    "place",
    "start",
    "numbering",
    "quorum",
    "parties",
)
KEYS = {"format", *MEETING_FIELDS, "next_number", "members", "template", "wording"}


@dataclass(frozen=True)
class Body:
    name: str
    recommends_to: str
    timezone: str
    place: str
    start: dt.time | None
    numbering: str  # "meeting" or "running"
    next_number: int | None  # with "running": the first number of the next meeting
    quorum: int | None
    parties: tuple[str, ...]
    members: tuple[Member, ...]
    path: Path
    sha256: str
    defaults: dict[str, Any]  # the [meeting] fields an agenda takes from here, as checked
    member_tables: tuple[dict[str, Any], ...]  # the [[members]] as written
    # The referat's look and wording (export): the body's Word template (.dotx/.docx,
    # `template`, relative to this file) and its [wording] choices.
    template: Path | None = None
    choices: wording.Choices = wording.REFERENCE


def load(path: str | Path) -> Body:
    path = Path(path)
    raw, text, sha256 = read_toml(read_bytes(path, BODY_FILE), path, BODY_FILE)
    checker = Checker(path, text)
    body = _check(checker, raw, path, sha256)
    if checker.problems or body is None:
        raise AgendaError(checker.problems)
    return body


def _check(checker: Checker, raw: dict, path: Path, sha256: str) -> Body | None:
    version = raw.get("format", BODY_FORMAT)
    if version != BODY_FORMAT or isinstance(version, bool):
        checker.problem(
            ("format",),
            f"{version!r} er ikke en kendt udgave af udvalgsfiler (forventet {BODY_FORMAT})",
        )
    checker.unknown_keys(raw, KEYS, ())
    name = checker.text(raw, ("body",))
    place = checker.text(raw, ("place",), required=False)
    recommends_to = checker.text(raw, ("recommends_to",), required=False)
    zone = raw.get("timezone", "Europe/Copenhagen")
    checker.start({"timezone": zone, "date": dt.date(2026, 1, 15), "start": "12:00"}, ())
    start = checker.time_field(raw, ()) if raw.get("start") is not None else None
    quorum = checker.quorum(raw, ())
    numbering, next_number = _numbering(checker, raw)
    extra = raw.get("parties", [])
    if not isinstance(extra, list) or not all(
        isinstance(p, str) and 0 < len(nfc(p)) <= 3 and nfc(p).isalpha() for p in extra
    ):
        checker.problem(
            ("parties",),
            "er ikke en liste af partibogstaver "
            '(forventet ekstra bogstaver i anførselstegn, fx ["L"])',
        )
        extra = []
    tables = checker.table(raw, "members", array=True)
    members = checker.members(tables or [], PARTIES | {nfc(p) for p in extra}, tables is not None)
    if quorum is not None and members and quorum > len(members):
        checker.problem(
            ("quorum",),
            f"{quorum} er flere end de {len(members)} pladser (forventet højst {len(members)})",
        )
    template = _template(checker, raw, path)
    choices = _choices(checker, raw)
    if checker.problems:
        return None
    defaults = {key: raw[key] for key in MEETING_FIELDS if key in raw}
    return Body(
        name=name,
        recommends_to=recommends_to,
        timezone=zone,
        place=place,
        start=start,
        numbering=numbering,
        next_number=next_number,
        quorum=quorum,
        parties=tuple(nfc(p) for p in extra),
        members=tuple(members),
        path=path,
        sha256=sha256,
        defaults=defaults,
        member_tables=tuple(tables or ()),
        template=template,
        choices=choices,
    )


def _template(checker: Checker, raw: dict, path: Path) -> Path | None:
    """The body's Word template, relative to the body file (read at export, not here)."""
    if "template" not in raw:
        return None
    name = raw["template"]
    if not isinstance(name, str) or not name.strip() or "\n" in name:
        checker.problem(
            ("template",),
            'er ikke et filnavn (forventet stien til en Word-skabelon, fx "skabeloner/tmu.dotx")',
        )
        return None
    if Path(name).suffix.lower() not in (".dotx", ".docx"):
        checker.problem(
            ("template",),
            f"{name!r} er ikke en .dotx- eller .docx-fil (forventet en Word-skabelon)",
        )
        return None
    return path.parent / name


def _choices(checker: Checker, raw: dict) -> wording.Choices:
    """The [wording] table: one of the known choices per key, the reference's by default."""
    table = raw.get("wording", {})
    if not isinstance(table, dict):
        checker.problem(("wording",), "er ikke en tabel (forventet [wording] med valgene)")
        return wording.REFERENCE
    checker.unknown_keys(table, set(wording.CHOICES), ("wording",))
    chosen = {}
    for key, allowed in wording.CHOICES.items():
        if key not in table:
            continue
        if table[key] not in allowed:
            shown = " eller ".join(f'"{a}"' for a in allowed)
            checker.problem(("wording", key), f"{table[key]!r} er ikke et valg (forventet {shown})")
            continue
        chosen[key] = table[key]
    return wording.Choices(**chosen)


def _numbering(checker: Checker, raw: dict) -> tuple[str, int | None]:
    what = numbering_expected("next_number")
    numbering = checker.choice(raw, (), "numbering", NUMBERINGS, "meeting", what)
    if numbering is None:
        return "meeting", None
    value = raw.get("next_number")
    if numbering == "meeting":
        if value is not None:
            checker.problem(
                ("next_number",),
                'bruges kun ved løbende numre (forventet numbering = "running", '
                "eller intet next_number)",
            )
        return "meeting", None
    if value is None:
        checker.problem(
            ("next_number",),
            'mangler ved numbering = "running" (forventet nummeret på næste mødes første '
            "punkt, fx 59)",
        )
        return "running", None
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 1 <= value <= FIRST_NUMBER_LIMIT
    ):
        checker.problem(
            ("next_number",),
            f"er {value!r} (forventet et helt tal fra 1 til {FIRST_NUMBER_LIMIT}, fx 59)",
        )
        return "running", None
    return "running", value
