"""letopis: Russian news into a structured, sourced chronicle of events."""
from .chronicle import Chronicle
from .pipeline import Pipeline
from .records import Article

__all__ = ["Article", "Chronicle", "Pipeline"]
