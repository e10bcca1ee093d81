"""`python -m letopis.cli`: the `letopis` command."""
from . import app

app()
