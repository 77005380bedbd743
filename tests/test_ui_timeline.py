"""Issue 10 through the keys: items end, movements placed, breaks, rehearsals, corrections.

Each test checks what the screen shows and the exported sentences word for word.
"""

from __future__ import annotations

import pendulum
import pytest
from test_ui_actions import open_meeting, referat, text_of
from ui_support import TZ, Clock, Keys, demo_app

from meetingtui.ui.screens.pickers import MemberPicker

pytestmark = pytest.mark.slow  # Pilot-driven screens, as test_ui_actions.py (conftest)


def ended(app, item_id: str) -> list[str]:
    """The times (HH.MM) the record says an item's handling ended."""
    return [
        pendulum.parse(e["time"]).in_tz(TZ).format("HH.mm")
        for e in app.secretary.record.events
        if e["kind"] == "item_closed" and e["item"] == item_id
    ]


def placement(app) -> str:
    """What the member picker says about where the registration stands."""
    return str(app.screen.query_one("#placement").render())


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


# -- 1. the item's end --------------------------------------------------------------------------
async def test_a_quick_decision_ends_the_item_and_typing_never_does():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("d")
        await keys.type("Udvalget drøftede sagen")
        await pilot.pause(1.2)  # autosave
        await keys.press("escape")
        assert app.secretary.state.in_item
        assert ended(app, "delstrategier") == []
        clock.set(10, 10)
        await keys.press("f3")
        assert not app.secretary.state.in_item
        assert ended(app, "delstrategier") == ["10.10"]
        assert (
            app.secretary.state.item("delstrategier").decision
            == "Udvalget drøftede sagen\nIndstillingen godkendt."
        )


async def test_f6_in_the_editor_postpones_and_ends_the_item():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("d")
        clock.set(10, 7)
        await keys.press("f6")
        state = app.secretary.state
        assert state.item("delstrategier").postponed
        assert not state.in_item
        assert ended(app, "delstrategier") == ["10.07"]


async def test_the_end_key_after_a_typed_decision_and_an_arrival_between_items():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 5)
        await keys.press("l", *["down"] * 6, "enter")  # Lars Mogensen leaves at 10.05
        await keys.press("d")
        await keys.type("Sagen blev drøftet.")
        clock.set(10, 10)
        await keys.press("f8")  # in the editor: records the text, then the end
        assert ended(app, "delstrategier") == ["10.10"]
        await keys.press("escape", "full_stop")  # nothing under way any more
        assert "Intet punkt er i gang." in toasts(app)
        clock.set(10, 12)
        await keys.press("a")
        assert isinstance(app.screen, MemberPicker)
        assert "står efter behandlingen af punkt 1" in placement(app)  # no item 2 yet
        await keys.press("enter")
        clock.set(10, 15)
        await keys.press("n")
        assert "Punkt 2 af 7" in text_of(app, "#status")
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.05 under behandlingen af punkt 1." in text
    assert "Lars Mogensen ankom kl. 10.12 før behandlingen af punkt 2." in text


# -- 2. where an arrival or departure stands, and the flip ------------------------------------------
async def test_a_departure_flipped_to_between_items_reads_so_in_the_referat():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 20)
        await keys.press("l", *["down"] * 6)
        shown = placement(app)
        assert "Registreringen står under behandlingen af punkt 1" in shown
        assert "Ctrl+F: efter behandlingen af punkt 1 i stedet" in shown
        await keys.press("ctrl+f")
        shown = placement(app)
        assert "Registreringen står efter behandlingen af punkt 1" in shown
        assert "Ctrl+F: under behandlingen af punkt 1 i stedet" in shown
        await keys.press("enter")
        assert not isinstance(app.screen, MemberPicker)
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.20 efter behandlingen af punkt 1." in text


async def test_a_refused_time_keeps_the_picker_open_with_the_reason_and_the_member():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 20)
        await keys.press("l", *["down"] * 6, "tab", "end", "ctrl+u")
        await keys.type("09.30")
        await keys.press("enter")
        assert isinstance(app.screen, MemberPicker)
        picker = app.screen
        refused = str(picker.query_one("#refused").render())
        assert refused == "Kl. 09.30 er før mødet begyndte (kl. 10.00); ret navneopråbet i stedet."
        option = picker.query_one("#members").highlighted_option
        assert option is not None and option.id == "lars-mogensen"
        await keys.press("end", "ctrl+u")
        await keys.type("10.15")
        await keys.press("enter")
        assert not isinstance(app.screen, MemberPicker)
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.15 under behandlingen af punkt 1." in text


# -- 3. breaks ---------------------------------------------------------------------------------------
async def test_a_break_is_suspended_and_resumed_with_its_times_and_shown_meanwhile():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 30)
        await keys.press("b")
        assert "Mødet suspenderes kl." in str(app.screen.query_one(".dialog-title").render())
        await keys.press("enter")
        state = app.secretary.state
        assert state.suspended and not state.in_item
        assert "Mødet er suspenderet (pause)" in text_of(app, "#status")
        clock.set(10, 45)
        await keys.press("b")
        assert "Mødet genoptages kl." in str(app.screen.query_one(".dialog-title").render())
        await keys.press("enter")
        assert not app.secretary.state.suspended
        assert "Punkt 1 af 7 · slut" in text_of(app, "#status")
        await keys.press("n")
        assert "Punkt 2 af 7" in text_of(app, "#status")
        assert "· slut" not in text_of(app, "#status")
    kinds = [(e["kind"], e.get("time", "")[11:16]) for e in app.secretary.record.events]
    assert ("meeting_suspended", "10:30") in kinds
    assert ("meeting_resumed", "10:45") in kinds
    assert "Mødet blev suspenderet kl. 10.30 og genoptaget kl. 10.45." in referat(app)


# -- 4. roll call: "kommer senere" -------------------------------------------------------------------
async def test_roll_call_marks_a_member_who_comes_later():
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("down", "k")
        assert app.secretary.state.seats["meho-selman"].status == "later"
        table = app.screen.query_one("#roll")
        assert table.get_row("meho-selman")[2].plain == "◐ kommer senere"
        assert "6 af 7 til stede" in text_of(app, "#rollcall-intro")


# -- 5. the chair's views --------------------------------------------------------------------------
async def test_the_chair_panel_shows_seats_length_low_point_and_lost_quorum():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        # Three sent apologies: 4 of 7 present, exactly the quorum (4 needed).
        await keys.press("down", "a", "down", "a", "down", "a")
        await open_meeting(keys, clock)
        clock.set(10, 20)
        await keys.press("l", "enter")  # Anja Lund leaves: 3 left, no quorum
        await keys.press("f4")
        clock.set(10, 25)
        await keys.press("n")
        clock.set(11, 20)
        await keys.press("t")
        shown = text_of(app, "#attendance-body")
    assert "3 af 7 pladser besat" in shown
    assert "Mødet har varet 1 t 20 min" in shown
    # the core counts item 1 as it ended (the chair gone), and gives the item's start
    assert "Færrest deltagende: 3 (Punkt 1)" in shown
    assert "Ikke beslutningsdygtigt fra Punkt 1 (taget op kl. 10.00)" in shown


# -- 6. rehearsal and after the fact -----------------------------------------------------------------
async def test_a_rehearsal_has_its_own_record_a_simulated_clock_and_says_proeve():
    from meetingtui import paths
    from meetingtui.ui.app import create_app

    app = create_app(None, None, rehearse="09.30")
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        assert app.secretary.rehearsal
        assert app.title.startswith("PRØVE · ")
        assert app.secretary.record.path == paths.rehearsal_record(app.secretary.agenda)
        await keys.press("o")
        assert str(app.screen.query_one("#value").value) == "09.30"  # the simulated clock
        await keys.press("enter")
        assert text_of(app, "#status").startswith("PRØVE  │  Punkt 1 af 7")
    assert "PRØVE" in referat(app)


def test_the_cli_passes_rehearse_and_its_time_to_the_app(monkeypatch):
    from meetingtui import cli
    from meetingtui.ui import app as app_module

    calls = []

    class Ran:
        return_code = 0

        def run(self):
            pass

    def fake(agenda, record, rehearse=None):
        calls.append((agenda, record, rehearse))
        return Ran()

    monkeypatch.setattr(app_module, "create_app", fake)
    assert cli.main(["m.toml", "--rehearse", "09.30"]) == 0
    assert cli.main(["m.toml", "--rehearse"]) == 0
    assert cli.main(["m.toml"]) == 0
    assert calls == [("m.toml", None, "09.30"), ("m.toml", None, ""), ("m.toml", None, None)]


def test_a_meeting_dated_ahead_opens_only_as_a_rehearsal(monkeypatch, tmp_path):
    from pathlib import Path

    from meetingtui import cli
    from meetingtui.ui import app as app_module

    agenda = (Path(__file__).parent / "large_meeting.toml").read_text(encoding="utf-8")
    ahead = tmp_path / "ahead.toml"
    ahead.write_text(agenda.replace("date = 2025-11-27", "date = 2199-11-27"), encoding="utf-8")
    calls = []

    class Ran:
        return_code = 0

        def run(self):
            pass

    def fake(agenda, record, rehearse=None):
        calls.append(rehearse)
        return Ran()

    monkeypatch.setattr(app_module, "create_app", fake)
    assert cli.main([str(ahead)]) == 0  # no --rehearse: a rehearsal all the same
    assert cli.main([str(ahead), "--rehearse", "15.30"]) == 0
    assert cli.main([str(Path(__file__).parent / "large_meeting.toml")]) == 0  # past: real
    assert calls == ["", "15.30", None]


async def test_after_the_fact_the_next_item_asks_for_its_time():
    clock = Clock()
    clock.moment = clock.moment.add(days=3)  # the meeting was three days ago
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        assert not app.secretary.mode.uses_clock
        await keys.press("o")
        assert app.screen.query_one("#value").value == "10.00"  # the announced start
        await keys.press("enter", "f3", "enter", "n")  # F3 asks when item 1 ended: 10.00
        assert "Punkt 2 tages op kl." in str(app.screen.query_one(".dialog-title").render())
        assert app.screen.query_one("#value").value == "10.00"  # the latest registered
        await keys.press("end", "ctrl+u")
        await keys.type("10.40")
        await keys.press("enter")
        assert app.secretary.viewing == "udbudsproces"
    opened = [e["time"][11:16] for e in app.secretary.record.events if e["kind"] == "item_opened"]
    assert opened == ["10:00", "10:40"]


# -- 7. corrections ------------------------------------------------------------------------------------
def history_row(app, words: str) -> int:
    """The row of the corrections list whose text holds `words`."""
    return next(i for i, e in enumerate(app.screen._entries.values()) if words in e.text)


async def test_a_corrected_time_that_moves_a_departure_says_where_it_now_stands():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 20)
        await keys.press("l", *["down"] * 6, "enter")  # Lars Mogensen, during item 1
        clock.set(10, 30)
        await keys.press("f3")
        clock.set(10, 35)
        await keys.press("n", "r")
        row = history_row(app, "Lars Mogensen")
        await keys.press(*["down"] * row, "t", "end", "ctrl+u")
        await keys.type("10.32")
        await keys.press("enter")
        assert (
            "Flyttet: står nu efter behandlingen af punkt 1 "
            "(før: under behandlingen af punkt 1)." in toasts(app)
        )
        assert app.screen.query_one("#history").highlighted == row  # the cursor stays
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.32 efter behandlingen af punkt 1." in text


async def test_removing_a_registration_asks_first_and_keeps_the_cursor():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 20)
        await keys.press("l", *["down"] * 6, "enter")
        await keys.press("r")
        row = history_row(app, "Lars Mogensen")
        await keys.press(*["down"] * row, "x")
        assert "Fjern registreringen:" in str(app.screen.query_one(".dialog-title").render())
        await keys.press("enter")  # the first answer: keep it
        assert not attendance_in_room(app, "lars-mogensen")
        await keys.press("x", "down", "enter")  # yes, remove it
        assert attendance_in_room(app, "lars-mogensen")
        assert app.screen.query_one("#history").highlighted == row
    assert "Lars Mogensen forlod" not in referat(app, full=True)


def attendance_in_room(app, member: str) -> bool:
    from meetingtui import attendance

    return attendance.seat_in_room(app.secretary.state.seats[member])


# -- 8. finding a member ---------------------------------------------------------------------------
async def test_a_member_is_found_by_part_of_the_name_or_by_number():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 20)
        await keys.press("l")
        await keys.type("mog")
        members = app.screen.query_one("#members")
        assert members.option_count == 1
        assert "Søg: mog" in str(app.screen.query_one("#search").render())
        await keys.press("enter")  # Lars Mogensen
        clock.set(10, 25)
        await keys.press("l", "2")  # the second in the room: Meho Selman
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.20 under behandlingen af punkt 1." in text
    assert "Meho Selman forlod mødet kl. 10.25 under behandlingen af punkt 1." in text
