"""The home screen as the secretary sees it, every kind of row, at 120x40 and 80x24.

pytest-textual-snapshot, as tests/test_ui_snapshots.py; the SVGs are in __snapshots__.
The meetings are made in a folder of their own, named relative to it (the agendas in
`agendas/`, the data directory `data/`), so the picture is the same on every machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_home_screen import later_clock
from test_meetings import at, open_for_writing, write_agenda

from meetingtui import meetings
from meetingtui.ui.app import create_home_app

pytestmark = pytest.mark.slow  # Pilot-driven screens (conftest: test_ui_snapshots.py)

SIZES = [(80, 24), (120, 40)]


def meetings_of_every_kind() -> None:
    """In the working directory: an agenda of each stage, a broken one, a damaged record,
    a rehearsal and a record whose agenda is gone."""
    folder = Path("agendas")
    write_agenda(folder, "ny.toml", "Økonomiudvalget", "2026-04-02")
    running = write_agenda(folder, "igang.toml", "Teknik- og Miljøudvalget")
    roll = write_agenda(folder, "opraab.toml", "Social- og Sundhedsudvalget")
    done = write_agenda(folder, "lukket.toml", "Børne- og Skoleudvalget", "2026-02-05")
    damaged = write_agenda(folder, "skadet.toml", "Kultur- og Fritidsudvalget", "2026-01-08")
    (folder / "gammel.toml").write_text("format = 1\n[meeting\n", encoding="utf-8")
    gone = write_agenda(Path("andetsted"), "vaek.toml", "Beredskabskommissionen", "2025-12-04")

    secretary = open_for_writing(running, at(16, 20))
    secretary.open_meeting("16.00")
    secretary.step(1)
    secretary.record.close()
    secretary = open_for_writing(roll, at(15, 52))
    secretary.set_roll(next(iter(secretary.state.seats)), "afbud")
    secretary.record.close()
    secretary, _ = meetings.open_meeting(running, None, now=at(15, 58), rehearse="")
    secretary.set_roll(next(iter(secretary.state.seats)), "absent")
    secretary.record.close()
    secretary = open_for_writing(done, at(17, 30, "2026-02-05"))
    secretary.open_meeting("16.00")
    secretary.close_meeting("17.15")
    secretary.record.close()
    secretary = open_for_writing(damaged, at(16, 5, "2026-01-08"))
    secretary.open_meeting("16.00")
    record = secretary.record.path
    secretary.record.close()
    lines = record.read_bytes().splitlines(keepends=True)
    record.write_bytes(lines[0] + b"12345 not a record line\n" + b"".join(lines[1:]))
    secretary = open_for_writing(gone, at(18, 40, "2025-12-04"))
    secretary.open_meeting("18.30")
    secretary.record.close()
    gone.unlink()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_screen(snap_compare, size, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MEETINGTUI_DATA_DIR", "data")
    meetings_of_every_kind()
    app = create_home_app(now=later_clock())
    assert snap_compare(app, terminal_size=size)
