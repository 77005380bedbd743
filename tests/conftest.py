"""Shared fixtures: every test gets its own data and output directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import paths

REFERENCE = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "referat-diu-2025-11-20.txt"
)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("MEETINGTUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MEETINGTUI_OUTPUT_DIR", str(tmp_path / "output"))
    return tmp_path


@pytest.fixture
def demo_agenda():
    return agenda_mod.load(paths.DEMO_AGENDA)


@pytest.fixture
def reference_text() -> str:
    if not REFERENCE.exists():
        pytest.fail(f"the reference minutes are missing at {REFERENCE}")
    return REFERENCE.read_text(encoding="utf-8")
