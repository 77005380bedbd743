"""The app's side of approval: the preview worded as the export, the approve and correction
dialogs, and a locked record refusing ordinary edits (Pilot)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pendulum
import pytest
from rich.console import Console
from ui_support import Clock, Keys

from meetingtui.ui.app import create_app

pytestmark = pytest.mark.slow  # Pilot-driven screens

ROOT = Path(__file__).parent.parent


def text_of(app, selector: str) -> str:
    """The text a widget shows, rich renderables included."""
    widget = app.screen.query_one(selector)
    content = getattr(widget, "content", None)
    if content is None or isinstance(content, str):
        return str(widget.render())
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(content)
    return console.export_text()


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
