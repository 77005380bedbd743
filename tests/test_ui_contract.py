"""The UI's contract with the core: typed results, one home for labels, no import cycle."""

from __future__ import annotations

import ast
import errno
import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

from textual.screen import Screen
from ui_support import Clock, demo_app

import meetingtui.ui.screens as screens_package
from meetingtui import events, labels
from meetingtui.notices import NoticeCode
from meetingtui.ui.contract import Done, HoldsTypedText, Refused
from meetingtui.ui.save_status import SaveStatus
from meetingtui.ui.screens.base import MeetingDialog, MeetingScreen
from meetingtui.ui.screens.main import MainScreen

UI = Path(__file__).resolve().parents[1] / "meetingtui" / "ui"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_nothing_in_the_ui_imports_the_app_module_but_the_app():
    for path in UI.rglob("*.py"):
        if path.name != "app.py":
            assert "meetingtui.ui.app" not in imported_modules(path), path


def test_every_screen_and_dialog_is_typed_by_the_contract():
    found = []
    for module_info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"meetingtui.ui.screens.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                found.append(cls.__name__)
                assert issubclass(cls, MeetingScreen | MeetingDialog), cls
    assert {"MainScreen", "RollCallScreen", "VoteScreen", "MemberPicker"} <= set(found)


def test_the_main_screen_holds_typed_text():
    assert issubclass(MainScreen, HoldsTypedText)


def test_labels_cover_every_code_the_core_uses():
    assert set(labels.ROLL_STATUS) == set(events.ROLL_STATUSES)
    assert set(labels.REASON) == set(events.REASONS)
    assert set(labels.NOTICE_TEXTS) == set(NoticeCode)
    assert {status.value for status in SaveStatus} == set(labels.SAVE_STATUS)
    assert SaveStatus.FAILED.label == "⚠ IKKE GEMT"


def test_the_quick_texts_name_the_one_that_postpones():
    texts = labels.quick_texts("Udvalget", "Regionsrådet")
    assert texts["recommend"] == "Udvalget anbefaler indstillingen over for Regionsrådet."
    assert texts[labels.POSTPONE] == "Udsat."
    bound = [b.action for b in MainScreen.BINDINGS if b.action.startswith("quick(")]
    assert bound == [f"quick('{name}')" for name in texts]  # F2, F3, ... in order


def test_a_refused_disk_write_is_explained_by_its_errno():
    assert labels.save_cause(errno.ENOSPC) == "Disken er fuld."
    assert labels.save_cause(errno.EACCES) == labels.save_cause(errno.EPERM)
    assert labels.save_cause(None) == labels.save_cause(errno.ENOENT) == "Disken afviser at gemme."


async def test_act_gives_done_with_the_value_or_refused_with_the_reason():
    app = demo_app(Clock())
    async with app.run_test(size=(120, 40)) as pilot:
        refused = app.act(app.secretary.open_meeting, "25.99")
        assert isinstance(refused, Refused) and not refused.ok and refused.reason
        done = app.act(app.secretary.open_meeting, "10.00")
        assert done == Done(None) and done.ok
        added = app.act(app.secretary.add_item, "Henvendelse fra borger")
        assert added.ok and app.secretary.state.number(added.value) == 2
        undone = app.act(app.secretary.undo)
        assert undone.ok and undone.value == "Punkt tilføjet: Henvendelse fra borger"
        await pilot.pause()
        assert app.save_status is SaveStatus.SAVED


def test_labels_and_notices_import_without_textual():
    code = (
        "import sys, meetingtui.labels, meetingtui.notices\n"
        "assert not [m for m in sys.modules if m.startswith('textual')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
