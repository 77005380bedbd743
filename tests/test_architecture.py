"""The house rules: the core runs without Textual; the UI reaches the record only via the core."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "meetingtui"
CORE = [
    "meetingtui.agenda",
    "meetingtui.events",
    "meetingtui.record",
    "meetingtui.meeting",
    "meetingtui.attendance",
    "meetingtui.wording",
    "meetingtui.minutes",
    "meetingtui.minutes.word",
    "meetingtui.minutes.terminal",
    "meetingtui.export",
    "meetingtui.secretary",
    "meetingtui.preflight",
    "meetingtui.session",
    "meetingtui.chair_table",
    "meetingtui.cli",
]


def test_core_imports_without_textual():
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in CORE)
        + "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_ui_never_touches_tinydb_or_the_record_storage():
    for path in (PACKAGE / "ui").rglob("*.py"):
        imported = imports_of(path)
        assert not any(name.startswith("tinydb") for name in imported), path
        assert not any(name.startswith("meetingtui.record") for name in imported), path


def test_only_the_ui_imports_textual():
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue
        assert not any(name.startswith("textual") for name in imports_of(path)), path


def test_python_docx_is_not_imported_at_start_up():
    code = "import sys, meetingtui.ui.app, meetingtui.cli; assert 'docx' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


README = PACKAGE.parent / "README.md"


def architecture_table() -> str:
    """The README's architecture table: the rows under '| module | concept |'."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| module | concept |")
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return "\n".join(rows)


def test_the_readme_architecture_table_is_the_tree():
    """Every module of the package has its row, and every row names a module that exists."""
    import re

    table = architecture_table()
    named = set(re.findall(r"`([\w/]+\.(?:py|tcss))`", table))
    modules = {
        str(path.relative_to(PACKAGE))
        for pattern in ("*.py", "*.tcss")
        for path in PACKAGE.rglob(pattern)
        if path.name not in ("__init__.py", "__main__.py")
    }
    assert sorted(modules - named) == [], "modules missing from the README's table"
    assert sorted(named - modules) == [], "the README's table names modules that do not exist"


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(PACKAGE)): count
        for path in PACKAGE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
