"""The app's side of approval: the preview worded as the export, the approve and correction
dialogs, and a locked record refusing ordinary edits (Pilot)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pendulum
import pytest
from ui_support import Clock, Keys, screen_text, text_of

from meetingtui import paths
from meetingtui.ui.app import create_app
from meetingtui.ui.screens.main import MainScreen
from meetingtui.ui.widgets.decision_editor import DecisionEditor

pytestmark = pytest.mark.slow  # Pilot-driven screens

ROOT = Path(__file__).parent.parent


# -- the preview uses the body's wording ---------------------------------------------------------


def municipal_meeting(tmp_path: Path, wording: str) -> Path:
    """The municipal committee's agenda, its body file given a [wording] table."""
    (tmp_path / "agendas").mkdir()
    (tmp_path / "bodies").mkdir()
    agenda = tmp_path / "agendas" / "tmu.toml"
    shutil.copyfile(ROOT / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml", agenda)
    body = (ROOT / "bodies" / "teknik-og-miljoeudvalget.toml").read_text(encoding="utf-8")
    (tmp_path / "bodies" / "teknik-og-miljoeudvalget.toml").write_text(
        body + "\n[wording]\n" + wording, encoding="utf-8"
    )
    return agenda


def june_clock() -> Clock:
    clock = Clock()
    clock.moment = pendulum.datetime(2026, 6, 11, 15, 55, tz="Europe/Copenhagen")
    return clock


async def test_the_preview_words_the_referat_as_the_body_file_chooses(tmp_path):
    """'N. Title' headings (the body's choice), not the reference's 'Punkt N: Title', in the
    preview of one item and of the whole referat, as the export words them."""
    agenda = municipal_meeting(tmp_path, 'item_heading = "N."\n')
    app = create_app(agenda, tmp_path / "tmu.record", now=june_clock())
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")  # opened at the announced start
        await keys.press("w")
        item = text_of(app, "#preview-body")
        assert "49. Godkendelse af dagsorden" in item
        assert "Punkt 49" not in item
        await keys.press("escape", "W")
        whole = text_of(app, "#preview-body")
        assert "50. Vejplan 2027-2030" in whole
        assert "Punkt 50" not in whole


async def test_without_a_wording_table_the_preview_keeps_the_references_headings(tmp_path):
    agenda = municipal_meeting(tmp_path, "")
    app = create_app(agenda, tmp_path / "tmu.record", now=june_clock())
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter", "w")
        assert "Punkt 49: Godkendelse af dagsorden" in text_of(app, "#preview-body")


def toasts(app) -> str:
    """The notifications on the screen, as one line of words."""
    return " ".join(" ".join(str(toast.render()).split()) for toast in app.screen.query("Toast"))


async def test_a_body_file_broken_since_the_opening_is_said_and_the_preview_still_shows(tmp_path):
    agenda = municipal_meeting(tmp_path, 'item_heading = "N."\n')
    app = create_app(agenda, tmp_path / "tmu.record", now=june_clock())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")
        body = tmp_path / "bodies" / "teknik-og-miljoeudvalget.toml"
        body.write_text(body.read_text(encoding="utf-8") + "\nitem_heading = [\n")
        await keys.press("w")
        said = toasts(app)
        assert "teknik-og-miljoeudvalget.toml" in said and "referencens ordvalg" in said
        assert "Punkt 49: Godkendelse af dagsorden" in text_of(app, "#preview-body")


# -- approving a closed meeting ------------------------------------------------------------------

CPH = "Europe/Copenhagen"
# The demo meeting: closed on 20-11-2025; two members sent their apologies.
ABSENT = {"anne-marie-geisler-andersen", "jens-wistoft"}
LOCKED = "Referatet er godkendt den 04-12-2025 og låst"


def december_clock() -> Clock:
    """The 4th of December 2025, two weeks after the demo meeting."""
    clock = Clock()
    clock.moment = pendulum.datetime(2025, 12, 4, 10, 0, tz=CPH)
    return clock


def closed_demo(tmp_path: Path):
    """The app on the demo meeting, closed (its bundled record, copied)."""
    record = tmp_path / "demo.record"
    shutil.copyfile(paths.DEMO_RECORD, record)
    record.chmod(0o600)
    return create_app(None, record, now=december_clock())


def events(app) -> int:
    return len(app.secretary.record.events)


async def approve_as_offered(keys: Keys) -> None:
    await keys.press("G")
    await keys.press("ctrl+s")


async def go_to_item(keys: Keys, number: int) -> None:
    """Jump in the agenda list to the item (the meeting is over: it is only viewed)."""
    await keys.press("g", "home", *["down"] * (number - 1), "enter")


async def test_approving_with_the_keys_offers_today_and_who_took_part_and_locks(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("G")
        assert app.screen.query_one("#approval-date").value == "04-12-2025"
        offered = set(app.screen.query_one("#approval-by").selected)
        assert offered == set(app.secretary.state.seats) - ABSENT
        # Enter only moves on (date -> how -> by): one stray Enter does not lock the record
        await keys.press("enter")
        assert app.screen.focused is app.screen.query_one("#approval-how")
        await keys.press("enter")
        assert app.screen.focused is app.screen.query_one("#approval-by")
        assert app.secretary.state.approval is None and not isinstance(app.screen, MainScreen)
        await keys.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        approval = app.secretary.state.approval
        assert approval is not None and approval.how == "signed"
        assert approval.when.date() == pendulum.date(2025, 12, 4)
        assert set(approval.by) == offered
        assert "Godkendt 04-12-2025 · låst" in text_of(app, "#status")
        said = toasts(app)
        assert "Referatet er godkendt" in said and "Lars Mogensen" in said
        assert "Jens Wistoft" not in said


async def test_how_and_who_are_chosen_with_the_keys(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("G", "tab")  # from the date to how
        await keys.press("down")  # approved at the next meeting: the line chosen is the way
        await keys.press("tab", "space")  # the first member (Anja Lund) out
        shown = screen_text(app)  # chosen or not by its mark, not by colour alone
        assert "○ Underskrevet på papir" in shown and "● Godkendt på næste møde" in shown
        assert "▐ ▌ Anja Lund, V" in shown and "▐✓▌ Meho Selman, A" in shown
        await keys.press("ctrl+s")
        approval = app.secretary.state.approval
        assert approval is not None and approval.how == "next_meeting"
        assert "anja-lund" not in approval.by and "meho-selman" in approval.by


async def test_a_refused_date_stays_in_the_dialog_with_the_reason(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        before = events(app)
        await keys.press("G", *["backspace"] * 10)
        await keys.type("31-02-2025")
        await keys.press("ctrl+s")
        assert app.screen.query_one("#approval-date").value == "31-02-2025"
        assert "findes ikke" in text_of(app, "#refused")
        await keys.press(*["backspace"] * 10)
        await keys.type("05-12-2025")  # tomorrow
        await keys.press("ctrl+s")
        assert "endnu ikke kommet" in text_of(app, "#refused")
        await keys.press(*["backspace"] * 10)
        await keys.type("19-11-2025")  # before the meeting
        await keys.press("ctrl+s")
        assert "før mødet sluttede" in text_of(app, "#refused")
        await keys.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.secretary.state.approval is None and events(app) == before


async def test_escape_leaves_the_approval_unrecorded(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        before = events(app)
        await keys.press("G", "escape")
        assert isinstance(app.screen, MainScreen)
        assert app.secretary.state.approval is None and events(app) == before
        assert "Mødet er afsluttet" in text_of(app, "#status")


async def test_before_the_meeting_is_closed_g_says_why_in_one_line(tmp_path):
    app = create_app(None, tmp_path / "demo.record", now=Clock())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")  # opened: the meeting is under way
        await keys.press("G")
        assert isinstance(app.screen, MainScreen)
        assert "godkendes, når mødet er afsluttet" in toasts(app)
        assert app.secretary.state.approval is None


async def test_before_the_approval_r_says_that_ordinary_edits_are_the_way(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("R")
        assert isinstance(app.screen, MainScreen)
        assert "Referatet er ikke godkendt" in toasts(app)


# -- a locked record ---------------------------------------------------------------------------

# Every key that changes the record other than by a correction, on the main screen
ORDINARY_KEYS = [
    "d", "f2", "f3", "f4", "f5", "f6", "f8", "full_stop", "a", "l", "i", "j", "s", "v",
    "m", "u", "plus", "o", "ctrl+z", "b", "x",
]  # fmt: skip


async def test_every_ordinary_key_is_refused_with_the_lock_and_records_nothing(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        await go_to_item(keys, 1)
        recorded = events(app)
        wrong = []
        for key in ORDINARY_KEYS:
            app.clear_notifications()
            await keys.press(key)
            said = toasts(app)
            if not (isinstance(app.screen, MainScreen) and LOCKED in said):
                wrong.append(f"{key}: screen {type(app.screen).__name__}, said {said!r}")
                while not isinstance(app.screen, MainScreen):
                    await keys.press("escape")
            if events(app) != recorded:
                wrong.append(f"{key}: recorded something")
        assert wrong == []
        assert not isinstance(app.screen.focused, DecisionEditor)  # d did not open the editor
        assert app.screen.query_one("#decision", DecisionEditor).read_only


async def test_a_locked_record_refuses_a_time_correction_or_a_removal_in_r(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        recorded = events(app)
        await keys.press("r", "down")  # below the approval: a registration with a time
        assert "ret med en rettelse (R" in text_of(app, ".hint")
        for key in ("t", "x"):
            app.clear_notifications()
            await keys.press(key)
            assert type(app.screen).__name__ == "HistoryScreen", key  # no dialog opened
            assert LOCKED in toasts(app), key
        assert events(app) == recorded


async def test_g_again_says_when_it_was_approved(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        app.clear_notifications()
        await keys.press("G")
        assert isinstance(app.screen, MainScreen) and LOCKED in toasts(app)


async def test_reading_and_the_previews_still_work_once_locked(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        await go_to_item(keys, 1)
        assert app.secretary.viewing == app.secretary.state.items[0].item.id
        await keys.press("W")
        assert "Referatet er godkendt" in text_of(app, "#preview-body")


# -- corrections ---------------------------------------------------------------------------------


async def correct_decision(keys: Keys, new: str, why: str) -> None:
    await keys.press("R", "tab", "f7")  # the decision first; F7 selects its text
    await keys.type(new)
    await keys.press("tab")
    await keys.type(why)
    await keys.press("enter")


async def test_a_corrected_decision_shows_on_screen_in_the_history_and_in_the_preview(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        await go_to_item(keys, 1)
        await keys.press("R")
        editor = app.screen.query_one("#correction-new", DecisionEditor)
        old = app.secretary.state.items[0].decision
        assert editor.text == old  # filled in with the decision as it reads
        await keys.press("escape")
        await correct_decision(keys, "Indstillingen godkendt.", "Udvalget godkendte selv.")
        assert isinstance(app.screen, MainScreen)
        assert app.secretary.state.items[0].decision == "Indstillingen godkendt."
        assert app.screen.query_one("#decision", DecisionEditor).text == "Indstillingen godkendt."
        await keys.press("r")
        history = " ".join(str(o.prompt) for o in app.screen.query_one("#history").options)
        assert "Rettelse 04-12-2025 i punkt 1: Udvalget godkendte selv." in history
        await keys.press("escape", "W")
        preview = " ".join(text_of(app, "#preview-body").split())
        assert "Rettelse 04-12-2025: Udvalget godkendte selv." in preview
        assert "Indstillingen godkendt." in preview


async def test_a_postponed_items_correction_is_filled_in_with_the_udsat_it_printed(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        first = app.secretary.state.items[0].item.id
        app.secretary.postpone(first)  # u, then the decision's text cleared
        app.secretary.set_decision("", first)
        await approve_as_offered(keys)
        await go_to_item(keys, 1)
        await keys.press("R")
        assert app.screen.query_one("#correction-new", DecisionEditor).text == "Udsat."


async def test_a_correction_without_an_explanation_stays_in_the_dialog(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        await go_to_item(keys, 1)
        recorded = events(app)
        await correct_decision(keys, "Indstillingen godkendt.", "")
        assert type(app.screen).__name__ == "CorrectionScreen"
        assert "Skriv, hvad der var forkert" in text_of(app, "#refused")
        await keys.press("escape")
        assert isinstance(app.screen, MainScreen) and events(app) == recorded


async def test_a_correction_of_the_meeting_as_a_whole_has_only_an_explanation(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        await keys.press("R", "end")  # the last choice: the meeting as a whole
        assert not app.screen.query_one("#correction-new").display
        await keys.press("tab")
        await keys.type("Mødet sluttede kl. 11.50, ikke 11.45.")
        await keys.press("enter")
        made = app.secretary.state.corrections
        assert len(made) == 1 and made[0].item is None and made[0].field is None
        assert made[0].text == "Mødet sluttede kl. 11.50, ikke 11.45."


async def test_help_lists_the_approval_and_correction_keys(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("f1")
        shown = " ".join(text_of(app, "#help Static").split())
        assert "G │ Godkend referatet (låser det)" in shown
        assert "R │ Rettelse til godkendt referat" in shown


def type_at_once(app, keys: list[str]) -> None:
    """Keys as a terminal delivers a burst (a fast typist, a paste): all queued before the
    app reads the first of them."""
    from textual import events

    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_a_date_typed_and_ctrl_s_at_once_approves_that_date(tmp_path):
    """Ctrl+S acts on the date typed just before it, not on the field as it stood; an
    ISO date is read as well as a Danish one."""
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("G", "backspace")  # the offered date is selected: one key clears it
        type_at_once(app, [*"2025-12-02", "ctrl+s"])
        await pilot.pause(0.3)
        approval = app.secretary.state.approval
        assert approval is not None and approval.when.date() == pendulum.date(2025, 12, 2)


async def test_a_date_typed_and_enter_at_once_moves_on_and_approves_nothing(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        before = events(app)
        await keys.press("G", "backspace")
        type_at_once(app, [*"02-12-2025", "enter"])
        await pilot.pause(0.3)
        assert app.secretary.state.approval is None and events(app) == before
        assert app.screen.query_one("#approval-date").value == "02-12-2025"
        assert app.screen.focused is app.screen.query_one("#approval-how")
        assert "Ctrl+S godkend" in screen_text(app)


async def test_a_correction_typed_and_ctrl_s_at_once_records_all_of_it(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await approve_as_offered(keys)
        await keys.press("R", "end", "tab")  # the meeting as a whole; the explanation
        type_at_once(app, [*"Mødet sluttede kl. 11.50.", "ctrl+s"])
        await pilot.pause(0.3)
        made = app.secretary.state.corrections
        assert [c.text for c in made] == ["Mødet sluttede kl. 11.50."]


async def test_a_way_chosen_and_ctrl_s_at_once_approves_that_way(tmp_path):
    app = closed_demo(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("G", "tab")  # how
        type_at_once(app, ["down", "down", "ctrl+s"])
        await pilot.pause(0.3)
        approval = app.secretary.state.approval
        assert approval is not None and approval.how == "own_system"


async def test_a_rehearsal_is_not_approved_and_g_says_so(tmp_path):
    app = create_app(None, None, rehearse="10.00")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("o", "enter")  # opened at the rehearsal's clock
        await keys.press("x", "enter")  # and closed at once
        assert app.secretary.state.closed is not None
        await keys.press("G")
        assert isinstance(app.screen, MainScreen)
        assert "prøvegennemgang (PRØVE)" in toasts(app)
        assert app.secretary.state.approval is None
