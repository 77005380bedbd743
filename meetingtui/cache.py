"""A cache that can neither run code nor forge what it stands for.

Every cache of meetingtui (today the parsed agendas, and the lines of each record
checked before, record/checked.py; any later one, a snapshot of the folded state
included, must use this) keeps one value per source, named by the source's SHA-256,
under four rules:

- **Data only.** The value is JSON: reading it builds lists, dicts, strings and numbers,
  never objects, and never runs code (a pickle does).
- **The user's own folder and files.** The folder must be the user's, not a link, and
  writable by no one else; a file must be the user's, a regular file, and neither
  readable nor writable by others (it may hold closed items' text). A folder that fails
  is not used at all (the value is computed anew each time); a file that fails is
  ignored and written anew.
- **Signed.** Each file holds an HMAC-SHA256 of its content keyed by a per-user secret
  (`key` in the folder, 32 random bytes, 0600, checked like the files). A file planted
  or edited by anyone who cannot read the key is ignored.
- **Bound to its source.** The signed content names the cache's kind and version and
  the SHA-256 of the source it was made from: a genuine file for another source,
  renamed or linked into place, is ignored. (A record grows while it is used: its
  cache is named by the SHA-256 of the program's fingerprint, the check and the
  record's path, and holds the SHA-256 of the bytes it stands for, compared with the
  file's on every use.)

A cache that stands for what this program found (a checked agenda, a record's checked
lines) is also bound to `program_fingerprint()`, so that a version that checks
differently never trusts another's verdict.

**Long texts beside the JSON.** A value may keep its long strings (an agenda's case
texts: megabytes) in a text section after the JSON, as raw UTF-8, referred to from the
JSON by byte offsets: reading one is decoding its bytes, where json.loads would scan
every character for escapes. The section is data like the rest (text, never parsed as
anything but UTF-8), and signed with it: the file is `<signature>\n<JSON>\n<texts>`, the
signature covering both (the JSON, written without indentation, holds no line break).
An offset outside the section, or bytes that are not UTF-8, are the reader's miss, as
any other wrong value.

Anything wrong means a miss (compute it again); a cache never fails a load. On Windows,
where files have ACLs rather than an owner and mode bits, the owner and mode checks are
left to the ACLs of the user's profile folder; the signature is checked all the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from meetingtui import files

KEY_BYTES = 32
READ_FLAGS = os.O_RDONLY | files.NOFOLLOW | files.NONBLOCK | files.CLOEXEC | files.BINARY


_program: bytes | None = None


def program_fingerprint() -> bytes:
    """The SHA-256 of the meetingtui package's source files (paths and contents), taken
    once per process (about 140 files, 0.8 MB: a few ms). Raises OSError if a source file
    cannot be read (then nothing may be trusted from a cache bound to it).

    The contents, not the files' times and sizes: an install unpacked over another keeps
    a file's size when a digit changes, archives carry fixed times, and on Windows and
    FAT sticks a file overwritten in place keeps its creation time; only the bytes say
    that the program is the one that made a cache."""
    global _program
    if _program is None:
        _program = sources_fingerprint(os.path.dirname(os.path.abspath(__file__)))
    return _program


def sources_fingerprint(package: str) -> bytes:
    """program_fingerprint's digest of the .py files under `package` (not __pycache__)."""
    found: list[tuple[str, str]] = []
    folders = [package]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    found.append((entry.path[len(package) :].replace(os.sep, "/"), entry.path))
    digest = hashlib.sha256()
    for where, path in sorted(found):
        with open(path, "rb") as source:
            data = source.read()
        digest.update(where.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.digest()


def _me() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") and not files.WINDOWS else None


def _private(st: os.stat_result, others_may: int) -> bool:
    """The user's own, and none of the `others_may` bits set (on POSIX)."""
    me = _me()
    return me is None or (st.st_uid == me and not st.st_mode & others_may)


class Cache:
    def __init__(self, directory: Path, kind: str, version: int, max_bytes: int):
        self.directory = Path(directory)
        self.kind = kind
        self.version = version
        self.max_bytes = max_bytes

    def file(self, sha256: str) -> Path:
        return self.directory / f"{self.kind}-{self.version}-{sha256}.json"

    # -- reading -------------------------------------------------------------------------
    def get(
        self,
        sha256: str,
        object_hook: Callable[[dict], Any] | None = None,
        texts_hook: Callable[[memoryview], Callable[[dict], Any]] | None = None,
    ) -> Any | None:
        """The value kept for the source with this SHA-256, or None (a miss).

        `object_hook` (json.loads's) may turn the signed content's objects into others;
        a ValueError, TypeError, KeyError or IndexError it raises is a miss. A value kept with a text
        section (`put`'s `texts`) is read with `texts_hook(texts)` as its object_hook
        instead, `texts` the section's bytes; without a `texts_hook` a file with a text
        section is a miss."""
        key = self._key(create=False)
        if key is None:
            return None
        data = self._read(self.file(sha256), self.max_bytes)
        if data is None:
            return None
        # The parts are read through a view: no copy of megabytes of content to sign,
        # nor of the text section to decode.
        begins = data.find(b"\n") + 1  # <signature>\n<content>
        if not begins:
            return None
        view = memoryview(data)
        expected = hmac.new(key, view[begins:], hashlib.sha256).hexdigest().encode()
        if not hmac.compare_digest(data[: begins - 1], expected):
            return None
        ends = data.find(b"\n", begins)  # <content> is <JSON>[\n<texts>]
        document = data[begins:ends] if ends >= 0 else data[begins:]
        section = view[ends + 1 :] if ends >= 0 else view[:0]
        try:
            if texts_hook is not None:
                object_hook = texts_hook(section)
            elif section:
                return None
            found = json.loads(document, object_hook=object_hook)
        except (ValueError, TypeError, LookupError):  # UnicodeDecodeError is a ValueError
            return None
        if not isinstance(found, dict) or found.get("for") != [self.kind, self.version, sha256]:
            return None
        return found.get("value")

    # -- writing -------------------------------------------------------------------------
    def put(self, sha256: str, value: Any, texts: bytes = b"") -> None:
        """Keep `value` (JSON-able) for the source with this SHA-256, and `texts` (UTF-8) as
        its text section (see `get`); failures only cost time."""
        with contextlib.suppress(OSError, ValueError, TypeError):
            files.make_dirs(self.directory)
            key = self._key(create=True)
            if key is None:
                return
            content = json.dumps(
                {"for": [self.kind, self.version, sha256], "value": value},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
            if texts:
                content += b"\n" + texts
            signature = hmac.new(key, content, hashlib.sha256).hexdigest().encode()
            files.replace_file(self.file(sha256), signature + b"\n" + content)

    # -- the folder, the key, the files ----------------------------------------------------
    def _folder_ok(self) -> bool:
        try:
            st = os.lstat(self.directory)
        except OSError:
            return False
        return stat.S_ISDIR(st.st_mode) and _private(st, 0o022)

    def _key(self, create: bool) -> bytes | None:
        """The user's secret, or None if the folder or the key cannot be trusted."""
        if not self._folder_ok():
            return None
        path = self.directory / "key"
        key = self._read(path, KEY_BYTES)
        if key is not None and len(key) == KEY_BYTES:
            return key
        if not create:
            return None
        try:  # absent, or ours but unusable: a new key (every file signed with the old goes)
            st = os.lstat(path)
        except FileNotFoundError:
            st = None
        if st is not None and not (stat.S_ISREG(st.st_mode) and _private(st, 0)):
            return None  # not ours to replace
        key = secrets.token_bytes(KEY_BYTES)
        if st is None:
            files.write_new(path, key)
        else:
            files.replace_file(path, key)
        return key

    def _read(self, path: Path, limit: int) -> bytes | None:
        """A private regular file's bytes (at most `limit`), or None."""
        try:
            fd = os.open(path, READ_FLAGS)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not _private(st, 0o077) or st.st_size > limit:
                return None
            data = files.read_at_most(fd, limit)
        except OSError:
            return None
        finally:
            os.close(fd)
        return data if len(data) <= limit else None
