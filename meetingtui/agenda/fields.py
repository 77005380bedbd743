"""Reading fields of parsed TOML, and saying where a problem is: `FILE:LINE: where: what`."""

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
    problem line ('contains bidi control ... (expected ...)'), or None.

    Bidi controls are refused: they show text in another order than it is stored (a
    name or a title could read as something else). A text with nothing visible is no
    text. The limits catch a paste gone wrong: a name is at most NAME_LIMIT characters.
    """
    bidi = text_input.first_bidi_control(value)
    if bidi:
        return (
            f"contains bidi control {text_input.code_point(bidi)}, which shows text in "
            "another order than it is stored (expected plain text; right-to-left letters "
            "need no control characters)"
        )
    if value.strip() and not text_input.has_visible(value):
        return "has only invisible characters (expected a text with letters or digits)"
    if len(value) > limit:
        return f"is {len(value):,} characters long (expected at most {limit:,})"
    return None


_HEADER = re.compile(r"^\s*\[\[?\s*[A-Za-z0-9_.\"' -]+\]\]?\s*(#.*)?$")


class FieldReader:
    """Reads typed fields from parsed TOML and collects problems, each with its line."""

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
                self.problem(where, "missing (expected a text)")
            return ""
        if not isinstance(value, str):
            self.problem(where, f"is {_kind(value)} (expected a text in quotes)")
            return ""
        bad = bad_character(value, multiline)
        if bad and bad.group() in "\n\r":
            self.problem(where, "runs over more than one line (expected a one-line text)")
            return ""
        if bad:
            self.problem(where, f"contains control character {bad.group()!r} (expected plain text)")
            return ""
        if required and not value.strip():
            self.problem(where, "is empty (expected a text)")
        if multiline:
            return value.strip("\n")
        problem = one_line_problem(value, limit)
        if problem:
            self.problem(where, problem)
            return ""
        return text_input.nfc(value.strip())

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

    def time_field(self, table: dict, where: tuple) -> Time | None:
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


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted for a problem line: its repr (invisible characters escaped), cut short."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 2] + "…" + shown[0]
