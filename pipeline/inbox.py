"""The inbox: which files to read, and what cannot be read as one, never a traceback.

`walk` lists the regular files under a folder in sorted order, and for every
entry it cannot take (an unreadable sub-folder, a dangling symlink, a symlink
leading out of the inbox, a FIFO or device, a path the system refuses as too
long) returns one error item, so nothing is lost silently and nothing hangs.
File names that are not UTF-8 are kept as bytes in the path and shown with
`\\x` escapes (`display`), which is also how they are stored.
"""
from __future__ import annotations

import errno
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import CongvanError
from schemas.load import IngestErrorItem

# files the walk never treats as documents: hidden files and Office lock files
IGNORED_PREFIXES = (".", "~$")
# the folders `ingest --move` fills (pipeline.lifecycle): at the top of an inbox, never walked
RESERVED_DIRS = ("processed", "quarantine")
# a file modified this recently may still be being copied in: left for the next run
SETTLE_SECONDS = 2.0


class InboxMissing(CongvanError):
    """The inbox folder (or file) does not exist."""


@dataclass(frozen=True)
class Entry:
    path: Path
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return display(self.path)


def display(path: Path | str) -> str:
    """The path as text that is always valid UTF-8 (`a\\xf4.txt` for a Latin-1 name)."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _problem(path: Path | str, reason: str) -> IngestErrorItem:
    return IngestErrorItem(file=display(path), stage="read", reason=reason)


def _ignored(name: str) -> bool:
    return name.startswith(IGNORED_PREFIXES)


def walk(inbox: Path) -> tuple[list[Entry], list[IngestErrorItem]]:
    """(regular files in sorted order, entries that cannot be read as files)."""
    inbox = Path(inbox)
    try:
        st = inbox.stat()
    except OSError:
        raise InboxMissing(f"no inbox at {display(inbox)}") from None
    if stat.S_ISREG(st.st_mode):
        return [Entry(inbox, st.st_size, st.st_mtime_ns)], []
    if not stat.S_ISDIR(st.st_mode):
        raise InboxMissing(f"not a folder or a file: {display(inbox)}")
    root = os.path.realpath(inbox)
    files: list[Entry] = []
    problems: list[IngestErrorItem] = []

    def onerror(exc: OSError) -> None:
        where = exc.filename or inbox
        problems.append(_problem(where, f"cannot read folder: {exc.strerror or exc}"))

    for folder, dirs, names in os.walk(inbox, onerror=onerror, followlinks=False):
        top = folder == os.fspath(inbox)     # os.walk yields the top folder as given
        dirs[:] = sorted(d for d in dirs if not _ignored(d) and not (top and d in RESERVED_DIRS))
        for d in list(dirs):
            if os.path.islink(os.path.join(folder, d)):
                dirs.remove(d)          # a linked folder is not walked: it may lead anywhere
                problems.append(_problem(os.path.join(folder, d), "symlink to a folder: not followed"))
        for name in sorted(names):
            if _ignored(name):
                continue
            path = os.path.join(folder, name)
            entry, problem = _entry(path, root)
            if entry is not None:
                files.append(entry)
            elif problem is not None:
                problems.append(problem)
    files.sort(key=lambda e: os.fsencode(str(e.path)))
    return files, problems


def _entry(path: str, root: str) -> tuple[Entry | None, IngestErrorItem | None]:
    try:
        lst = os.lstat(path)
        if stat.S_ISLNK(lst.st_mode):
            target = os.path.realpath(path)
            if not os.path.exists(target):
                return None, _problem(path, "dangling symlink")
            if os.path.commonpath([root, target]) != root:
                return None, _problem(path, "symlink out of the inbox: not followed")
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return None, _problem(path[:200] + "…", "path too long for the system")
        return None, _problem(path, f"cannot stat: {exc.strerror or exc}")
    if not stat.S_ISREG(st.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device"
        return None, _problem(path, f"not a regular file ({kind}): not read")
    return Entry(Path(path), st.st_size, st.st_mtime_ns), None


def settling(entry: Entry, now: float | None = None, settle: float = SETTLE_SECONDS) -> bool:
    """Whether the file was modified too recently to be complete (still being copied in)."""
    return settle > 0 and ((now or time.time()) - entry.mtime_ns / 1e9) < settle


def read_bytes(entry: Entry, max_bytes: int) -> bytes:
    """The file's bytes, refusing one larger than `max_bytes` or one that changed while read."""
    from pipeline.errors import CorruptDocument

    if entry.size > max_bytes:
        raise CorruptDocument(f"file too large: {entry.size // 1_000_000} MB (limit {max_bytes // 1_000_000} MB)")
    with open(entry.path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) != entry.size:
        raise CorruptDocument("file changed while being read (still being written?)")
    return data
