"""Reading fields of parsed TOML, and saying where a problem is: `FILE:LINE: hvor: hvad`.

Problem lines are in Danish, for the secretary who writes the file: `FILE:LINE: where:
what (forventet ...)`. `where` names the table as the file does (`meeting, date`), an
entry of a repeated table in Danish by its place (`medlem 3`, `punkt 2`, `afsnit 1`),
and an item by its number when the agenda numbers items from `first_number`
(`punkt 49`). Technical detail (a Unicode name, a TOML parser message) may follow in
English.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime as DateTime
from datetime import time as Time
from pathlib import Path

from meetingtui import text_input
from meetingtui.agenda.model import YEARS

# The longest one-line texts an agenda may hold: a name, and a title, body or place.
NAME_LIMIT = 200
LINE_LIMIT = 1000


def bad_character(value: str, multiline: bool = False):
    """The first character a one-line (or multi-line) text may not hold, as a match, or None."""
    return text_input.first_control(value, multiline)


def one_line_problem(value: str, limit: int = LINE_LIMIT) -> str | None:
    """What is wrong with a one-line text past its control characters, as the end of a
    problem line ('indeholder retningstegnet ... (forventet ...)'), or None.

    Bidi controls are refused: they show text in another order than it is stored (a
    name or a title could read as something else). A text with nothing visible is no
    text. The limits catch a paste gone wrong: a name is at most NAME_LIMIT characters.
    """
    bidi = text_input.first_bidi_control(value)
    if bidi:
        return (
            f"indeholder retningstegnet {text_input.code_point(bidi)}, som viser teksten i en "
            "anden rækkefølge, end den er gemt (forventet almindelig tekst; bogstaver, der "
            "læses fra højre mod venstre, behøver ingen styretegn)"
        )
    if value.strip() and not text_input.has_visible(value):
        return "har kun usynlige tegn (forventet en tekst med bogstaver eller tal)"
    if len(value) > limit:
        return f"er {number(len(value))} tegn lang (forventet højst {number(limit)} tegn)"
    return None


def number(value: int) -> str:
    """A whole number the Danish way: '5.000'."""
    return f"{value:,}".replace(",", ".")


_HEADER = re.compile(r"^\s*\[\[?\s*[A-Za-z0-9_.\"' -]+\]\]?\s*(#.*)?$")
# Danish names for an entry of a repeated table, by the table's key.
ENTRY_NAMES = {
    "members": "medlem",
    "items": "punkt",
    "sections": "afsnit",
    "earlier": "tidligere beslutning",
}


class FieldReader:
    """Reads typed fields from parsed TOML and collects problems, each with its line."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.split("\n")  # as tomllib counts lines
        self.problems: list[str] = []
        self.first_item = 1  # the number the first [[items]] is called by in messages

    # -- reporting --------------------------------------------------------------------
    def problem(self, where: tuple, what: str) -> None:
        line = self._line_of(where)
        place = f"{self.path}:{line}" if line else str(self.path)
        label = _label(where, self.first_item)
        self.problems.append(f"{place}: {label}: {what}" if label else f"{place}: {what}")

    def _line_of(self, where: tuple) -> int | None:
        """Best-effort line of a field: the n-th [[table]] header, then `key =` below it.

        `where` is (table,), (table, key), (table, index) or (table, index, key); a
        top-level field is (key,). A table inside an entry, (table, index, sub, index2,
        key), is the sub-index-th [[table.sub]] header after the entry's own header.
        """
        if not where:
            return None
        table, rest = where[0], list(where[1:])
        index = rest.pop(0) if rest and isinstance(rest[0], int) else None
        nested = None
        if len(rest) >= 2 and isinstance(rest[1], int):
            nested, rest = (rest[0], rest[1]), rest[2:]
        key = rest[0] if rest else None
        start = self._header_line(table, index, 0)
        if start is not None and nested is not None:
            inner = self._header_line(f"{table}.{nested[0]}", nested[1], start, table)
            start = inner if inner is not None else start
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

    def _header_line(self, table: str, index: int | None, after: int, stop: str = "") -> int | None:
        """The (0-based) line of the index-th [table] or [[table]] header from line `after`;
        looking no further than the next [[stop]] header when given."""
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?")
        ends = re.compile(rf"^\s*\[\[\s*{re.escape(stop)}\s*\]\]") if stop else None
        seen = -1
        for number in range(after, len(self.lines)):
            line = self.lines[number]
            if ends and number > after and ends.match(line):
                return None
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    return number
        return None

    # -- field readers -----------------------------------------------------------------
    def text(
        self,
        table: dict,
        where: tuple,
        required: bool = True,
        multiline: bool = False,
        limit: int = LINE_LIMIT,
    ) -> str:
        """A text field; a one-line text comes back stripped and NFC-normalised."""
        key = where[-1]
        value = table.get(key)
        if value is None:
            if required:
                self.problem(where, "mangler (forventet en tekst)")
            return ""
        if not isinstance(value, str):
            self.problem(where, f"er {_kind(value)} (forventet en tekst i anførselstegn)")
            return ""
        bad = bad_character(value, multiline)
        if bad and bad.group() in "\n\r":
            self.problem(where, "fylder mere end én linje (forventet en tekst på én linje)")
            return ""
        if bad:
            self.problem(
                where, f"indeholder styretegnet {bad.group()!r} (forventet almindelig tekst)"
            )
            return ""
        if required and not value.strip():
            self.problem(where, "er tom (forventet en tekst)")
        if multiline:
            return value.strip("\n")
        problem = one_line_problem(value, limit)
        if problem:
            self.problem(where, problem)
            return ""
        return text_input.nfc(value.strip())

    def day(self, table: dict, where: tuple, key: str = "date") -> Date | None:
        day = table.get(key)
        if day is None:
            self.problem((*where, key), "mangler (forventet en dato, fx 2025-11-20)")
            return None
        if isinstance(day, str):
            try:
                day = Date.fromisoformat(day.strip())
            except ValueError:
                self.problem(
                    (*where, key),
                    f"{day!r} er ikke en dato, der findes (forventet ÅÅÅÅ-MM-DD, fx 2025-11-20)",
                )
                return None
        if not isinstance(day, Date) or isinstance(day, DateTime):
            self.problem((*where, key), f"er {_kind(day)} (forventet en dato, fx 2025-11-20)")
            return None
        if not YEARS[0] <= day.year <= YEARS[1]:
            self.problem(
                (*where, key),
                f"året {day.year} er ikke sandsynligt (forventet et år fra {YEARS[0]} til {YEARS[1]})",
            )
            return None
        return day

    def time_field(self, table: dict, where: tuple) -> Time | None:
        clock = table.get("start")
        if clock is None:
            self.problem((*where, "start"), "mangler (forventet et klokkeslæt, fx 10:00:00)")
            return None
        if isinstance(clock, str):
            found = re.fullmatch(r"([0-9]{1,2})[:.]([0-9]{2})", clock.strip())
            if found and int(found[1]) < 24 and int(found[2]) < 60:
                return Time(int(found[1]), int(found[2]))
        if not isinstance(clock, Time):
            self.problem(
                (*where, "start"), f"{clock!r} er ikke et klokkeslæt (forventet fx 10:00:00)"
            )
            return None
        return clock

    def flag(self, table: dict, where: tuple) -> bool:
        value = table.get(where[-1], False)
        if not isinstance(value, bool):
            self.problem(where, f"er {_kind(value)} (forventet true eller false)")
            return False
        return value

    def choice(
        self, table: dict, where: tuple, key: str, allowed: tuple[str, ...], default: str, what: str
    ) -> str | None:
        """`table[key]` (`default` when absent) if it is one of `allowed`; otherwise None,
        and a problem '<value> er ikke <what>' is recorded."""
        value = table.get(key, default)
        if value in allowed:
            return value
        shown = repr(value) if isinstance(value, str) else _kind(value)
        self.problem((*where, key), f"{shown} er ikke {what}")
        return None

    def unknown_keys(self, table: dict, allowed: set[str], where: tuple) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(
                (*where, key), f"ukendt felt (forventet et af: {', '.join(sorted(allowed))})"
            )

    def table(self, raw: dict, key: str, array: bool):
        """The [key] table or [[key]] tables, or None (reported) when missing or mistyped."""
        value = raw.get(key)
        if value is None:
            shown = f"[[{key}]]" if array else f"[{key}]"
            self.problem(
                (),
                f"{shown} mangler (forventet {'mindst én' if array else 'en'} {shown}-tabel)",
            )
            return None
        if array and not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            self.problem((key,), f"er {_kind(value)} (forventet [[{key}]]-tabeller)")
            return None
        if not array and not isinstance(value, dict):
            self.problem((key,), f"er {_kind(value)} (forventet en [{key}]-tabel)")
            return None
        return value


def _label(where: tuple, first_item: int = 1) -> str:
    """'medlem 3, party', 'punkt 2, afsnit 1, heading', 'meeting, date' (see the docstring)."""
    parts: list[str] = []
    for position, part in enumerate(where):
        if isinstance(part, int):
            table = str(where[position - 1]) if position else ""
            name = ENTRY_NAMES.get(table, table[:-1] if table.endswith("s") else table)
            offset = first_item if table == "items" and position == 1 else 1
            parts[-1] = f"{name} {part + offset}"
        else:
            text = str(part)
            parts.append(text if re.fullmatch(r"[\w .-]+", text) else repr(text))
    return ", ".join(parts)


def _kind(value) -> str:
    if isinstance(value, DateTime):
        return "en dato med klokkeslæt"
    return {
        bool: "true/false",
        int: "et tal",
        float: "et tal",
        str: "en tekst",
        list: "en liste",
        dict: "en tabel",
        Date: "en dato",
        Time: "et klokkeslæt",
    }.get(type(value), type(value).__name__)


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted for a problem line: its repr (invisible characters escaped), cut short."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 2] + "…" + shown[0]
