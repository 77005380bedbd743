"""Properties of the fold over random meetings the UI could record.

Hypothesis plays a secretary: roll call, substitutes, opening the meeting and items,
arrivals and departures, members not taking part and back again, votes among those
taking part, decisions, dissent, postponement, added items, undo of the last event,
closing. Whatever the order, the derived attendance must add up, undo must give back
the state before the undone event, and the minutes must build and render.
"""

from __future__ import annotations

from helpers import ITEM_IDS, MEMBER_IDS, Play, small_agenda
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingtui import attendance, meeting
from meetingtui.eventkinds.registry import describe
from meetingtui.minutes import build, text

AGENDA = small_agenda()


def clock(step: int) -> str:
    minutes = 9 * 60 + 30 + step
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def possible(state: meeting.MeetingState, events: list[dict]) -> list[str]:
    """What the UI lets the secretary do now."""
    item = state.in_item and not state.closed
    running = state.opened is not None and state.closed is None
    out = []
    if state.opened is None:
        out += ["roll_call", "roll_call", "substitute", "open_meeting"]
    if running:
        out += ["arrive", "leave", "postpone", "add_item"]
        out += ["close_item"] if item else ["open_item", "open_item", "open_item", "close_meeting"]
    if item:
        out += ["not_taking_part", "taking_part", "vote", "decide", "decide", "summary", "dissent"]
    if meeting.last_undoable(events) is not None:
        out.append("undo")
    return out


def secretary(data, steps: int) -> Play:
    """A random but UI-producible sequence of events."""
    play = Play(AGENDA)
    added = 0
    for step in range(steps):
        state = play.state()
        actions = possible(state, play.events)
        if not actions:
            break
        when = clock(step)
        action = data.draw(st.sampled_from(actions))
        member = data.draw(st.sampled_from(MEMBER_IDS))
        seat = state.seats[member]
        item = state.current if state.in_item else None
        in_room = attendance.seat_in_room(seat)
        if action == "roll_call":
            play.roll_call(member, data.draw(st.sampled_from(("present", "afbud", "absent"))))
        elif action == "substitute" and seat.status != "present" and seat.substitute is None:
            play.substitute(member, f"Stedfortræder {member.title()}", "A", when)
        elif action == "open_meeting":
            play.open_meeting(when)
        elif action == "open_item":
            ids = [s.item.id for s in state.items]
            play.open_item(data.draw(st.sampled_from(ids)), when)
        elif action == "close_item":
            play.close_item(item, when)
        elif action == "arrive" and not in_room:
            play.arrive(member, when)
        elif action == "leave" and in_room:
            play.leave(member, when)
        elif action == "not_taking_part":
            reason = data.draw(st.sampled_from(("inhabil", "left_room", "other")))
            play.not_taking_part(item, member, reason)
        elif action == "taking_part":
            play.add("taking_part", item=item, member=member)
        elif action == "vote":
            voters = attendance.for_item(state, item).taking_part
            how = data.draw(
                st.lists(
                    st.sampled_from(("for", "against", "abstain", "none")),
                    min_size=len(voters),
                    max_size=len(voters),
                )
            )
            groups = {
                key: [v for v, h in zip(voters, how, strict=True) if h == key]
                for key in ("for", "against", "abstain")
            }
            play.vote(item, groups["for"], groups["against"], groups["abstain"])
        elif action == "decide":
            play.decide(item, data.draw(st.sampled_from(("Godkendt.", "Til orientering.", ""))))
        elif action == "summary":
            play.summary(item, "Et offentligt resumé.")
        elif action == "dissent":
            play.dissent(item, member, "En afvigende mening.")
        elif action == "postpone":
            play.postpone(item or data.draw(st.sampled_from(ITEM_IDS)))
        elif action == "add_item" and added < 2:
            added += 1
            after = data.draw(st.sampled_from((None, *ITEM_IDS)))
            play.add_item({"id": f"nyt-{added}", "title": f"Nyt punkt {added}"}, after=after)
        elif action == "undo":
            play.retract(meeting.last_undoable(play.events)["id"], undo=True)
        elif action == "close_meeting":
            play.close_meeting(when)
    return play


def facts(state: meeting.MeetingState) -> dict:
    return {
        "meeting": (state.opened, state.closed, state.current, state.in_item, state.epoch),
        "seats": state.seats,
        "items": state.items,
        "attendance": {s.item.id: attendance.for_item(state, s.item.id) for s in state.items},
        "non_participants": {
            s.item.id: attendance.non_participants(state, s.item.id) for s in state.items
        },
    }


def check_attendance(state: meeting.MeetingState) -> None:
    seats = set(state.seats)
    for item_state in state.items:
        att = attendance.for_item(state, item_state.item.id)
        present, absent = set(att.present), set(att.absent_members)
        not_taking = {sid for sid, _ in att.not_taking_part}
        assert present | absent == seats
        for sid in present & absent:  # only a seat a substitute fills is both
            assert state.person(sid, att.epoch) != state.person(sid, 0) or (
                state.seats[sid].substitute is not None
            )
        assert set(att.taking_part) <= present and not_taking <= present
        assert not (set(att.taking_part) & not_taking)
        assert len(att.taking_part) + len(att.not_taking_part) == len(att.present)
        assert att.quorate == (len(att.taking_part) >= state.agenda.quorum_needed())
        names = attendance.non_participants(state, item_state.item.id)
        assert len(names) == len(att.absent_members) + len(att.not_taking_part)
        assert len(attendance.absent_people(state, item_state.item.id)) == len(absent)
        if item_state.vote:
            for sid in item_state.vote.voters():
                assert sid in seats
    signatories = attendance.took_part(state)
    assert len(signatories) == len(set(signatories))
    view = attendance.overview(state)
    assert 0 <= view.in_room <= view.seats == len(seats)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), steps=st.integers(min_value=0, max_value=45))
def test_random_meetings_add_up(data, steps):
    play = secretary(data, steps)
    state = play.state()
    check_attendance(state)
    for event in play.events:  # the history list and undo describe any event
        assert describe(event, state).strip()
    for full in (False, True):
        minutes = build(state, full=full)
        rendered = text.render(minutes)
        assert "REFERAT Testudvalget d. 20-11-2025" in rendered.split("\n\n")[:2]
    public = text.paragraphs(build(state, full=False))
    assert not any("Fortrolige tal." in p for p in public)  # the closed item's case text
    # every arrival and departure is told somewhere in the full minutes
    told = text.paragraphs(build(state, full=True))
    for move in attendance.movements(state):
        verb = "ankom" if move.kind == "arrived" else "forlod mødet"
        start = f"{move.name} {verb} kl. {move.time.format('HH.mm')}"
        assert any(p.startswith(start) for p in told), start


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), steps=st.integers(min_value=1, max_value=40))
def test_undo_gives_the_state_without_the_undone_event(data, steps):
    play = secretary(data, steps)
    target = meeting.last_undoable(play.events)
    if target is None:
        return
    undone = meeting.fold(AGENDA, [*play.events, {**_retract(play, target)}])
    without = meeting.fold(AGENDA, [e for e in play.events if e is not target])
    assert facts(undone) == facts(without)
    assert text.paragraphs(build(undone, True)) == text.paragraphs(build(without, True))


def _retract(play: Play, target: dict) -> dict:
    from meetingtui import events as ev

    event = ev.make("retract", now=play.at("12:00"), target=target["id"])
    event["id"] = len(play.events) + 1
    return event


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), steps=st.integers(min_value=0, max_value=40))
def test_applying_events_one_by_one_equals_folding(data, steps):
    """The UI applies each new event to its state; only undo and amend need a new fold."""
    play = secretary(data, steps)
    state = meeting.initial(AGENDA)
    seen: list[dict] = []
    for event in play.events:
        seen.append(event)
        if meeting.changes_past(event):
            state = meeting.fold(AGENDA, seen)
        else:
            state.apply(event)
        assert facts(state) == facts(meeting.fold(AGENDA, seen))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), steps=st.integers(min_value=10, max_value=40))
def test_random_meetings_render_as_word_documents(data, steps):
    from meetingtui.minutes import word

    state = secretary(data, steps).state()
    for full in (False, True):
        assert word.render(build(state, full=full))[:2] == b"PK"
