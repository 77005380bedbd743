"""What looks wrong before an export: the list the secretary sees and may override."""

from __future__ import annotations

from dataclasses import dataclass

from meetingtui import attendance, labels, times
from meetingtui.meeting import ItemState, MeetingState


@dataclass(frozen=True)
class Problem:
    item_number: int | None
    text: str

    def __str__(self) -> str:
        where = f"Punkt {self.item_number}: " if self.item_number else ""
        return where + self.text


def stopped(count: int) -> str:
    """The line that says an export was stopped by `count` problems (and how to go on)."""
    one = count == 1
    return (
        f"intet er eksporteret: kontrollen før eksport fandt {count} "
        f"{'problem' if one else 'problemer'} (se ovenfor); ret {'det' if one else 'dem'}, "
        "eller eksportér alligevel med --force"
    )


def problems(state: MeetingState) -> list[Problem]:
    found: list[Problem] = []
    if state.opened is None:
        found.append(Problem(None, "Mødet er ikke åbnet (intet starttidspunkt)."))
    elif state.closed is None:
        found.append(Problem(None, "Mødet er ikke afsluttet (intet sluttidspunkt)."))
    for item_state in state.items:  # each by the number the referat gives it
        found += item_problems(state, state.number(item_state.item.id), item_state)
    return found + movement_problems(state)


def movement_problems(state: MeetingState) -> list[Problem]:
    """Arrivals and departures outside the meeting's own times (e.g. after a corrected time)."""
    out: list[Problem] = []
    tz = state.agenda.meeting.timezone
    for line in attendance.movements(state):
        verb = labels.MOVED[line.kind]
        at = times.display(line.time, tz)
        if state.opened and line.time < state.opened:
            out.append(Problem(None, f"{line.name} {verb} kl. {at}, før mødet begyndte."))
        if state.closed and line.time > state.closed:
            out.append(Problem(None, f"{line.name} {verb} kl. {at}, efter mødet sluttede."))
    return out


def item_problems(state: MeetingState, number: int, item_state: ItemState) -> list[Problem]:
    item = item_state.item
    out: list[Problem] = []
    if (
        item.kind != "underskriftsside"
        and not item_state.decision.strip()
        and not item_state.postponed
    ):
        out.append(Problem(number, "har ingen beslutning."))
    signed = item.kind == "underskriftsside"  # signed, not decided: quorum does not apply
    if (
        item_state.epoch is not None
        and not signed
        and not attendance.for_item(state, item.id).quorate
    ):
        out.append(Problem(number, "blev behandlet, selv om udvalget ikke var beslutningsdygtigt."))
    vote = item_state.vote
    if vote is None:
        return out
    att = attendance.for_item(state, item.id)
    voters = vote.voters()
    if len(voters) != len(att.taking_part):
        out.append(
            Problem(
                number,
                f"afstemningen har {len(voters)} stemmer, men {len(att.taking_part)} deltager i punktet.",
            )
        )
    present, voting = set(att.present), set(voters)  # sets: a vote of 2,000 stays linear
    absent = [state.person(s, att.epoch).name for s in voters if s not in present]
    if absent:
        out.append(Problem(number, f"{', '.join(absent)} er fraværende, men har stemt."))
    out_of_item = [state.person(s, att.epoch).name for s, _ in att.not_taking_part if s in voting]
    if out_of_item:
        out.append(
            Problem(number, f"{', '.join(out_of_item)} deltager ikke i punktet, men har stemt.")
        )
    if len(voting) != len(voters):
        out.append(Problem(number, "et medlem har stemt mere end én gang."))
    return out
