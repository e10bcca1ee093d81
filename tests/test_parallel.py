"""The process pool: same records as one process, in input order; an article's analysis never
depends on the batch it was processed in."""
import pickle
from dataclasses import fields, is_dataclass

import pytest

from letopis import parallel
from letopis.records import Article

TEXTS = [
    "Протесты в Казахстане начались 2 января в Мангистауской области из-за повышения цены на газ.",
    "Президент Касым-Жомарт Токаев 5 января отправил правительство в отставку.",
    "В Алма-Ате протестующие захватили здание акимата, сообщает агентство «Интерфакс».",
    "Министр иностранных дел России Сергей Лавров провел переговоры в Женеве.",
    "«Мы не допустим хаоса», — заявил пресс-секретарь Кремля Дмитрий Песков журналистам.",
    "В Новосибирске при пожаре на складе погибли три человека, еще пятеро пострадали.",
    "Полиция задержала 12 участников несанкционированной акции у здания мэрии.",
]


def articles(texts):
    return [Article(id=f"t{i}", text=t, published="2022-01-06") for i, t in enumerate(texts)]


def analysis(article):
    """Everything the language layer decided, token by token."""
    return [(t.text, t.pos, t.feats, t.lemma, t.head, t.rel) for t in article.tokens]


def test_pool_gives_the_records_of_one_process_in_order(pipeline):
    alone = [pipeline(a) for a in articles(TEXTS)]
    with parallel.Pool(2, batch_size=2) as pool:
        pooled = pool.run(articles(TEXTS))
        again = list(pool.stream(articles(TEXTS)[::-1]))  # the same workers, kept between calls
    assert [a.id for a in pooled] == [a.id for a in alone]
    assert [a.to_record() for a in pooled] == [a.to_record() for a in alone]
    # sentences come back as spans: the tokens stay in the worker
    assert [[(s.start, s.stop) for s in a.sentences] for a in pooled] == \
           [[(s.start, s.stop) for s in a.sentences] for a in alone]
    assert all(not s.tokens for a in pooled for s in a.sentences)
    assert [a.to_record() for a in again] == [a.to_record() for a in alone[::-1]]


def test_process_uses_the_pool_beyond_one_batch(pipeline):
    pooled = list(parallel.process(articles(TEXTS), workers=2, batch_size=3))
    assert [a.to_record() for a in pooled] == [pipeline(a).to_record() for a in articles(TEXTS)]


def test_analysis_does_not_depend_on_the_batch(shared, pipeline):
    files = sorted((shared / "data/nerel/train").glob("*.txt"))[:12]
    texts = [f.read_text(encoding="utf-8") for f in files]
    together = pipeline.run(articles(texts))
    alone = [pipeline(a) for a in articles(texts)]
    assert [analysis(a) for a in together] == [analysis(a) for a in alone]
    assert [a.to_record() for a in together] == [a.to_record() for a in alone]


def test_small_input_runs_in_this_process(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one article")
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    [article] = parallel.process(articles(TEXTS[:1]), workers=4)
    assert any(e.name for e in article.entities)


@pytest.mark.parametrize("workers", [None, 1, 3])
def test_workers_setting(monkeypatch, workers):
    started = []

    class Recorder:
        def __init__(self, max_workers, **kwargs):
            started.append(max_workers)
            raise RuntimeError("stop here")
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recorder)
    monkeypatch.setattr(parallel, "default_workers", lambda: 2)
    run = parallel.process(articles(TEXTS), workers=workers, batch_size=2)
    if workers == 1:
        assert len(list(run)) == len(TEXTS) and started == []
    else:
        with pytest.raises(RuntimeError):
            list(run)
        assert started == [workers or 2]


def test_processed_article_is_plain_data(seed):
    """Workers send articles back by pickle: only records.py dataclasses and builtins inside."""
    def kinds(value):
        if is_dataclass(value):
            yield type(value)
            for f in fields(value):
                yield from kinds(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from kinds(v)
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from kinds(k)
                yield from kinds(v)
        else:
            yield type(value)
    assert {k.__module__ for k in kinds(seed)} <= {"builtins", "letopis.records"}
    assert pickle.loads(pickle.dumps(seed)) == seed
