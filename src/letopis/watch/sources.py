"""A SOURCES file: one feed or page URL per line; blank lines and `#` comments (a line of its own,
or after the URL) are left out. A line that is not an http(s) URL is an error of its own, named
by its line number; the other lines are read."""
from __future__ import annotations

from pathlib import Path

from ..fetch.urls import is_url
from ..ingest import ReadError


def read_sources(path: Path) -> tuple[list[str], list[ReadError]]:
    """(the URLs in their order, each once; the lines that are not URLs)."""
    urls: list[str] = []
    errors: list[ReadError] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        return [], [ReadError(str(path), f"cannot read the list of sources ({getattr(error, 'strerror', None) or error})")]
    for number, line in enumerate(lines, 1):
        url = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not url or url.startswith("#"):
            continue
        if not is_url(url) or any(c.isspace() for c in url):
            errors.append(ReadError(f"{path}:{number}", f"not an http(s) URL: {url[:200]!r}"))
        elif url not in urls:
            urls.append(url)
    return urls, errors
