"""URLs as the store keeps them: one spelling per page, so that a page met again (with tracking
parameters, another case of host, a fragment) is known before it is fetched."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader arrived, not which page it is.
TRACKING = ("utm_", "yclid", "gclid", "fbclid", "_openstat")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def canonical(url: str) -> str:
    """Scheme and host in lower case, no default port, no fragment, no tracking parameters,
    a bare host as `/`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a broken IPv6 host, a port out of range: as written, the fetch will say
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _tracking(k)], doseq=True)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """What the per-host interval counts by: scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _tracking(key: str) -> bool:
    key = key.lower()
    return any(key == t or (t.endswith("_") and key.startswith(t)) for t in TRACKING)
