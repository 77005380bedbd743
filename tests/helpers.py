"""Builders shared by the tests: a small agenda, a meeting played event by event, .docx text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pendulum

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui import meeting
from meetingtui.minutes import build, text

# Eight seats (quorate with 4 taking part), parties V x3, A x2, B, Ø and a løsgænger,
# five ordinary items (the third closed), then Eventuelt and Underskriftsside.
SMALL_AGENDA = """
format = 1

[meeting]
body = "Testudvalget"
recommends_to = "Regionsrådet"
date = 2025-11-20
start = 10:00:00
place = "Mødelokale 1"
{quorum}

[[members]]
id = "anja"
name = "Anja Lund"
party = "V"
role = "formand"

[[members]]
id = "bo"
name = "Bo Berg"
party = "A"
role = "næstformand"
substitutes = [{{ name = "Cecilie Dam", party = "A" }}]

[[members]]
id = "carl"
name = "Carl Carlsen"
party = "V"

[[members]]
id = "dorte"
name = "Dorte Dahl"
party = "Ø"

[[members]]
id = "erik"
name = "Erik Eriksen"
party = "B"

[[members]]
id = "frida"
name = "Frida Friis"
party = "A"

[[members]]
id = "gustav"
name = "Gustav Græsbøll"
party = "V"

[[members]]
id = "hans"
name = "Hans Holm"
party = "løsgænger"

[[items]]
id = "budget"
title = "Budget 2026"
case = "25/100"
indstilling = "Det indstilles, at budgettet godkendes."

[[items]]
id = "byggeri"
title = "Nyt byggeri"
case = "25/200"
resume = "Et nyt byggeri."

[[items]]
id = "udbud"
title = "Udbud af rengøring"
case = "25/300"
closed = true
sagsfremstilling = "Fortrolige tal."

[[items]]
id = "it"
title = "It-sikkerhed"
case = "25/400"
flag = true

[[items]]
id = "orientering"
title = "Orientering fra formanden"
case = "25/24"
flag = true

[[items]]
id = "eventuelt"
title = "Eventuelt"
case = "25/24"
kind = "eventuelt"
flag = true

[[items]]
id = "underskriftsside"
title = "Underskriftsside"
kind = "underskriftsside"
flag = true
"""

MEMBER_IDS = ("anja", "bo", "carl", "dorte", "erik", "frida", "gustav", "hans")
ITEM_IDS = ("budget", "byggeri", "udbud", "it", "orientering", "eventuelt", "underskriftsside")


def small_agenda(quorum: int | None = None, path: Path | None = None) -> agenda_mod.Agenda:
    extra = f"quorum = {quorum}" if quorum is not None else ""
    data = SMALL_AGENDA.format(quorum=extra).encode("utf-8")
    return agenda_mod.parse(data, path or Path("test-agenda.toml"))


class Play:
    """A meeting played event by event, ids 1..n as MeetingRecord gives them."""

    def __init__(self, agenda: agenda_mod.Agenda):
        self.agenda = agenda
        self.events: list[dict] = []
        self.clock = "09:55"

    def at(self, clock: str) -> pendulum.DateTime:
        hour, minute = map(int, clock.replace(".", ":").split(":"))
        return self.agenda.meeting.start.set(hour=hour, minute=minute)

    def add(self, kind: str, clock: str | None = None, **fields) -> dict:
        self.clock = clock or self.clock
        event = ev.make(kind, now=self.at(self.clock), **fields)
        event["id"] = len(self.events) + 1
        self.events.append(event)
        return event

    def _time(self, clock: str | None) -> str:
        self.clock = clock or self.clock
        return self.at(self.clock).isoformat()

    # -- the secretary's actions -----------------------------------------------------------
    def roll_call(self, member: str, status: str) -> dict:
        return self.add("roll_call", member=member, status=status)

    def substitute(self, member: str, name: str, party: str, clock: str | None = None) -> dict:
        return self.add("substitute", clock, member=member, name=name, party=party)

    def open_meeting(self, clock: str = "10:00") -> dict:
        return self.add("meeting_opened", clock, time=self._time(clock))

    def close_meeting(self, clock: str | None = None) -> dict:
        return self.add("meeting_closed", clock, time=self._time(clock))

    def open_item(self, item: str, clock: str | None = None) -> dict:
        return self.add("item_opened", clock, item=item, time=self._time(clock))

    def close_item(self, item: str, clock: str | None = None) -> dict:
        return self.add("item_closed", clock, item=item, time=self._time(clock))

    def arrive(self, member: str, clock: str) -> dict:
        return self.add("arrived", clock, member=member, time=self._time(clock))

    def leave(self, member: str, clock: str) -> dict:
        return self.add("left", clock, member=member, time=self._time(clock))

    def decide(self, item: str, text: str) -> dict:
        return self.add("decision_set", item=item, text=text)

    def summary(self, item: str, text: str) -> dict:
        return self.add("summary_set", item=item, text=text)

    def not_taking_part(self, item: str, member: str, reason: str = "inhabil") -> dict:
        return self.add("not_taking_part", item=item, member=member, reason=reason)

    def vote(self, item: str, for_=(), against=(), abstain=()) -> dict:
        return self.add(
            "vote",
            item=item,
            **{"for": list(for_), "against": list(against), "abstain": list(abstain)},
        )

    def dissent(self, item: str, member: str, text: str) -> dict:
        return self.add("dissent", item=item, member=member, text=text)

    def postpone(self, item: str) -> dict:
        return self.add("item_postponed", item=item)

    def add_item(self, spec: dict, after: str | None = None) -> dict:
        return self.add("item_added", spec=spec, after=after)

    def retract(self, target: int, undo: bool = False) -> dict:
        """Take an event back: as undo does (undo=True), or as a removal in corrections."""
        return self.add("retract", target=target, undo=undo or None)

    def amend(self, target: int, **changes) -> dict:
        return self.add("amend", target=target, changes=changes)

    def take_item(self, item: str, start: str, end: str, decision: str = "Godkendt.") -> None:
        self.open_item(item, start)
        if decision:
            self.decide(item, decision)
        self.close_item(item, end)

    # -- results -----------------------------------------------------------------------------
    def state(self) -> meeting.MeetingState:
        return meeting.fold(self.agenda, self.events)

    def paragraphs(self, full: bool = False) -> list[str]:
        return text.paragraphs(build(self.state(), full=full))


def item_section(paragraphs: list[str], number: int) -> list[str]:
    """The paragraphs of item `number`, from its heading to the next item's heading."""
    start = next(i for i, p in enumerate(paragraphs) if p.startswith(f"Punkt {number}: "))
    end = next(
        (i for i, p in enumerate(paragraphs[start + 1 :], start + 1) if p.startswith("Punkt ")),
        len(paragraphs),
    )
    return paragraphs[start:end]


def line_starting(paragraphs: list[str], prefix: str) -> str | None:
    return next((p for p in paragraphs if p.startswith(prefix)), None)


def unjoin(text: str) -> list[str]:
    """The names of a Danish list join: 'A, B og C' -> ['A', 'B', 'C']."""
    head, _, last = text.rpartition(" og ")
    return [*head.split(", "), last] if head else [last]


def normalise(text: str) -> str:
    return " ".join(text.split())


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, the TOC field's cached result included."""
    import docx

    document = docx.Document(str(path))
    return [(p.style.name if p.style else "", p.text) for p in document.paragraphs]


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml_text(data: bytes) -> str:
    """The text of an XML part with the markup taken out (a marker split over runs shows)."""
    return re.sub(r"<[^>]+>", "", data.decode("utf-8", errors="ignore"))
