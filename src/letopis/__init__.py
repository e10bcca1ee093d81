"""letopis: Russian news into a structured, sourced chronicle of events."""
from .pipeline import Pipeline
from .records import Article

__all__ = ["Article", "Pipeline"]
