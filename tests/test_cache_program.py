"""The program a cache is bound to (cache.program_fingerprint): any change of a source
file is another program, whose caches (checked agendas, checked record lines) are not
trusted; bytecode and a file looked at but not changed are not."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from meetingtui import cache


@pytest.fixture
def package(tmp_path) -> Path:
    root = tmp_path / "meetingtui"
    (root / "record").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "rules.py").write_text("LIMIT = 400\n")
    (root / "record" / "store.py").write_text("FORMAT = 1\n")
    return root


def fingerprint(root: Path) -> bytes:
    return cache.sources_fingerprint(str(root))


def later() -> None:
    """Let the file system's clock move on (its times may be a few milliseconds coarse)."""
    time.sleep(0.05)


def test_the_same_files_give_the_same_program(package):
    assert fingerprint(package) == fingerprint(package)
    (package / "rules.py").read_bytes()  # looked at, not changed
    assert fingerprint(package) == fingerprint(package)


@pytest.mark.parametrize("where", ["rules.py", "record/store.py"])
def test_a_source_file_changed_is_another_program(package, where):
    before = fingerprint(package)
    later()
    (package / where).write_text((package / where).read_text().replace("1", "2").replace("4", "5"))
    assert fingerprint(package) != before


def test_a_change_that_keeps_the_size_and_puts_back_the_time_is_still_seen(package):
    """A rule changed in place, its modification time set back as it was (as `cp -p`, an
    archive's fixed times or `touch -d` can): the bytes still differ."""
    source = package / "rules.py"
    before, st = fingerprint(package), source.stat()
    later()
    source.write_text("LIMIT = 900\n")  # the same size
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert source.stat().st_size == st.st_size and source.stat().st_mtime_ns == st.st_mtime_ns
    assert fingerprint(package) != before


def test_a_source_file_added_removed_or_renamed_is_another_program(package):
    first = fingerprint(package)
    (package / "extra.py").write_text("")
    added = fingerprint(package)
    (package / "extra.py").rename(package / "other.py")
    renamed = fingerprint(package)
    (package / "other.py").unlink()
    assert len({first, added, renamed}) == 3
    assert fingerprint(package) == first


def test_bytecode_and_other_files_are_not_the_program(package):
    before = fingerprint(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0" * 16)
    (package / "__pycache__" / "odd.py").write_text("")
    (package / "notes.txt").write_text("not a source file")
    assert fingerprint(package) == before


def test_the_installed_program_has_one_fingerprint_per_process():
    assert cache.program_fingerprint() == cache.program_fingerprint()
    package = Path(cache.__file__).resolve().parent
    assert cache.program_fingerprint() == cache.sources_fingerprint(str(package))
