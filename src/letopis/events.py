"""Stage placeholder until its issue lands: adds nothing yet."""
from __future__ import annotations

from .models import Models
from .records import Article

NEEDS: tuple[str, ...] = ()
ADDS: tuple[str, ...] = ()


def run(articles: list[Article], models: Models) -> list[Article]:
    return articles
