"""What a secretary types or pastes into a decision comes out in the .docx as typed."""

from __future__ import annotations

import pendulum
from docx import Document

from meetingtui import agenda as agenda_mod
from meetingtui import paths
from meetingtui.export import export_with_warnings
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary

LONG = "Udvalget drøftede sagen grundigt. " * 3000  # about 100 KB in one paragraph
TYPED = {
    "emoji": "Godkendt 👍 med applaus 🎉",
    "rtl": "Hilsen fra delegationen: مرحبا بكم و שלום",
    "tabs": "Punkt a:\tgodkendt\tenstemmigt",
    "long": LONG.strip(),
}


def secretary(tmp_path) -> Secretary:
    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    clock = lambda: pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")  # noqa: E731
    desk = Secretary(agenda, MeetingRecord(tmp_path / "m.record", agenda.sha256), now=clock)
    desk.open_meeting("10.00")
    return desk


def paragraphs(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_emoji_right_to_left_tabs_and_long_text_come_out_as_typed(tmp_path):
    desk = secretary(tmp_path)
    desk.set_decision("\n".join(TYPED.values()))
    path, warnings = export_with_warnings(desk.state, output=tmp_path / "r.docx")
    text = paragraphs(path)
    for typed in TYPED.values():
        assert typed in text
    assert warnings == []
    desk.record.close()


def test_windows_line_endings_make_paragraphs_not_stray_characters(tmp_path):
    desk = secretary(tmp_path)
    desk.set_decision("Første afsnit.\r\nAndet afsnit.\r\n")
    path, _ = export_with_warnings(desk.state, output=tmp_path / "r.docx")
    text = paragraphs(path)
    assert "Første afsnit." in text and "Andet afsnit." in text
    assert not any("\r" in p for p in text)
    desk.record.close()


def test_characters_word_cannot_hold_are_left_out_with_a_warning(tmp_path):
    """In a record written before issue 9 (the secretary drops them as they are typed now)."""
    desk = secretary(tmp_path)
    desk._record("decision_set", item=desk.viewing, text="Godkendt\x0b med\x07 rettelser\x1b.")
    path, warnings = export_with_warnings(desk.state, output=tmp_path / "r.docx")
    assert "Godkendt med rettelser." in paragraphs(path)
    assert len(warnings) == 1 and "3 tegn" in warnings[0]
    # the record keeps exactly what was recorded
    assert desk.state.item("delstrategier").decision == "Godkendt\x0b med\x07 rettelser\x1b."
    desk.record.close()


def test_control_characters_typed_are_dropped_as_they_enter_with_a_message(tmp_path):
    desk = secretary(tmp_path)
    saved = desk.set_decision("Godkendt\x0b med\x07 rettelser\x1b.")
    assert saved.text == "Godkendt med rettelser." and saved.dropped == 3
    assert desk.state.item("delstrategier").decision == "Godkendt med rettelser."
    path, warnings = export_with_warnings(desk.state, output=tmp_path / "r.docx")
    assert "Godkendt med rettelser." in paragraphs(path)
    assert warnings == []
    desk.record.close()
