"""The confidentiality canary (tests/test_confidentiality.py) on the HTML page.

The public page, as exported, holds none of the closed item's markers: not in its text,
not in its markup, not escaped. Drawn from the full model, the same renderer shows every
marker: the search would find them.
"""

from __future__ import annotations

import html as stdlib_html

import pytest
from test_confidentiality import MARKERS, PUBLIC_SUMMARY, played

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
