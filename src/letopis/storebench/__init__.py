"""`make bench-store`: the store at 10^4, 10^5 and 10^6 articles (python -m letopis.storebench).

Real pipeline records (seeds.py) are varied into as many synthetic articles as asked (synth.py:
dates, places, people, figures and words change, a story is told by one to three outlets); a
store is filled with them in bulk, then timed (measure.py): ingest batches of 100 through the
real write path, the common queries through letopis.Chronicle, and the same pages through a real
`letopis serve`. The table goes to stdout and to bench/store.md.
"""
