"""Issue 10's remaining flows through the keys: a fast typist's keys reach the dialog they
opened, the Underskriftsside has no decision and no quorum warning, and after the fact an
item ends at a time the secretary types."""

from __future__ import annotations

import pendulum
import pytest
from test_ui_actions import open_meeting, referat
from textual import events
from ui_support import TZ, Clock, Keys, demo_app

from meetingtui.ui.screens.pickers import MemberPicker

pytestmark = pytest.mark.slow  # Pilot-driven screens


CHARACTERS = {"enter": "\r", "escape": "\x1b", "tab": "\t"}  # as a terminal sends them


async def type_fast(pilot, *keys: str) -> None:
    """Keys as a fast typist sends them: all queued at once, no pause for the screen between
    them (Pilot's own press waits for the app to be idle after each key)."""
    driver = pilot.app._driver
    for key in keys:
        char = key if len(key) == 1 else CHARACTERS.get(key)
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    for _ in range(5):  # the dialog comes up, then takes the keys kept for it
        await pilot.pause()


async def test_keys_typed_right_after_the_leave_key_go_to_its_dialog():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 20)
        # l, then "mog" at once: m (dissent), o (summary) and g (jump) mean something on
        # the screen beneath; they must find Lars Mogensen in the picker instead.
        await type_fast(pilot, "l", "m", "o", "g", "enter")
        assert not isinstance(app.screen, MemberPicker)
        assert app.screen.__class__.__name__ == "MainScreen"
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.20 under behandlingen af punkt 1." in text


async def test_a_digit_typed_right_after_the_arrival_key_picks_in_its_dialog():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("down", "a")  # Meho Selman sent apologies, then comes
        await open_meeting(keys, clock)
        clock.set(10, 12)
        await type_fast(pilot, "a", "1")
        assert app.screen.__class__.__name__ == "MainScreen"
        # d then text at once: the text goes into the decision, not to the keys beneath
        await type_fast(pilot, "d", *"Taget", "escape")
        assert app.secretary.state.item("delstrategier").decision == "Taget"
    text = referat(app, full=True)
    assert "Meho Selman ankom kl. 10.12 under behandlingen af punkt 1." in text


# -- after the fact, an item ends at the time typed ------------------------------------------------
def item_ends(app, item_id: str) -> list[pendulum.DateTime]:
    return [
        pendulum.parse(e["time"]).in_tz(TZ)
        for e in app.secretary.record.events
        if e["kind"] == "item_closed" and e["item"] == item_id
    ]


def dialog_title(app) -> str:
    return str(app.screen.query_one(".dialog-title").render())


async def test_after_the_fact_a_quick_decision_asks_when_the_item_ended():
    clock = Clock()
    clock.moment = clock.moment.add(days=30)  # entered a month later, from notes
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")  # opened at the announced 10.00
        # Lars Mogensen leaves and comes back within item 1, at the times typed
        await keys.press("l", *["down"] * 6, "tab", "end", "ctrl+u")
        await keys.type("10.10")
        await keys.press("enter", "a", "tab", "end", "ctrl+u")
        await keys.type("10.20")
        await keys.press("enter")
        await keys.press("f3")
        assert dialog_title(app) == "Behandlingen af punkt 1 slutter kl."
        assert app.screen.query_one("#value").value == "10.20"  # the previous registration
        assert item_ends(app, "delstrategier") == []  # nothing ended at a default time
        await keys.press("end", "ctrl+u")
        await keys.type("10.35")
        await keys.press("enter")
        assert [t.format("HH:mm:ss") for t in item_ends(app, "delstrategier")] == ["10:35:00"]
        assert app.secretary.state.item("delstrategier").decision == "Indstillingen godkendt."
        # F8 after a typed decision asks too; the keys typed at once go to its dialog
        await keys.press("n")
        await keys.press("end", "ctrl+u")
        await keys.type("10.40")
        await keys.press("enter")
        await keys.press("d")
        await keys.type("Drøftet.")
        await type_fast(pilot, "f8", *"10.55", "enter")  # typed over the time offered
        assert [t.format("HH.mm") for t in item_ends(app, "udbudsproces")] == ["10.55"]
        assert app.secretary.state.item("udbudsproces").decision == "Drøftet."
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.10 under behandlingen af punkt 1." in text
    assert "Lars Mogensen ankom kl. 10.20 under behandlingen af punkt 1." in text


async def test_after_the_fact_the_end_time_offered_keeps_the_seconds_registered(tmp_path):
    clock = Clock()
    record = tmp_path / "m.record"
    app = demo_app(clock, record)
    async with app.run_test(size=(120, 40)) as pilot:  # begun live on the day
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.moment = clock.moment.set(hour=10, minute=20, second=35)
        await keys.press("l", "7", "enter")  # Lars Mogensen leaves at 10:20:35
    clock.moment = clock.moment.add(days=1)  # finished the next morning, after the fact
    app = demo_app(clock, record)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("f4")
        assert app.screen.query_one("#value").value == "10.20"
        await keys.press("enter")
        assert [t.format("HH:mm:ss") for t in item_ends(app, "delstrategier")] == ["10:20:35"]
    text = referat(app, full=True)
    assert "Lars Mogensen forlod mødet kl. 10.20 under behandlingen af punkt 1." in text


# -- the Underskriftsside ------------------------------------------------------------------------------
async def test_the_signature_page_has_no_decision_box_and_no_quorum_warning():
    from test_ui_actions import text_of

    from meetingtui.ui.widgets.decision_editor import DecisionEditor

    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("down", "a", "down", "a", "down", "a")  # 4 of 7: just quorate
        await open_meeting(keys, clock)
        clock.set(10, 30)
        await keys.press("g", "end", "enter")  # item 7, the Underskriftsside, taken up
        assert app.secretary.state.current == "underskriftsside"
        await keys.press("l", "enter")  # Anja Lund leaves: 3 of 7, not quorate
        assert not app.screen.query_one(DecisionEditor).display
        assert "Beslutningsdygtigt" not in text_of(app, "#status")
        assert "Underskriftsside" in text_of(app, "#status")
        await keys.press("d")
        assert not app.screen.query_one(DecisionEditor).has_focus
        await keys.press("f3", "v", "u")
        assert app.secretary.state.item("underskriftsside").decision == ""
        assert not app.secretary.state.item("underskriftsside").postponed
        assert app.secretary.state.item("underskriftsside").vote is None
        assert app.screen.__class__.__name__ == "MainScreen"  # no vote dialog either
        shown = [n.message for n in app._notifications]
        assert "Underskriftssiden har ingen beslutning, afstemning eller afvigende mening." in shown
        problems = [str(p) for p in app.secretary.problems()]
        assert not any(p.startswith("Punkt 7:") for p in problems)
        await keys.press("g", "home", "enter")  # back to item 1: its decision box is there
        assert app.screen.query_one(DecisionEditor).display
    text = referat(app, full=True)
    signature_page = text[text.index("Punkt 7: Underskriftsside") :]
    assert "beslutningsdygtigt" not in signature_page
    assert "Beslutning i" not in signature_page


async def test_keys_typed_at_once_through_two_dialogs_reach_each_in_turn():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        # i, the 2nd member (Meho Selman), reason 1 (inhabil), then m (dissent) at once
        await type_fast(pilot, "i", "2", "1")
        assert app.screen.__class__.__name__ == "MainScreen"
        assert dict(app.secretary.state.item("delstrategier").not_taking_part) == {
            "meho-selman": "inhabil"
        }
    text = referat(app, full=True)
    assert "Meho Selman erklærede sig inhabil og deltog ikke i sagens behandling." in text


async def test_text_typed_right_after_d_and_still_kept_is_saved_with_the_decision():
    """SIGTERM or SIGHUP in the moment keys typed right after `d` are kept for the editor:
    saving the typed text (what the app does then) takes them into the decision."""
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        screen = app.screen
        screen._hold()  # as on_key does for d's key, the keys after it on their way
        screen._for_text = True
        screen._held += [("T", "T"), ("i", "i"), ("l", "l"), ("backspace", None), ("x", "x")]
        app._save_typed_text()  # what SIGTERM and SIGHUP do
        assert app.secretary.state.item("delstrategier").decision == "Til"
        assert screen._held == [("backspace", None), ("x", "x")]  # the rest, in order


async def test_after_the_fact_every_item_taken_up_asks_its_time_and_keys_typed_at_once_go_there():
    clock = Clock()
    clock.moment = clock.moment.add(days=30)
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter", "f3", "enter")  # opened 10.00, item 1 ended 10.00
        # n and the time at once: "." would end an item on the screen beneath
        await type_fast(pilot, "n", *"10.40", "enter")
        assert app.secretary.viewing == "udbudsproces"
        await keys.press("p")  # back to item 1: taken up again, at a time asked for
        assert dialog_title(app) == "Punkt 1 tages op kl."
        await keys.press("escape")  # not taken up after all
        assert app.secretary.viewing == "udbudsproces"
        await keys.press("g", "end", "enter")  # the list: the Underskriftsside
        assert dialog_title(app) == "Punkt 7 tages op kl."
        await type_fast(pilot, *"11.30", "enter")
    opened = [
        (e["item"], pendulum.parse(e["time"]).in_tz(TZ).format("HH.mm"))
        for e in app.secretary.record.events
        if e["kind"] == "item_opened"
    ]
    assert opened == [
        ("delstrategier", "10.00"),
        ("udbudsproces", "10.40"),
        ("underskriftsside", "11.30"),
    ]
