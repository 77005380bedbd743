"""Danish wording of the referat: dates, times, list joins and the standard sentences.

The sentences follow the formulas of published Danish minutes (see WORDING.md in the
shared reference); one wording per situation, used everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pendulum

LØSGÆNGER = "løsgænger"


def join(items: Sequence[str]) -> str:
    """Danish list join: 'A', 'A og B', 'A, B og C' (no comma before 'og')."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " og " + items[-1]


def date_short(day: pendulum.Date | pendulum.DateTime) -> str:
    """'20-11-2025', as in titles and decision headings.

    Numbers only, so written without pendulum's formatter: its first use loads a locale
    (some 5 ms of a start-up, where the title and the status line are the only dates)."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def datetime_long(moment: pendulum.DateTime) -> str:
    """'Torsdag d. 20. november 2025 kl. 10:00' (front page; weekday capitalised)."""
    text = moment.format("dddd [d.] D. MMMM YYYY [kl.] HH:mm", locale="da")
    return text[:1].upper() + text[1:]


def time_of_day(moment: pendulum.DateTime) -> str:
    """'11.30': a time of day in running text (numbers only, as date_short)."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def member_label(name: str, party: str) -> str:
    """'Anja Lund, V' or 'Karsten Byrgesen (løsgænger)'."""
    if party == LØSGÆNGER:
        return f"{name} ({LØSGÆNGER})"
    return f"{name}, {party}"


def member_short(name: str, party: str) -> str:
    """'Lars Mogensen (Ø)': a member named inside a sentence."""
    return f"{name} ({party})"


REHEARSAL = "PRØVE"


def title_line(body: str, day: pendulum.Date, rehearsal: bool = False) -> str:
    """'REFERAT Udvalg d. 20-11-2025'; a rehearsal's: 'PRØVE – REFERAT …'."""
    title = f"REFERAT {body} d. {date_short(day)}"
    return f"{REHEARSAL} – {title}" if rehearsal else title


def rehearsal_note() -> str:
    return "PRØVE: dette referat er fra en prøvegennemgang, ikke fra mødet."


def suspended(start: pendulum.DateTime, end: pendulum.DateTime | None) -> str:
    """'Mødet blev suspenderet kl. 11.00 og genoptaget kl. 11.15.'"""
    if end is None:
        return f"Mødet blev suspenderet kl. {time_of_day(start)}."
    return f"Mødet blev suspenderet kl. {time_of_day(start)} og genoptaget kl. {time_of_day(end)}."


def declared_inhabil(names: Sequence[str]) -> str:
    """'X erklærede sig inhabil og deltog ikke i sagens behandling.' (plural: inhabile)."""
    if not names:
        return ""
    word = "inhabil" if len(names) == 1 else "inhabile"
    return f"{join(names)} erklærede sig {word} og deltog ikke i sagens behandling."


EXPECTED_LATER = "kommer senere"


def decision_heading(body: str, day: pendulum.Date) -> str:
    return f"Beslutning i {body} den {date_short(day)}"


@dataclass(frozen=True)
class Choices:
    """Where bodies word their referater differently (a body file's [wording] table,
    agendas/README.md); the defaults are the reference's."""

    item_heading: str = "Punkt N:"  # or "N.": '3. Title'
    inhabil: str = "named"  # its own sentence; "folded": among 'deltog ikke i sagens behandling'
    substitute: str = "afbud"  # 'X havde meldt afbud, og Y deltog i stedet.'; or "stedfortræder"


CHOICES = {
    "item_heading": ("Punkt N:", "N."),
    "inhabil": ("named", "folded"),
    "substitute": ("afbud", "stedfortræder"),
}
REFERENCE = Choices()


def item_heading(number: int, title: str, closed: bool, flag: bool, style: str = "Punkt N:") -> str:
    if style == "N.":
        return f"{number}. {contents_entry(title, closed, flag)}"
    return f"Punkt {number}: {contents_entry(title, closed, flag)}"


def contents_entry(
    title: str, closed: bool, flag: bool, number: int | None = None, style: str = "Punkt N:"
) -> str:
    """The item's line in Indholdsfortegnelse: the heading without 'Punkt N: ', as the
    reference has it; with a `number` (numbers that do not follow the order of the list,
    minutes/build.py) the whole heading, 'Punkt 49: …'."""
    if number is not None:
        return item_heading(number, title, closed, flag, style)
    text = f"Lukket punkt: {title}" if closed else title
    return f"{text} #" if flag else text


def earlier_decision(body: str, day: pendulum.Date, item: str) -> str:
    """'Økonomiudvalget, 20-05-2026, pkt. 65:': an earlier body's decision on the case, as
    published minutes head it (the date as in this referat's headings); without the
    item's number when the agenda does not give it."""
    number = f", pkt. {item}" if item else ""
    return f"{body}, {date_short(day)}{number}:"


def not_taking_part(names: Sequence[str]) -> str:
    if not names:
        return ""
    return f"{join(names)} deltog ikke i sagens behandling."


def meeting_times(start: pendulum.DateTime, end: pendulum.DateTime | None) -> str:
    if end is None:
        return f"Mødet begyndte kl. {time_of_day(start)}."
    return f"Mødet begyndte kl. {time_of_day(start)} og sluttede kl. {time_of_day(end)}."


def substitute(member: str, stand_in: str, with_notice: bool, style: str = "afbud") -> str:
    if style == "stedfortræder":  # 'Y (V) mødte som stedfortræder for X (V).'
        return f"{stand_in} mødte som stedfortræder for {member}."
    if with_notice:
        return f"{member} havde meldt afbud, og {stand_in} deltog i stedet."
    return f"Som stedfortræder for {member} deltog {stand_in}."


def absent_without_notice(names: Sequence[str]) -> str:
    return f"{join(names)} udeblev uden afbud." if names else ""


def arrived(
    name: str,
    at: pendulum.DateTime,
    item_number: int | None,
    during: bool,
    where: str | None = None,
) -> str:
    """'X ankom kl. 10.40 under/før behandlingen af punkt 2.' (`where` overrides: 'efter')."""
    return _movement(name, "ankom", at, item_number, where or ("under" if during else "før"))


def left(
    name: str,
    at: pendulum.DateTime,
    item_number: int | None,
    during: bool,
    where: str | None = None,
) -> str:
    """'X forlod mødet kl. 11.30 under/efter behandlingen af punkt 5.' (`where`: 'før')."""
    return _movement(
        name, "forlod mødet", at, item_number, where or ("under" if during else "efter")
    )


def _movement(
    name: str, verb: str, at: pendulum.DateTime, item_number: int | None, where: str
) -> str:
    if item_number is None:
        return f"{name} {verb} kl. {time_of_day(at)}."
    return f"{name} {verb} kl. {time_of_day(at)} {where} behandlingen af punkt {item_number}."


def vote(in_favour: Sequence[str], against: Sequence[str], abstaining: Sequence[str]) -> str:
    parts = []
    if in_favour:
        parts.append(f"For stemte: {join(in_favour)}.")
    if against:
        parts.append(f"Imod stemte: {join(against)}.")
    if abstaining:
        parts.append(f"Undlod at stemme: {join(abstaining)}.")
    return " ".join(parts)


def dissent(who: str, text: str) -> str:
    return f'{who} ønskede følgende bemærkning tilført beslutningsprotokollen: "{text}"'


def postponed() -> str:
    return "Udsat."


def added_item(number: int) -> str:
    return f"Sagen blev optaget på dagsordenen under mødet som punkt {number}."


def not_quorate() -> str:
    return "Udvalget var ikke beslutningsdygtigt under behandlingen af punktet."


# -- after the meeting: the approval and corrections (issue 12) ----------------------------------
def genitive(name: str) -> str:
    """'Økonomiudvalgets', 'Regionsrådets'; a name ending in s, x or z takes an apostrophe."""
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def approved(how: str, body: str, day: pendulum.Date | pendulum.DateTime) -> str:
    """The signature page's sentence of how and when the referat was approved."""
    when = date_short(day)
    if how == "next_meeting":
        return f"Referatet er godkendt på {genitive(body)} møde den {when}."
    if how == "own_system":
        return f"Referatet er godkendt i {genitive(body)} eget system den {when}."
    return f"Referatet er godkendt ved underskrift den {when}."


APPROVED_BY = "Godkendt af"
APPROVAL_HEADING = "Godkendelse"
APPROVAL_SECTION = "Referatets godkendelse"  # the section of its own without an Underskriftsside
CORRECTIONS_HEADING = "Rettelser efter godkendelsen"


def correction(day: pendulum.Date | pendulum.DateTime, text: str) -> str:
    """'Rettelse 09-12-2025: <the secretary's explanation>'."""
    return f"Rettelse {date_short(day)}: {text}"


def corrected_from(field: str, old: str) -> str:
    """What the corrected decision or public summary read before the correction."""
    what = "Beslutningen" if field == "decision" else "Det offentlige resumé"
    if not old.strip():
        none = "ingen beslutning" if field == "decision" else "intet offentligt resumé"
        return f"Før rettelsen var der {none}."
    before = " ".join(line.strip() for line in old.splitlines() if line.strip())
    return f'{what} lød før rettelsen: "{before}"'


def summary_corrected(day: pendulum.Date | pendulum.DateTime) -> str:
    """A closed item's public summary corrected, as the public referat tells it (the
    explanation may touch the closed case, so it stays in the full referat)."""
    return f"Rettelse {date_short(day)}: det offentlige resumé er rettet."
