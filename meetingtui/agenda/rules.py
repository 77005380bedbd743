"""The rules of an agenda: turn parsed TOML into an Agenda, collecting every problem.

Format 1 and format 2 are read by the same rules (agendas/README.md); format 2 adds the
items' numbering (`numbering`, `first_number`) and a body file (`body_file`): a field
the agenda leaves out is taken from the body file, and so are the members when the
agenda lists none. The items' own rules are in items.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pendulum
from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

from meetingtui.agenda.fields import _kind
from meetingtui.agenda.items import ItemReader
from meetingtui.agenda.model import (
    FORMAT_VERSION,
    FORMATS,
    NUMBERINGS,
    PARTIES,
    Agenda,
    Item,
    Meeting,
)
from meetingtui.text_input import nfc

if TYPE_CHECKING:
    from meetingtui.agenda.body_file import Body

MEETING_KEYS_1 = {
    "body",
    "recommends_to",
    "date",
    "start",
    "timezone",
    "place",
    "quorum",
    "parties",
}
MEETING_KEYS_2 = MEETING_KEYS_1 | {"body_file", "numbering", "first_number"}
FIRST_NUMBER_LIMIT = 99_999


def numbering_expected(first: str) -> str:
    """What a numbering must be; `first`: the field that gives the first running number."""
    return (
        'en nummerering (forventet "meeting": 1, 2, ... på hvert møde, eller "running": '
        f"løbende numre fra {first})"
    )


def file_format(raw: dict) -> Any:
    """The `format` a parsed file declares (1 when left out)."""
    return raw.get("format", 1)


class Checker(ItemReader):
    """Turns the parsed TOML into an Agenda, collecting every problem on the way."""

    def __init__(self, path, text: str):
        super().__init__(path, text)
        self.notes: list[str] = []
        self.inherited: dict[str, Any] = {}  # what the agenda took from its body file

    # -- the parts -----------------------------------------------------------------------
    def agenda(self, raw: dict, body: Body | None = None) -> Agenda:
        version = file_format(raw)
        if isinstance(version, bool) or not isinstance(version, int):
            self.problem(
                ("format",), f"er {_kind(version)} (forventet tallet {FORMAT_VERSION} eller 1)"
            )
        elif version not in FORMATS:
            self.problem(
                ("format",),
                f"version {version} kendes ikke af denne meetingtui "
                f"(forventet {' eller '.join(map(str, FORMATS))})",
            )
        self.format = version if version in FORMATS else 1  # as when `format` is left out
        for key in sorted(set(raw) - {"format", "meeting", "members", "items"}):
            self.problem(
                (key,),
                "ukendt felt øverst i filen (forventet format, [meeting], [[members]], [[items]])",
            )
        table = self.table(raw, "meeting", array=False)
        fields = {**(body.defaults if body else {}), **(table or {})}
        meeting = self.meeting(fields, table or {}, checked=table is not None, body=body)
        extra = fields.get("parties") if table is not None else None
        parties = PARTIES | (
            {nfc(p) for p in extra if isinstance(p, str)} if isinstance(extra, list) else set()
        )
        self.inherited = {
            k: v for k, v in (body.defaults if body else {}).items() if k not in (table or {})
        }
        if body is not None and "members" not in raw:
            tables: list[dict] | None = list(body.member_tables)
            self.inherited["members"] = tables
        else:
            tables = self.table(raw, "members", array=True)
        members = self.members(tables or [], parties, checked=tables is not None)
        quorum = meeting.quorum
        if quorum is not None and members and quorum > len(members):
            self.problem(
                ("meeting", "quorum"),
                f"{quorum} er flere end de {len(members)} pladser (forventet højst {len(members)})",
            )
        tables = self.table(raw, "items", array=True)
        items = self.items(tables or [], meeting, checked=tables is not None)
        if tables:
            self.kind_rules(items, tables)
        return Agenda(meeting, tuple(members), tuple(items), format=self.format)

    def meeting(
        self, table: dict, written: dict, checked: bool = True, body: Body | None = None
    ) -> Meeting:
        """[meeting]: `table` is what the agenda wrote over the body file's defaults."""
        placeholder = pendulum.datetime(2000, 1, 1, tz="Europe/Copenhagen")
        if not checked:  # [meeting] is missing or not a table: already reported
            return Meeting("", "", placeholder, "")
        where = ("meeting",)
        self.unknown_keys(written, MEETING_KEYS_2 if self.format == 2 else MEETING_KEYS_1, where)
        body_name = self.text(table, (*where, "body"))
        place = self.text(table, (*where, "place"))
        recommends_to = self.text(table, (*where, "recommends_to"), required=False)
        start = self.start(table, where) or placeholder
        quorum = self.quorum(table, where)
        parties = table.get("parties", [])
        if not isinstance(parties, list) or not all(
            isinstance(p, str) and 0 < len(nfc(p)) <= 3 and nfc(p).isalpha() for p in parties
        ):
            self.problem(
                (*where, "parties"),
                "er ikke en liste af partibogstaver "
                '(forventet ekstra bogstaver i anførselstegn, fx ["L"])',
            )
        numbering, first = self.numbering(table, where) if self.format == 2 else ("position", 1)
        self.first_item = first
        return Meeting(
            body_name,
            recommends_to,
            start,
            place,
            quorum,
            numbering=numbering,
            first_number=first,
            body_file=body.path if body else None,
        )

    def quorum(self, table: dict, where: tuple) -> int | None:
        quorum = table.get("quorum")
        if quorum is not None and (
            isinstance(quorum, bool) or not isinstance(quorum, int) or quorum < 1
        ):
            self.problem(
                (*where, "quorum"),
                f"er {quorum!r} (forventet et helt antal medlemmer, mindst 1)",
            )
            return None
        return quorum

    def numbering(self, table: dict, where: tuple) -> tuple[str, int]:
        """The items' numbering and the first item's number (format 2)."""
        what = numbering_expected("first_number")
        numbering = self.choice(table, where, "numbering", NUMBERINGS, "meeting", what)
        if numbering is None:
            return "meeting", 1
        first = table.get("first_number")
        if numbering == "meeting":
            if first is not None:
                self.problem(
                    (*where, "first_number"),
                    'bruges kun ved løbende numre (forventet numbering = "running", '
                    "eller intet first_number)",
                )
            return "meeting", 1
        if first is None:
            self.problem(
                (*where, "first_number"),
                'mangler ved numbering = "running" (forventet det første punkts nummer, fx 49)',
            )
            return "running", 1
        if (
            isinstance(first, bool)
            or not isinstance(first, int)
            or not (1 <= first <= FIRST_NUMBER_LIMIT)
        ):
            self.problem(
                (*where, "first_number"),
                f"er {first!r} (forventet et helt tal fra 1 til {FIRST_NUMBER_LIMIT}, fx 49)",
            )
            return "running", 1
        return "running", first

    def start(self, table: dict, where: tuple) -> pendulum.DateTime | None:
        zone_name = table.get("timezone", "Europe/Copenhagen")
        zone = None
        if not isinstance(zone_name, str):
            self.problem(
                (*where, "timezone"),
                f"er {_kind(zone_name)} (forventet navnet på en tidszone i anførselstegn, "
                'fx "Europe/Copenhagen")',
            )
        else:
            try:
                zone = pendulum.timezone(zone_name)
            except Exception:
                self.problem(
                    (*where, "timezone"),
                    f'{zone_name!r} er ikke en tidszone (forventet fx "Europe/Copenhagen")',
                )
        day = self.day(table, where)
        clock = self.time_field(table, where)
        if day is None or clock is None or zone is None:
            return None
        try:
            return pendulum.datetime(
                day.year,
                day.month,
                day.day,
                clock.hour,
                clock.minute,
                tz=zone,
                raise_on_unknown_times=True,
            )
        except NonExistingTime:
            happens = f"findes ikke i {zone_name}: uret stilles frem den nat"
        except AmbiguousTime:
            happens = f"findes to gange i {zone_name}: uret stilles tilbage den nat"
        except (ValueError, OverflowError):
            happens = f"kan ikke placeres i {zone_name}"
        self.problem(
            (*where, "start"),
            f"{day} {clock.strftime('%H:%M')} {happens} "
            "(forventet et starttidspunkt, der findes præcis én gang den dag)",
        )
        return None

    def items(self, tables: list[dict], meeting: Meeting, checked: bool = True) -> list[Item]:
        items: list[Item] = []
        explicit: list[bool] = []
        if checked and not tables:
            self.problem(("items",), "ingen punkter (forventet mindst ét [[items]])")
        first = meeting.first_number
        for index, table in enumerate(tables):
            items.append(self.item(table, ("items", index), first + index))
            explicit.append("id" in table)
        self.unique_ids("items", [item.id for item in items], explicit, "titlen", "punkterne")
        return items
