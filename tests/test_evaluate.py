"""The scorer follows SCHEMA.md «Gold files and scoring»."""
from letopis.evaluate import evaluate, figures
from letopis.records import Article, Count, Entity, Event, Quote, Sentence, TimeExpr

TEXT = ("В Алматы «ликвидированы десятки» человек. Об этом сообщила Салтанат Азирбек. "
        "В ночь на 6 января началась спецоперация.")


def article() -> Article:
    a = Article(id="a", text=TEXT, published="2022-01")
    cut = [0, TEXT.index("Об этом"), TEXT.index("В ночь"), len(TEXT)]
    a.sentences = [Sentence(x, y - 1 if y < len(TEXT) else y) for x, y in zip(cut, cut[1:])]
    a.entities = [Entity("E1", "LOC", "Алматы", mentions=[(2, 8)]),
                  Entity("E2", "PER", "Салтанат Азирбек", mentions=[(TEXT.index("Салтанат"), TEXT.index("Салтанат") + 16)]),
                  Entity("E3", "ORG", "Хабар 24")]
    start = TEXT.index("В ночь")
    a.times = [TimeExpr(start, start + 18, "В ночь на 6 января", "2022-01-06", "day", "night")]
    q = TEXT.index("ликвидированы")
    a.quotes = [Quote(q, q + 21, "ликвидированы десятки", "direct", speaker="E2", via=[])]
    a.events = [Event("V1", "ASSAULT", "kill", 0, cut[1] - 1, date="2022-01", location="E1",
                      fatalities=Count(20, 99, "десятки"), modality="reported")]
    return a


GOLD = {
    "entities": [{"type": "LOC", "name": "алматы"}, {"type": "PER", "name": "Азирбек Салтанат", "aliases": ["Салтанат Азирбек"]},
                 {"type": "ORG", "name": "Интерфакс"}, {"type": "ORG", "name": "Хабар 24", "optional": True}],
    "times": [{"text": "в ночь на 6 января", "value": "2022-01-06", "grain": "day"}],
    "quotes": [{"text": "«ликвидированы десятки» человек", "kind": "direct", "speaker": "Салтанат Азирбек",
                "via": ["Хабар 24"]}],
    "events": [{"type": "ASSAULT", "mode": "kill", "date": "2022-01", "location": "Алматы",
                "fatalities": {"min": 101, "max": None}, "modality": "reported",
                "evidence": "«ликвидированы десятки» человек"},
               {"type": "COERCE", "date": "2022-01-06", "evidence": "началась спецоперация"}],
}


def test_each_layer_scores_by_the_schema_rules():
    totals = evaluate([GOLD], [article()])
    # entities: case and aliases ignored; the optional ORG found counts neither way; Интерфакс missed
    assert (totals["entities"].tp, totals["entities"].gold, totals["entities"].pred) == (2, 3, 2)
    # times: the span covers the gold text (case aside) and the value is equal
    assert totals["times"].f1 == 1.0
    # quotes: overlap of half the gold text is enough; via is wrong (Хабар 24 missing)
    assert totals["quotes"].f1 == 1.0
    assert (totals["quotes"].accuracy("speaker"), totals["quotes"].accuracy("via")) == (1.0, 0.0)
    # events: the COERCE is missed; the ASSAULT matches and its arguments are scored
    assert (totals["events"].tp, totals["events"].gold, totals["events"].pred) == (1, 2, 1)
    measured = figures(totals)
    assert measured["events.date"] == measured["events.location"] == measured["events.modality"] == 1.0
    assert measured["events.fatalities"] == 0.0  # 20..99 does not overlap «более 100»


def test_layers_a_gold_file_does_not_claim_are_not_scored():
    gold = dict(GOLD, layers=["times"])
    assert set(evaluate([gold], [article()])) == {"times"}


def test_side_by_side_puts_held_out_gold_last():
    from letopis.evaluate import side_by_side
    totals = evaluate([GOLD], [article()])
    table = side_by_side({"tests/gold/heldout": totals, "../shared/gold": totals, "tests/gold/tuning": totals})
    header = table.splitlines()[1].split()
    assert header == ["seed", "tuning", "heldout"]
    assert "events.location" in table and "events.background" in table


def test_a_merged_event_matches_gold_stated_in_any_sentence_it_cites():
    a = article()
    a.events[0].extra_evidence = [(TEXT.index("В ночь"), len(TEXT))]
    a.events[0].type = "COERCE"
    gold = dict(GOLD, events=[GOLD["events"][1]])
    assert evaluate([gold], [a])["events"].tp == 1  # evidence «началась спецоперация» is in the cited sentence


def test_matching_is_the_largest_one_to_one_and_prefers_the_evidence_sentence():
    a = article()
    night = TEXT.index("В ночь")
    # both gold items can take V1 (one by its own sentence, one by a cited one), only the first can
    # take V2: taking the first match in order would pair gold 1 with V1 and miss gold 2
    first = Event("V1", "COERCE", None, night, len(TEXT), extra_evidence=[(0, 10)])
    second = Event("V2", "COERCE", None, night, len(TEXT))
    a.events = [first, second]
    gold = dict(GOLD, events=[{"type": "COERCE", "evidence": "началась спецоперация"},
                              {"type": "COERCE", "evidence": "ликвидированы десятки"}])
    tally = evaluate([gold], [a])["events"]
    assert (tally.tp, tally.gold, tally.pred) == (2, 2, 2)


def test_gold_text_matches_whatever_spacing_either_side_has():
    # NEREL texts hold no-break spaces before dashes and doubled spaces; gold copied from a viewer
    # may have plain ones, and the other way round
    text = "Стрелок\xa0— житель Казани — был  убит\nв перестрелке. Полиция сообщила о задержании."
    a = Article(id="a", text=text, published="2021-05")
    cut = text.index("Полиция")
    a.sentences = [Sentence(0, cut - 1), Sentence(cut, len(text))]
    a.events = [Event("V1", "ASSAULT", "kill", 0, cut - 1)]
    for evidence in ("Стрелок — житель Казани", "был убит в перестрелке", "житель Казани\xa0— был убит"):
        gold = {"events": [{"type": "ASSAULT", "evidence": evidence}]}
        assert evaluate([gold], [a])["events"].tp == 1, evidence
    gold = {"events": [{"type": "ASSAULT", "evidence": "Полиция сообщила"}]}
    assert evaluate([gold], [a])["events"].tp == 0  # the other sentence: still no match
