"""The parsed-agenda cache: faster reopening, never a stale or unchecked agenda."""

from __future__ import annotations

import tomllib

import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import paths
from meetingtui.errors import AgendaError


def test_a_second_load_reads_the_cache_and_gives_the_same_agenda(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    assert len(list(cache.glob("agenda-*.pickle"))) == 1
    assert oct(next(cache.glob("*.pickle")).stat().st_mode & 0o777) == "0o600"

    def no_parsing(_text):
        raise AssertionError("the TOML was parsed again")

    monkeypatch.setattr(tomllib, "loads", no_parsing)
    again = agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    assert again == first


def test_an_edited_file_is_parsed_anew_and_checked(tmp_path):
    cache = tmp_path / "cache"
    source = paths.DEMO_AGENDA.read_text(encoding="utf-8")
    path = tmp_path / "m.toml"
    path.write_text(source, encoding="utf-8")
    agenda_mod.load(path, cache_dir=cache)
    path.write_text(source.replace('party = "Ø"', 'party = "X"'), encoding="utf-8")
    with pytest.raises(AgendaError, match="not a known party"):
        agenda_mod.load(path, cache_dir=cache)


def test_a_broken_cache_file_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    agenda = agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    next(cache.glob("*.pickle")).write_bytes(b"not a pickle")
    assert agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache) == agenda


def test_the_cache_creates_its_folders_for_the_owner_only(tmp_path):
    cache = tmp_path / "data" / "cache"
    agenda_mod.load(paths.DEMO_AGENDA, cache_dir=cache)
    for folder in (tmp_path / "data", cache):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder
