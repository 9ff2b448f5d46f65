"""`ingest --move`: a loaded file goes to `processed/`, a failed one to `quarantine/`.

The two folders sit at the top of the inbox and keep the file's relative path,
so an office sees at a glance what is done and what needs a person. A file is
moved only after the transaction that stored its document (or its error row)
has committed: killed before the move, the file is still in the inbox and the
next run recognises it as stored; killed after, nothing was lost. A failed file
gets `NAME.error.txt` beside it with the stage and the reason. The walk never
descends into these two folders, so a moved file is not read again, and its
`files` row follows it so the name is free for the next file an office drops
under it (scanners reuse names).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from pipeline.inbox import RESERVED_DIRS, Entry, display
from schemas.load import IngestErrorItem

# the reserved folders at the top of an inbox (pipeline.inbox does not walk them)
PROCESSED, QUARANTINE = RESERVED_DIRS


class Mover:
    """Moves the files of committed outcomes out of the inbox."""

    def __init__(self, inbox: Path) -> None:
        inbox = Path(inbox)
        self.base = inbox.parent if inbox.is_file() else inbox

    def place(self, entry: Entry, folder: str) -> Path:
        """Where `entry` goes in `folder`: its path under the inbox, never over another file."""
        try:
            rel = entry.path.relative_to(self.base)
        except ValueError:
            rel = Path(entry.path.name)
        target = self.base / folder / rel
        n = 1
        while target.exists() or Path(str(target) + ".error.txt").exists():
            target = target.with_name(f"{target.stem}.{n}{target.suffix}")      # name reused: keep both
            n += 1
        return target

    def move(self, entry: Entry, error: IngestErrorItem | None) -> Path | None:
        """Move the file; None when it is not a regular file of the inbox any more (or cannot be moved)."""
        path = entry.path
        if os.path.islink(path) or not os.path.isfile(path):
            return None                 # a walk problem (FIFO, dangling link) or a file deleted meanwhile
        target = self.place(entry, QUARANTINE if error else PROCESSED)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(os.fspath(path), os.fspath(target))
            if error is not None:
                Path(str(target) + ".error.txt").write_text(
                    f"{display(path)}\n{error.stage}: {error.reason}\n", encoding="utf-8")
        except OSError:
            return None                 # left in place: the next run sees it again, nothing is lost
        return target
