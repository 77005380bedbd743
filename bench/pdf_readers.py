"""Which PDF library reads a Danish referat better: pypdf or pdfplumber? (issue 11)

    python bench/pdf_readers.py [--runs 5]

Builds the demo meeting's full referat (`meetingtui export --demo --full`), makes it a
PDF with LibreOffice (`soffice --headless --convert-to pdf`, as a case system's PDF is
made from Word), and reads it with each library. It measures:
- words: the agenda's own words (every item's title, case text and attachments, from
  agendas/diu-2025-11-20.toml) found in order in the extracted text (difflib ratio);
- Danish words intact: the agenda's distinct words with æ ø å é found in the extraction;
- dates whole / broken: "20-11-2025" as written, and as "2011-2025" (Word writes the
  decision headings' dates with no-break hyphens, which pdftotext drops);
- layout: whether the extraction tells headings from text (font name and size per
  character) and list bullets from text;
- time: the median of --runs reads of the whole document.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DANISH = "æøåÆØÅé"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def expected_words() -> list[str]:
    from meetingtui import agenda as agenda_mod
    from meetingtui import paths

    agenda = agenda_mod.load(paths.DEMO_AGENDA)
    out: list[str] = []
    for item in agenda.items:
        out += words(item.title)
        for section in item.sections:
            out += words(section.heading + " " + section.text)
        for name in item.bilag:
            out += words(name)
    return out


def build_pdf(folder: Path) -> tuple[Path, str]:
    import docx

    from meetingtui.cli import main

    source = folder / "referat-fuld.docx"
    if main(["export", "--demo", "--full", "-o", str(source)]) != 0:
        raise SystemExit("the export failed")
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    text = "\n".join(p.text for p in docx.Document(str(source)).paragraphs)
    return folder / "referat-fuld.pdf", text


def read_pypdf(pdf: Path) -> tuple[str, bool]:
    import pypdf

    reader = pypdf.PdfReader(pdf)
    return "\n".join(page.extract_text() or "" for page in reader.pages), False


def read_pdfplumber(pdf: Path) -> tuple[str, bool]:
    import pdfplumber

    lines = []
    fonts = set()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines.append(page.extract_text() or "")
            fonts |= {(c["fontname"], round(c["size"])) for c in page.chars}
    # Layout is there when headings and text come in more than one font size or weight.
    return "\n".join(lines), len(fonts) > 2


def read_meetingtui(pdf: Path) -> tuple[str, bool]:
    from meetingtui.importing import pdf_source

    blocks = pdf_source.read(pdf, str(pdf))
    return "\n".join(getattr(b, "text", "") for b in blocks), True


def measure(name, read, pdf: Path, docx_text: str, expected: list[str], runs: int) -> dict:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        text, layout = read(pdf)
        times.append(time.perf_counter() - start)
    ratio = difflib.SequenceMatcher(None, words(text), expected, autojunk=False).ratio()
    danish = {w for w in expected if any(c in w for c in DANISH)}
    got = set(words(text))
    return {
        "library": name,
        "words in order": f"{ratio:.4f}",
        "Danish words intact": f"{len(danish & got)}/{len(danish)}",
        "dates whole / broken": f"{len(re.findall(r'20-11-2025', text))} / {len(re.findall(r'2011-2025', text))}",
        "bullets": "glyph "
        + repr(next((c for c in text if 0xF000 <= ord(c) <= 0xF8FF or c == "•"), "none")),
        "font and size per character": "yes" if layout else "no",
        "time (median)": f"{statistics.median(times) * 1000:.0f} ms",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        pdf, docx_text = build_pdf(Path(folder))
        expected = expected_words()
        rows = [
            measure("pypdf", read_pypdf, pdf, docx_text, expected, runs),
            measure("pdfplumber", read_pdfplumber, pdf, docx_text, expected, runs),
            measure(
                "pdfplumber, as the importer reads it",
                read_meetingtui,
                pdf,
                docx_text,
                expected,
                runs,
            ),
        ]
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(row[k] for k in keys) + " |")


if __name__ == "__main__":
    main()
