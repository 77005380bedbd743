"""meetingtui.files: the one place files are written safely."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys

import pytest

from meetingtui import files


def mode(path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_make_dirs_creates_every_missing_folder_for_its_owner_only(tmp_path, open_umask):
    files.make_dirs(tmp_path / "a" / "b" / "c")
    for folder in ("a", "a/b", "a/b/c"):
        assert mode(tmp_path / folder) == 0o700
    files.make_dirs(tmp_path / "a" / "b" / "c")  # already there: nothing to do


def test_write_fully_writes_what_a_short_write_left(tmp_path):
    path = tmp_path / "f"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        files.write_fully(fd, b"abcdefgh", lambda fd, data: os.write(fd, data[:3]))
    finally:
        os.close(fd)
    assert path.read_bytes() == b"abcdefgh"
    fd = os.open(path, os.O_WRONLY)
    try:
        with pytest.raises(OSError):
            files.write_fully(fd, b"x", lambda fd, data: 0)
    finally:
        os.close(fd)


def test_replace_file_replaces_whole_and_leaves_no_temporary_file(tmp_path, open_umask):
    path = tmp_path / "cache.bin"
    files.replace_file(path, b"first")
    files.replace_file(path, b"second")
    assert path.read_bytes() == b"second" and mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.bin"]


def test_replace_file_that_fails_leaves_the_old_file(tmp_path):
    path = tmp_path / "cache.bin"
    files.replace_file(path, b"old")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "full")

    with pytest.raises(OSError):
        files.replace_file(path, b"new", write=full)
    assert path.read_bytes() == b"old"
    assert files.stray_temp_files(path) == []


def test_replace_file_replaces_a_symlink_not_what_it_points_to(tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    path = tmp_path / "target"
    path.symlink_to(victim)
    files.replace_file(path, b"new")
    assert not path.is_symlink() and path.read_bytes() == b"new"
    assert victim.read_bytes() == b"keep"


def test_stray_temporary_files_are_found_by_name(tmp_path):
    path = tmp_path / "meeting.record"
    stray = tmp_path / "meeting.record.tmp-4242"
    stray.write_bytes(b"half")
    (tmp_path / "other.record.tmp-1").write_bytes(b"")
    assert files.stray_temp_files(path) == [stray]


def test_the_free_name_rule(tmp_path):
    names = files.free_names(files.numbered(tmp_path / "referat.docx"))
    assert [next(names).name for _ in range(3)] == [
        "referat.docx",
        "referat-2.docx",
        "referat-3.docx",
    ]


def test_create_unique_never_opens_an_existing_file_or_link(tmp_path, open_umask):
    def name_for(suffix: str):
        return tmp_path / f"backup{suffix}.bak"

    (tmp_path / "backup.bak").write_bytes(b"earlier")
    (tmp_path / "backup-2.bak").symlink_to(tmp_path / "nowhere")
    path, fd = files.create_unique(name_for)
    os.close(fd)
    assert path.name == "backup-3.bak" and mode(path) == 0o600
    assert not (tmp_path / "nowhere").exists()
    assert files.write_unique(name_for, b"data").name == "backup-4.bak"
    assert (tmp_path / "backup-4.bak").read_bytes() == b"data"
    assert (tmp_path / "backup.bak").read_bytes() == b"earlier"


def test_write_new_refuses_an_existing_name_and_removes_a_half_written_file(tmp_path):
    path = tmp_path / "copy.record"
    files.write_new(path, b"one")
    with pytest.raises(FileExistsError):
        files.write_new(path, b"two")
    assert path.read_bytes() == b"one"

    def fails(fd):
        raise OSError(errno.EIO, "i/o")

    with pytest.raises(OSError):
        files.write_new(tmp_path / "other.record", b"x", fsync=fails)
    assert not (tmp_path / "other.record").exists()


def test_link_unique_takes_the_next_free_name_or_refuses(tmp_path):
    source = tmp_path / ".temp"
    source.write_bytes(b"content")
    target = tmp_path / "referat.docx"
    assert files.link_unique(source, files.numbered(target)) == target
    assert files.link_unique(source, files.numbered(target)).name == "referat-2.docx"
    with pytest.raises(FileExistsError):
        files.link_unique(source, files.numbered(target), next_free=False)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "full"),
        (errno.EDQUOT, "quota"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission"),
        (errno.EPERM, "permission"),
        (errno.EIO, "input/output"),
        (errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG)),
    ],
)
def test_reason_says_why_in_english(code, words):
    assert words in files.reason(OSError(code, os.strerror(code)))


def test_importing_the_agenda_loads_neither_tinydb_nor_the_record_store():
    code = (
        "import sys, meetingtui.agenda, meetingtui.meeting, meetingtui.minutes\n"
        "loaded = [m for m in sys.modules if m.startswith(('tinydb', 'meetingtui.record'))]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
