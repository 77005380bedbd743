"""The agenda: the meeting, its members and its items, loaded from a TOML file.

The file format is documented in agendas/README.md. Loading validates everything and
reports every problem as one line naming the file, the line (where known), the item or
member, the field, what is wrong and what is expected.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import time as Time
from pathlib import Path

import pendulum

from meetingtui import markdown
from meetingtui.errors import AgendaError
from meetingtui.wording import LØSGÆNGER

FORMAT_VERSION = 1
MAX_BYTES = 20 * 1024 * 1024  # ten times a 500-item agenda with reference-sized case text
PARTIES = frozenset("ABCDFIKMOQVÆØÅ")
ROLES = ("formand", "næstformand", "medlem")
KINDS = ("sag", "eventuelt", "underskriftsside")
SECTIONS = ("resume", "sagsfremstilling", "klimavurdering", "indstilling")
SECTION_TITLES = {
    "resume": "Resumé",
    "sagsfremstilling": "Sagsfremstilling",
    "klimavurdering": "Klimavurdering",
    "indstilling": "Indstilling",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CASE = re.compile(r"^\d{2}/\d{1,7}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MEETING_KEYS = {"body", "recommends_to", "date", "start", "timezone", "place", "quorum", "parties"}
_MEMBER_KEYS = {"id", "name", "party", "role", "substitutes"}
_ITEM_KEYS = {"id", "title", "case", "closed", "flag", "kind", "bilag", "invented", *SECTIONS}


@dataclass(frozen=True)
class Person:
    name: str
    party: str


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    party: str
    role: str
    substitutes: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    case: str = ""
    closed: bool = False
    flag: bool = False
    kind: str = "sag"
    sections: dict[str, str] = field(default_factory=dict)
    bilag: tuple[str, ...] = ()
    invented: bool = False


@dataclass(frozen=True)
class Meeting:
    body: str
    recommends_to: str
    start: pendulum.DateTime
    place: str
    quorum: int | None = None  # members needed; None means at least half the seats

    @property
    def date(self) -> pendulum.Date:
        return self.start.date()

    @property
    def timezone(self) -> str:
        return self.start.timezone_name


@dataclass(frozen=True)
class Agenda:
    meeting: Meeting
    members: tuple[Member, ...]
    items: tuple[Item, ...]
    path: Path | None = None
    sha256: str = ""

    def member(self, member_id: str) -> Member:
        return self._members_by_id()[member_id]

    def item(self, item_id: str) -> Item:
        return next(item for item in self.items if item.id == item_id)

    def _members_by_id(self) -> dict[str, Member]:
        return {m.id: m for m in self.members}

    @property
    def seats(self) -> int:
        return len(self.members)

    def quorum_needed(self) -> int:
        if self.meeting.quorum is not None:
            return self.meeting.quorum
        return (self.seats + 1) // 2  # quorate when 2 x present >= seats


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o"})
    text = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return text[:48] or "x"


def load(path: str | Path) -> Agenda:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AgendaError([f"{path}: no such file (expected an agenda .toml file)"]) from None
    except IsADirectoryError:
        raise AgendaError([f"{path}: is a directory (expected an agenda .toml file)"]) from None
    except OSError as err:
        raise AgendaError([f"{path}: cannot be read: {err.strerror}"]) from None
    return parse(data, path)


def parse(data: bytes, path: Path) -> Agenda:
    if len(data) > MAX_BYTES:
        raise AgendaError(
            [f"{path}: file is {len(data):,} bytes (expected at most {MAX_BYTES:,} bytes)"]
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise AgendaError([f"{path}:{line}: binary data (expected a UTF-8 TOML text file)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AgendaError(
            [f"{path}:{line}: byte 0x{data[err.start]:02x} is not UTF-8 (save the file as UTF-8)"]
        ) from None
    try:
        raw = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        where = f"{path}:{found.group(1)}" if found else str(path)
        what = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise AgendaError([f"{where}: TOML syntax error: {what} (expected valid TOML)"]) from None
    checker = _Checker(path, text)
    agenda = checker.agenda(raw)
    if checker.problems:
        raise AgendaError(checker.problems)
    return Agenda(
        agenda.meeting, agenda.members, agenda.items, path, hashlib.sha256(data).hexdigest()
    )


class _Checker:
    """Turns the parsed TOML into an Agenda, collecting every problem on the way."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[str] = []

    # -- reporting --------------------------------------------------------------------
    def problem(self, where: tuple, what: str) -> None:
        line = self._line_of(where)
        place = f"{self.path}:{line}" if line else str(self.path)
        label = _label(where)
        self.problems.append(f"{place}: {label}: {what}" if label else f"{place}: {what}")

    def _line_of(self, where: tuple) -> int | None:
        """Best-effort line of a field: the n-th [[table]] header, then `key =` below it."""
        if not where:
            return None
        table, index, key = (list(where) + [None, None])[:3]
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?")
        start, seen = None, -1
        for number, line in enumerate(self.lines):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = number
                    break
        if start is None:
            return None
        if key is None:
            return start + 1
        keyline = re.compile(rf"^\s*{re.escape(str(key))}\s*=")
        for number in range(start + 1, len(self.lines)):
            if self.lines[number].lstrip().startswith("["):
                break
            if keyline.match(self.lines[number]):
                return number + 1
        return start + 1

    # -- field readers -----------------------------------------------------------------
    def text(self, table: dict, where: tuple, required: bool = True, multiline=False) -> str:
        key = where[-1]
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, "missing (expected a text)")
            return ""
        if not isinstance(value, str):
            self.problem(where, f"is {_kind(value)} (expected a text in quotes)")
            return ""
        bad = _CONTROL.search(value) or (not multiline and re.search(r"[\n\r\t]", value))
        if bad:
            self.problem(where, f"contains control character {bad.group()!r} (expected plain text)")
            return ""
        if required and not value.strip():
            self.problem(where, "is empty (expected a text)")
        return value.strip() if not multiline else value.strip("\n")

    def flag(self, table: dict, where: tuple) -> bool:
        value = table.get(where[-1], False)
        if not isinstance(value, bool):
            self.problem(where, f"is {_kind(value)} (expected true or false)")
            return False
        return value

    def unknown_keys(self, table: dict, allowed: set[str], where: tuple) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(
                (*where, key), f"unknown field (expected one of {', '.join(sorted(allowed))})"
            )

    def table(self, raw: dict, key: str, array: bool):
        value = raw.get(key)
        if value is None:
            self.problem((), f"{'[[' + key + ']]' if array else '[' + key + ']'} is missing")
            return [] if array else {}
        if array and not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            self.problem((key,), f"is {_kind(value)} (expected [[{key}]] tables)")
            return []
        if not array and not isinstance(value, dict):
            self.problem((key,), f"is {_kind(value)} (expected a [{key}] table)")
            return {}
        return value

    # -- the parts -----------------------------------------------------------------------
    def agenda(self, raw: dict) -> Agenda:
        version = raw.get("format", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            self.problem((), f"format = {version!r} is not supported (expected {FORMAT_VERSION})")
        for key in sorted(set(raw) - {"format", "meeting", "members", "items"}):
            self.problem(
                (),
                f"unknown top-level field '{key}' (expected format, [meeting], [[members]], [[items]])",
            )
        meeting = self.meeting(self.table(raw, "meeting", array=False))
        extra = (
            raw.get("meeting", {}).get("parties", [])
            if isinstance(raw.get("meeting"), dict)
            else []
        )
        parties = PARTIES | {p for p in extra if isinstance(p, str)}
        members = self.members(self.table(raw, "members", array=True), parties)
        items = self.items(self.table(raw, "items", array=True))
        return Agenda(meeting, tuple(members), tuple(items))

    def meeting(self, table: dict) -> Meeting:
        where = ("meeting",)
        self.unknown_keys(table, _MEETING_KEYS, where)
        body = self.text(table, (*where, "body"))
        place = self.text(table, (*where, "place"))
        recommends_to = self.text(table, (*where, "recommends_to"), required=False)
        start = self.start(table, where)
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
            isinstance(p, str) and 0 < len(p) <= 3 for p in parties
        ):
            self.problem((*where, "parties"), 'expected a list of extra party letters, e.g. ["L"]')
        return Meeting(body, recommends_to, start, place, quorum)

    def start(self, table: dict, where: tuple) -> pendulum.DateTime:
        zone_name = table.get("timezone", "Europe/Copenhagen")
        try:
            zone = pendulum.timezone(zone_name)
        except Exception:
            self.problem(
                (*where, "timezone"),
                f'{zone_name!r} is not a time zone (expected e.g. "Europe/Copenhagen")',
            )
            zone = pendulum.timezone("Europe/Copenhagen")
        day = table.get("date")
        if isinstance(day, str):
            try:
                day = Date.fromisoformat(day)
            except ValueError:
                self.problem(
                    (*where, "date"), f"{day!r} is not a date that exists (expected YYYY-MM-DD)"
                )
                day = None
        elif day is None:
            self.problem((*where, "date"), "missing (expected a date, e.g. 2025-11-20)")
        elif not isinstance(day, Date) or isinstance(
            day, pendulum.DateTime | __import__("datetime").datetime
        ):
            self.problem((*where, "date"), f"is {_kind(day)} (expected a date, e.g. 2025-11-20)")
            day = None
        clock = table.get("start")
        if isinstance(clock, str):
            found = re.fullmatch(r"(\d{1,2})[:.](\d{2})", clock.strip())
            clock = (
                Time(int(found[1]), int(found[2]))
                if found and int(found[1]) < 24 and int(found[2]) < 60
                else clock
            )
        if clock is None:
            self.problem((*where, "start"), "missing (expected a time of day, e.g. 10:00:00)")
            clock = Time(0, 0)
        elif not isinstance(clock, Time):
            self.problem(
                (*where, "start"), f"{clock!r} is not a time of day (expected e.g. 10:00:00)"
            )
            clock = Time(0, 0)
        if day is None:
            return pendulum.datetime(2000, 1, 1, tz=zone)
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
        except Exception:
            self.problem(
                (*where, "start"),
                f"{day} {clock.strftime('%H:%M')} does not exist or is ambiguous in {zone_name} "
                "(daylight saving); expected a time that happens once",
            )
            return pendulum.datetime(day.year, day.month, day.day, tz=zone)

    def members(self, tables: list[dict], parties: frozenset[str]) -> list[Member]:
        members: list[Member] = []
        if not tables and ("members",) and not any("members" in p for p in self.problems):
            self.problem(("members",), "no members (expected at least one [[members]])")
        for index, table in enumerate(tables):
            where = ("members", index)
            self.unknown_keys(table, _MEMBER_KEYS, where)
            name = self.text(table, (*where, "name"))
            party = self.party(table, (*where, "party"), parties, required=True)
            role = table.get("role", "medlem")
            if role not in ROLES:
                self.problem(
                    (*where, "role"), f"{role!r} is not a role (expected one of {', '.join(ROLES)})"
                )
            member_id = table.get("id") or slug(name)
            subs = self.substitutes(table, where, party, parties)
            members.append(Member(member_id, name, party, role, tuple(subs)))
        self.member_rules(members)
        return members

    def member_rules(self, members: list[Member]) -> None:
        seen: dict[str, int] = {}
        for index, member in enumerate(members):
            key = " ".join(member.name.lower().split())
            if key and key in seen:
                self.problem(
                    ("members", index, "name"),
                    f"'{member.name}' is listed twice (also member {seen[key] + 1}); expected each member once",
                )
            seen.setdefault(key, index)
            if not _ID.match(member.id):
                self.problem(
                    ("members", index, "id"),
                    f"{member.id!r} (expected lower-case letters, digits, - or _)",
                )
        ids = [m.id for m in members]
        for index, member in enumerate(members):
            if ids.count(member.id) > 1 and ids.index(member.id) != index:
                self.problem(
                    ("members", index, "id"),
                    f"id {member.id!r} is used twice (expected unique ids)",
                )
        names = set(seen)
        for index, member in enumerate(members):
            for sub in member.substitutes:
                if " ".join(sub.name.lower().split()) in names:
                    self.problem(
                        ("members", index, "substitutes"),
                        f"'{sub.name}' is a member and cannot also be a substitute",
                    )
        if sum(m.role == "formand" for m in members) > 1:
            self.problem(("members",), 'more than one member has role = "formand" (expected one)')

    def party(self, table: dict, where: tuple, parties, required: bool, default: str = "") -> str:
        value = table.get(where[-1], default if not required else None)
        if value is None:
            self.problem(where, f'missing (expected a party letter or "{LØSGÆNGER}")')
            return ""
        if value != LØSGÆNGER and value not in parties:
            self.problem(
                where,
                f'{value!r} is not a known party (expected one of {" ".join(sorted(parties))} or "{LØSGÆNGER}"; add local lists under meeting.parties)',
            )
            return str(value)
        return value

    def substitutes(self, table: dict, where: tuple, party: str, parties) -> list[Person]:
        value = table.get("substitutes", [])
        if not isinstance(value, list):
            self.problem(
                (*where, "substitutes"),
                f"is {_kind(value)} (expected a list of {{ name = ..., party = ... }})",
            )
            return []
        people = []
        for entry in value:
            entry = {"name": entry} if isinstance(entry, str) else entry
            if not isinstance(entry, dict):
                self.problem(
                    (*where, "substitutes"),
                    f"contains {_kind(entry)} (expected {{ name = ..., party = ... }})",
                )
                continue
            name = entry.get("name", "") if isinstance(entry.get("name"), str) else ""
            if not name.strip():
                self.problem(
                    (*where, "substitutes"), 'a substitute has no name (expected name = "...")'
                )
                continue
            sub_party = self.party(entry, (*where, "party"), parties, required=False, default=party)
            people.append(Person(name.strip(), sub_party))
        return people

    def items(self, tables: list[dict]) -> list[Item]:
        items: list[Item] = []
        if not tables and not any("[[items]]" in p for p in self.problems):
            self.problem(("items",), "no items (expected at least one [[items]])")
        for index, table in enumerate(tables):
            items.append(self.item(table, ("items", index)))
        ids = [item.id for item in items]
        for index, item_id in enumerate(ids):
            if ids.index(item_id) != index:
                self.problem(
                    ("items", index, "id"),
                    f"id {item_id!r} is used twice (expected unique item ids)",
                )
        return items

    def item(self, table: dict, where: tuple) -> Item:
        self.unknown_keys(table, _ITEM_KEYS, where)
        title = self.text(table, (*where, "title"))
        item_id = table.get("id") or slug(title)
        if not isinstance(item_id, str) or not _ID.match(item_id):
            self.problem(
                (*where, "id"), f"{item_id!r} (expected lower-case letters, digits, - or _)"
            )
        case = self.text(table, (*where, "case"), required=False)
        if case and not _CASE.match(case):
            self.problem(
                (*where, "case"),
                f"{case!r} is not a case number (expected YY/NNNNN, e.g. 23/11174)",
            )
        kind = table.get("kind", "sag")
        if kind not in KINDS:
            self.problem(
                (*where, "kind"),
                f"{kind!r} is not an item kind (expected one of {', '.join(KINDS)})",
            )
        sections = {}
        for name in SECTIONS:
            text = self.text(table, (*where, name), required=False, multiline=True)
            if text and not markdown.plain_text(text).strip(" \n*_#-"):
                self.problem((*where, name), "has only Markdown markup, no text (expected prose)")
            elif text.strip():
                sections[name] = text
        bilag = table.get("bilag", [])
        if not isinstance(bilag, list) or not all(
            isinstance(b, str) and b.strip() and not _CONTROL.search(b) for b in bilag
        ):
            self.problem((*where, "bilag"), "expected a list of attachment titles in quotes")
            bilag = []
        return Item(
            id=str(item_id),
            title=title,
            case=case,
            closed=self.flag(table, (*where, "closed")),
            flag=self.flag(table, (*where, "flag")),
            kind=kind if kind in KINDS else "sag",
            sections=sections,
            bilag=tuple(b.strip() for b in bilag),
            invented=self.flag(table, (*where, "invented")),
        )


def _label(where: tuple) -> str:
    parts = []
    for part in where:
        if isinstance(part, int):
            parts[-1] = f"{parts[-1][:-1] if parts[-1].endswith('s') else parts[-1]} {part + 1}"
        else:
            parts.append(str(part))
    return ", ".join(parts) if parts else ""


def _kind(value) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
