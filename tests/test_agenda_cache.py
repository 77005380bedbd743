"""The checked-agenda cache: faster reopening, never a stale, forged or unchecked agenda.

It is signed JSON in the user's own folder (meetingtui/cache.py): a planted file never
runs code, and a cache that is not the user's, not signed with the user's key, or not
made from the same bytes (the agenda's, its body file's, the program's) is ignored; the
agenda is then parsed and checked from the file itself, and says its problems as always.
"""

from __future__ import annotations

import hashlib
import hmac
import json
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
from meetingtui.agenda import cached as cached_mod
from meetingtui.agenda import rules as rules_mod
from meetingtui.agenda.cached import CheckedAgenda
from meetingtui.errors import AgendaError

ROOT = Path(__file__).resolve().parents[1]
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


@pytest.fixture
def checks(monkeypatch):
    """How often an agenda's rules are checked (a cache hit checks nothing again)."""
    count = []
    real = rules_mod.Checker.agenda

    def counting(self, *args, **kwargs):
        count.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(rules_mod.Checker, "agenda", counting)
    return count


def kept_file(cache: Path, path: Path) -> Path:
    """Where the cache keeps the agenda loaded by `path` as it is now."""
    return CheckedAgenda(cache, path, path.read_bytes()).file


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


@pytest.mark.slow  # two fresh interpreters
def test_an_agenda_from_the_cache_loads_neither_the_toml_reader_nor_the_rules(tmp_path):
    """What makes the cache pay at start-up: a hit reads the agenda back without loading
    the TOML parser or the rules (about 10 ms of imports at every start)."""
    probe = (
        "import sys; from pathlib import Path; from meetingtui import agenda, paths; "
        f"agenda.load(paths.DEMO_AGENDA, cache_dir=Path({str(tmp_path / 'cache')!r})); "
        "print(sorted(m for m in ('tomllib', 'meetingtui.agenda.rules', "
        "'meetingtui.agenda.body_file') if m in sys.modules))"
    )

    def loaded() -> str:
        run = [sys.executable, "-c", probe]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip()

    assert "tomllib" in loaded()  # the first load parses and checks, and keeps it
    assert loaded() == "[]"


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
    names = [f"agenda-1-{sha}.pickle", f"agenda-2-{sha}.json", f"agenda-2-{sha}.pickle"]
    for name in [*names, kept_file(cache, agenda_file).name]:
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
    document, texts = content.split(b"\n", 1) if b"\n" in content else (content, None)
    found = json.loads(document)
    change(found)
    content = json.dumps(found, ensure_ascii=False).encode()
    if texts is not None:  # the long texts' section, kept as it was
        content += b"\n" + texts
    if key is not None:
        signature = hmac.new(key, content, hashlib.sha256).hexdigest().encode()
    kept.write_bytes(signature + b"\n" + content)


def open_every_item(found: dict) -> None:
    items = found["value"]["agenda"]["items"]  # rows of the items' fields (agenda/cached.py)
    closed = column("Item", "closed")
    for row in items["v"]:
        row[closed] = False


def column(part: str, field: str) -> int:
    """Where a field of a part is in the rows the cache keeps them as."""
    return cached_mod._CLASSES[part][1].index(field)


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
    others = kept_file(cache, other)
    # The forger can name a genuine file as the cache of another agenda, but not re-sign it.
    others.write_bytes(kept.read_bytes())
    others.chmod(0o600)
    assert closed_item_ids(agenda_mod.load(other, cache_dir=cache)) == []
    forged = kept.read_bytes()
    for mine, theirs in ((kept, others), (agenda_file, other)):
        name = mine.stem.rsplit("-", 1)[-1] if mine is kept else sha256_of(mine)
        its = theirs.stem.rsplit("-", 1)[-1] if theirs is others else sha256_of(theirs)
        forged = forged.replace(name.encode(), its.encode())
    others.write_bytes(forged)
    assert closed_item_ids(agenda_mod.load(other, cache_dir=cache)) == []


# -- the long texts' section (cache.py): signed with the JSON, read only by its offsets -----------
def case_texts(agenda) -> list[str]:
    return [section.text for item in agenda.items for section in item.sections]


def reseal(kept: Path, document: bytes, texts: bytes, key: bytes | None) -> None:
    """Write a cache file of this JSON and text section, signed with `key` or, without
    one, keeping the file's old signature."""
    signature = kept.read_bytes().split(b"\n", 1)[0]
    content = document + b"\n" + texts
    if key is not None:
        signature = hmac.new(key, content, hashlib.sha256).hexdigest().encode()
    kept.write_bytes(signature + b"\n" + content)


def parts(kept: Path) -> tuple[bytes, bytes]:
    document, texts = kept.read_bytes().split(b"\n", 2)[1:]
    return document, texts


def test_the_case_texts_are_kept_in_the_text_section_and_come_back_whole(tmp_path, agenda_file):
    cache = tmp_path / "cache"
    checked = agenda_mod.load(agenda_file, cache_dir=cache)
    document, texts = parts(cache_files(cache)[0])
    longest = max(case_texts(checked), key=len)
    assert len(longest) > cached_mod.LONG_TEXT
    assert longest.encode() in texts and longest.encode() not in document
    assert case_texts(agenda_mod.load(agenda_file, cache_dir=cache)) == case_texts(checked)


@pytest.mark.parametrize(
    "tamper",
    ["a letter changed", "the section cut short", "a text added", "the section dropped"],
)
def test_a_tampered_text_section_is_a_miss_never_wrong_text(tmp_path, agenda_file, checks, tamper):
    """Its signature is the file's: the section edited, cut or dropped is not believed."""
    cache = tmp_path / "cache"
    checked = agenda_mod.load(agenda_file, cache_dir=cache)
    kept = cache_files(cache)[0]
    document, texts = parts(kept)
    changed = {
        "a letter changed": texts.replace(b"e", b"E", 1),
        "the section cut short": texts[: len(texts) // 2],
        "a text added": texts + b"Lukket punkt: fortroligt",
        "the section dropped": b"",
    }[tamper]
    reseal(kept, document, changed, key=None)
    again = agenda_mod.load(agenda_file, cache_dir=cache)
    assert checks == [1, 1], "checked again from the file"
    assert case_texts(again) == case_texts(checked)


@pytest.mark.parametrize(
    "damage",
    [
        "an offset past the end",
        "an offset backwards",
        "an offset inside a letter",
        "not UTF-8",
        "an offset as text",
        "a place past the last row",
        "a row short of a field",
    ],
)
def test_a_text_section_signed_but_unusable_is_a_miss_not_an_error(
    tmp_path, agenda_file, checks, damage
):
    """Even signed with the user's key (no one else can), a section the offsets do not fit,
    or that is not UTF-8, makes the agenda be checked from its file: never an error."""
    cache = tmp_path / "cache"
    checked = agenda_mod.load(agenda_file, cache_dir=cache)
    kept = cache_files(cache)[0]
    document, texts = parts(kept)
    found = json.loads(document)
    rows = found["value"]["agenda"]["items"]["v"]
    places = [  # (the list of a tuple's text places, where one begins in it)
        (sections["t"], at)
        for sections in (row[column("Item", "sections")] for row in rows)
        if "t" in sections
        for at in range(0, len(sections["t"]), 4)
    ]
    # A text with a letter of more than one byte (æ, ø, å): where it is, and its place.
    place, at = next((t, at) for t, at in places if not texts[t[at + 2] : t[at + 3]].isascii())
    start, end = place[at + 2], place[at + 3]
    letter = next(i for i in range(start, end) if texts[i] >= 0xC0)
    if damage == "an offset past the end":
        place[at + 3] = len(texts) + 1
    elif damage == "an offset backwards":
        place[at + 2], place[at + 3] = end, start - 1
    elif damage == "an offset inside a letter":
        place[at + 3] = letter + 1
    elif damage == "an offset as text":
        place[at + 2] = str(start)
    elif damage == "a place past the last row":
        place[at] = 10_000
    elif damage == "a row short of a field":
        rows[-1].pop()
    else:
        texts = texts[:letter] + b"\xff" + texts[letter + 1 :]
    document = json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()
    reseal(kept, document, texts, key=(cache / "key").read_bytes())
    assert agenda_mod.load(agenda_file, cache_dir=cache) == checked
    assert checks == [1, 1]


def test_every_part_of_an_agenda_is_written_and_read_back_with_its_texts_apart():
    agenda = agenda_mod.load(ROOT / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml")
    texts = cached_mod.Texts()
    kept = cached_mod.to_json(agenda, texts)
    assert texts.section() and max(map(len, case_texts(agenda))) > cached_mod.LONG_TEXT
    assert repr(cached_mod.from_json(kept, texts)) == repr(agenda)


def test_the_parts_read_back_are_plain_frozen_data():
    """The cache sets a part's fields as __init__ would, without calling it: right only while
    the model's dataclasses do nothing more in __init__ (no __post_init__, no slots), and
    stay frozen."""
    for cls, _ in cached_mod._CLASSES.values():
        assert not hasattr(cls, "__post_init__"), cls
        assert "__slots__" not in vars(cls), cls
        assert cls.__dataclass_params__.frozen, cls


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


# -- it stands for exactly what the files say, to this program ----------------------------------
AGENDAS = sorted((ROOT / "agendas").glob("*.toml")) + [ROOT / "tests" / "large_meeting.toml"]


@pytest.mark.parametrize("source", AGENDAS, ids=lambda path: path.name)
def test_a_cached_agenda_is_the_agenda_checked_from_the_file(tmp_path, source, checks):
    """Every field, its type, the notes, the path and the SHA-256 the record compares."""
    cache = tmp_path / "cache"
    checked = agenda_mod.load(source)
    agenda_mod.load(source, cache_dir=cache)
    assert checks == [1, 1]
    again = agenda_mod.load(source, cache_dir=cache)
    assert checks == [1, 1], "the rules were checked again"
    assert again == checked
    assert again.path == checked.path and again.sha256 == checked.sha256
    assert again.notes == checked.notes  # not part of ==
    assert repr(again) == repr(checked)  # the same types all the way down (Date, DateTime, Path)
    assert again.meeting.timezone == checked.meeting.timezone
    assert again.quorum_needed() == checked.quorum_needed()


def test_the_notes_of_a_format_1_agenda_come_back_naming_its_file(tmp_path, checks):
    """`check` shows the kind rules a format-1 file breaks as notes: the same from the cache."""
    cache = tmp_path / "cache"
    source = paths.DEMO_AGENDA.read_text(encoding="utf-8")
    assert "format = 2" not in source
    path = tmp_path / "gammel.toml"
    eventuelt = 'title = "Eventuelt"\ncase = "25/24"\nflag = true\nclosed = false'
    assert eventuelt in source
    path.write_text(source.replace(eventuelt, eventuelt.replace("false", "true")), encoding="utf-8")
    first = agenda_mod.load(path, cache_dir=cache)
    assert first.notes and all(note.startswith(f"{path}:") for note in first.notes)
    assert agenda_mod.load(path, cache_dir=cache).notes == first.notes
    assert checks == [1]
    moved = tmp_path / "flyttet.toml"
    moved.write_bytes(path.read_bytes())
    assert all(
        note.startswith(f"{moved}:") for note in agenda_mod.load(moved, cache_dir=cache).notes
    )
    assert checks == [1, 1], "the same bytes by another name: checked again"


@pytest.fixture
def municipal(tmp_path, monkeypatch) -> Path:
    """The municipal agenda and the body file it takes its members from, in a workspace."""
    (tmp_path / "bodies").mkdir()
    (tmp_path / "agendas").mkdir()
    body = ROOT / "bodies" / "teknik-og-miljoeudvalget.toml"
    (tmp_path / "bodies" / body.name).write_bytes(body.read_bytes())
    agenda = ROOT / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml"
    (tmp_path / "agendas" / agenda.name).write_bytes(agenda.read_bytes())
    monkeypatch.chdir(tmp_path)
    return Path("agendas") / agenda.name


def test_a_changed_body_file_is_read_again(tmp_path, municipal, checks):
    cache = tmp_path / "cache"
    before = agenda_mod.load(municipal, cache_dir=cache)
    body = Path("bodies/teknik-og-miljoeudvalget.toml")
    text = body.read_text(encoding="utf-8")
    assert "Erik Nielsen" in text and before.members[0].name == "Erik Nielsen"
    body.write_text(text.replace("Erik Nielsen", "Erik Nielsen-Holm"), encoding="utf-8")
    after = agenda_mod.load(municipal, cache_dir=cache)
    assert after.members[0].name == "Erik Nielsen-Holm"
    assert after.sha256 != before.sha256, "the record notices the change, as without a cache"
    assert after == agenda_mod.load(municipal)
    body.write_text(text.replace('party = "L"', 'party = "XYZW"', 1), encoding="utf-8")
    with pytest.raises(AgendaError) as found:
        agenda_mod.load(municipal, cache_dir=cache)
    with pytest.raises(AgendaError) as without_cache:
        agenda_mod.load(municipal)
    assert found.value.problems == without_cache.value.problems
    body.unlink()
    with pytest.raises(AgendaError, match="filen findes ikke"):
        agenda_mod.load(municipal, cache_dir=cache)


def test_an_agenda_with_problems_says_them_the_same_at_every_load(tmp_path, checks):
    cache = tmp_path / "cache"
    path = tmp_path / "m.toml"
    source = paths.DEMO_AGENDA.read_text(encoding="utf-8")
    path.write_text(source.replace('party = "Ø"', 'party = "X"'), encoding="utf-8")
    said = []
    for _ in range(3):
        with pytest.raises(AgendaError) as found:
            agenda_mod.load(path, cache_dir=cache)
        said.append(found.value.problems)
    assert said[0] and said == [said[0]] * 3
    assert checks == [1, 1, 1]
    assert cache_files(cache) == [], "nothing kept for an agenda that does not load"


@pytest.mark.parametrize("what", ["the program", "the Python running it"])
def test_another_program_checks_again(tmp_path, agenda_file, checks, monkeypatch, what):
    cache = tmp_path / "cache"
    agenda_mod.load(agenda_file, cache_dir=cache)
    if what == "the program":
        monkeypatch.setattr(cached_mod.cache_mod, "_program", b"another meetingtui")
    else:
        monkeypatch.setattr(cached_mod.sys, "version", "3.99.0 (another)")
    agenda_mod.load(agenda_file, cache_dir=cache)
    agenda_mod.load(agenda_file, cache_dir=cache)
    assert checks == [1, 1], "checked again once, then kept for that program"


def test_a_start_the_zone_no_longer_has_is_checked_again(tmp_path, agenda_file, checks):
    """The meeting's start is built again from the cache as the rules build it: a time
    that does not exist in the zone (as after an update of the zone database) is a miss."""
    cache = tmp_path / "cache"
    genuine = agenda_mod.load(agenda_file, cache_dir=cache)

    def spring_forward(found: dict) -> None:  # 02:30 on the night the clocks go forward
        found["value"]["agenda"]["meeting"]["start"]["local"][:5] = [2025, 3, 30, 2, 30]

    forge(cache_files(cache)[0], spring_forward, (cache / "key").read_bytes())
    assert agenda_mod.load(agenda_file, cache_dir=cache) == genuine
    assert checks == [1, 1]


def test_every_part_of_an_agenda_is_written_and_read_back():
    """A field of a type the cache does not know is refused (the agenda is then not kept)."""
    agenda = agenda_mod.load(ROOT / "agendas" / "teknik-og-miljoeudvalget-2026-06-11.toml")
    assert agenda.meeting.body_file is not None and any(i.earlier for i in agenda.items)
    back = cached_mod.from_json(cached_mod.to_json(agenda))
    assert repr(back) == repr(agenda)
    with pytest.raises(TypeError):
        cached_mod.to_json({"a": "dict"})
    with pytest.raises(TypeError):
        cached_mod.to_json(1.5)


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
