"""Synthetic meetings for the benchmark: an agenda TOML and a record to resume.

Sizes (issue 5): 7 items / 50 events (the reference meeting's size), 100 items / 1,000
events and 500 items / 5,000 events. Each "sag" item carries about 4 KB of case text in
the reference's sections (Resumé, Sagsfremstilling with ### sub-headings and bullet lists,
Klimavurdering, Indstilling), assembled from the bundled reference agenda's own
paragraphs, so the Markdown is the kind the app meets. The last two items are Eventuelt
and Underskriftsside without text, as in the reference; every seventh item is closed.

The record is a meeting under way: roll call (one member with notice), the meeting
opened, about 80% of the items taken up in order (the last one taken up still under way,
so `n` has somewhere to go), a vote in every fourth item taken up, a member not taking
part in every tenth, a member leaving and coming back every tenth, and decision edits
(the text as saved at each pause in the typing) making up the rest: the bulk, as in a
real meeting. Everything is deterministic (a fixed seed).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import pendulum

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui.paths import DEMO_AGENDA
from meetingtui.record import MeetingRecord


@dataclass(frozen=True)
class Size:
    name: str
    items: int
    events: int


SIZES = {
    "small": Size("small", 7, 50),
    "medium": Size("medium", 100, 1_000),
    "large": Size("large", 500, 5_000),
}

TZ = "Europe/Copenhagen"
DAY = (2025, 11, 20)
CASE_BYTES = 4_000  # the reference's average case text per item (28 KB over 7 items)
MEMBERS = [
    ("Anja Lund", "V", "formand"),
    ("Meho Selman", "A", "næstformand"),
    ("Karsten Byrgesen", "løsgænger", "medlem"),
    ("Anne Marie Geisler Andersen", "B", "medlem"),
    ("Henriette Schlesinger Kærgaard", "V", "medlem"),
    ("Jens Wistoft", "V", "medlem"),
    ("Lars Mogensen", "Ø", "medlem"),
]
DECISIONS = [
    "Digitaliserings- og Innovationsudvalget anbefaler indstillingen over for Regionsrådet.",
    "Indstillingen godkendt, idet udvalget ønsker en status på projektet i første kvartal.",
    "Til orientering. Udvalget bad om en opfølgning på økonomien ved næste møde.",
    "Udvalget drøftede sagen og anbefaler indstillingen med den tilføjelse, at borgerne inddrages.",
]


KEY_OF_TITLE = {title: key for key, title in agenda_mod.SECTION_TITLES.items()}


def _corpus() -> dict[str, list[str]]:
    """The reference agenda's paragraphs, by section (headings and lists kept whole)."""
    reference = agenda_mod.load(DEMO_AGENDA)
    out: dict[str, list[str]] = {name: [] for name in agenda_mod.SECTIONS}
    for item in reference.items:
        for section in item.sections:
            name = KEY_OF_TITLE[section.heading]
            out[name] += [p.strip() for p in section.text.split("\n\n") if p.strip()]
    return out


def _case_text(rng: random.Random, corpus: dict[str, list[str]]) -> dict[str, str]:
    sections = {
        "resume": rng.choice(corpus["resume"]),
        "klimavurdering": rng.choice(corpus["klimavurdering"]),
        "indstilling": "\n\n".join(rng.sample(corpus["indstilling"], 2)),
    }
    budget = CASE_BYTES - sum(len(t.encode()) for t in sections.values())
    body: list[str] = []
    headings = [p for p in corpus["sagsfremstilling"] if p.startswith("###")]
    prose = [p for p in corpus["sagsfremstilling"] if not p.startswith("###")]
    while budget > 0:
        paragraph = rng.choice(headings) if body and rng.random() < 0.2 else rng.choice(prose)
        body.append(paragraph)
        budget -= len(paragraph.encode()) + 2
    sections["sagsfremstilling"] = "\n\n".join(body)
    return sections


def _toml_string(text: str) -> str:
    if "\n" not in text:
        return json.dumps(text, ensure_ascii=False)  # a TOML basic string
    # A multi-line basic string, as agendas are written by hand (see the reference).
    return '"""\n' + text.replace("\\", "\\\\").replace('"""', '""\\"') + '"""'


def agenda_toml(size: Size, seed: int = 5) -> str:
    rng = random.Random(seed)
    corpus = _corpus()
    lines = [
        "format = 1",
        "",
        "[meeting]",
        'body = "Digitaliserings- og Innovationsudvalget"',
        'recommends_to = "Regionsrådet"',
        "date = 2025-11-20",
        "start = 10:00:00",
        f'timezone = "{TZ}"',
        'place = "Regionshuset, mødelokale 6"',
        "",
    ]
    for name, party, role in MEMBERS:
        lines += [
            "[[members]]",
            f"name = {_toml_string(name)}",
            f'party = "{party}"',
            f'role = "{role}"',
            "",
        ]
    for number in range(1, size.items + 1):
        lines.append("[[items]]")
        if number == size.items - 1:
            lines += ['id = "eventuelt"', 'title = "Eventuelt"', 'kind = "eventuelt"', ""]
            continue
        if number == size.items:
            lines += [
                'id = "underskriftsside"',
                'title = "Underskriftsside"',
                'kind = "underskriftsside"',
                "",
            ]
            continue
        title = f"Sag {number}: " + rng.choice(
            [
                "Godkendelse af delstrategier under digitaliseringsstrategien",
                "Orientering om databeskyttelsesrådgiverens årsrapport",
                "Udbudsproces for talegenkendelse og digital diktering",
                "Orientering om internationalt samarbejde inden for sundhedsinnovation",
                "Oversigt over resultater for udvalget i valgperioden",
            ]
        )
        lines += [
            f'id = "sag-{number}"',
            f"title = {_toml_string(title)}",
            f'case = "25/{10000 + number}"',
            f"closed = {'true' if number % 7 == 2 else 'false'}",
            'kind = "sag"',
        ]
        for name, text in _case_text(rng, corpus).items():
            lines.append(f"{name} = {_toml_string(text)}")
        lines += [f'bilag = ["Bilag {number}.1", "Bilag {number}.2"]', ""]
    return "\n".join(lines)


def meeting_events(agenda: agenda_mod.Agenda, size: Size, seed: int = 5) -> list[dict]:
    """A meeting under way, `size.events` events long (see the module docstring)."""
    rng = random.Random(seed)
    members = [m.id for m in agenda.members]
    items = [i.id for i in agenda.items]
    taken = items[: max(1, round(0.8 * len(items)))]
    start = pendulum.datetime(*DAY, 10, 0, tz=TZ)
    span = 8 * 3600  # the items taken up so far spread over eight hours
    per_item = span / len(taken)

    plan: list[tuple[str, dict]] = [
        ("roll_call", {"member": members[3], "status": "afbud"}),
        ("meeting_opened", {"time": None}),
    ]
    others: list[list[tuple[str, dict]]] = []
    for index, item in enumerate(taken):
        mine: list[tuple[str, dict]] = []
        if index % 10 == 3:
            member = members[2 if index % 6 == 2 else 1 + index % 6]  # never the one away
            mine.append(("not_taking_part", {"item": item, "member": member, "reason": "inhabil"}))
        if index % 10 == 5:
            member = members[6 - index % 3]
            mine.append(("left", {"member": member, "time": None}))
            mine.append(("arrived", {"member": member, "time": None}))
        if index % 4 == 1:
            voters = [m for m in members if m != members[3]]
            mine.append(
                ("vote", {"item": item, "for": voters[:4], "against": voters[4:], "abstain": []})
            )
        others.append(mine)
    fixed = len(plan) + len(taken) + sum(len(o) for o in others)
    edits = max(size.events - fixed, len(taken))
    per: list[list[tuple[str, dict]]] = []
    for index, item in enumerate(taken):
        # Decision edits: the text as saved at each pause in the typing, word by word.
        count = edits // len(taken) + (1 if index < edits % len(taken) else 0)
        words = rng.choice(DECISIONS).split()
        decisions = [
            (
                "decision_set",
                {"item": item, "text": " ".join(words[: max(1, round(len(words) * step / count))])},
            )
            for step in range(1, count + 1)
        ]
        half = len(decisions) // 2
        per.append(
            [("item_opened", {"item": item, "time": None})]
            + decisions[:half]
            + others[index]
            + decisions[half:]
        )
    out: list[dict] = []
    moment = start.subtract(minutes=5)
    for kind, fields in plan:
        out.append(_make(kind, fields, moment))
        moment = start
    for index, mine in enumerate(per):
        at = start.add(seconds=round(index * per_item))
        step = per_item / (len(mine) + 1)
        for number, (kind, fields) in enumerate(mine):
            out.append(_make(kind, fields, at.add(seconds=round(number * step))))
    return out


def _make(kind: str, fields: dict, moment: pendulum.DateTime) -> dict:
    fields = dict(fields)
    if "time" in fields:
        fields["time"] = moment.isoformat()
    return ev.make(kind, now=moment, **fields)


def write_meeting(directory: Path, size: Size, seed: int = 5) -> tuple[Path, Path]:
    """Write `<size>.toml` and `<size>.record` into `directory`; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    agenda_path = directory / f"{size.name}.toml"
    agenda_path.write_text(agenda_toml(size, seed), encoding="utf-8")
    agenda = agenda_mod.load(agenda_path)
    record_path = directory / f"{size.name}.record"
    record_path.unlink(missing_ok=True)
    record = MeetingRecord(record_path, agenda.sha256)
    try:
        for event in meeting_events(agenda, size, seed):
            record.append(event)
    finally:
        record.close()
    return agenda_path, record_path


if __name__ == "__main__":
    import sys
    import tempfile

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    for size in SIZES.values():
        agenda_path, record_path = write_meeting(target, size)
        print(agenda_path, agenda_path.stat().st_size, record_path, record_path.stat().st_size)
