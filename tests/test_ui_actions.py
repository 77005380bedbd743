"""Each secretary action through the keys, checked by what the screen and the referat show."""

from __future__ import annotations

import errno

from ui_support import Clock, Keys, demo_app, text_of

from meetingtui import labels
from meetingtui.minutes import build
from meetingtui.minutes.text import render
from meetingtui.notices import Notice, NoticeCode
from meetingtui.ui.app import create_app
from meetingtui.ui.screens.main import MainScreen
from meetingtui.ui.screens.rollcall import RollCallScreen


def referat(app, full: bool = False) -> str:
    return render(build(app.secretary.state, full=full))


async def open_meeting(keys: Keys, clock: Clock) -> None:
    """Everyone present; open at 10.00; item 1 under way."""
    await keys.press("o")
    await keys.type("10.00")
    await keys.press("enter")
    clock.set(10, 0)


async def test_roll_call_marks_absence_and_undo_takes_it_back():
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        assert isinstance(app.screen, RollCallScreen)
        await keys.press("down", "a", "down", "f")
        intro = text_of(app, "#rollcall-intro")
        assert "5 af 7 til stede" in intro
        await keys.press("ctrl+z")
        assert "6 af 7 til stede" in text_of(app, "#rollcall-intro")
        seats = app.secretary.state.seats
        assert seats["meho-selman"].status == "afbud"
        assert seats["karsten-byrgesen"].status == "present"


async def test_resume_after_stop_mid_item_keeps_item_text_and_attendance(tmp_path):
    record = tmp_path / "meeting.record"
    clock = Clock()
    app = demo_app(clock, record)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("down", "down", "down", "a")
        await open_meeting(keys, clock)
        await keys.press("n", "d")
        await keys.type("Udvalget drøftede sagen")
        await keys.press("ctrl+q")  # quitting from inside the editor saves what was typed
    again = demo_app(clock, record)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, MainScreen)
        assert again.secretary.viewing == "udbudsproces"
        assert again.screen.query_one("#decision").text == "Udvalget drøftede sagen"
        assert "Anne Marie Geisler Andersen: fraværende" in text_of(again, "#people")
        assert "Punkt 2 af 7" in text_of(again, "#status")


async def test_decision_is_saved_when_typing_pauses(tmp_path):
    record = tmp_path / "meeting.record"
    clock = Clock()
    app = demo_app(clock, record)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("d")
        await keys.type("Godkendt")
        assert "Gemmer" in text_of(app, "#status")
        await pilot.pause(1.2)
        assert "✓ Gemt" in text_of(app, "#status")
        # the record on disk has it, while the app is still running
        saved = [e for e in app.secretary.record.events if e["kind"] == "decision_set"]
        assert saved and saved[-1]["text"] == "Godkendt"


async def test_leave_and_arrive_with_typed_times_reach_the_referat():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        clock.set(10, 35)
        await keys.press("l")  # Lars Mogensen left during item 1; recorded a little later
        for _ in range(6):
            await keys.press("down")
        await keys.press("tab")
        await keys.type("10.30")
        await keys.press("enter")
        assert "Lars Mogensen: fraværende" in text_of(app, "#people")
        clock.set(10, 40)
        await keys.press("n", "a", "enter")  # he comes back at once, during item 2
        await keys.press("n")
        assert "● Lars Mogensen" in text_of(app, "#people")
    text = referat(app, full=True)  # item 2 is closed: its sentences are in the full referat
    assert "Lars Mogensen forlod mødet kl. 10.30 under behandlingen af punkt 1." in text
    assert "Lars Mogensen ankom kl. 10.40 under behandlingen af punkt 2." in text


async def test_not_taking_part_with_reason_and_taking_part_again():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("i", "down", "down", "enter", "1")
        assert "Karsten Byrgesen: deltager ikke (inhabil)" in text_of(app, "#people")
        assert (
            "Karsten Byrgesen erklærede sig inhabil og deltog ikke i sagens behandling."
            in referat(app)
        )
        await keys.press("j", "enter")
        assert "● Karsten Byrgesen" in text_of(app, "#people")


async def test_substitute_steps_in_during_the_meeting():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("down", "down", "down", "down", "down", "a")  # Jens Wistoft: afbud
        await open_meeting(keys, clock)
        await keys.press("s", "enter", "enter")  # for Jens Wistoft: his named substitute
        await keys.press("n")
        assert "● Mette Lykke Skov" in text_of(app, "#people")
    assert "Mette Lykke Skov, V (stedfortræder)" in referat(app)


async def test_vote_with_party_shortcut_and_dissent():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("v")
        await keys.press("F")  # Anja Lund's party, V: all for; the cursor moves on to Meho Selman
        await keys.press("f", "f")  # Meho Selman (A) and Karsten Byrgesen for
        await keys.press("i")  # Anne Marie Geisler Andersen (B) against
        await keys.press("down", "down", "i")  # past Henriette and Jens (V, set): Lars (Ø) against
        assert "mangler 0" in text_of(app, "#tally")
        await keys.press("enter")
        await keys.press("m", "down", "down", "down", "down", "down", "down", "enter")
        await keys.type("Vi ønsker en anden prioritering")
        await keys.press("enter")
    text = referat(app)
    assert "For stemte: A, V og Karsten Byrgesen (løsgænger). Imod stemte: B og Ø." in text
    assert (
        "Lars Mogensen (Ø) ønskede følgende bemærkning tilført beslutningsprotokollen: "
        '"Vi ønsker en anden prioritering"' in text
    )


async def test_postpone_add_item_and_close_meeting():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("u")
        assert "udsat" in str(app.screen.query_one("#agenda").get_option_at_index(0).prompt)
        await keys.press("plus")
        await keys.type("Henvendelse fra borger")
        await keys.press("enter")
        assert app.secretary.state.items[1].item.title == "Henvendelse fra borger"
        assert "2. Henvendelse fra borger" in str(
            app.screen.query_one("#agenda").get_option_at_index(1).prompt
        )
        await keys.press("n")
        assert "Punkt 2: Henvendelse fra borger" in text_of(app, "#item-title")
        clock.set(11, 30)  # a close is never ahead of the clock (issue 10)
        await keys.press("x")
        await keys.type("11.30")
        await keys.press("enter")
        assert "Mødet er afsluttet" in text_of(app, "#status")
    text = referat(app)
    assert "Udsat." in text
    assert "Mødet begyndte kl. 10.00 og sluttede kl. 11.30." in text
    assert "Sagen blev optaget på dagsordenen under mødet som punkt 2." in text


async def test_correct_an_arrival_time_after_the_meeting_is_closed():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("a")  # Anja Lund: afbud
        await open_meeting(keys, clock)
        await keys.press("n")
        clock.set(10, 40)
        await keys.press("a", "enter")  # arrives now (10.40) during item 2
        await keys.press("x", "enter")
        await keys.press("r")  # newest first: the close, then the arrival
        await keys.press("down", "t")
        await keys.type("10.35")
        await keys.press("enter", "escape")
    text = referat(app, full=True)  # item 2 is closed
    assert "Anja Lund ankom kl. 10.35 under behandlingen af punkt 2." in text
    assert "ankom kl. 10.40" not in text
    kinds = [e["kind"] for e in app.secretary.record.events]
    assert kinds.count("arrived") == 1 and "amend" in kinds  # history kept


async def test_undo_steps_back_through_the_meeting():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("f4", "n")
        assert app.secretary.viewing == "udbudsproces"
        await keys.press("ctrl+z")  # takes back opening item 2
        await keys.press("ctrl+z")  # takes back the end of item 1 (F4 ended it)
        assert app.secretary.state.in_item
        await keys.press("ctrl+z")  # takes back the decision of item 1
        assert app.secretary.state.item("delstrategier").decision == ""
        assert app.screen.query_one("#decision").text == ""


async def test_preview_item_and_whole_referat():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("f4", "w")
        body = text_of(app, "#preview-body")
        assert "Beslutning i Digitaliserings- og Innovationsudvalget den 20-11-2025" in body
        assert "Til orientering." in body
        await keys.press("escape", "W")
        assert "Indholdsfortegnelse" in text_of(app, "#preview-body")


async def exported(app, pilot) -> None:
    """Wait for the export screen's worker (the export runs off the UI thread)."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_check_lists_what_looks_wrong_and_exports_anyway():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("a")  # Anja Lund absent
        await open_meeting(keys, clock)
        await keys.press("v", "a", "enter")
        app.secretary.vote(["anja-lund", "meho-selman"], [], [])  # a vote from an absent member
        await keys.press("e")
        problems = text_of(app, "#problems Static")
        assert "Punkt 2: har ingen beslutning." in problems
        assert "Anja Lund er fraværende, men har stemt." in problems
        assert "ikke afsluttet" in problems
        await keys.press("o")
        await exported(app, pilot)
        assert "Offentligt referat gemt i" in text_of(app, "#result")


async def test_attendance_panel_shows_quorum_in_words():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("a", "down", "a", "down", "a", "down", "a")  # four of seven absent
        await open_meeting(keys, clock)
        assert "Beslutningsdygtigt: NEJ" in text_of(app, "#status")
        await keys.press("t")
        panel = text_of(app, "#attendance-body")
        assert "Til stede: 3 af 7" in panel
        assert "NEJ, ikke beslutningsdygtigt" in panel


async def test_help_lists_every_binding_and_palette_runs_actions():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("f1")
        help_text = text_of(app, "#help Static")
        for binding in MainScreen.BINDINGS:
            assert binding.description in help_text
        await keys.press("escape", "ctrl+k")
        await keys.type("Afstemning")
        await keys.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "VoteScreen"


async def test_a_time_that_is_not_a_time_is_refused_and_nothing_recorded():
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await keys.press("o")
        await keys.type("25.99")
        await keys.press("enter")
        assert type(app.screen).__name__ == "TextPrompt"  # asked again, with what was typed
        assert app.screen.query_one("#value").value == "25.99"
        assert app.secretary.state.opened is None
        await keys.press("escape")
        assert isinstance(app.screen, RollCallScreen)
        assert app.secretary.state.opened is None


async def test_full_disk_is_shown_at_once_and_nothing_is_lost(tmp_path):
    failing = {"on": False}

    def write(fd, data):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        import os

        return os.write(fd, data)

    record = tmp_path / "meeting.record"
    clock = Clock()
    app = create_app(None, record, now=clock)
    app.secretary.record.storage._write = write
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        failing["on"] = True
        await keys.press("f4")
        assert type(app.screen).__name__ == "SaveProblemScreen"
        assert "Disken er fuld." in text_of(app, "#save-cause")
        await keys.press("escape")
        assert "IKKE GEMT" in text_of(app, "#status")
        assert app.secretary.state.item("delstrategier").decision == "Til orientering."
        failing["on"] = False
        app.retry_save()
        await pilot.pause()
        assert "✓ Gemt" in text_of(app, "#status")
    reopened = create_app(None, record, now=clock)
    assert reopened.secretary.state.item("delstrategier").decision == "Til orientering."
    reopened.secretary.record.close()


def notifications(app) -> list[str]:
    """Record the messages the app shows as notifications from now on."""
    shown: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        shown.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return shown


async def test_a_torn_last_write_is_explained_in_danish_on_opening(tmp_path):
    record = tmp_path / "meeting.record"
    clock = Clock()
    app = demo_app(clock, record)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
    with record.open("ab") as file:
        file.write(b'0badc0de {"t":"events","id":"9')  # a write cut short by a power cut
    again = demo_app(clock, record)
    shown = notifications(again)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.secretary.state.opened is not None  # what was saved is all there
    [notice] = again.notices
    if isinstance(notice, Notice):  # Danish, the technical line below it
        assert any("aldrig skrevet færdig" in m and notice.detail in m for m in shown)
    else:  # a core that still gives sentences (until notices are Notice objects): as it is
        assert notice in shown


async def test_notices_are_shown_in_danish_with_the_detail_below():
    app = demo_app(Clock())
    detail = "agenda file has changed since the record was started"
    app.notices = [Notice(NoticeCode.AGENDA_CHANGED, detail), "a plain sentence"]
    shown = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert f"{labels.NOTICE_TEXTS[NoticeCode.AGENDA_CHANGED]}\n({detail})" in shown
    assert "a plain sentence" in shown


def disk_that_fills(app) -> dict[str, bool]:
    """Make the record's disk refuse writes while the returned switch is on."""
    import os

    failing = {"on": False}

    def write(fd, data):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(fd, data)

    app.secretary.record.storage._write = write
    return failing


async def test_quit_with_unsaved_work_warns_and_saves_elsewhere(tmp_path):
    clock = Clock()
    app = create_app(None, tmp_path / "meeting.record", now=clock)
    failing = disk_that_fills(app)
    elsewhere = tmp_path / "usb" / "meeting.record"
    elsewhere.parent.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        failing["on"] = True
        await keys.press("d")
        await keys.type("Godkendt")
        await keys.press("ctrl+q")  # the decision cannot be saved: ask, do not leave
        assert app.is_running
        assert type(app.screen).__name__ == "QuitUnsavedScreen"
        assert "1 registrering er ikke gemt" in text_of(app, "#quit-cost")
        assert "Disken er fuld." in text_of(app, "#save-cause")
        await keys.press("escape")  # back to the meeting; nothing lost
        assert app.is_running
        await keys.press("ctrl+q", "a")
        await keys.press("end", "shift+home")
        await keys.type(str(elsewhere))
        await keys.press("enter")
    assert app.return_code == 0
    reopened = create_app(None, elsewhere, now=clock)
    assert reopened.secretary.state.item("delstrategier").decision == "Godkendt"
    reopened.secretary.record.close()


async def test_quit_anyway_with_unsaved_work_exits_with_an_error_and_says_what_was_lost(
    tmp_path, capsys
):
    clock = Clock()
    app = create_app(None, tmp_path / "meeting.record", now=clock)
    failing = disk_that_fills(app)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        failing["on"] = True
        # the decision and the item's end: saved in memory only; the save problem dialog closed
        await keys.press("f4", "escape")
        await keys.press("ctrl+q")
        assert type(app.screen).__name__ == "QuitUnsavedScreen"
        await keys.press("q")
    assert app.return_code == 1
    said = " ".join(capsys.readouterr().err.split())  # printed after the app, on stderr
    assert "2 registreringer kunne ikke gemmes og er tabt" in said


async def test_a_polite_kill_with_unsaved_work_saves_an_emergency_copy(tmp_path):
    clock = Clock()
    app = create_app(None, tmp_path / "meeting.record", now=clock)
    failing = disk_that_fills(app)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        failing["on"] = True
        await keys.press("f4", "escape")
        app._save_and_exit(False)  # what SIGTERM runs once the loop has it
        await pilot.pause()
    assert app.return_code == 1
    [copy] = (tmp_path / "data").rglob("*-nødkopi.record")
    reopened = create_app(None, copy, now=clock)
    assert reopened.secretary.state.item("delstrategier").decision == "Til orientering."
    reopened.secretary.record.close()


async def test_every_export_failure_is_said_in_danish_and_the_screen_stays(tmp_path):
    from meetingtui.errors import ExportError

    clock = Clock()
    app = demo_app(clock)
    failures = iter(
        [
            OSError(errno.EROFS, "Read-only file system"),
            ExportError("/srv/referater [/]: the referat could not be written: read-only"),
            PermissionError(errno.EACCES, "Permission denied"),
        ]
    )

    def export(full, output=None):
        raise next(failures)

    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        app.secretary.export = export
        await keys.press("e", "o")
        await exported(app, pilot)
        assert type(app.screen).__name__ == "ExportScreen"
        result = text_of(app, "#result")
        assert "Offentligt referat kunne ikke gemmes. Disken er blevet skrivebeskyttet." in result
        await keys.press("b")  # both: the second failure is said too
        await exported(app, pilot)
        result = text_of(app, "#result")
        assert "/srv/referater [/]" in result
        assert "Fuldt (fortroligt) referat kunne ikke gemmes." in result
        assert type(app.screen).__name__ == "ExportScreen"


async def test_export_to_another_folder_after_a_failure(tmp_path):
    clock = Clock()
    app = demo_app(clock)
    folder = tmp_path / "usb"
    async with app.run_test(size=(120, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("e", "m", "end", "shift+home")
        await keys.type(str(folder))
        await keys.press("enter")
        await exported(app, pilot)
        assert "Offentligt referat gemt i" in text_of(app, "#result")
    assert len(list(folder.glob("*.docx"))) == 2  # "both" unless another was asked for


async def test_sigterm_leaves_within_the_grace_time_even_while_the_loop_is_busy(monkeypatch):
    """SIGTERM's handler runs between bytecodes; if the app cannot get out in time (a long
    redraw holding the loop), a watchdog restores the terminal and leaves, as SIGKILL would."""
    import signal
    import time

    import meetingtui.ui.app as app_module

    left: list[int] = []
    monkeypatch.setattr(app_module.os, "_exit", left.append)
    monkeypatch.setattr(app_module, "TERM_GRACE_SECONDS", 0.1)
    app = demo_app(Clock())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app._sigterm_received(signal.SIGTERM, None)
        time.sleep(0.5)  # the loop is busy: the polite exit cannot run yet
        assert left == [128 + signal.SIGTERM]
        await pilot.pause()
    assert app.return_code == 0  # then the polite exit ran too (in a real app: never reached)


async def test_control_characters_in_a_decision_are_dropped_and_said(tmp_path):
    """Text that reaches the editor with control characters (not through a paste, which
    cleans them first): the record and the editor get it without them, and a warning says so."""
    from meetingtui.ui.widgets.decision_editor import DecisionEditor

    clock = Clock()
    app = demo_app(clock, tmp_path / "meeting.record")
    warnings: list[str] = []
    notify = app.notify

    def record_notify(message, *args, severity="information", **kwargs):
        if severity == "warning":
            warnings.append(str(message))
        return notify(message, *args, severity=severity, **kwargs)

    app.notify = record_notify  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("d")
        app.screen.query_one(DecisionEditor).insert("God\x07kendt\x1b[2J")
        await pilot.pause(1.2)
        saved = [e for e in app.secretary.record.events if e["kind"] == "decision_set"]
        assert saved[-1]["text"] == "Godkendt"
        assert app.screen.query_one(DecisionEditor).text == "Godkendt"
        assert any("styretegn" in message for message in warnings), warnings
