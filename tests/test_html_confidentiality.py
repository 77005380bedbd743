"""The confidentiality canary (tests/test_confidentiality.py) on the HTML page.

The public page, as exported, holds none of the closed item's markers: not in its text,
not in its markup, not escaped. Drawn from the full model, the same renderer shows every
marker: the search would find them.
"""

from __future__ import annotations

import html as stdlib_html
import re
from pathlib import Path

import pytest
from helpers import Play
from test_confidentiality import AGENDA_2, MARKERS, MARKERS_2, PUBLIC_SUMMARY, played

from meetingtui import agenda as agenda_mod
from meetingtui import export
from meetingtui.minutes import build, html


def forms(marker: str) -> list[str]:
    """The marker as written, HTML-escaped, and with every character as a reference."""
    return [marker, stdlib_html.escape(marker), "".join(f"&#{ord(c)};" for c in marker)]


def public_page(tmp_path, summary: str | None = None) -> str:
    path, _ = export.export_with_warnings(
        played(summary).state(), full=False, output=tmp_path / "referat.html", kind="html"
    )
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("field", sorted(MARKERS))
def test_no_marker_anywhere_in_the_public_page(tmp_path, field):
    page = public_page(tmp_path, PUBLIC_SUMMARY)
    readable = stdlib_html.unescape(page)
    for form in forms(MARKERS[field]):
        assert form not in page and form not in readable


def test_the_public_page_shows_the_heading_and_the_public_summary(tmp_path):
    page = public_page(tmp_path, PUBLIC_SUMMARY)
    assert "Punkt 2: Lukket punkt: Salg af grund" in page
    assert PUBLIC_SUMMARY in stdlib_html.unescape(page)
    for phrase in ("stemte", "deltog ikke", "Bilag", "Sagsfremstilling", "inhabil"):
        assert phrase not in page, phrase


@pytest.mark.parametrize("field", sorted(MARKERS))
def test_the_renderer_would_show_every_marker_of_the_full_model(field):
    page = stdlib_html.unescape(html.render(build(played().state(), full=True)).decode("utf-8"))
    assert MARKERS[field] in page


def played_2() -> Play:
    """The format-2 canary: a closed item's own sections, earlier decisions, attachments."""
    play = Play(agenda_mod.parse(AGENDA_2.encode("utf-8"), Path("hemmelig2.toml")))
    play.open_meeting("14:00")
    play.take_item("lukket", "14:00", "14:10", "Godkendt.")
    return play


def test_format_2_closed_item_fields_stay_out_of_the_public_page(tmp_path):
    path, _ = export.export_with_warnings(
        played_2().state(), full=False, output=tmp_path / "referat.html", kind="html"
    )
    page = path.read_text(encoding="utf-8")
    full = stdlib_html.unescape(html.render(build(played_2().state(), full=True)).decode("utf-8"))
    for marker in MARKERS_2.values():
        for form in forms(marker):
            assert form not in page and form not in stdlib_html.unescape(page), marker
        assert marker in full, marker


def test_the_public_page_of_an_approved_meeting_says_so_without_its_fingerprint(tmp_path):
    page = stdlib_html.unescape(re.sub(r"<[^>]+>", "", public_page(tmp_path)))
    assert "Referatet er godkendt ved underskrift den 22-01-2026." in page
    assert "Fingeraftryk" not in page
