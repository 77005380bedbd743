"""The hostile-agenda corpus (tests/hostile_agendas/, issue 9): text secretaries paste.

Every file is either refused by `meetingtui check` with one clear line (exit 2, the file
and the field or line, what is wrong and what is expected, no traceback), or accepted,
and then its pasted text comes through the core into the minutes text unchanged, or
NFC-normalised. Markup-like text is accepted: it is ordinary text. The outcome of each
file is given beside the file's content, in tests/hostile_agendas/make_corpus.py.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import unicodedata
from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui.errors import AgendaError
from meetingtui.minutes import build
from meetingtui.minutes.text import render
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "hostile_agendas"


def _generator():
    spec = importlib.util.spec_from_file_location("hostile_corpus", CORPUS / "make_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
OUTCOMES = GENERATOR.OUTCOMES
NAMES = sorted(OUTCOMES)
REFUSED = [name for name in NAMES if OUTCOMES[name].refused is not None]
ACCEPTED = [name for name in NAMES if OUTCOMES[name].refused is None]


def test_the_corpus_is_the_generators_and_large_enough():
    on_disk = sorted(path.name for path in CORPUS.glob("*.toml"))
    assert on_disk == NAMES, "run python tests/hostile_agendas/make_corpus.py"
    for name in NAMES:
        assert (CORPUS / name).read_bytes() == GENERATOR.FILES[name][1], name
    assert len(NAMES) >= 60
    assert len(ACCEPTED) >= 20 and len(REFUSED) >= 20


def test_markup_like_text_is_accepted():
    markup = [name for name in NAMES if OUTCOMES[name].markup]
    assert len(markup) >= 12
    assert set(markup) <= set(ACCEPTED)


def test_the_base_agenda_is_valid():
    base = agenda_mod.parse(GENERATOR.BASE.encode(), Path("base.toml"))
    assert (len(base.members), len(base.items)) == (3, 2)


@pytest.mark.parametrize("name", REFUSED)
def test_a_refused_file_gives_one_line(name):
    with pytest.raises(AgendaError) as raised:
        agenda_mod.load(CORPUS / name)
    problems = raised.value.problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{CORPUS / name}:"), problems[0]
    assert OUTCOMES[name].refused in problems[0]
    assert "(forventet " in problems[0]
    assert problems[0].isprintable(), "a problem line shows no invisible character raw"


# -- accepted: the text comes through the core into the minutes ----------------------------------
def take_meeting(agenda, tmp_path) -> str:
    """The whole meeting through the Secretary: each named substitute sits in, every item
    gets a decision; the full minutes as text."""
    clock = lambda: pendulum.datetime(2026, 3, 12, 16, 0, tz="Europe/Copenhagen")  # noqa: E731
    desk = Secretary(agenda, MeetingRecord(tmp_path / "m.record", agenda.sha256), now=clock)
    try:
        for member in agenda.members:
            if member.substitutes:
                desk.set_roll(member.id, "afbud")
                sub = member.substitutes[0]
                desk.substitute(member.id, sub.name, sub.party)
        desk.open_meeting("16.00")
        for item in agenda.items:
            desk.go_to(item.id)
            desk.set_decision("Godkendt.")
        desk.close_meeting("16.00")
        return render(build(desk.state, full=True))
    finally:
        desk.record.close()


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_text_comes_through_into_the_minutes(name, tmp_path):
    agenda = agenda_mod.load(CORPUS / name)
    minutes = take_meeting(agenda, tmp_path)
    for text in OUTCOMES[name].accepted:
        assert unicodedata.normalize("NFC", text) in minutes, (name, text)


# -- meetingtui check, as a subprocess -------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_check_as_a_subprocess(name):
    path = CORPUS / name
    result = subprocess.run(
        [sys.executable, "-m", "meetingtui", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
    )
    assert "Traceback" not in result.stderr + result.stdout
    outcome = OUTCOMES[name]
    if outcome.refused is None:
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{path}: OK (")
        assert result.stderr == ""
        return
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"meetingtui: {path}:"), lines[0]
    assert outcome.refused in lines[0] and "(forventet " in lines[0]
