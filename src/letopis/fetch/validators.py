"""What a feed's last answer said about its version (kept in the `feeds` table), so that the next
request is a conditional GET and an unchanged feed answers 304 with no body."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Validators:
    etag: str | None = None
    last_modified: str | None = None
