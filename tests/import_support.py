"""Helpers for the import tests: word match, the demo agenda's items, LibreOffice, format 2."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import paths
from meetingtui.agenda.model import Item

WORD_MATCH = 0.97  # issue 11: "≥ 0.97 word match per item"


def words(text: str) -> list[str]:
    """The words of a text: Markdown marks (#, -, **) and punctuation are not words."""
    return re.findall(r"\w+", text)


def word_match(got: str, expected: str) -> float:
    return difflib.SequenceMatcher(None, words(got), words(expected), autojunk=False).ratio()


def demo_items() -> tuple[Item, ...]:
    return agenda_mod.load(paths.DEMO_AGENDA).items


def item_problems(got: dict, expected: Item, *, text: bool = True) -> list[str]:
    """What differs between an imported item (format-2 data) and the agenda's item."""
    problems = []
    if got["title"] != expected.title:
        problems.append(f"title {got['title']!r} != {expected.title!r}")
    if not text:
        return problems
    checks = (
        ("case", got.get("case", ""), expected.case),
        ("closed", got["closed"], expected.closed),
        ("flag", got["flag"], expected.flag),
        ("attachments", got.get("attachments", []), list(expected.bilag)),
        (
            "headings",
            [s["heading"] for s in got.get("sections", [])],
            [s.heading for s in expected.sections],
        ),
    )
    problems += [f"{name}: {a!r} != {b!r}" for name, a, b in checks if a != b]
    got_text = "\n".join(s["heading"] + "\n" + s["text"] for s in got.get("sections", []))
    expected_text = "\n".join(s.heading + "\n" + s.text for s in expected.sections)
    ratio = word_match(got_text, expected_text)
    if ratio < WORD_MATCH:
        problems.append(f"word match {ratio:.4f} < {WORD_MATCH}")
    return problems


def tool_or_skip(names: tuple[str, ...], package: str) -> str:
    """A program the PDF tests need; without it a test skips, except in CI (CI=true), where
    it fails: .ci/run must install it."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    reason = f"{names[0]} is not installed: apt-get install -y --no-install-recommends {package}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: the PDF tests must run)")
    pytest.skip(reason)


def soffice_or_skip() -> str:
    return tool_or_skip(("soffice", "libreoffice"), "libreoffice-writer fonts-crosextra-carlito")


def to_pdf(docx: Path, workdir: Path) -> Path:
    """The .docx as PDF, made by LibreOffice headless with a private profile."""
    soffice = soffice_or_skip()
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = workdir / (docx.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice made no PDF of {docx}"
    return pdf
