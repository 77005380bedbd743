"""The parsed-agenda cache: faster reopening, never a stale, forged or unchecked agenda.

It is signed JSON in the user's own folder (meetingtui/cache.py): a planted file never
runs code, and a cache that is not the user's, not signed with the user's key, or not
made from the same bytes is ignored; the agenda is then parsed from the file itself.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
import json
import math
import os
import pickle
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import paths, session
from meetingtui.errors import AgendaError

load_mod = importlib.import_module("meetingtui.agenda.load")  # `agenda.load` is the function
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners and modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("agenda-*.json"))


@pytest.fixture
def parses(monkeypatch):
    """How often the TOML is parsed (a cache hit parses nothing)."""
    count = []
    real = tomllib.loads

    def counting(text, **kwargs):
        count.append(1)
        return real(text, **kwargs)

    monkeypatch.setattr(tomllib, "loads", counting)
    return count


@pytest.fixture
def agenda_file(tmp_path) -> Path:
    path = tmp_path / "m.toml"
    path.write_bytes(paths.DEMO_AGENDA.read_bytes())
    return path


def closed_item_ids(agenda) -> list[str]:
    return [item.id for item in agenda.items if item.closed]


# -- what it is for ----------------------------------------------------------------------------
def test_a_second_load_reads_the_cache_and_gives_the_same_agenda(tmp_path, parses):
    cache = tmp_path / "cache"
    first = agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    [kept] = cache_files(cache)
    assert mode(kept) == 0o600 and mode(cache / "key") == 0o600
    assert parses == [1]
    again = agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    assert parses == [1], "the TOML was parsed again"
    assert again == first


def test_an_edited_file_is_parsed_anew_and_checked(tmp_path):
    cache = tmp_path / "cache"
    source = paths.DEMO_AGENDA.read_text(encoding="utf-8")
    path = tmp_path / "m.toml"
    path.write_text(source, encoding="utf-8")
    agenda_mod.load(path, cache_dir=cache)
    path.write_text(source.replace('party = "Ø"', 'party = "X"'), encoding="utf-8")
    with pytest.raises(AgendaError, match="er ikke et kendt parti"):
        agenda_mod.load(path, cache_dir=cache)


def test_a_broken_cache_file_is_ignored_and_written_anew(tmp_path, parses):
    cache = tmp_path / "cache"
    agenda = agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    [kept] = cache_files(cache)
    kept.write_bytes(b"not a cache")
    assert agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache) == agenda
    assert agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache) == agenda
    assert parses == [1, 1], "parsed again once, then read from the new file"


def test_the_cache_creates_its_folders_for_the_owner_only(tmp_path):
    cache = tmp_path / "data" / "cache"
    agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    for folder in (tmp_path / "data", cache):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder


# -- it never runs code ------------------------------------------------------------------------
class Planted:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def test_a_planted_pickle_never_runs(tmp_path, agenda_file):
    """The cache was a pickle: a file planted under its name ran a command on loading."""
    cache = paths.data_dir() / "cache"
    cache.mkdir(parents=True, mode=0o700)
    sha = hashlib.sha256(agenda_file.read_bytes()).hexdigest()
    marker = tmp_path / "it-ran"
    for name in (f"agenda-1-{sha}.pickle", f"agenda-2-{sha}.json", f"agenda-2-{sha}.pickle"):
        (cache / name).write_bytes(pickle.dumps(Planted(marker)))
        (cache / name).chmod(0o600)
    session.locate(agenda_file, None)  # what `meetingtui attendance` does first
    assert not marker.exists()
    result = subprocess.run(
        [sys.executable, "-m", "meetingtui", "attendance", str(agenda_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


# -- it never forges ---------------------------------------------------------------------------
def forge(kept: Path, change, key: bytes | None = None) -> None:
    """Rewrite a cache file's value; sign it with `key`, or keep the old signature."""
    signature, content = kept.read_bytes().split(b"\n", 1)
    found = json.loads(content)
    change(found)
    content = json.dumps(found, ensure_ascii=False).encode()
    if key is not None:
        signature = hmac.new(key, content, hashlib.sha256).hexdigest().encode()
    kept.write_bytes(signature + b"\n" + content)


def open_every_item(found: dict) -> None:
    for item in found["value"]["items"]:
        item["closed"] = False


@pytest.mark.parametrize("signed_with", ["the old signature", "a key of the forger's"])
def test_a_forged_cache_cannot_open_a_closed_item(tmp_path, agenda_file, signed_with):
    """A cache for the same hash turned a closed item open while `check` said OK."""
    cache = tmp_path / "cache"
    genuine = agenda_mod.load(agenda_file, cache_dir=cache)
    assert closed_item_ids(genuine)
    [kept] = cache_files(cache)
    forge(kept, open_every_item, None if signed_with == "the old signature" else b"k" * 32)
    again = agenda_mod.load(agenda_file, cache_dir=cache)
    assert closed_item_ids(again) == closed_item_ids(genuine)
    assert again == agenda_mod.load(agenda_file), "what the file says, as `check` reads it"
    # The signature is what keeps it out: only the holder of the user's key could sign one.
    forge(cache_files(cache)[0], open_every_item, (cache / "key").read_bytes())
    assert closed_item_ids(agenda_mod.load(agenda_file, cache_dir=cache)) == []


def test_a_genuine_cache_of_another_agenda_does_not_stand_for_this_one(tmp_path, agenda_file):
    cache = tmp_path / "cache"
    agenda_mod.load(agenda_file, cache_dir=cache)
    [kept] = cache_files(cache)
    other = tmp_path / "other.toml"
    other.write_bytes(agenda_file.read_bytes().replace(b"closed = true", b"closed = false"))
    other_sha = hashlib.sha256(other.read_bytes()).hexdigest()
    # The forger can name a genuine file as the cache of another agenda, but not re-sign it.
    (cache / f"agenda-2-{other_sha}.json").write_bytes(kept.read_bytes())
    (cache / f"agenda-2-{other_sha}.json").chmod(0o600)
    assert closed_item_ids(agenda_mod.load(other, cache_dir=cache)) == []
    forged = kept.read_bytes().replace(
        hashlib.sha256(agenda_file.read_bytes()).hexdigest().encode(), other_sha.encode()
    )
    (cache / f"agenda-2-{other_sha}.json").write_bytes(forged)
    assert closed_item_ids(agenda_mod.load(other, cache_dir=cache)) == []


@POSIX
@pytest.mark.parametrize("how", ["readable by others", "writable by group", "a link"])
def test_a_cache_file_that_is_not_private_is_ignored_and_written_anew(
    tmp_path, agenda_file, parses, how
):
    cache = tmp_path / "cache"
    agenda_mod.load(agenda_file, cache_dir=cache)
    [kept] = cache_files(cache)
    if how == "a link":
        elsewhere = tmp_path / "elsewhere.json"
        kept.rename(elsewhere)
        kept.symlink_to(elsewhere)
    else:
        kept.chmod(0o644 if how == "readable by others" else 0o620)
    agenda_mod.load(agenda_file, cache_dir=cache)
    assert parses == [1, 1]
    assert mode(kept) == 0o600 and kept.is_file() and not kept.is_symlink()
    agenda_mod.load(agenda_file, cache_dir=cache)
    assert parses == [1, 1]


@POSIX
def test_a_cache_file_of_another_user_is_ignored(tmp_path, agenda_file, parses, monkeypatch):
    cache = tmp_path / "cache"
    agenda_mod.load(agenda_file, cache_dir=cache)
    uid = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: uid + 1)  # the files are now someone else's
    agenda_mod.load(agenda_file, cache_dir=cache)
    assert parses == [1, 1]


@POSIX
def test_a_cache_folder_others_may_write_is_not_used(tmp_path, agenda_file, parses):
    cache = tmp_path / "cache"
    agenda_mod.load(agenda_file, cache_dir=cache)
    cache.chmod(0o777)
    [kept] = cache_files(cache)
    before = kept.read_bytes()
    agenda_mod.load(agenda_file, cache_dir=cache)
    agenda_mod.load(agenda_file, cache_dir=cache)
    assert parses == [1, 1, 1], "parsed every time"
    assert kept.read_bytes() == before, "and nothing written there"


@POSIX
def test_a_key_others_may_read_is_replaced_and_what_it_signed_is_ignored(
    tmp_path, agenda_file, parses
):
    cache = tmp_path / "cache"
    agenda_mod.load(agenda_file, cache_dir=cache)
    key = cache / "key"
    old = key.read_bytes()
    key.chmod(0o644)
    agenda_mod.load(agenda_file, cache_dir=cache)
    assert parses == [1, 1]
    assert mode(key) == 0o600 and key.read_bytes() != old
    agenda_mod.load(agenda_file, cache_dir=cache)
    assert parses == [1, 1]


# -- the value is exactly what tomllib gave -----------------------------------------------------
def test_toml_values_survive_the_json_cache():
    text = """
    "$toml" = "a key of the agenda's own"
    "$$x" = 1
    date = 2025-11-20
    time = 10:00:30.125
    local = 2025-11-20T10:00:00
    offset = 2025-11-20T10:00:00+01:00
    utc = 2025-11-20T09:00:00Z
    floats = [inf, -inf, -0.0, 1e300]
    big = 12345678901234567890
    nested = [{ when = 09:30:00, "$v" = { date = 2025-01-01 } }]
    """
    raw = tomllib.loads(text)
    back = load_mod.from_json(json.loads(json.dumps(load_mod.to_json(raw))))
    assert back == raw
    assert {type(v) for v in back.values()} == {type(v) for v in raw.values()}
    assert back["utc"].utcoffset() == raw["utc"].utcoffset()
    nan = load_mod.from_json(json.loads(json.dumps(load_mod.to_json(tomllib.loads("x = nan")))))
    assert math.isnan(nan["x"])


def test_the_cache_benchmark_runs():
    """bench/agenda_cache.py measures whether the cache pays for itself (no timing asserted)."""
    bench = Path(__file__).resolve().parents[1] / "bench" / "agenda_cache.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--runs", "1", "--sizes", "small"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "load, cached" in done.stdout and "| 7 |" in done.stdout
