"""The embedded DuckDB store: schema, write path, chronicle merge, search and export.

`letopis.chronicle.Chronicle` is the public face of this package; see docs/store.md.
"""
