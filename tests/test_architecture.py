"""The house rules: the core runs without Textual; the UI reaches the record only via the core."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "meetingtui"


def core_modules() -> list[str]:
    """Every module of the package outside ui/ (the core), by dotted name."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "ui" in parts or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


CORE = core_modules()


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


def module_imports(path: Path) -> set[str]:
    """Modules of the package that `path` imports at module level (not under TYPE_CHECKING,
    not inside functions): the imports that run when it is loaded. `from pkg import sub`
    imports the submodule `pkg.sub` when there is one, else a name of `pkg`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node) if isinstance(node, ast.If | ast.Try) else [node]:
            if isinstance(inner, ast.Import):
                names |= {alias.name for alias in inner.names}
            elif isinstance(inner, ast.ImportFrom) and inner.module:
                for alias in inner.names:
                    sub = f"{inner.module}.{alias.name}"
                    names.add(sub if _is_module(sub) else inner.module)
    return {name for name in names if name.startswith("meetingtui")}


def _is_module(dotted: str) -> bool:
    base = PACKAGE.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def test_no_import_cycle():
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {
        name: {other for other in module_imports(path) if other in modules and other != name}
        for name, path in modules.items()
    }
    cycles = []
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                cycles.append(trail[trail.index(other) :] + [other])
            elif other not in state:
                visit(other, [*trail, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
