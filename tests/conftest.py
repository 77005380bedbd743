"""Shared fixtures: every test gets its own data and output directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import paths

# The reference minutes: the shared copy beside the project where there is one (this
# workplace, CI); otherwise the copy kept in docs/reference/ (any other machine).
# tests/test_reference_copy.py checks that the kept copies are the shared ones.
SHARED_REFERENCE_DIR = Path(__file__).resolve().parents[2] / "shared" / "reference"
KEPT_REFERENCE_DIR = Path(__file__).resolve().parents[1] / "docs" / "reference"
SHARED_REFERENCE = SHARED_REFERENCE_DIR / "referat-diu-2025-11-20.txt"
KEPT_REFERENCE = KEPT_REFERENCE_DIR / "referat-diu-2025-11-20.txt"
REFERENCE = SHARED_REFERENCE if SHARED_REFERENCE.exists() else KEPT_REFERENCE


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


# Tests that take seconds each: a real terminal, subprocesses, Pilot-driven screens, many
# hypothesis examples. `pytest -m "not slow"` leaves them out for a quick run (under 30 s);
# CI and the README's test command run everything. Kept here, by file, so a new test in
# one of these files is marked without anyone having to remember it.
SLOW_FILES = {
    "test_app_killed.py",
    "test_agenda_properties.py",
    "test_bench_smoke.py",
    "test_crash.py",
    "test_fold_properties.py",
    "test_ui_actions.py",
    "test_ui_snapshots.py",
    "test_ui_walkthrough.py",
}
SLOW_TESTS = {"test_power_cut_inside_a_large_last_write_sampled"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_FILES or item.originalname in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
