"""What one ingest run reports: the row of `loads` plus the errors it recorded."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Stage = Literal["read", "extract", "load"]
LoadStatus = Literal["running", "ok", "partial", "failed", "interrupted"]


class IngestErrorItem(BaseModel):
    """One file that did not load (also a row of `ingest_errors`)."""

    file: str
    stage: Stage
    reason: str  # one line


class LoadSummary(BaseModel):
    """Outcome of `pipeline.ingest.ingest()` (also the row of `loads`)."""

    load_id: str
    inbox: str
    db: str
    started_at: datetime
    finished_at: datetime | None = None
    status: LoadStatus = "running"
    files_read: int = 0
    loaded: int = 0
    skipped: int = 0  # unchanged: the same bytes are already stored
    failed: int = 0
    deferred: int = 0  # still being written when the run looked: left for the next run
    extractor_version: str = ""
    schema_version: int = 0
    errors: list[IngestErrorItem] = Field(default_factory=list)

    def line(self) -> str:
        """The closing line of a run."""
        secs = (self.finished_at - self.started_at).total_seconds() if self.finished_at else 0.0
        return (
            f"{self.files_read} read, {self.loaded} loaded, {self.skipped} skipped as unchanged, "
            f"{self.failed} failed ({secs:.1f} s, load {self.load_id})"
        )
