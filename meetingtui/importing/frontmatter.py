"""The meeting's own facts from the lines before the first item: body, date, time, place,
members. Label + value lines ("Mødedato Torsdag d. 20. november 2025 kl. 10:00",
"Mødested: Rådhuset"), a label alone with its value on the next line (portal pages:
UDVALG, STED, STARTTIDSPUNKT), two-cell table rows, and the title line ("REFERAT
<body> d. 20-11-2025")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from meetingtui.agenda.model import PARTIES
from meetingtui.importing.blocks import Block, Table, block_text, clean
from meetingtui.wording import LØSGÆNGER

LABELS = {
    "date": ("mødedato", "dato", "mødedag"),
    "time": ("tidspunkt", "mødetidspunkt", "starttidspunkt", "mødestart", "kl", "tid"),
    "place": ("mødested", "sted", "lokale", "mødelokale"),
    "members": ("mødedeltagere", "deltagere", "medlemmer", "udvalgsmedlemmer", "deltagere i mødet"),
    "body": ("udvalg", "udvalget", "organ", "forum"),
    "quiet": (
        "sluttidspunkt",
        "fraværende",
        "afbud",
        "møde",
        "referent",
        "mødeleder",
        "punkter",
        "bemærkninger",
        "fraværende i mødet",
    ),
}
_LABEL_OF = {word: key for key, words in LABELS.items() for word in words}
_LABEL_LINE = re.compile(
    r"^(?P<label>"
    + "|".join(sorted((re.escape(w) for w in _LABEL_OF), key=len, reverse=True))
    + r")\.?(?:\s*:\s*|\t+|\s+|$)(?P<value>.*)$",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"^(?:referat|dagsorden|beslutningsprotokol)(?:\s+(?:for|fra|til))?\s*[:\-–]?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_TITLE_DATE = re.compile(r"\s+(?:d\.|den|-|–)\s*(?P<date>\d.*)$")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
_DATE_WORDS = re.compile(r"(\d{1,2})\.?\s*(" + "|".join(MONTHS) + r")\s+(\d{4})", re.IGNORECASE)
_DATE_NUM = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TIME_KL = re.compile(r"\bkl\.?\s*(\d{1,2})[.:](\d{2})\b", re.IGNORECASE)
_TIME = re.compile(r"(?<![\d.:-])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d])")
_ROLES = {
    "formand": "formand",
    "næstformand": "næstformand",
    "medlem": "medlem",
    "udvalgsformand": "formand",
}
_NOTE = re.compile(r"\s*\(([^()]*)\)")
_SUBSTITUTE = re.compile(r"suppleant|stedfortræder", re.IGNORECASE)
_ABSENT_NOTE = re.compile(r"^(?:fravær|fraværende|afbud|afbud\s+.*)$", re.IGNORECASE)


@dataclass
class FrontMatter:
    meeting: dict[str, Any] = field(default_factory=dict)
    members: list[dict[str, Any]] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (where, line)
    substitutes_left_out: list[str] = field(default_factory=list)


def read(blocks: list[Block]) -> FrontMatter:
    front = FrontMatter()
    pending: str | None = None  # a label whose value is the next line
    for block in blocks:
        for line in _lines(block):
            if pending is not None:
                _take(front, pending, line)
                pending = None
                continue
            match = _LABEL_LINE.match(line)
            if match:
                key = _LABEL_OF[match.group("label").casefold()]
                value = match.group("value").strip()
                if not value:
                    pending = key
                else:
                    _take(front, key, value)
                continue
            if not _title(front, line):
                front.unplaced.append((block.at, line))
    return front


def _lines(block: Block) -> list[str]:
    if isinstance(block, Table):
        return [": ".join(cell for cell in row if cell) for row in block.rows]
    return [block_text(block)]


def _take(front: FrontMatter, key: str, value: str) -> None:
    meeting = front.meeting
    if key == "date" or key == "time":
        found_date = parse_date(value)
        if found_date and "date" not in meeting:
            meeting["date"] = found_date
        found_time = parse_time(value)
        if found_time and "start" not in meeting:
            meeting["start"] = found_time
    elif key == "place":
        meeting.setdefault("place", value)
    elif key == "body":
        meeting.setdefault("body", value)
    elif key == "members" and not front.members:
        front.members, front.substitutes_left_out = parse_members(value)


def _title(front: FrontMatter, line: str) -> bool:
    if line.casefold() in ("dagsorden", "referat", "beslutningsprotokol"):
        return True  # the document's title alone: nothing to take
    match = _TITLE.match(line)
    if not match:
        return False
    rest = match.group("rest")
    dated = _TITLE_DATE.search(rest)
    if dated:
        # pdftotext drops Word's no-break hyphens: "d. 20-11-2025" comes out "d. 2011-2025"
        mangled = re.fullmatch(r"(\d{2})(\d{2})-(\d{4})", dated.group("date").strip())
        found = parse_date("-".join(mangled.groups()) if mangled else dated.group("date"))
        if found:
            front.meeting.setdefault("date", found)
        rest = rest[: dated.start()]
    if rest.strip():
        front.meeting.setdefault("body", rest.strip())
    return True


def parse_date(text: str) -> dt.date | None:
    for pattern, order in ((_DATE_WORDS, "dmy"), (_DATE_NUM, "dmy"), (_DATE_ISO, "ymd")):
        match = pattern.search(text)
        if not match:
            continue
        a, b, c = match.groups()
        if order == "ymd":
            year, month, day = int(a), int(b), int(c)
        else:
            month = MONTHS.index(b.lower()) + 1 if not b.isdigit() else int(b)
            year, day = int(c), int(a)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def parse_time(text: str) -> dt.time | None:
    match = _TIME_KL.search(text)
    if match is None:
        match = _TIME.search(_DATE_NUM.sub(" ", text))
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def parse_members(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Members from "Anja Lund, V, Meho Selman, A", "Formand Erik Nielsen (A), Ole Berg (V)"
    or "Karsten Byrgesen (løsgænger)". Substitutes named as such are left out (they are not
    members of the body) and returned by name."""
    members: list[dict[str, Any]] = []
    substitutes: list[str] = []
    for raw in re.split(r",|;|\s+og\s+|\n", text):
        token = clean(raw)
        notes = [n.strip() for n in _NOTE.findall(token)]
        bare = clean(_NOTE.sub("", token))
        if not bare:
            continue
        if _SUBSTITUTE.search(token):
            # "Y (A), Suppleant for X (A)" or "Y, V (stedfortræder)": the substitute is the
            # name before; "Y (stedfortræder)": this one.
            if (_SUBSTITUTE.match(bare) or _party(bare)) and members:
                substitutes.append(members.pop()["name"])
            elif not _SUBSTITUTE.match(bare):
                substitutes.append(bare)
            continue
        party = next((p for n in notes if (p := _party(n))), None)
        role = next((_ROLES[n.lower()] for n in notes if n.lower() in _ROLES), None)
        if _party(bare) and members and "party" not in members[-1]:
            members[-1]["party"] = _party(bare)
            continue
        words = bare.split(" ", 1)
        if len(words) == 2 and words[0].lower() in _ROLES:
            role, bare = _ROLES[words[0].lower()], words[1]
        if not re.search(r"[^\W\d_]", bare):
            continue
        member: dict[str, Any] = {"name": bare}
        if party:
            member["party"] = party
        if role and role != "medlem":
            member["role"] = role
        members.append(member)
    return members, substitutes


def _party(text: str) -> str | None:
    text = text.strip()
    if text.lower() in (LØSGÆNGER, "uden for parti", "udenfor parti"):
        return LØSGÆNGER
    if re.fullmatch(r"[A-ZÆØÅ]{1,2}", text) and (text in PARTIES or len(text) <= 2):
        return text
    return None
