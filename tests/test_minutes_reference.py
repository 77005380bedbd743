"""Issue 2's acceptance test: the demo's public .docx reproduces the published referat.

The .docx is exported as a user would (export.export of the bundled demo meeting) and
read back with python-docx, the contents' cached TOC result included. What the issue
sets aside is set aside here too: layout (tabs, line breaks, bullet marks), the
contents' dot leaders and page numbers, and the start/end sentence the export adds.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest
from helpers import docx_paragraphs, normalise

from meetingtui import export, session

# docs/reference/FORMAT.md: item 5's heading lacks ' #' in the reference, "most likely an artefact of the
# extraction" (the contents have it); the export renders the flag in both places.
HEADING_WITHOUT_FLAG = (
    "Punkt 5: Oversigt over resultater m.v. for Digitaliserings- og Innovationsudvalget 2022-2025"
)
NOT_TAKING_PART = "deltog ikke i sagens behandling."
MEETING_TIMES = re.compile(r"^Mødet begyndte kl\. \d\d\.\d\d( og sluttede kl\. \d\d\.\d\d)?\.$")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    state = session.open_demo_session().state()
    out = tmp_path_factory.mktemp("export")
    path = export.export(state, full=False, output=out)
    return path, docx_paragraphs(path)


def reference_lines(text: str) -> list[str]:
    """The reference's paragraphs, without dot leaders + page numbers or bullet marks."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"\.{3,}\s*\d+\s*$", "", line)  # contents: 'Title #.....\t3'
        line = re.sub(r"^- ", "", line)  # bullet marks are layout
        line = normalise(line)
        if line:
            lines.append(line)
    return lines


def export_lines(paragraphs: list[tuple[str, str]]) -> list[str]:
    lines = [normalise(text) for _, text in paragraphs]
    return [line for line in lines if line and not MEETING_TIMES.match(line)]


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def occurrences(haystack: list[str], phrase: str) -> int:
    needle = phrase.split()
    n = len(needle)
    return sum(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def required_phrases(lines: list[str]) -> list[str]:
    """The lines the issue names: headings, decisions, non-participation, Fraværende, front page."""
    phrases = []
    for index, line in enumerate(lines):
        if re.match(r"^Punkt \d+: ", line):
            phrases.append(line)
        elif line.startswith("Beslutning i "):
            phrases += [line, lines[index + 1]]  # the heading and the decision below it
        elif (
            line.endswith(NOT_TAKING_PART)
            or line.startswith("Fraværende ")
            or line.startswith(("REFERAT ", "Mødedato ", "Mødested ", "Mødedeltagere "))
        ):
            phrases.append(line)
    return phrases


def test_reference_is_what_we_think_it_is(reference_text):
    lines = reference_lines(reference_text)
    phrases = required_phrases(lines)
    assert sum(p.startswith("Punkt ") for p in phrases) == 7
    assert sum(p.startswith("Beslutning i ") for p in phrases) == 5
    assert sum(p.endswith(NOT_TAKING_PART) for p in phrases) == 5
    assert sum(p.startswith("Fraværende ") for p in phrases) == 7
    assert HEADING_WITHOUT_FLAG in lines


def test_the_export_is_a_docx_in_the_chosen_folder(exported):
    path, paragraphs = exported
    assert path.suffix == ".docx" and path.is_file()
    assert paragraphs


def test_every_required_line_appears_as_often_as_in_the_reference(exported, reference_text):
    _, paragraphs = exported
    ref_lines = reference_lines(reference_text)
    ref_words = words(ref_lines)
    got_words = words(export_lines(paragraphs))
    missing = []
    for phrase in dict.fromkeys(required_phrases(ref_lines)):
        expected = occurrences(ref_words, phrase)
        if phrase == HEADING_WITHOUT_FLAG:
            phrase += " #"  # the one documented exception: the flag as in the contents
        found = occurrences(got_words, phrase)
        if found != expected:
            missing.append(f"{found} x (expected {expected} x): {phrase}")
    assert not missing, "\n".join(missing)


def test_item_headings_are_the_references_in_order(exported, reference_text):
    _, paragraphs = exported
    expected = [
        line + " #" if line == HEADING_WITHOUT_FLAG else line
        for line in reference_lines(reference_text)
        if re.match(r"^Punkt \d+: ", line)
    ]
    got = [normalise(text) for style, text in paragraphs if style == "Heading 1"]
    assert [h for h in got if h.startswith("Punkt ")] == expected


def test_contents_lists_the_titles_without_punkt_prefix(exported, reference_text):
    _, paragraphs = exported
    ref = reference_lines(reference_text)
    start = ref.index("Indholdsfortegnelse") + 1
    expected = ref[start : start + 7]
    entries = [normalise(text) for style, text in paragraphs if style.lower().startswith("toc")]
    assert entries == expected


def test_front_page_lines_come_first(exported, reference_text):
    _, paragraphs = exported
    got = export_lines(paragraphs)
    ref = reference_lines(reference_text)
    assert got[:4] == ref[:4]


def test_whole_text_matches_the_reference_word_for_word(exported, reference_text):
    _, paragraphs = exported
    ref_words = words(reference_lines(reference_text))
    got_words = words(export_lines(paragraphs))
    matcher = SequenceMatcher(None, ref_words, got_words, autojunk=False)
    ratio = matcher.ratio()
    if ratio < 0.98:
        diffs = [
            f"{tag}: {' '.join(ref_words[i1:i2])!r} -> {' '.join(got_words[j1:j2])!r}"
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        ]
        pytest.fail(f"word match {ratio:.4f} < 0.98; differences:\n" + "\n".join(diffs[:40]))


def test_closed_item_shows_heading_and_fravaerende_only(exported):
    _, paragraphs = exported
    lines = export_lines(paragraphs)
    start = lines.index("Punkt 2: Lukket punkt: Udbudsproces")
    assert lines[start + 1 : start + 3] == [
        "Fraværende Anne Marie Geisler Andersen, B, Jens Wistoft, V",
        "Punkt 3: Orientering om Region Syddanmarks internationale samarbejde inden for sundhedsinnovation #",
    ]


def test_the_export_adds_the_start_and_end_sentence(exported):
    _, paragraphs = exported
    assert "Mødet begyndte kl. 10.00 og sluttede kl. 11.45." in [t for _, t in paragraphs]
