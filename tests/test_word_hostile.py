"""Agenda text that Word's own syntax would misread: field arguments and property limits."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from helpers import SMALL_AGENDA

from meetingtui import agenda as agenda_mod
from meetingtui import meeting
from meetingtui.minutes import build, word


def agenda_with(body: str = "Testudvalget", title: str = "Budget 2026") -> agenda_mod.Agenda:
    source = SMALL_AGENDA.format(quorum="")
    source = source.replace('body = "Testudvalget"', f"body = {_toml(body)}")
    source = source.replace('title = "Budget 2026"', f"title = {_toml(title)}")
    return agenda_mod.parse(source.encode("utf-8"), Path("hostile.toml"))


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tc_arguments(data: bytes) -> list[str]:
    """The quoted argument of every TC field, read back the way Word reads it."""
    document = docx.Document(io.BytesIO(data))
    instructions = "".join(
        node.text or "" for node in document.element.body.iter() if node.tag.endswith("instrText")
    )
    found = re.findall(r'TC "((?:[^"\\]|\\.)*)" \\f (\S+) \\l 1', instructions)
    return [re.sub(r"\\(.)", r"\1", argument) for argument, _switch in found]


def test_quotes_and_backslashes_in_a_title_stay_inside_the_contents_entry():
    title = 'Budget "2026" for C:\\drev\\ og \\'
    minutes = build(meeting.fold(agenda_with(title=title), []), full=False)
    entries = tc_arguments(word.render(minutes))
    assert entries[0].startswith(title)


def test_a_body_name_longer_than_a_document_property_still_exports():
    body = "Udvalget for " + "meget lange navne og " * 15 + "alt det andet"
    assert len(body) > 255
    for full in (False, True):
        data = word.render(build(meeting.fold(agenda_with(body=body), []), full=full))
        document = docx.Document(io.BytesIO(data))
        assert len(document.core_properties.title) <= 255
        assert document.core_properties.title.startswith("REFERAT Udvalget for")
        assert document.core_properties.title.endswith(" (fuld udgave)") == full
        texts = [p.text for p in document.paragraphs]
        assert any(body in text for text in texts), "the document itself keeps the whole name"
