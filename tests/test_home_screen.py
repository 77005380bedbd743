"""The home screen (`meetingtui` alone), driven by Pilot as the secretary would.

One Enter reaches the demo; a digit or ↑↓ Enter opens another meeting exactly as
`meetingtui AGENDA` would (roll call, or the meeting where it stands); what the command
line would refuse is said on the screen, which stays; q quits.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from test_meetings import at, open_for_writing, write_agenda
from ui_support import Clock, Keys, screen_text

from meetingtui import cli, paths
from meetingtui.ui.app import create_home_app
from meetingtui.ui.screens.home import HomeScreen
from meetingtui.ui.screens.main import MainScreen
from meetingtui.ui.screens.pickers import ChoicePicker
from meetingtui.ui.screens.rollcall import RollCallScreen

pytestmark = pytest.mark.slow  # Pilot-driven screens, as test_ui_actions.py (conftest)

SIZE = (120, 40)


def shown(app) -> str:
    """The screen's words, toasts too, with line wrapping and frames taken out."""
    text = screen_text(app)
    for frame in "▌▎▊▔▁█▀▄":
        text = text.replace(frame, " ")
    return " ".join(text.split())


def toasts(app) -> str:
    """The notifications on the screen, as one line of words."""
    return " ".join(" ".join(str(toast.render()).split()) for toast in app.screen.query("Toast"))


def later_clock() -> Clock:
    clock = Clock()
    clock.moment = pendulum.datetime(2026, 3, 12, 16, 30, tz="Europe/Copenhagen")
    return clock


async def test_one_enter_opens_the_demo_at_its_roll_call(tmp_path):
    app = create_home_app(now=Clock(), folders=[tmp_path / "agendas"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        keys = Keys(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "1 Demo · Digitaliserings- og Innovationsudvalget, 20-11-2025 kl. 10.00" in shown(
            app
        )
        await keys.press("enter")
        assert keys.count == 1
        assert isinstance(app.screen, RollCallScreen)
        assert app.title == "Digitaliserings- og Innovationsudvalget 20-11-2025"
        # the demo's own record, as `meetingtui --demo` opens it
        assert app.secretary.record.path == paths.default_record(app.secretary.agenda)
        assert "Navneopråb · 7 af 7 til stede" in shown(app)


async def test_every_kind_of_meeting_says_what_it_is(tmp_path):
    folder = tmp_path / "agendas"
    write_agenda(folder, "new.toml", "Nyudvalget", "2026-04-02")
    running = write_agenda(folder, "running.toml", "Løbeudvalget")
    done = write_agenda(folder, "done.toml", "Slutudvalget", "2026-02-05")
    (folder / "broken.toml").write_text("format = 1\n[meeting\n", encoding="utf-8")
    secretary = open_for_writing(running, at(16, 20))
    secretary.open_meeting("16.00")
    secretary.step(1)
    secretary.record.close()
    secretary = open_for_writing(done, at(17, 30, "2026-02-05"))
    secretary.open_meeting("16.00")
    secretary.close_meeting("17.15")
    secretary.record.close()

    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True):
        text = shown(app)
    rows = [
        "1 Demo · Digitaliserings- og Innovationsudvalget, 20-11-2025 kl. 10.00 "
        "○ ikke startet · 7 punkter · eksempelmødet, der følger med programmet",
        "2 Løbeudvalget, 12-03-2026 kl. 16.00 ▶ i gang, punkt 2 af 3 · "
        f"sidste registrering 12-03-2026 kl. 16.20 · {running}",
        f"3 Nyudvalget, 02-04-2026 kl. 16.00 ○ ikke startet · 3 punkter · {folder / 'new.toml'}",
        "4 Slutudvalget, 05-02-2026 kl. 16.00 ✓ lukket kl. 17.15 · klar til eksport",
        f"5 {folder / 'broken.toml'} ⚠ kan ikke læses: {folder / 'broken.toml'}:2: TOML-syntaksfejl",
    ]
    for row in rows:
        assert row in text
    assert text.index(rows[0]) < text.index(rows[1]) < text.index(rows[3]) < text.index(rows[4])


async def test_an_approved_meeting_says_it_is_approved_and_locked(tmp_path):
    folder = tmp_path / "agendas"
    done = write_agenda(folder, "done.toml", "Slutudvalget", "2026-02-05")
    secretary = open_for_writing(done, at(17, 30, "2026-02-05"))
    secretary.open_meeting("16.00")
    secretary.close_meeting("17.15")
    secretary.record.close()
    secretary = open_for_writing(done, at(9, 0, "2026-03-10"))
    secretary.approve("05-03-2026", "signed", secretary.approvers())
    secretary.record.close()

    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True):
        text = shown(app)
    assert (
        "Slutudvalget, 05-02-2026 kl. 16.00 ✓ lukket kl. 17.15 · "
        "referatet godkendt 05-03-2026 og låst"
    ) in text
    assert "klar til eksport" not in text.split("Slutudvalget", 1)[1]


async def test_a_digit_opens_that_meeting_and_resumes_it_where_it_stands(tmp_path):
    folder = tmp_path / "agendas"
    running = write_agenda(folder, "running.toml", "Løbeudvalget")
    secretary = open_for_writing(running, at(16, 20))
    secretary.open_meeting("16.00")
    secretary.step(1)
    secretary.record.close()
    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await Keys(pilot).press("2")
        assert isinstance(app.screen, MainScreen)
        assert app.secretary.agenda.meeting.body == "Løbeudvalget"
        assert "Punkt 2 af 3" in shown(app)
        assert "Til stede 3/3" in shown(app)


async def test_arrows_and_enter_open_a_meeting_not_started_at_its_roll_call(tmp_path):
    folder = tmp_path / "agendas"
    write_agenda(folder, "a.toml", "Aaudvalget")
    write_agenda(folder, "b.toml", "Bbudvalget")
    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await Keys(pilot).press("down", "down", "enter")
        assert isinstance(app.screen, RollCallScreen)
        assert app.secretary.agenda.meeting.body == "Bbudvalget"
        assert app.title == "Bbudvalget 12-03-2026"


async def test_q_quits_from_the_home_screen(tmp_path):
    app = create_home_app(now=Clock(), folders=[tmp_path])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_open


async def test_a_meeting_open_elsewhere_is_refused_with_the_holder_and_the_list_stays(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "held.toml", "Holdudvalget")
    holder = open_for_writing(agenda, at(16, 5))
    try:
        app = create_home_app(now=later_clock(), folders=[folder])
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await Keys(pilot).press("2")
            assert isinstance(app.screen, HomeScreen)
            assert not app.is_open
            assert "the record is open in another meetingtui" in toasts(app)
            await Keys(pilot).press("1")  # another meeting still opens
            assert isinstance(app.screen, RollCallScreen)
    finally:
        holder.record.close()


async def test_an_unreadable_agenda_says_its_problem_when_chosen(tmp_path):
    folder = tmp_path / "agendas"
    (folder).mkdir()
    (folder / "broken.toml").write_text("format = 1\n[meeting\n", encoding="utf-8")
    app = create_home_app(now=Clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await Keys(pilot).press("down", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert "broken.toml:2: TOML-syntaksfejl" in shown(app)  # the row
        assert "broken.toml:2: TOML-syntaksfejl" in toasts(app)


async def test_a_record_without_its_agenda_says_how_to_open_it(tmp_path):
    gone = write_agenda(tmp_path / "elsewhere", "gone.toml", "Forsvundetudvalget")
    secretary = open_for_writing(gone, at(16, 5))
    secretary.open_meeting("16.00")
    record = secretary.record.path
    secretary.record.close()
    gone.unlink()
    app = create_home_app(now=Clock(), folders=[tmp_path / "agendas"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "? dagsordenen kendes ikke" in shown(app)
        await Keys(pilot).press("2")
        assert isinstance(app.screen, HomeScreen)
        # the whole path, as it is to be typed (wrapped on screen where the line is full)
        assert "Åbn det med dets dagsorden: meetingtui DAGSORDEN --record" in toasts(app)
        assert f"--record{record}" in "".join(toasts(app).split())


async def damaged_meeting(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "damaged.toml", "Skadeudvalget")
    secretary = open_for_writing(agenda, at(16, 5))
    secretary.open_meeting("16.00")
    record = secretary.record.path
    secretary.record.close()
    lines = record.read_bytes().splitlines(keepends=True)
    record.write_bytes(lines[0] + b"12345 not a record line\n" + b"".join(lines[1:]))
    return folder, record


async def test_a_damaged_record_is_offered_as_a_copy_and_opens_in_it(tmp_path):
    folder, record = await damaged_meeting(tmp_path)
    damaged = record.read_bytes()
    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        keys = Keys(pilot)
        await keys.press("2")
        assert isinstance(app.screen, ChoicePicker)
        assert (
            "Mødets fil er beskadiget. Åbn en kopi med de 2 hændelser, der kan læses? "
            "Den beskadigede fil røres ikke." in shown(app)
        )
        await keys.press("down", "enter")  # Ja (Nej is first)
        assert isinstance(app.screen, MainScreen)
        assert app.secretary.record.path != record
        assert "gendannet" in app.secretary.record.path.name
        assert "Fortsætter i" in toasts(app)
    assert record.read_bytes() == damaged  # the damaged file is never touched


async def test_declining_the_copy_of_a_damaged_record_stays_on_the_list(tmp_path):
    folder, record = await damaged_meeting(tmp_path)
    damaged, before = record.read_bytes(), sorted(record.parent.iterdir())
    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await Keys(pilot).press("2", "enter")  # Nej
        assert isinstance(app.screen, HomeScreen)
        assert not app.is_open
    assert record.read_bytes() == damaged
    assert sorted(record.parent.iterdir()) == before  # no copy made


async def test_a_rehearsal_row_opens_the_rehearsal_on_its_own_record(tmp_path):
    folder = tmp_path / "agendas"
    agenda = write_agenda(folder, "r.toml", "Prøveudvalget")
    secretary = open_for_writing(agenda, None, rehearse="")
    secretary.set_roll(next(iter(secretary.state.seats)), "afbud")
    secretary.record.close()
    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "PRØVE · Prøveudvalget, 12-03-2026 kl. 16.00 ◐ navneopråb i gang" in shown(app)
        await Keys(pilot).press("2")  # the rehearsal: in progress comes before not started
        assert app.secretary.rehearsal
        assert app.title.startswith("PRØVE · ")
        assert app.secretary.record.path == paths.rehearsal_record(app.secretary.agenda)


# -- the command line ----------------------------------------------------------------------------
def test_the_readme_command_reaches_the_demo_with_one_enter_in_a_real_terminal(monkeypatch):
    """`.venv/bin/meetingtui` in the project's folder, in a terminal: the home screen lists
    the demo and the project's agendas; one Enter opens the demo's roll call."""
    import os
    import sys

    from test_app_killed import Terminal

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    term = Terminal([sys.executable, "-m", "meetingtui"], dict(os.environ))
    try:
        term.wait_for("Udvalg for Klima og Natur")  # agendas/example-udvalg.toml
        assert "Demo · Digitaliserings- og Innovationsudvalget" in term.text()
        term.send("\r")
        term.wait_for("Navneopråb · 7 af 7 til stede")
        term.send("\x11")  # Ctrl+Q
        assert term.process.wait(timeout=20) == 0
    finally:
        if term.process.poll() is None:
            term.kill()
        else:
            os.close(term.master)


class Ran:
    return_code = 0

    def run(self):
        pass


@pytest.fixture
def launched(monkeypatch):
    from meetingtui.ui import app as app_module

    calls = []
    monkeypatch.setattr(app_module, "create_home_app", lambda: calls.append(("home",)) or Ran())
    monkeypatch.setattr(
        app_module,
        "create_app",
        lambda agenda, record, rehearse=None: calls.append((agenda, record, rehearse)) or Ran(),
    )
    return calls


def test_meetingtui_alone_shows_the_home_screen_and_demo_opens_the_demo(launched):
    assert cli.main([]) == 0
    assert cli.main(["--demo"]) == 0
    assert cli.main(["m.toml"]) == 0
    assert cli.main(["--rehearse"]) == 0  # a rehearsal of the demo, as before
    assert launched == [("home",), (None, None, None), ("m.toml", None, None), (None, None, "")]


def test_an_agenda_and_demo_together_are_refused_in_one_line(launched, capsys):
    assert cli.main(["m.toml", "--demo"]) == 1
    assert capsys.readouterr().err == "meetingtui: m.toml: name an AGENDA or --demo, not both\n"
    assert launched == []


async def test_names_and_paths_are_shown_as_written_never_as_markup(tmp_path):
    folder = tmp_path / "[b]agendas[/b]"
    write_agenda(folder, "[@click=app.quit].toml", "[@click=app.quit]Udvalget[/]")
    app = create_home_app(now=later_clock(), folders=[folder])
    async with app.run_test(size=SIZE, notifications=True):
        text = shown(app)
        assert "[@click=app.quit]Udvalget[/], 12-03-2026 kl. 16.00" in text
        assert "[@click=app.quit].toml" in "".join(text.split())
        assert "Dagsordener fra" in text and "[b]agendas[/b]" in "".join(text.split())
