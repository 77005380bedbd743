"""Does the domain's cost grow linearly with movements and with members? (issue 9)

    python bench/scale.py                      # all sizes (about a minute)
    python bench/scale.py --movements 1000 5000 --members 100 500
    python bench/scale.py --markdown           # the tables as Markdown

Two synthetic meetings, built in memory (no record file, no terminal):

- **Movements**: 20 members, 50 items, the meeting opened at 07:00 and the items taken
  up in turn, each with a decision and a vote; N arrivals and departures spread over
  the items (members leaving and coming back, one a second), one in ten recorded
  after the fact with a time a little earlier than the one before it. Time per movement.
- **Members**: N members in the usual parties, 20 items, each with a vote of everyone
  present and one member not taking part; one in twenty members with afbud, half of
  those with a substitute; every member leaves once and comes back once. Time per member.

Measured, each the best of a few runs (the least disturbed one: on a shared machine a
median still moves by 2x from one run to the next): checking the agenda (members only), folding
the events into the state (`meeting.fold`), attendance (`attendance.overview`,
`for_item` of every item, `movements`), the pre-export check (`preflight.problems`)
and the minutes (`minutes.build` of the full variant, rendered as text). Linear cost
means the time per movement (or member) stays flat as the size grows: the last column
gives the largest size's time per unit over the smallest's (2.0x or less is flat).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetingtui import agenda as agenda_mod  # noqa: E402
from meetingtui import attendance, meeting, preflight  # noqa: E402
from meetingtui import events as ev  # noqa: E402
from meetingtui.minutes import build, text  # noqa: E402

TZ = "Europe/Copenhagen"
DAY = (2025, 11, 20)
PARTIES = ["A", "V", "Ø", "B", "C", "F", "I", "O"]


def agenda_toml(members: int, items: int) -> str:
    lines = [
        "format = 1",
        "[meeting]",
        'body = "Skalaudvalget"',
        'recommends_to = "Regionsrådet"',
        f"date = {DAY[0]}-{DAY[1]:02d}-{DAY[2]:02d}",
        "start = 07:00:00",
        'place = "Mødelokale 1"',
    ]
    for n in range(members):
        lines += [
            "[[members]]",
            f'id = "m{n}"',
            f'name = "Medlem {n} Hansen"',
            f'party = "{PARTIES[n % len(PARTIES)]}"',
            f'role = "{"formand" if n == 0 else "medlem"}"',
        ]
    for n in range(items):
        lines += ["[[items]]", f'id = "sag-{n}"', f'title = "Sag {n}"', f'case = "25/{n + 1}"']
        lines.append('resume = "Et resumé af sagen."')
    return "\n".join(lines) + "\n"


class Events:
    def __init__(self) -> None:
        self.out: list[dict] = []
        self.clock = pendulum.datetime(*DAY, 6, 55, tz=TZ)

    def add(self, kind: str, at: pendulum.DateTime | None = None, **fields) -> None:
        self.clock = max(self.clock, at) if at else self.clock
        event = ev.make(kind, now=self.clock, **fields)
        event["id"] = len(self.out) + 1
        self.out.append(event)


def movement_meeting(movements: int, members: int = 20, items: int = 50):
    agenda = agenda_mod.parse(agenda_toml(members, items).encode(), Path("scale.toml"))
    ids = [m.id for m in agenda.members]
    log = Events()
    start = pendulum.datetime(*DAY, 7, 0, tz=TZ)
    log.add("meeting_opened", start, time=start.isoformat())
    per_item = -(-movements // items)
    away: set[str] = set()
    moment = start
    done = 0
    for number, item in enumerate(agenda.items):
        moment = moment.add(seconds=1)
        log.add("item_opened", moment, item=item.id, time=moment.isoformat())
        for k in range(min(per_item, movements - done)):
            member = ids[(number * 7 + k) % members]
            kind = "arrived" if member in away else "left"
            away.symmetric_difference_update({member})
            moment = moment.add(seconds=1)
            when = moment.subtract(seconds=3) if k % 10 == 9 else moment  # typed afterwards
            log.add(kind, moment, member=member, time=when.isoformat())
            done += 1
        log.add("decision_set", item=item.id, text="Godkendt.")
        present = [m for m in ids if m not in away]
        half = len(present) // 2
        log.add(
            "vote", item=item.id, **{"for": present[:half], "against": present[half:]}, abstain=[]
        )
    moment = moment.add(seconds=1)
    log.add("meeting_closed", moment, time=moment.isoformat())
    return agenda, log.out


def member_meeting(members: int, items: int = 20):
    text = agenda_toml(members, items)
    agenda = agenda_mod.parse(text.encode(), Path("scale.toml"))
    ids = [m.id for m in agenda.members]
    log = Events()
    for n, member in enumerate(ids):
        if n % 20 == 7:
            log.add("roll_call", member=member, status="afbud")
            if n % 40 == 7:
                log.add("substitute", member=member, name=f"Stedfortræder {n}", party="A")
    start = pendulum.datetime(*DAY, 7, 0, tz=TZ)
    log.add("meeting_opened", start, time=start.isoformat())
    leaves = {member: n % items for n, member in enumerate(ids)}
    moment = start
    for number, item in enumerate(agenda.items):
        moment = moment.add(minutes=10)
        log.add("item_opened", moment, item=item.id, time=moment.isoformat())
        for member in [m for m, at in leaves.items() if at == number]:
            moment = moment.add(seconds=1)
            log.add("left", moment, member=member, time=moment.isoformat())
        log.add("not_taking_part", item=item.id, member=ids[number], reason="inhabil")
        log.add("decision_set", item=item.id, text="Godkendt.")
        voters = ids[: len(ids) // 2]
        log.add("vote", item=item.id, **{"for": voters, "against": ids[len(voters) :]}, abstain=[])
        for member in [m for m, at in leaves.items() if at == number]:
            moment = moment.add(seconds=1)
            log.add("arrived", moment, member=member, time=moment.isoformat())
    moment = moment.add(minutes=10)
    log.add("meeting_closed", moment, time=moment.isoformat())
    return text, agenda, log.out


def best_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def measures(agenda, events) -> dict[str, Callable[[], object]]:
    state = meeting.fold(agenda, events)

    def attendance_all() -> None:
        attendance.overview(state)
        for item in state.items:
            attendance.for_item(state, item.item.id)
        attendance.movements(state)

    return {
        "fold": lambda: meeting.fold(agenda, events),
        "attendance": attendance_all,
        "preflight": lambda: preflight.problems(state),
        "minutes": lambda: text.render(build(state, full=True)),
    }


def run(kind: str, sizes: list[int], runs: int) -> list[tuple[int, dict[str, float]]]:
    rows = []
    for size in sizes:
        timings: dict[str, float] = {}
        if kind == "movements":
            agenda, events = movement_meeting(size)
        else:
            source, agenda, events = member_meeting(size)
            timings["check agenda"] = best_time(
                lambda source=source: agenda_mod.parse(source.encode(), Path("scale.toml")), runs
            )
        for name, work in measures(agenda, events).items():
            timings[name] = best_time(work, runs)
        timings["total"] = sum(timings.values())
        rows.append((size, timings))
        print(f"  {kind} {size:,}: {timings['total']:.3f} s", file=sys.stderr)
    return rows


def table(kind: str, rows: list[tuple[int, dict[str, float]]], markdown: bool) -> str:
    names = list(rows[0][1])
    unit = "movement" if kind == "movements" else "member"
    head = [kind, *[f"{n} (µs/{unit})" for n in names]]
    lines = []
    for size, timings in rows:
        lines.append([f"{size:,}", *[f"{timings[n] / size * 1e6:,.1f}" for n in names]])
    first, last = rows[0], rows[-1]
    growth = [last[1][n] / last[0] / (first[1][n] / first[0]) for n in names]
    lines.append([f"{last[0]:,} / {first[0]:,}", *[f"{g:.2f}x" for g in growth]])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(str(r[i])) for r in [head, *lines]) for i in range(len(head))]
    return "\n".join(
        "  ".join(str(c).rjust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *lines]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--movements", type=int, nargs="*", default=[1000, 5000, 20000, 50000])
    parser.add_argument("--members", type=int, nargs="*", default=[100, 500, 2000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    for kind, sizes in (("movements", args.movements), ("members", args.members)):
        if sizes:
            rows = run(kind, sizes, args.runs)
            print(table(kind, rows, args.markdown))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
