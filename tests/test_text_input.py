"""The one rule for typed and pasted text (meetingtui/text_input.py, issue 9)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetingtui import text_input as ti

KEPT = "\t\n\r"


def controls(text: str) -> set[str]:
    return {c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")} - set(KEPT)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_multiline_text_keeps_no_control_character_but_tabs_and_breaks(text):
    kept, dropped = ti.clean_multiline(text)
    assert not controls(kept)
    assert dropped >= len([c for c in text if c in controls(text) and c not in "\u2028\u2029"])
    assert ti.clean_multiline(kept) == (kept, 0)  # cleaning twice changes nothing more
    ordinary = "".join(c for c in text if not controls(c) and c != "\x1b")
    if ordinary == text:
        assert kept == text  # nothing to drop: the text is kept exactly as typed


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_one_line_text_is_refused_or_comes_back_clean_and_nfc(text):
    try:
        line = ti.check_one_line(text, "Navnet")
    except ti.TextInputError as error:
        message = str(error)
        assert message.startswith("Navnet indeholder ") and "\n" not in message
        assert ti.first_control(text) or ti.first_bidi_control(text)
        return
    assert not ti.first_control(line) and not ti.first_bidi_control(line)
    assert line == unicodedata.normalize("NFC", line)
    assert line == "" or ti.has_visible(line)


def test_escape_sequences_are_dropped_whole():
    assert ti.clean_multiline("\x1b[31mFejl\x1b[0m") == ("Fejl", 9)
    assert ti.clean_multiline("\x1b]52;c;SGVq\x07Budget") == ("Budget", 12)  # OSC 52
    assert ti.clean_multiline("a\x9b1mb") == ("ab", 3)  # C1 CSI
    assert ti.clean_multiline("Linje\u2028to") == ("Linje\nto", 0)


@pytest.mark.parametrize(
    "one, other",
    [
        ("Mette Juhl", "mette  juhl"),
        ("Søren Krogh", "SØREN KROGH"),
        ("René Dam", "Rene\u0301 Dam"),  # composed and decomposed
        ("Lise Dam", "Lise\u200b Dam"),  # a zero-width space
        ("Lise Dam", "\ufeffLise Dam\u2060"),  # byte-order mark, word joiner
        ("Lise Dam", "Lise\u00a0Dam"),  # no-break space
        ("Ｌｉｓｅ Dam", "Lise Dam"),  # full-width letters
    ],
)
def test_names_compare_normalised(one, other):
    assert ti.name_key(one) == ti.name_key(other)


def test_different_names_stay_different():
    assert ti.name_key("Lise Dam") != ti.name_key("Lise Damm")
    assert ti.name_key("Ærø") != ti.name_key("Aero")


@pytest.mark.parametrize(
    "text", ["", " ", "\u200b", "\u200b\u200c\u200d", "\u3164", "\u2800", "\u0301"]
)
def test_text_with_nothing_visible(text):
    assert not ti.has_visible(text)


@pytest.mark.parametrize("text", ["A", "محمد", "👍", "1", "-", "👩\u200d👩\u200d👧"])
def test_text_with_something_visible(text):
    assert ti.has_visible(text)


def test_right_to_left_letters_need_no_control_and_pass():
    assert ti.check_one_line("محمد علي", "Navnet") == "محمد علي"
    assert ti.check_one_line("שלום  עליכם", "Navnet") == "שלום עליכם"


def test_dropped_message_is_danish_and_absent_for_none():
    assert ti.dropped_message(0) is None
    assert ti.dropped_message(2).startswith("Teksten indeholdt styretegn")
