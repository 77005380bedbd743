"""The rules of an agenda: turn parsed TOML into an Agenda, collecting every problem."""

from __future__ import annotations

import re

import pendulum
from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

from meetingtui.agenda.fields import (
    NAME_LIMIT,
    FieldReader,
    _kind,
    _shown,
    bad_character,
    one_line_problem,
)
from meetingtui.agenda.model import (
    FORMAT_VERSION,
    KINDS,
    PARTIES,
    ROLES,
    SECTION_TITLES,
    SECTIONS,
    Agenda,
    Item,
    Meeting,
    Member,
    Person,
    Section,
    has_words,
    slug,
)
from meetingtui.text_input import name_key, nfc
from meetingtui.wording import LØSGÆNGER

_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_CASE = re.compile(r"[0-9]{2}/[0-9]{1,7}")
_MEETING_KEYS = {"body", "recommends_to", "date", "start", "timezone", "place", "quorum", "parties"}
_MEMBER_KEYS = {"id", "name", "party", "role", "substitutes"}
_ITEM_KEYS = {"id", "title", "case", "closed", "flag", "kind", "bilag", "invented", *SECTIONS}


class Checker(FieldReader):
    """Turns the parsed TOML into an Agenda, collecting every problem on the way."""

    # -- the parts -----------------------------------------------------------------------
    def agenda(self, raw: dict) -> Agenda:
        version = raw.get("format", FORMAT_VERSION)
        if isinstance(version, bool) or not isinstance(version, int):
            self.problem(("format",), f"is {_kind(version)} (expected the number {FORMAT_VERSION})")
        elif version != FORMAT_VERSION:
            self.problem(
                ("format",),
                f"version {version} is not supported by this meetingtui (expected {FORMAT_VERSION})",
            )
        for key in sorted(set(raw) - {"format", "meeting", "members", "items"}):
            self.problem(
                (key,),
                "unknown top-level field (expected format, [meeting], [[members]], [[items]])",
            )
        table = self.table(raw, "meeting", array=False)
        meeting = self.meeting(table if table is not None else {}, checked=table is not None)
        extra = table.get("parties") if table is not None else None
        parties = PARTIES | (
            {nfc(p) for p in extra if isinstance(p, str)} if isinstance(extra, list) else set()
        )
        tables = self.table(raw, "members", array=True)
        members = self.members(tables or [], parties, checked=tables is not None)
        quorum = meeting.quorum
        if quorum is not None and members and quorum > len(members):
            self.problem(
                ("meeting", "quorum"),
                f"{quorum} is more than the {len(members)} seats (expected at most {len(members)})",
            )
        tables = self.table(raw, "items", array=True)
        items = self.items(tables or [], checked=tables is not None)
        return Agenda(meeting, tuple(members), tuple(items))

    def meeting(self, table: dict, checked: bool = True) -> Meeting:
        placeholder = pendulum.datetime(2000, 1, 1, tz="Europe/Copenhagen")
        if not checked:  # [meeting] is missing or not a table: already reported
            return Meeting("", "", placeholder, "")
        where = ("meeting",)
        self.unknown_keys(table, _MEETING_KEYS, where)
        body = self.text(table, (*where, "body"))
        place = self.text(table, (*where, "place"))
        recommends_to = self.text(table, (*where, "recommends_to"), required=False)
        start = self.start(table, where) or placeholder
        quorum = table.get("quorum")
        if quorum is not None and (
            isinstance(quorum, bool) or not isinstance(quorum, int) or quorum < 1
        ):
            self.problem(
                (*where, "quorum"),
                f"is {quorum!r} (expected a whole number of members, at least 1)",
            )
            quorum = None
        parties = table.get("parties", [])
        if not isinstance(parties, list) or not all(
            isinstance(p, str) and 0 < len(nfc(p)) <= 3 and nfc(p).isalpha() for p in parties
        ):
            self.problem(
                (*where, "parties"),
                'is not a list of party letters (expected extra letters in quotes, e.g. ["L"])',
            )
        return Meeting(body, recommends_to, start, place, quorum)

    def start(self, table: dict, where: tuple) -> pendulum.DateTime | None:
        zone_name = table.get("timezone", "Europe/Copenhagen")
        zone = None
        if not isinstance(zone_name, str):
            self.problem(
                (*where, "timezone"),
                f'is {_kind(zone_name)} (expected a time zone name in quotes, e.g. "Europe/Copenhagen")',
            )
        else:
            try:
                zone = pendulum.timezone(zone_name)
            except Exception:
                self.problem(
                    (*where, "timezone"),
                    f'{zone_name!r} is not a time zone (expected e.g. "Europe/Copenhagen")',
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
            happens = f"does not exist in {zone_name}: the clocks go forward that night"
        except AmbiguousTime:
            happens = f"happens twice in {zone_name}: the clocks go back that night"
        except (ValueError, OverflowError):
            happens = f"cannot be placed in {zone_name}"
        self.problem(
            (*where, "start"),
            f"{day} {clock.strftime('%H:%M')} {happens} "
            "(expected a start time that happens exactly once that day)",
        )
        return None

    def members(self, tables: list[dict], parties: frozenset[str], checked=True) -> list[Member]:
        members: list[Member] = []
        explicit: list[bool] = []
        if checked and not tables:
            self.problem(("members",), "no members (expected at least one [[members]])")
        for index, table in enumerate(tables):
            where = ("members", index)
            self.unknown_keys(table, _MEMBER_KEYS, where)
            name = self.text(table, (*where, "name"), limit=NAME_LIMIT)
            party = self.party(table, where, "party", parties, label="")
            role = table.get("role", "medlem")
            if role not in ROLES:
                shown = repr(role) if isinstance(role, str) else _kind(role)
                self.problem(
                    (*where, "role"),
                    f"{shown} is not a role (expected one of {', '.join(ROLES)})",
                )
            member_id = self.id(table, where, name or f"member-{index + 1}")
            explicit.append("id" in table)
            subs = self.substitutes(table, where, party, parties)
            members.append(Member(member_id, name, party, role, tuple(subs)))
        self.member_rules(members, explicit)
        return members

    def id(self, table: dict, where: tuple, fallback: str) -> str:
        """The id given, or one made from the title or name; reports a malformed one."""
        value = table.get("id")
        if value is None:
            return slug(fallback)
        if not isinstance(value, str):
            self.problem((*where, "id"), f"is {_kind(value)} (expected an id in quotes)")
            return slug(fallback)
        if not _ID.fullmatch(value):
            self.problem(
                (*where, "id"),
                f"{value!r} is not a valid id (expected lower-case a-z, digits, - or _, "
                "starting with a letter or digit, at most 64 characters)",
            )
        return value

    def member_rules(self, members: list[Member], explicit: list[bool]) -> None:
        seen: dict[str, int] = {}
        repeated: set[int] = set()
        for index, member in enumerate(members):
            key = name_key(member.name)  # 'Mette Juhl', 'mette  juhl', with a zero-width space
            if key and key in seen:
                repeated.add(index)
                self.problem(
                    ("members", index, "name"),
                    f"{_shown(member.name)} is listed twice, as member {seen[key] + 1} and member "
                    f"{index + 1} (expected each member once)",
                )
            seen.setdefault(key, index)
        self.unique_ids("members", [m.id for m in members], explicit, "name", "ids", skip=repeated)
        names = set(seen)
        for index, member in enumerate(members):
            for sub in member.substitutes:
                if name_key(sub.name) in names:
                    self.problem(
                        ("members", index, "substitutes"),
                        f"{_shown(sub.name)} is a member and cannot also be a substitute "
                        "(expected substitutes who are not members of the body)",
                    )
        chairs = [index for index, m in enumerate(members) if m.role == "formand"]
        for index in chairs[1:]:
            self.problem(
                ("members", index, "role"),
                f"a second formand, as is member {chairs[0] + 1} "
                '(expected one member with role = "formand")',
            )

    def party(self, table: dict, where: tuple, key: str, parties, label: str) -> str:
        """The party at table[key]; `label` names a substitute in messages."""
        value = table.get(key)
        value = nfc(value) if isinstance(value, str) else value
        at = (*where, "party") if not label else (*where, "substitutes")
        prefix = f"{label}: party " if label else ""
        if value is None:
            self.problem(at, f'{prefix}missing (expected a party letter or "{LØSGÆNGER}")')
            return ""
        if not isinstance(value, str):
            self.problem(
                at,
                f'{prefix}is {_kind(value)} (expected a party letter in quotes or "{LØSGÆNGER}")',
            )
            return ""
        if value != LØSGÆNGER and value not in parties:
            hint = (
                f'"{value.upper()}", in capitals'
                if value.upper() in parties
                else f'one of {" ".join(sorted(parties))} or "{LØSGÆNGER}"; add local lists '
                "under meeting.parties"
            )
            self.problem(at, f"{prefix}{value!r} is not a known party (expected {hint})")
        return value

    def substitutes(self, table: dict, where: tuple, party: str, parties) -> list[Person]:
        value = table.get("substitutes", [])
        at = (*where, "substitutes")
        if not isinstance(value, list):
            self.problem(
                at, f"is {_kind(value)} (expected a list of {{ name = ..., party = ... }})"
            )
            return []
        people = []
        for entry in value:
            entry = {"name": entry} if isinstance(entry, str) else entry
            if not isinstance(entry, dict):
                self.problem(
                    at, f"contains {_kind(entry)} (expected {{ name = ..., party = ... }})"
                )
                continue
            for key in sorted(set(entry) - {"name", "party"}):
                self.problem(
                    at, f"a substitute has an unknown field {key!r} (expected name and party)"
                )
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                self.problem(at, 'a substitute has no name (expected name = "...")')
                continue
            if bad_character(name):
                self.problem(
                    at, f"substitute {name!r} contains a control character (expected plain text)"
                )
                continue
            problem = one_line_problem(name, NAME_LIMIT)
            if problem:
                self.problem(at, f"substitute {_shown(name)} {problem}")
                continue
            name = nfc(name.strip())
            sub_party = party
            if "party" in entry:
                sub_party = self.party(entry, where, "party", parties, label=f"substitute {name!r}")
            people.append(Person(name, sub_party))
        return people

    def items(self, tables: list[dict], checked: bool = True) -> list[Item]:
        items: list[Item] = []
        explicit: list[bool] = []
        if checked and not tables:
            self.problem(("items",), "no items (expected at least one [[items]])")
        for index, table in enumerate(tables):
            items.append(self.item(table, ("items", index)))
            explicit.append("id" in table)
        self.unique_ids("items", [item.id for item in items], explicit, "title", "item ids")
        return items

    def unique_ids(
        self, table: str, ids: list[str], explicit: list[bool], source: str, what: str, skip=()
    ) -> None:
        """Each id once; a repeat names the first holder (ids made from `source` say so)."""
        first: dict[str, int] = {}
        for index, value in enumerate(ids):
            holder = first.setdefault(value, index)
            if holder != index and index not in skip:
                made = "" if explicit[index] else f" (made from the {source})"
                self.problem(
                    (table, index, "id"),
                    f"id {value!r}{made} is also the id of {table[:-1]} {holder + 1} "
                    f'(expected unique {what}; give one of them id = "...")',
                )

    def item(self, table: dict, where: tuple) -> Item:
        self.unknown_keys(table, _ITEM_KEYS, where)
        title = self.text(table, (*where, "title"))
        item_id = self.id(table, where, title or f"item-{where[1] + 1}")
        case = self.text(table, (*where, "case"), required=False)
        if case and not _CASE.fullmatch(case):
            self.problem(
                (*where, "case"),
                f"{case!r} is not a case number (expected YY/NNNNN, e.g. 23/11174)",
            )
        kind = table.get("kind", "sag")
        if kind not in KINDS:
            shown = repr(kind) if isinstance(kind, str) else _kind(kind)
            self.problem(
                (*where, "kind"),
                f"{shown} is not an item kind (expected one of {', '.join(KINDS)})",
            )
        sections = []
        for name in SECTIONS:
            text = self.text(table, (*where, name), required=False, multiline=True)
            if text and not has_words(text):
                self.problem((*where, name), "has only Markdown markup, no words (expected prose)")
            elif text.strip():
                sections.append(Section(SECTION_TITLES[name], text))
        bilag = table.get("bilag", [])
        if not isinstance(bilag, list):
            self.problem(
                (*where, "bilag"),
                f'is {_kind(bilag)} (expected a list of attachment titles, e.g. ["Budget 2027"])',
            )
            bilag = []
        elif not all(isinstance(b, str) and b.strip() and not bad_character(b) for b in bilag):
            self.problem(
                (*where, "bilag"),
                "has an attachment title that is empty, not a text or has control characters "
                "(expected titles in quotes)",
            )
            bilag = []
        else:
            for number, attachment in enumerate(bilag, 1):
                problem = one_line_problem(attachment)
                if problem:
                    self.problem((*where, "bilag"), f"attachment {number} {problem}")
                    bilag = []
                    break
        return Item(
            id=item_id,
            title=title,
            case=case,
            closed=self.flag(table, (*where, "closed")),
            flag=self.flag(table, (*where, "flag")),
            kind=kind if kind in KINDS else "sag",
            sections=tuple(sections),
            bilag=tuple(nfc(b.strip()) for b in bilag),
            invented=self.flag(table, (*where, "invented")),
        )
