"""The app's export screen: a PDF choice when LibreOffice is there, said plainly when it is
not, and the export run off the UI thread with progress."""

from __future__ import annotations

import threading

from test_ui_actions import open_meeting, text_of
from ui_support import Clock, Keys, demo_app

from meetingtui import pdf
from meetingtui.pdf import PdfUnavailable

MISSING = "LibreOffice er ikke installeret: installér libreoffice-writer og python3-uno"


def no_office():
    raise PdfUnavailable(MISSING)


async def settled(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_without_libreoffice_the_screen_says_so_and_stays_with_word(monkeypatch):
    monkeypatch.setattr(pdf, "find_office", no_office)
    clock = Clock()
    app = demo_app(clock)
    async with app.run_test(size=(160, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        await keys.press("e")
        await settled(app, pilot)
        shown = text_of(app, "#format")
        assert "Format: Word (.docx)" in shown and MISSING in shown
        await keys.press("p")
        assert "Format: Word (.docx)" in text_of(app, "#format")


async def test_p_makes_the_export_a_pdf_and_it_runs_in_a_worker_thread(monkeypatch):
    monkeypatch.setattr(pdf, "find_office", lambda: None)
    clock = Clock()
    app = demo_app(clock)
    asked: list[tuple[bool, str, bool]] = []

    def export(full, output=None, kind="docx"):
        asked.append((full, kind, threading.current_thread() is threading.main_thread()))
        return output or app.secretary.state.agenda.path, []

    async with app.run_test(size=(160, 40)) as pilot:
        keys = Keys(pilot)
        await open_meeting(keys, clock)
        app.secretary.export = export
        await keys.press("e")
        await settled(app, pilot)
        await keys.press("p")
        assert "Format: PDF" in text_of(app, "#format")
        await keys.press("b")
        await settled(app, pilot)
        assert asked == [(False, "pdf", False), (True, "pdf", False)]  # both, off the UI thread
        assert "Fuldt (fortroligt) referat gemt i" in text_of(app, "#result")
        assert not app.screen.query_one("#progress").display  # the bar goes when it is done
