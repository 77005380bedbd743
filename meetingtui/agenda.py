"""The agenda: the meeting, its members and its items, loaded from a TOML file.

The file format is documented in agendas/README.md. Loading validates everything and
reports every problem as one line naming the file, the line (where known), the item or
member, the field, what is wrong and what is expected.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime as DateTime
from datetime import time as Time
from pathlib import Path

import pendulum
from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

from meetingtui.errors import AgendaError
from meetingtui.wording import LØSGÆNGER

FORMAT_VERSION = 1
MAX_BYTES = 32 * 1024 * 1024  # > ten times a 500-item agenda with demo-sized items (2.3 MB)
PARTIES = frozenset("ABCDFIKMOQVÆØÅ")
ROLES = ("formand", "næstformand", "medlem")
KINDS = ("sag", "eventuelt", "underskriftsside")
YEARS = (1900, 2199)  # a meeting date outside these is a typo
SECTIONS = ("resume", "sagsfremstilling", "klimavurdering", "indstilling")
SECTION_TITLES = {
    "resume": "Resumé",
    "sagsfremstilling": "Sagsfremstilling",
    "klimavurdering": "Klimavurdering",
    "indstilling": "Indstilling",
}
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_CASE = re.compile(r"[0-9]{2}/[0-9]{1,7}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_HEADER = re.compile(r"^\s*\[\[?\s*[A-Za-z0-9_.\"' -]+\]\]?\s*(#.*)?$")
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


_MARKERS = re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}|[-*+]|\d{1,3}[.)])(?=\s|$)")
_WORD = re.compile(r"[^\W_]")


def has_words(markdown_text: str) -> bool:
    """Whether Markdown holds any words once its markup (markers, emphasis) is taken away."""
    return bool(_WORD.search(_MARKERS.sub("", markdown_text)))


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o"})
    text = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return text[:48] or "x"


def load(path: str | Path, cache_dir: Path | None = None) -> Agenda:
    """Load and check an agenda file.

    With a `cache_dir`, the parsed TOML of a file already seen (same bytes, by SHA-256)
    is read from there: parsing a 500-item agenda costs far more than reading it back.
    The checks run every time either way.
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # never read more than the limit allows
    except FileNotFoundError:
        raise AgendaError([f"{path}: no such file (expected an agenda .toml file)"]) from None
    except IsADirectoryError:
        raise AgendaError([f"{path}: is a directory (expected an agenda .toml file)"]) from None
    except OSError as err:
        raise AgendaError(
            [f"{path}: cannot be read: {err.strerror} (expected a readable agenda .toml file)"]
        ) from None
    return parse(data, path, cache_dir)


def parse(data: bytes, path: Path, cache_dir: Path | None = None) -> Agenda:
    if len(data) > MAX_BYTES:
        raise AgendaError(
            [
                f"{path}: file is larger than {MAX_BYTES:,} bytes, the limit for an agenda "
                f"(expected at most {MAX_BYTES:,} bytes)"
            ]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AgendaError(
            [f"{path}:1: the file is UTF-16 text (expected UTF-8; save the file as UTF-8)"]
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise AgendaError(
            [f"{path}:{line}: a NUL byte: this is binary data (expected a UTF-8 TOML text file)"]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AgendaError(
            [
                f"{path}:{line}: byte 0x{data[err.start]:02x} is not UTF-8, perhaps Latin-1 or "
                "Windows-1252 (expected UTF-8 text; save the file as UTF-8)"
            ]
        ) from None
    sha256 = hashlib.sha256(data).hexdigest()
    raw = _cached(cache_dir, sha256)
    try:
        if raw is None:
            raw = tomllib.loads(text.removeprefix("\ufeff"))
            _cache(cache_dir, sha256, raw)
    except tomllib.TOMLDecodeError as err:
        raise AgendaError([_toml_problem(path, text, str(err))]) from None
    except RecursionError:
        raise AgendaError(
            [f"{path}: lists or tables are nested too deeply to read (expected an agenda file)"]
        ) from None
    except ValueError as err:  # tomllib lets int()'s digit limit through
        found = re.search(r"[0-9_]{1000,}", text)
        line = f":{text[: found.start()].count(chr(10)) + 1}" if found else ""
        what = "a number has thousands of digits" if "digits" in str(err) else str(err)
        raise AgendaError([f"{path}{line}: {what} (expected a short number)"]) from None
    checker = _Checker(path, text)
    agenda = checker.agenda(raw)
    if checker.problems:
        raise AgendaError(checker.problems)
    return Agenda(agenda.meeting, agenda.members, agenda.items, path, sha256)


def _cache_file(cache_dir: Path, sha256: str) -> Path:
    return cache_dir / f"agenda-{FORMAT_VERSION}-{sha256}.pickle"


def _cached(cache_dir: Path | None, sha256: str) -> dict | None:
    """The parsed TOML from the cache (the user's own 0700 folder), or None."""
    if cache_dir is None:
        return None
    try:
        raw = pickle.loads(_cache_file(cache_dir, sha256).read_bytes())
    except Exception:  # absent, unreadable or stale: parse the file instead
        return None
    return raw if isinstance(raw, dict) else None


def _cache(cache_dir: Path | None, sha256: str, raw: dict) -> None:
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = _cache_file(cache_dir, sha256)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            pickle.dump(raw, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
    except OSError:
        pass  # a cache that cannot be written only costs time


_TOML_HINTS = {
    "Illegal character '\\n'": (
        "the line ends inside a text in quotes",
        'a closing " on the same line, or """ around text over several lines',
    ),
    "Unterminated string": (
        "a text in quotes is never closed",
        'a closing """ or "',
    ),
    "Invalid value": (
        "a value TOML cannot read",
        'text in quotes, e.g. place = "Rådhuset", a number, true/false, a date or a time',
    ),
    "Expected newline or end of document after a statement": (
        "more than one value on the line",
        "one field = value per line, texts in quotes, times from 00:00:00 to 23:59:59",
    ),
    "Cannot overwrite a value": (
        "a field is given twice in the same table",
        "each field once",
    ),
}


def _toml_problem(path: Path, text: str, message: str) -> str:
    """One line for a tomllib error, with its line number and a plainer wording."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    what = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    line = int(found.group(1)) if found else None
    lines = text.split("\n")  # as tomllib counts lines
    if line is None and what in ("Unterminated string", "Expected \"'''\""):
        # an unclosed multi-line text runs to the end, so its opening quotes are the last
        # ones; otherwise the unclosed text is on the last line that is not empty
        odd = [quotes for quotes in ('"""', "'''") if text.count(quotes) % 2]
        candidates = [
            number
            for number, content in enumerate(lines, 1)
            if (odd[0] in content if odd else content.strip())
        ]
        line = candidates[-1] if candidates else None
    where = f"{path}:{line}" if line else str(path)
    if what == "Invalid date or datetime" and line:
        place, value = _place_of_line(lines, line)
        label = f"{place}: " if place else ""
        value = value if value.isprintable() else repr(value)
        return (
            f"{where}: {label}{value or 'the date'} is not a date or time that exists "
            "(expected a real date and time, e.g. 2025-11-20 and 10:00:00)"
        )
    declared = re.fullmatch(r"Cannot declare \((.*)\) twice", what)
    if declared:
        name = ".".join(re.findall(r"'([^']*)'", declared.group(1)))
        return (
            f"{where}: TOML syntax error: [{name}] is declared twice, or as both "
            f"[{name}] and [[{name}]] (expected it once)"
        )
    if what in _TOML_HINTS:
        problem, expected = _TOML_HINTS[what]
        return f"{where}: TOML syntax error: {problem} (expected {expected})"
    return f"{where}: TOML syntax error: {what} (expected valid TOML)"


def _place_of_line(lines: list[str], line: int) -> tuple[str, str]:
    """The `table N, key` label and the value written on a given line (1-based)."""
    counts: dict[str, int] = {}
    table, index = "", None
    for text in lines[: line - 1]:
        header = re.match(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]", text)
        if header:
            table = header.group(2)
            if header.group(1) == "[[":
                counts[table] = counts.get(table, -1) + 1
                index = counts[table]
            else:
                index = None
    pair = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(#.*)?$", lines[line - 1])
    if not pair:
        return _label((table,) if table else ()), ""
    where = tuple(part for part in (table, index, pair.group(1)) if part not in ("", None))
    return _label(where), pair.group(2)


class _Checker:
    """Turns the parsed TOML into an Agenda, collecting every problem on the way."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.split("\n")  # as tomllib counts lines
        self.problems: list[str] = []

    # -- reporting --------------------------------------------------------------------
    def problem(self, where: tuple, what: str) -> None:
        line = self._line_of(where)
        place = f"{self.path}:{line}" if line else str(self.path)
        label = _label(where)
        self.problems.append(f"{place}: {label}: {what}" if label else f"{place}: {what}")

    def _line_of(self, where: tuple) -> int | None:
        """Best-effort line of a field: the n-th [[table]] header, then `key =` below it.

        `where` is (table,), (table, key), (table, index) or (table, index, key); a
        top-level field is (key,).
        """
        if not where:
            return None
        table, rest = where[0], list(where[1:])
        index = rest.pop(0) if rest and isinstance(rest[0], int) else None
        key = rest[0] if rest else None
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?")
        start, seen = None, -1
        for number, line in enumerate(self.lines):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = number
                    break
        if start is None:  # not a table: a field at the top, before the first header
            toplevel = re.compile(rf"^\s*{re.escape(table)}\s*=")
            for number, line in enumerate(self.lines):
                if line.lstrip().startswith("["):
                    return None
                if toplevel.match(line):
                    return number + 1
            return None
        if key is None:
            return start + 1
        keyline = re.compile(rf"^\s*{re.escape(str(key))}\s*=")
        for number in range(start + 1, len(self.lines)):
            if _HEADER.match(self.lines[number]):
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
        if bad and bad.group() in "\n\r":
            self.problem(where, "runs over more than one line (expected a one-line text)")
            return ""
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
        """The [key] table or [[key]] tables, or None (reported) when missing or mistyped."""
        value = raw.get(key)
        if value is None:
            shown = f"[[{key}]]" if array else f"[{key}]"
            self.problem(
                (),
                f"{shown} is missing (expected {'at least one' if array else 'a'} {shown} table)",
            )
            return None
        if array and not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            self.problem((key,), f"is {_kind(value)} (expected [[{key}]] tables)")
            return None
        if not array and not isinstance(value, dict):
            self.problem((key,), f"is {_kind(value)} (expected a [{key}] table)")
            return None
        return value

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
            {p for p in extra if isinstance(p, str)} if isinstance(extra, list) else set()
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
            isinstance(p, str) and 0 < len(p) <= 3 and p.isalpha() for p in parties
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
        clock = self.clock(table, where)
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

    def day(self, table: dict, where: tuple) -> Date | None:
        day = table.get("date")
        if day is None:
            self.problem((*where, "date"), "missing (expected a date, e.g. 2025-11-20)")
            return None
        if isinstance(day, str):
            try:
                day = Date.fromisoformat(day.strip())
            except ValueError:
                self.problem(
                    (*where, "date"), f"{day!r} is not a date that exists (expected YYYY-MM-DD)"
                )
                return None
        if not isinstance(day, Date) or isinstance(day, DateTime):
            self.problem((*where, "date"), f"is {_kind(day)} (expected a date, e.g. 2025-11-20)")
            return None
        if not YEARS[0] <= day.year <= YEARS[1]:
            self.problem(
                (*where, "date"),
                f"year {day.year} is not plausible (expected a year from {YEARS[0]} to {YEARS[1]})",
            )
            return None
        return day

    def clock(self, table: dict, where: tuple) -> Time | None:
        clock = table.get("start")
        if clock is None:
            self.problem((*where, "start"), "missing (expected a time of day, e.g. 10:00:00)")
            return None
        if isinstance(clock, str):
            found = re.fullmatch(r"([0-9]{1,2})[:.]([0-9]{2})", clock.strip())
            if found and int(found[1]) < 24 and int(found[2]) < 60:
                return Time(int(found[1]), int(found[2]))
        if not isinstance(clock, Time):
            self.problem(
                (*where, "start"), f"{clock!r} is not a time of day (expected e.g. 10:00:00)"
            )
            return None
        return clock

    def members(self, tables: list[dict], parties: frozenset[str], checked=True) -> list[Member]:
        members: list[Member] = []
        explicit: list[bool] = []
        if checked and not tables:
            self.problem(("members",), "no members (expected at least one [[members]])")
        for index, table in enumerate(tables):
            where = ("members", index)
            self.unknown_keys(table, _MEMBER_KEYS, where)
            name = self.text(table, (*where, "name"))
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
            key = " ".join(member.name.lower().split())
            if key and key in seen:
                repeated.add(index)
                self.problem(
                    ("members", index, "name"),
                    f"'{member.name}' is listed twice, as member {seen[key] + 1} and member "
                    f"{index + 1} (expected each member once)",
                )
            seen.setdefault(key, index)
        ids = [m.id for m in members]
        for index, member in enumerate(members):
            first = ids.index(member.id)
            if first != index and index not in repeated:
                made = "" if explicit[index] else " (made from the name)"
                self.problem(
                    ("members", index, "id"),
                    f"id {member.id!r}{made} is also the id of member {first + 1} "
                    '(expected unique ids; give one of them id = "...")',
                )
        names = set(seen)
        for index, member in enumerate(members):
            for sub in member.substitutes:
                if " ".join(sub.name.lower().split()) in names:
                    self.problem(
                        ("members", index, "substitutes"),
                        f"'{sub.name}' is a member and cannot also be a substitute "
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
            if _CONTROL.search(name) or re.search(r"[\n\r\t]", name):
                self.problem(
                    at, f"substitute {name!r} contains a control character (expected plain text)"
                )
                continue
            name = name.strip()
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
        ids = [item.id for item in items]
        for index, item_id in enumerate(ids):
            first = ids.index(item_id)
            if first != index:
                made = "" if explicit[index] else " (made from the title)"
                self.problem(
                    ("items", index, "id"),
                    f"id {item_id!r}{made} is also the id of item {first + 1} "
                    '(expected unique item ids; give one of them id = "...")',
                )
        return items

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
        sections = {}
        for name in SECTIONS:
            text = self.text(table, (*where, name), required=False, multiline=True)
            if text and not has_words(text):
                self.problem((*where, name), "has only Markdown markup, no words (expected prose)")
            elif text.strip():
                sections[name] = text
        bilag = table.get("bilag", [])
        if not isinstance(bilag, list):
            self.problem(
                (*where, "bilag"),
                f'is {_kind(bilag)} (expected a list of attachment titles, e.g. ["Budget 2027"])',
            )
            bilag = []
        elif not all(
            isinstance(b, str) and b.strip() and not re.search(_CONTROL.pattern + "|[\n\r\t]", b)
            for b in bilag
        ):
            self.problem(
                (*where, "bilag"),
                "has an attachment title that is empty, not a text or has control characters "
                "(expected titles in quotes)",
            )
            bilag = []
        return Item(
            id=item_id,
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
    parts: list[str] = []
    for part in where:
        if isinstance(part, int):
            parts[-1] = f"{parts[-1][:-1] if parts[-1].endswith('s') else parts[-1]} {part + 1}"
        else:
            text = str(part)
            parts.append(text if re.fullmatch(r"[\w .-]+", text) else repr(text))
    return ", ".join(parts)


def _kind(value) -> str:
    if isinstance(value, DateTime):
        return "a date and time"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "a table",
        Date: "a date",
        Time: "a time of day",
    }.get(type(value), type(value).__name__)
