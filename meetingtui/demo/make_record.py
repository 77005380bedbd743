"""Write the bundled demo record: what happened at the reference meeting of 20-11-2025.

Two members absent all day with notice, Meho Selman not taking part in item 1, the
decisions of the published minutes, and an invented decision and vote for the closed
item 2 (the published minutes hide it). Run `python -m meetingtui.demo.make_record` to
write it again; the bundled file is read-only for the app and the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pendulum

from meetingtui import agenda as agenda_mod
from meetingtui import events as ev
from meetingtui.paths import DEMO_AGENDA, DEMO_RECORD
from meetingtui.record import MeetingRecord

DECISIONS = {
    "delstrategier": "Digitaliserings- og Innovationsudvalget anbefaler indstillingen over for Regionsrådet.",
    "udbudsproces": "Digitaliserings- og Innovationsudvalget anbefaler indstillingen over for Regionsrådet, "
    "idet udbuddet gennemføres som udbud med forhandling.",
    "internationalt-samarbejde": "Til orientering.",
    "dpo-aarsrapport": "Til orientering.",
    "resultater-2022-2025": "Til orientering.",
    "eventuelt": "Ingen bemærkninger.",
}
TIMES = {
    "delstrategier": "10:00",
    "udbudsproces": "10:52",
    "internationalt-samarbejde": "11:05",
    "dpo-aarsrapport": "11:24",
    "resultater-2022-2025": "11:31",
    "eventuelt": "11:40",
    "underskriftsside": "11:43",
}


def demo_events() -> list[dict[str, Any]]:
    agenda = agenda_mod.load(DEMO_AGENDA)
    day = agenda.meeting.start

    def at(clock: str) -> pendulum.DateTime:
        hour, minute = map(int, clock.split(":"))
        return day.set(hour=hour, minute=minute)

    out = [
        ev.make("roll_call", now=at("09:55"), member="anne-marie-geisler-andersen", status="afbud"),
        ev.make("roll_call", now=at("09:55"), member="jens-wistoft", status="afbud"),
        ev.make("meeting_opened", now=at("10:00"), time=at("10:00").isoformat()),
    ]
    for item in agenda.items:
        out.append(
            ev.make(
                "item_opened",
                now=at(TIMES[item.id]),
                item=item.id,
                time=at(TIMES[item.id]).isoformat(),
            )
        )
        if item.id == "delstrategier":
            out.append(
                ev.make(
                    "not_taking_part",
                    now=at("10:01"),
                    item=item.id,
                    member="meho-selman",
                    reason="other",
                )
            )
        if item.id == "udbudsproces":
            voters = [
                "anja-lund",
                "meho-selman",
                "karsten-byrgesen",
                "henriette-schlesinger-kaergaard",
                "lars-mogensen",
            ]
            out.append(
                ev.make(
                    "vote",
                    now=at("11:03"),
                    item=item.id,
                    **{"for": voters, "against": [], "abstain": []},
                )
            )
        if item.id in DECISIONS:
            out.append(
                ev.make(
                    "decision_set",
                    now=at(TIMES[item.id]).add(minutes=2),
                    item=item.id,
                    text=DECISIONS[item.id],
                )
            )
    out.append(ev.make("meeting_closed", now=at("11:45"), time=at("11:45").isoformat()))
    return out


def main(target: Path = DEMO_RECORD) -> None:
    target.unlink(missing_ok=True)
    sha = agenda_mod.load(DEMO_AGENDA).sha256
    record = MeetingRecord(target, sha)
    for event in demo_events():
        record.append(event)
    record.close()
    Path(str(target) + ".lock").unlink(missing_ok=True)
    target.chmod(0o644)  # shipped with the package: readable by all, opened read-only
    print(f"wrote {target} ({len(record.events)} events)", file=sys.stderr)


if __name__ == "__main__":
    main()
