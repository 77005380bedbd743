"""Made once with main at 61c3be7 (before the redesign of issue 8): a record that uses every
event kind, and the text of its public and full referat as that version exported them."""

import sys
from pathlib import Path

import pendulum

from meetingtui import agenda as agenda_mod
from meetingtui.minutes import build, text
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary

out = Path(sys.argv[1])
TZ = "Europe/Copenhagen"


class Clock:
    def __init__(self):
        self.moment = pendulum.datetime(2025, 11, 20, 9, 55, tz=TZ)

    def __call__(self):
        return self.moment

    def at(self, h, m):
        self.moment = self.moment.set(hour=h, minute=m)


agenda = agenda_mod.load(out / "agenda.toml")
record = MeetingRecord(out / "meeting.record", agenda.sha256)
clock = Clock()
s = Secretary(agenda, record, now=clock)
ids = [m.id for m in agenda.members]
s.set_roll(ids[6], "afbud")
s.substitute(ids[6], "Maja Lindholm", "Ø")
s.set_roll(ids[2], "absent")
s.set_roll(ids[3], "afbud")
s.set_chair(ids[1])
s.set_chair(ids[0])
s.open_meeting("10.00")
clock.at(10, 5)
s.set_decision("Udvalget anbefaler indstillingen over for Regionsrådet.")
s.not_taking_part(ids[1], "inhabil")
clock.at(10, 12)
s.step(1)
s.set_decision("Godkendt med fortrolige bemærkninger.")
s.set_summary("Udvalget traf beslutning i sagen.")
s.vote([ids[0], ids[4]], [ids[5]], [ids[1]])
s.dissent(ids[5], "Jeg er imod.")
clock.at(10, 20)
s.arrive(ids[2], "10.18")
clock.at(10, 25)
s.step(1)
s.set_decision("Til orientering.")
s.not_taking_part(ids[4], "left_room")
s.not_taking_part(ids[5], "other")
s.taking_part(ids[5])
clock.at(10, 40)
s.leave(ids[4], "10.38")
new = s.add_item("Ekstra punkt om trafik", "25/999", False)
clock.at(10, 45)
s.step(1)
s.set_decision("Drøftet.")
clock.at(10, 50)
s.step(1)
s.postpone()
s.set_decision("Ingen bemærkninger.")
s.undo()
clock.at(10, 55)
s.leave(ids[0], "10.54")
hist = [e for e, _ in s.history() if e["kind"] == "left" and e["member"] == ids[0]]
s.amend_time(hist[0]["id"], "10.53")
clock.at(11, 0)
s.arrive(ids[4], "10.59")
wrong = s.record.events[-1]["id"]
s.retract(wrong)
clock.at(11, 2)
s.step(1)
s.set_decision("Ingen bemærkninger.")
clock.at(11, 5)
s.step(1)
clock.at(11, 10)
s.step(1)
clock.at(11, 15)
s.close_meeting("11.15")
kinds = sorted({e["kind"] for e in record.events})
print(len(record.events), kinds)
state = s.state
(out / "referat-public.txt").write_text(text.render(build(state, full=False)))
(out / "referat-full.txt").write_text(text.render(build(state, full=True)))
record.close()
