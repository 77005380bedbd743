"""The exported .docx as Word and a file system see it: styles, fields, properties, safety."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from helpers import zip_parts

from meetingtui import agenda as agenda_mod
from meetingtui import export, session
from meetingtui.errors import ExportError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def demo_state():
    return session.open_demo_session().state()


@pytest.fixture(scope="module")
def public(demo_state, tmp_path_factory):
    return export.export(demo_state, full=False, output=tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def full(demo_state, tmp_path_factory):
    return export.export(demo_state, full=True, output=tmp_path_factory.mktemp("full"))


def fields(element) -> list[tuple[str, str]]:
    """(instruction, cached result text) of every complex field under `element`, in order."""
    out, stack = [], []
    for node in element.iter(f"{W}fldChar", f"{W}instrText", f"{W}t", f"{W}tab", f"{W}p"):
        if node.tag == f"{W}fldChar":
            kind = node.get(f"{W}fldCharType")
            if kind == "begin":
                stack.append({"instr": "", "result": "", "in_result": False})
            elif kind == "separate" and stack:
                stack[-1]["in_result"] = True
            elif kind == "end" and stack:
                field = stack.pop()
                out.append((field["instr"].strip(), field["result"]))
        elif node.tag == f"{W}instrText" and stack:
            stack[-1]["instr"] += node.text or ""
        elif stack and stack[-1]["in_result"]:
            if node.tag == f"{W}t":
                stack[-1]["result"] += node.text or ""
            elif node.tag == f"{W}tab":
                stack[-1]["result"] += "\t"
            elif node.tag == f"{W}p":
                stack[-1]["result"] += "\n"
    return out


def item_headings(document) -> list:
    return [
        p
        for p in document.paragraphs
        if p.style.name == "Heading 1" and re.match(r"Punkt \d+: ", p.text)
    ]


# -- styles and layout -----------------------------------------------------------------------------


def test_named_styles_are_used(public):
    used = {p.style.name for p in docx.Document(str(public)).paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Normal"} <= used


def test_every_item_starts_on_a_new_page(public):
    document = docx.Document(str(public))
    headings = item_headings(document)
    assert len(headings) == 7
    for paragraph in headings:
        own = paragraph.paragraph_format.page_break_before
        inherited = paragraph.style.paragraph_format.page_break_before
        assert own is True or (own is None and inherited is True), paragraph.text
    # the contents start on a page of their own too (front page 1, contents 2: docs/reference/FORMAT.md)
    contents = next(p for p in document.paragraphs if p.text == "Indholdsfortegnelse")
    assert contents.style.paragraph_format.page_break_before is True


def test_toc_field_with_titles_as_cached_result(public, demo_state):
    document = docx.Document(str(public))
    tocs = [(i, r) for i, r in fields(document.element.body) if i.startswith("TOC")]
    assert len(tocs) == 1
    instruction, result = tocs[0]
    assert re.search(r"\\f\b", instruction), instruction
    entries = [line.split("\t")[0].strip() for line in result.split("\n") if line.strip()]
    titles = [s.item.title for s in demo_state.items]
    assert len(entries) == len(titles) == 7
    for entry, title in zip(entries, titles, strict=True):
        assert title in entry and not entry.startswith("Punkt ")
    assert entries[1] == "Lukket punkt: Udbudsproces"


def test_tc_field_in_each_item_heading(public):
    document = docx.Document(str(public))
    headings = item_headings(document)
    for paragraph in headings:
        tcs = [i for i, _ in fields(paragraph._p) if i.startswith("TC ")]
        assert len(tcs) == 1, paragraph.text
        entry = re.match(r'TC "(.*)"', tcs[0]).group(1).replace('\\"', '"')
        assert entry == re.sub(r"^Punkt \d+: ", "", paragraph.text)
        assert re.search(r"\\f\b", tcs[0])


def test_page_numbers_in_the_footer(public):
    footer = docx.Document(str(public)).sections[0].footer
    instructions = [i for i, _ in fields(footer._element)]
    assert "PAGE" in instructions and "NUMPAGES" in instructions


def test_word_updates_fields_on_open(public):
    settings = zip_parts(public)["word/settings.xml"].decode("utf-8")
    update = re.search(r'<w:updateFields w:val="(true|1|on)"/>', settings)
    assert update
    compat = settings.find("<w:compat")
    assert compat == -1 or update.start() < compat


# -- properties and language -----------------------------------------------------------------------


def test_document_properties(public, full):
    props = docx.Document(str(public)).core_properties
    assert "Digitaliserings- og Innovationsudvalget" in props.title
    assert "20-11-2025" in props.title
    assert props.subject == "Digitaliserings- og Innovationsudvalget"
    assert props.language == "da-DK"
    assert props.created.date().isoformat() == "2025-11-20"
    full_props = docx.Document(str(full)).core_properties
    assert "Digitaliserings- og Innovationsudvalget" in full_props.title


def test_danish_language_on_the_styles(public):
    document = docx.Document(str(public))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        rpr = document.styles[name].element.rPr
        lang = rpr.find(qn("w:lang")) if rpr is not None else None
        assert lang is not None and lang.get(qn("w:val")) == "da-DK", name
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang is not None and lang.get(qn("w:val")) == "da-DK"


def header_text(path: Path) -> str:
    section = docx.Document(str(path)).sections[0]
    return " ".join(p.text for p in section.header.paragraphs)


def test_full_variant_marks_itself_confidential(public, full):
    assert "fortrolig" in header_text(full).lower()
    assert "fortrolig" not in header_text(public).lower()
    for part, data in zip_parts(public).items():
        assert b"FORTROLIG" not in data.upper(), part


# -- the file on disk --------------------------------------------------------------------------------


def test_file_is_readable_by_its_owner_only(public, full):
    for path in (public, full):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_default_name_from_body_and_date(demo_state, isolated_dirs):
    path = export.export(demo_state)
    assert path.parent == isolated_dirs / "output"
    assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*\.docx", path.name), path.name
    assert "digitaliserings" in path.name and "innovationsudvalget" in path.name
    assert "2025-11-20" in path.name or "20-11-2025" in path.name
    full = export.export(demo_state, full=True)
    assert full.name != path.name and full.parent == path.parent


def test_a_second_default_export_gets_a_new_name(demo_state, tmp_path):
    first = export.export(demo_state, output=tmp_path)
    before = first.read_bytes()
    os.utime(first, (0, 0))
    second = export.export(demo_state, output=tmp_path)
    assert second != first
    assert second.name == first.stem + "-2.docx"
    assert first.read_bytes() == before and first.stat().st_mtime == 0
    third = export.export(demo_state, output=tmp_path)
    assert third.name == first.stem + "-3.docx"


def test_an_explicit_existing_file_is_refused_unless_overwrite(demo_state, tmp_path):
    target = tmp_path / "referat.docx"
    target.write_bytes(b"mine")
    with pytest.raises(ExportError) as caught:
        export.export(demo_state, output=target)
    assert str(target) in str(caught.value) and "exists" in str(caught.value)
    assert target.read_bytes() == b"mine"
    assert export.export(demo_state, output=target, overwrite=True) == target
    assert target.read_bytes().startswith(b"PK")


def test_an_explicit_new_file_name_is_used(demo_state, tmp_path):
    target = tmp_path / "mit-referat.docx"
    assert export.export(demo_state, output=target) == target
    assert docx.Document(str(target)).paragraphs


def test_a_folder_that_does_not_exist_yet_is_created(demo_state, tmp_path):
    folder = tmp_path / "ny" / "mappe"
    path = export.export(demo_state, output=folder)
    assert path.parent == folder and path.suffix == ".docx"


def plant_symlink(at: Path, tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(victim)
    return victim


def test_a_symlink_at_the_default_name_is_not_followed(demo_state, tmp_path):
    out = tmp_path / "out"
    default = out / export.paths.export_name(demo_state.agenda, False)
    victim = plant_symlink(default, tmp_path)
    path = export.export(demo_state, output=out)
    assert path != default
    assert victim.read_text() == "do not touch"
    assert default.is_symlink()


def test_a_symlink_at_an_explicit_target_is_not_followed(demo_state, tmp_path):
    target = tmp_path / "out" / "referat.docx"
    victim = plant_symlink(target, tmp_path)
    with pytest.raises(ExportError):
        export.export(demo_state, output=target)
    assert victim.read_text() == "do not touch"
    export.export(demo_state, output=target, overwrite=True)
    assert victim.read_text() == "do not touch"
    assert not target.is_symlink() and target.read_bytes().startswith(b"PK")


def test_a_dangling_symlink_is_not_written_through(demo_state, tmp_path):
    target = tmp_path / "referat.docx"
    elsewhere = tmp_path / "elsewhere.docx"
    target.symlink_to(elsewhere)
    with pytest.raises(ExportError):
        export.export(demo_state, output=target)
    assert not elsewhere.exists()


HOSTILE = """
format = 1
[meeting]
body = "{body}"
date = 2026-02-02
start = 10:00:00
place = "Et sted"
[[members]]
name = "Ane Ahl"
party = "V"
[[items]]
title = "Et punkt"
"""


@pytest.mark.parametrize(
    "body",
    ["../../../etc/passwd", "/etc/passwd", "con", "..", ".hidden", "a/b\\\\c", "NUL", "  "],
)
def test_names_from_hostile_agenda_fields_stay_in_the_output_folder(tmp_path, body):
    from meetingtui.meeting import fold

    data = HOSTILE.format(body=body).encode("utf-8")
    try:
        agenda = agenda_mod.parse(data, Path("hostile.toml"))
    except agenda_mod.AgendaError:
        return  # refused outright: nothing to write
    out = tmp_path / "out"
    path = export.export(fold(agenda, []), output=out)
    assert path.parent.resolve() == out.resolve()
    assert path.name.endswith(".docx") and not path.name.startswith(".")
    stem = path.name.removesuffix(".docx")
    assert stem.split("-")[0].lower() not in {"con", "nul", "prn", "aux"} or len(stem) > 3
    assert sorted(p.name for p in out.iterdir()) == [path.name]


def test_unwritable_disk_gives_an_export_error_with_the_reason(demo_state, tmp_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "write", full_disk)
    out = tmp_path / "out"
    with pytest.raises(ExportError) as caught:
        export.export(demo_state, output=out)
    message = str(caught.value)
    assert "full" in message.lower() or "space" in message.lower()
    assert "\n" not in message
    monkeypatch.undo()
    assert list(out.iterdir()) == []  # no half-written file, no stray temp file


def test_unopenable_target_gives_an_export_error(demo_state, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(export.os, "open", refuse)
    with pytest.raises(ExportError) as caught:
        export.export(demo_state, output=tmp_path / "x")
    assert "permission" in str(caught.value).lower()


def test_a_disk_turned_read_only_gives_an_export_error(demo_state, tmp_path, monkeypatch):
    # CI runs as root, where a read-only folder proves nothing: inject the error instead.
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(export.os, "open", read_only)
    with pytest.raises(ExportError) as caught:
        export.export(demo_state, output=tmp_path / "x")
    assert "read-only" in str(caught.value)
    monkeypatch.undo()
    assert not any(tmp_path.glob("**/*.docx"))


def test_control_characters_typed_into_the_record_do_not_break_the_export(tmp_path):
    from helpers import Play, small_agenda

    play = Play(small_agenda())
    play.open_meeting("10:00")
    play.open_item("budget", "10:00")
    play.decide("budget", "Godkendt\x0c med\x00 rettelser.\x1b")
    play.dissent("budget", "dorte", "Imod\x07.")
    play.close_item("budget", "10:10")
    path = export.export(play.state(), output=tmp_path)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Godkendt med rettelser." in paragraphs
    assert any(p.endswith('beslutningsprotokollen: "Imod."') for p in paragraphs)


def test_a_wrapping_title_moves_d_with_its_date(public):
    """The title's "d. 20-11-2025" never breaks: a no-break space after "d." and Word's
    non-breaking hyphens in the date (a PDF text search for 20-11-2025 finds it)."""
    title = next(p for p in docx.Document(public).paragraphs if p.style.name == "Title")
    xml = title._p.xml
    assert "d.\u00a020" in xml
    assert xml.count("<w:noBreakHyphen/>") == 2
