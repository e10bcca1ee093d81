"""Two annotators of the same article, one scored against the other (agreement.py)."""
import json

from letopis.agreement import agreement

TEXT = ("В четверг в Кветте неизвестный открыл огонь по посетителям рынка, погибли пять человек. "
        "Полиция задержала двух подозреваемых. «Мы найдём всех причастных», — заявил глава полиции.")


def write(folder, events, quotes=()):
    folder.mkdir()
    gold = {"article": "a.txt", "published": "2021-05-14", "layers": ["events", "quotes"],
            "events": events, "quotes": list(quotes)}
    (folder / "a.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return folder


SHOT = {"type": "ASSAULT", "mode": "firearms", "evidence": "открыл огонь по посетителям рынка",
        "date": "2021-05-13", "location": "Кветта", "fatalities": {"min": 5, "max": 5}, "modality": "asserted"}
ARREST = {"type": "COERCE", "mode": "arrest", "evidence": "Полиция задержала двух подозреваемых",
          "date": "2021-05-13", "location": "Кветта", "modality": "asserted"}
QUOTE = {"text": "Мы найдём всех причастных", "kind": "direct", "speaker": "глава полиции", "via": []}


def test_an_annotation_agrees_with_itself_and_counts_what_the_second_left_out(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    first = write(tmp_path / "first", [SHOT, ARREST], [QUOTE])
    assert agreement(first, first, tmp_path)["events"].f1 == 1.0
    # the second annotator put the shooting in Пакистан, hesitated over the arrest and missed the quote
    second = write(tmp_path / "second", [dict(SHOT, location="Пакистан"), dict(ARREST, optional=True)])
    totals = agreement(first, second, tmp_path)
    events, quotes = totals["events"], totals["quotes"]
    assert (events.tp, events.gold, events.pred) == (1, 2, 1)
    assert events.accuracy("location") == 0.0 and events.accuracy("fatalities") == 1.0
    assert (quotes.tp, quotes.gold, quotes.pred) == (0, 1, 0)
    # the other way round, the hesitation is no miss: only required items count
    assert agreement(second, first, tmp_path)["events"].gold == 1
