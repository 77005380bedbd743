"""Any text a dagsorden could hold (structure lines mixed with arbitrary text, control
characters, odd Unicode) imports to readable TOML or fails with one Danish line: never a
traceback (hypothesis)."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingtui.agenda.write import to_toml
from meetingtui.importing import ImportFailed, html_source, text_source
from meetingtui.importing.recognise import recognise

STRUCTURE = [
    "Punkt 1: Vejplan 2027",
    "Punkt 2: Lukket punkt: Køb af areal #",
    "3. Eventuelt",
    "Pkt. 42 Cykelsti",
    "Sag nr. 129",
    "49. Budget",
    "Resumé",
    "Sagsfremstilling",
    "INDSTILLING",
    "Bilag",
    "Beslutning i Teknik- og Miljøudvalget den 11-06-2026",
    "Sagsnr.: 23/11174",
    "25/3108",
    "Lukket punkt",
    "Lukkede punkter",
    "Indholdsfortegnelse",
    "Vejplan 2027.......... 3",
    "Mødedato: 11. juni 2026 kl. 16.00",
    "Mødested: Rådhuset",
    "Mødedeltagere: Formand Erik Nielsen (A), Ole Berg, V (Fravær), Ida Holm (stedfortræder)",
    "Fraværende: Ole Berg (V)",
    "Økonomiudvalget, 20. maj 2026, pkt. 65: Anbefales.",
    "- et punkt på en liste",
    "• endnu et",
    "Side 3 af 17",
    "\f",
    "",
]
lines = st.lists(
    st.one_of(st.sampled_from(STRUCTURE), st.text(max_size=60)), min_size=0, max_size=40
)
settings_ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _imported_or_refused(blocks) -> None:
    try:
        result = recognise(blocks, "kilde")
    except ImportFailed as error:
        assert "\n" not in str(error) and str(error).startswith("kilde: ")
        return
    text = to_toml(result.data)
    again = tomllib.loads(text)
    assert again["format"] == 2
    assert len(again["items"]) == len(result.drafts) >= 1


@settings_
@given(lines)
def test_any_text_imports_or_is_refused_in_one_line(chosen):
    data = "\n".join(chosen).encode("utf-8", "surrogatepass")
    try:
        blocks = text_source.read(data, "kilde")
    except ImportFailed as error:
        assert "\n" not in str(error)
        return
    _imported_or_refused(blocks)


@settings_
@given(lines)
def test_any_portal_page_imports_or_is_refused_in_one_line(chosen):
    page = "".join(
        f"<h2>{line}</h2>" if index % 3 == 0 else f"<p>{line}</p>"
        for index, line in enumerate(chosen)
    )
    try:
        blocks = html_source.read(
            f"<html><body>{page}</body></html>".encode("utf-8", "surrogatepass"), "kilde"
        )
    except ImportFailed as error:
        assert "\n" not in str(error)
        return
    _imported_or_refused(blocks)
