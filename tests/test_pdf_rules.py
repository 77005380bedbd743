"""The PDF export's rules that need no LibreOffice: the font check, the contents check,
and what a machine without LibreOffice says (one Danish line, exit status 2), while the
.docx export needs nothing of it."""

from __future__ import annotations

import sys

from meetingtui import cli, pdf


# -- the font check's rule, without LibreOffice ---------------------------------------------
def test_a_metric_compatible_stand_in_is_no_warning():
    embedded = {"BAAAAA+Carlito", "CAAAAA+Carlito-Bold", "DAAAAA+OpenSymbol"}
    assert pdf.font_warnings(["Calibri"], embedded) == []
    assert pdf.font_warnings(["Liberation Sans"], {"EAAAAA+LiberationSans-Italic"}) == []


def test_a_font_replaced_by_another_family_is_one_warning_naming_both():
    [line] = pdf.font_warnings(["Calibri"], {"BAAAAA+DejaVuSans", "CAAAAA+DejaVuSans-Bold"})
    assert line == (
        "Skrifttypen »Calibri« findes ikke på denne maskine, så LibreOffice brugte DejaVuSans "
        "i stedet; linje- og sideskift kan afvige fra Word (installér Calibri, eller Carlito "
        "med samme mål: Debian-pakken fonts-crosextra-carlito)."
    )


def test_a_contents_page_without_page_numbers_is_a_warning():
    assert pdf.contents_warnings(["Budget\t3", "Eventuelt #\t16"]) == []
    [line] = pdf.contents_warnings(["Budget\t3", "Byggeri\t", "It"])
    assert line.startswith("Indholdsfortegnelsen fik ikke sidetal ved 2 punkter (først »Byggeri«)")


# -- without LibreOffice: one Danish line, exit status 2, and the .docx still works ----------
def export_pdf(capsys, tmp_path) -> tuple[int, list[str]]:
    code = cli.main(["export", "--demo", "--pdf", "-o", str(tmp_path / "ud" / "x.pdf")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [line for line in err.splitlines() if line.strip()]


def test_no_libreoffice_on_the_path_is_one_danish_line(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MEETINGTUI_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, [line] = export_pdf(capsys, tmp_path)
    assert code == 2
    assert line.startswith("meetingtui: LibreOffice er ikke installeret, så der kan ikke laves")
    assert "apt-get install libreoffice-writer python3-uno" in line
    assert not (tmp_path / "ud").exists()


def test_a_named_libreoffice_that_is_not_there_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MEETINGTUI_SOFFICE", str(tmp_path / "soffice"))
    code, [line] = export_pdf(capsys, tmp_path)
    assert code == 2 and f"LibreOffice blev ikke fundet i {tmp_path / 'soffice'}" in line


def test_libreoffice_without_its_python_bridge_is_one_line(tmp_path, capsys, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("MEETINGTUI_SOFFICE", str(fake))
    monkeypatch.setenv("MEETINGTUI_UNO_PYTHON", sys.executable)  # the venv's: no uno
    code, [line] = export_pdf(capsys, tmp_path)
    assert code == 2 and "python3-uno" in line and "UNO" in line


def test_the_docx_needs_no_libreoffice(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code = cli.main(["export", "--demo", "-o", str(tmp_path / "x.docx")])
    assert code == 0 and (tmp_path / "x.docx").read_bytes().startswith(b"PK")
