from letopis.language import _break_cycles
from letopis.records import Sentence, Token


def test_parse_cycles_are_broken_into_a_tree():
    words = "Полиция задержала двух протестующих".split()
    tokens = [Token(i * 10, i * 10 + len(w), w, id=i + 1) for i, w in enumerate(words)]
    for token, head in zip(tokens, [2, 4, 4, 2]):  # 2 -> 4 -> 2: a cycle, no root
        token.head = head
    sentence = Sentence(0, 40, tokens)
    _break_cycles(sentence)
    by_id = {t.id: t for t in tokens}
    for token in tokens:
        seen, t = set(), token
        while t.head:
            assert t.id not in seen
            seen.add(t.id)
            t = by_id[t.head]
    assert sum(1 for t in tokens if t.head == 0) == 1


def test_language_layer_fills_morphology_and_syntax(process):
    article = process("Протестующие захватили здание городской администрации в Алматы.")
    tokens = {t.text: t for t in article.tokens}
    assert tokens["захватили"].lemma == "захватить" and tokens["захватили"].rel == "root"
    assert tokens["Протестующие"].rel == "nsubj" and tokens["здание"].rel == "obj"
    assert tokens["администрации"].feats["Case"] == "Gen"
