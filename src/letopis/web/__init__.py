"""`letopis serve`: the REST API and the web pages over a chronicle (see docs/web.md)."""
from .app import create_app

__all__ = ["create_app"]
