"""The registry of event kinds: every kind defined once, with fields, a fold and a line.

Each kind in `eventkinds.registry.REGISTRY` must have its fields (for validation), a fold
(what it does to the meeting state) and a Danish description (history list, undo). An
example event of every kind is folded here: it must change the state, or be a kind that
rewrites the past (retract, amend), which changes the state only through a new fold.
Records of format version 1 must keep reading as they did.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from helpers import Play, small_agenda

from meetingtui import events as ev
from meetingtui import meeting
from meetingtui.eventkinds.definition import ListOf, Shape
from meetingtui.eventkinds.registry import REGISTRY, describe, upgrade

AGENDA = small_agenda()
PACKAGE = Path(__file__).resolve().parents[1] / "meetingtui"

# The fields of each kind as version 1 of the format defined them (the old events.FIELDS).
# Validation must read every version-1 event as it did, so only item_added may differ.
V1_FIELDS = {
    "meeting_opened": {"time": "time"},
    "meeting_closed": {"time": "time"},
    "roll_call": {"member": str, "status": ("present", "afbud", "absent")},
    "chair_set": {"member": str},
    "substitute": {"member": str, "name": str, "party": str},
    "arrived": {"member": str, "time": "time"},
    "left": {"member": str, "time": "time"},
    "item_opened": {"item": str, "time": "time"},
    "item_closed": {"item": str, "time": "time"},
    "item_postponed": {"item": str},
    "decision_set": {"item": str, "text": str},
    "summary_set": {"item": str, "text": str},
    "not_taking_part": {"item": str, "member": str, "reason": ("inhabil", "left_room", "other")},
    "taking_part": {"item": str, "member": str},
    "vote": {"item": str, "for": list, "against": list, "abstain": list},
    "dissent": {"item": str, "member": str, "text": str},
    "item_added": {"item": dict},
    "retract": {"target": int},
    "amend": {"target": int, "changes": dict},
}


def base() -> Play:
    """A meeting under way: opened at 10.00, item 1 (budget) taken up, Dorte not taking part."""
    play = Play(AGENDA)
    play.open_meeting("10:00")
    play.open_item("budget", "10:00")
    play.not_taking_part("budget", "dorte")  # id 3
    return play


def at(play: Play, clock: str) -> str:
    return play.at(clock).isoformat()


# An event of every kind (its fields), and the line describing it against base().
EXAMPLES = {
    "meeting_opened": (lambda p: {"time": at(p, "10:05")}, "Mødet åbnet kl. 10.05"),
    "meeting_closed": (lambda p: {"time": at(p, "11:00")}, "Mødet afsluttet kl. 11.00"),
    "roll_call": (lambda p: {"member": "bo", "status": "afbud"}, "Navneopråb: Bo Berg afbud"),
    "chair_set": (lambda p: {"member": "carl"}, "Mødeleder: Carl Carlsen"),
    "substitute": (
        lambda p: {"member": "bo", "name": "Cecilie Dam", "party": "A"},
        "Stedfortræder for Bo Berg: Cecilie Dam",
    ),
    "arrived": (lambda p: {"member": "bo", "time": at(p, "10:10")}, "Bo Berg ankom kl. 10.10"),
    "left": (lambda p: {"member": "anja", "time": at(p, "10:10")}, "Anja Lund gik kl. 10.10"),
    "item_opened": (
        lambda p: {"item": "byggeri", "time": at(p, "10:30")},
        "Behandling af punkt 2 begyndt kl. 10.30",
    ),
    "item_closed": (
        lambda p: {"item": "budget", "time": at(p, "10:20")},
        "Behandling af punkt 1 afsluttet kl. 10.20",
    ),
    "item_postponed": (lambda p: {"item": "byggeri"}, "Punkt 2 udsat"),
    "decision_set": (
        lambda p: {"item": "budget", "text": "Godkendt."},
        "Beslutning i punkt 1: Godkendt.",
    ),
    "summary_set": (
        lambda p: {"item": "udbud", "text": "Et resumé."},
        "Offentligt resumé i punkt 3: Et resumé.",
    ),
    "not_taking_part": (
        lambda p: {"item": "budget", "member": "carl", "reason": "other"},
        "Carl Carlsen deltager ikke i punkt 1 (anden grund)",
    ),
    "taking_part": (
        lambda p: {"item": "budget", "member": "dorte"},
        "Dorte Dahl deltager igen i punkt 1",
    ),
    "vote": (
        lambda p: {"item": "budget", "for": ["anja", "bo"], "against": ["carl"], "abstain": []},
        "Afstemning i punkt 1: 2 for, 1 imod, 0 undlod",
    ),
    "dissent": (
        lambda p: {"item": "budget", "member": "erik", "text": "Imod."},
        "Afvigende mening fra Erik Eriksen i punkt 1",
    ),
    "item_added": (
        lambda p: {"spec": {"title": "Hastesag"}, "after": "budget"},
        "Punkt tilføjet: Hastesag",
    ),
    "meeting_suspended": (lambda p: {"time": at(p, "10:30")}, "Mødet suspenderet kl. 10.30"),
    "meeting_resumed": (lambda p: {"time": at(p, "10:45")}, "Mødet genoptaget kl. 10.45"),
    "retract": (lambda p: {"target": 3}, "Fjernelse af en registrering"),
    "amend": (
        lambda p: {"target": 1, "changes": {"time": at(p, "09:58")}},
        "Rettelse af et tidspunkt til kl. 09.58",
    ),
    "approved": (
        lambda p: {"time": at(p, "00:00"), "how": "signed", "by": ["anja"], "seal": "0" * 64},
        "Referatet godkendt ved underskrift den 20-11-2025",
    ),
    "correction": (
        lambda p: {
            "time": at(p, "00:00"),
            "text": "Beløbet var forkert.",
            "item": "budget",
            "field": "decision",
            "new": "Godkendt med 2 mio. kr.",
            "seal": "0" * 64,
        },
        "Rettelse 20-11-2025 i punkt 1: Beløbet var forkert.",
    ),
}

# What an example needs first beyond base(): a resumption needs a break.
SETUP = {"meeting_resumed": lambda p: p.add("meeting_suspended", "10:30", time=at(p, "10:30"))}


def test_every_kind_has_fields_a_fold_and_a_description():
    assert set(REGISTRY) == set(EXAMPLES), "every kind needs an example here"
    for name, kind in REGISTRY.items():
        assert kind.name == name
        assert kind.fields, name
        assert callable(kind.fold) and callable(kind.describe), name
        # an optional field a kind shares with every event has the same type as there
        assert all(ev.OPTIONAL.get(f, t) == t for f, t in kind.optional.items()), name


def _outer(expected):
    """What version 1 checked of a field: nested objects and lists only as such."""
    if isinstance(expected, Shape):
        return dict
    return list if isinstance(expected, ListOf) else expected


# Kinds and values added since version 1, which every version-1 event still validates under:
# breaks (issue 10) and the roll call's "kommer senere"; approval and corrections (issue 12).
ADDED_KINDS = {
    "meeting_suspended": {"time": "time"},
    "meeting_resumed": {"time": "time"},
    "approved": {
        "time": "time",
        "how": ("signed", "next_meeting", "own_system"),
        "by": list,
        "seal": str,
    },
    "correction": {"text": str, "time": "time", "seal": str},
}


def test_validation_reads_the_fields_version_1_defined():
    fields = {
        name: {f: _outer(t) for f, t in kind.fields.items()} for name, kind in REGISTRY.items()
    }
    statuses = fields["roll_call"]["status"]
    assert set(V1_FIELDS["roll_call"]["status"]) < set(statuses)  # a superset: v1 still reads
    fields["roll_call"]["status"] = V1_FIELDS["roll_call"]["status"]
    assert fields == {**V1_FIELDS, "item_added": {"spec": dict}, **ADDED_KINDS}


def test_the_legacy_record_passes_the_stricter_validation():
    """Nested objects and list elements are checked now (issue 9): every event an earlier
    meetingtui wrote still passes."""
    legacy = Path(__file__).resolve().parent / "legacy" / "meeting.record"
    count = 0
    for line in legacy.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line.split(" ", 1)[1])
        if entry["t"] == "events":
            ev.validate(entry["d"])
            count += 1
    assert count > 30


# -- hand-edited records: every payload is checked when read (issue 9) -------------------------
def moved() -> tuple[Play, dict]:
    play = base()
    return play, play.leave("carl", "10:05")


BAD_AMENDS = {
    "time not a time": ({"time": "garbage"}, "amend.changes.time: 'garbage' is not an ISO time"),
    "time a number": ({"time": 5}, "amend.changes.time must be an ISO time"),
    "time without offset": (
        {"time": "2025-11-20T10:03:00"},
        "amend.changes.time: '2025-11-20T10:03:00' has no UTC offset",
    ),
    "time a date": ({"time": "2025-11-20"}, "has no UTC offset"),
    "time in year 1": ({"time": "0001-01-01T00:30:00+01:00"}, "is not a plausible time"),
    "time in year 9999": ({"time": "9999-12-31T23:59:59-12:00"}, "is not a plausible time"),
    "status unknown": ({"status": "syg"}, "amend.changes.status: 'syg' (expected one of"),
    "status a number": ({"status": 1}, "amend.changes.status: 1 (expected one of"),
    "reason unknown": ({"reason": "x"}, "amend.changes.reason: 'x' (expected one of"),
    "text a number": ({"text": 5}, "amend.changes.text must be of type str"),
    "name a list": ({"name": ["x"]}, "amend.changes.name must be of type str"),
    "party null": ({"party": None}, "amend.changes.party must be of type str"),
    "unknown field": ({"member": "bo"}, "amend.changes: field 'member' is not one of name,"),
    "id changed": ({"id": 1}, "amend.changes: field 'id' is not one of"),
}


@pytest.mark.parametrize("case", list(BAD_AMENDS))
def test_an_amend_with_a_malformed_change_is_refused_when_read(case):
    changes, message = BAD_AMENDS[case]
    play, left = moved()
    event = {"v": 2, "kind": "amend", "at": at(play, "10:06"), "target": left["id"]}
    with pytest.raises(ev.EventError) as raised:
        ev.validate({**event, "changes": changes})
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_record_holding_a_malformed_amend_is_damage_with_its_line_not_a_crash(tmp_path):
    """Before issue 9 this record loaded, and export, attendance and start-up crashed on it."""
    from meetingtui.errors import RecordDamaged
    from meetingtui.record import MeetingRecord, logfile

    play, left = moved()
    path = tmp_path / "m.record"
    record = MeetingRecord(path, AGENDA.sha256)
    for event in play.events:
        record.append({k: v for k, v in event.items() if k != "id"})
    record.close()
    amend = {"v": 2, "kind": "amend", "at": at(play, "10:06"), "target": left["id"]}
    bad = {"t": "events", "id": "5", "d": {**amend, "changes": {"time": "10.03"}}}
    after = {"t": "events", "id": "6", "d": {"v": 2, "kind": "item_postponed", "at": amend["at"]}}
    after["d"]["item"] = "byggeri"
    with path.open("ab") as file:
        file.write(logfile.encode(bad) + logfile.encode(after))
    with pytest.raises(RecordDamaged) as raised:
        MeetingRecord(path, AGENDA.sha256, read_only=True)
    assert "amend.changes.time: '10.03' is not an ISO time" in str(raised.value)
    assert len(str(raised.value).splitlines()) == 1


def test_every_amendable_field_has_one_type_in_every_kind_holding_it():
    """An amendment that passes validation leaves its target valid: the changes' types are
    the types of those fields wherever a kind has them."""
    changes = REGISTRY["amend"].fields["changes"]
    assert isinstance(changes, Shape) and not changes.required
    assert set(changes.optional) == ev.AMENDABLE
    for kind in REGISTRY.values():
        for name, expected in {**kind.fields, **kind.optional}.items():
            if name in ev.AMENDABLE:
                assert expected == changes.optional[name], (kind.name, name)


BAD_PAYLOADS = {
    "vote with a number": (
        {"kind": "vote", "item": "budget", "for": ["bo", 7], "against": [], "abstain": []},
        "vote.for[1] must be of type str",
    ),
    "vote with an object": (
        {"kind": "vote", "item": "budget", "for": [], "against": [{}], "abstain": []},
        "vote.against[0] must be of type str",
    ),
    "spec title a list": (
        {"kind": "item_added", "spec": {"title": ["x"]}},
        "item_added.spec.title must be of type str",
    ),
    "spec closed a text": (
        {"kind": "item_added", "spec": {"title": "X", "closed": "ja"}},
        "item_added.spec.closed must be of type bool",
    ),
    "spec unknown field": (
        {"kind": "item_added", "spec": {"title": "X", "owner": "me"}},
        "item_added.spec: field 'owner' is not one of",
    ),
    "spec not an object": ({"kind": "item_added", "spec": "X"}, "item_added.spec must be an"),
    "substitute time a number": (
        {"kind": "substitute", "member": "bo", "name": "X", "party": "A", "time": 10},
        "substitute.time must be an ISO time",
    ),
    "retract undo a text": (
        {"kind": "retract", "target": 1, "undo": "yes"},
        "retract.undo must be of type bool",
    ),
    "at without offset": (
        {"kind": "item_postponed", "item": "budget", "at": "2025-11-20T10:00"},
        "item_postponed.at",
    ),
    "roll call status null": (
        {"kind": "roll_call", "member": "bo", "status": None},
        "roll_call.status: None (expected one of",
    ),
}


@pytest.mark.parametrize("case", list(BAD_PAYLOADS))
def test_a_malformed_payload_of_any_kind_is_refused(case):
    fields, message = BAD_PAYLOADS[case]
    event = {"v": 2, "at": "2025-11-20T10:00:00+01:00", **fields}
    with pytest.raises(ev.EventError) as raised:
        ev.validate(event)
    assert message in str(raised.value)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_folding_an_event_of_each_kind_changes_the_state(name):
    play = base()
    SETUP.get(name, lambda p: None)(play)
    state = play.state()
    before = copy.deepcopy(state)
    event = play.add(name, "10:40", **EXAMPLES[name][0](play))
    if REGISTRY[name].rewrites_past:
        # Its fold changes nothing: it acts on the record, so the state is folded anew.
        assert meeting.changes_past(event)
        state.apply(event)
        assert state == before
        assert play.state() != before
    else:
        assert not meeting.changes_past(event)
        state.apply(event)
        assert state != before
        assert state == play.state()  # applying equals folding


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_describing_an_event_of_each_kind_gives_its_danish_line(name):
    play = base()
    SETUP.get(name, lambda p: None)(play)
    event = play.add(name, "10:40", **EXAMPLES[name][0](play))
    line = describe(event, play.state())
    assert line == EXAMPLES[name][1]
    assert "_" not in line and name not in line


def test_no_handler_is_found_by_name_any_more():
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"def _on_[a-z]", source), path
        assert '"_on_"' not in source, path


def test_a_version_1_item_added_still_folds_and_reads_the_same():
    spec = {"title": "Hastesag om vand", "case": "25/999", "closed": True}
    old, new = base(), base()
    v1 = {"v": 1, "kind": "item_added", "at": at(old, "10:40"), "item": spec, "after": "budget"}
    ev.validate(v1)
    v1 = {**v1, "id": len(old.events) + 1}
    old.events.append(v1)
    v2 = new.add_item(spec, after="budget")
    assert v2["spec"] == spec and "item" not in v2 and v2["v"] == ev.VERSION == 4
    assert upgrade(v1)["spec"] == spec and "item" not in upgrade(v1)
    assert old.state() == new.state()
    assert [s.item for s in old.state().items] == [s.item for s in new.state().items]
    assert old.state().item("hastesag-om-vand").item.closed
    assert (
        describe(v1, old.state()) == describe(v2, new.state()) == "Punkt tilføjet: Hastesag om vand"
    )
    # applied one by one, as the UI does, too
    state = meeting.initial(AGENDA)
    for event in old.events:
        state.apply(event)
    assert state == new.state()


def test_version_2_keeps_item_for_an_id():
    play = base()
    with pytest.raises(ev.EventError, match="item_added.item must be of type str"):
        ev.make("item_added", spec={"title": "X"}, item={"title": "X"})
    with pytest.raises(ev.EventError, match="lacks field 'spec'"):
        ev.make("item_added", item="budget")
    v2_with_old_field = {"v": 2, "kind": "item_added", "at": at(play, "10:40"), "item": {}}
    with pytest.raises(ev.EventError):
        ev.validate(v2_with_old_field)


def test_other_kinds_are_stored_as_version_1_stored_them():
    play = base()
    event = ev.make("left", play.at("11:31"), member="bo", time=at(play, "11:30"), item="it")
    assert event == {
        "v": ev.VERSION,
        "kind": "left",
        "at": at(play, "11:31"),
        "member": "bo",
        "time": at(play, "11:30"),
        "item": "it",
    }
    vote = ev.make("vote", item="it", **{"for": ["bo"], "against": [], "abstain": []})
    assert set(vote) == {"v", "kind", "at", "item", "for", "against", "abstain"}
