"""The Ray engine gives the records of a local run: 200 articles on a local Ray with 2 CPUs."""
import gzip
import json
import random
from pathlib import Path

import pytest

from letopis import distributed
from letopis.parallel import process
from letopis.records import Article

ray = pytest.importorskip("ray", reason="the Ray engine is an extra: pip install letopis[ray]")

N = 200

# Used only where ../shared is absent: varied Russian news sentences, put together at random.
PEOPLE = ["Президент Казахстана Касым-Жомарт Токаев", "министр иностранных дел России Сергей Лавров",
          "мэр Москвы Сергей Собянин", "глава МЧС Александр Куренков", "губернатор Алексей Дюмин"]
PLACES = ["в Алма-Ате", "в Мангистауской области", "в Новосибирске", "на юге Франции", "в Берлине"]
DATES = ["2 января", "в понедельник", "5 мая 2021 года", "накануне", "вечером 14 марта"]
DEEDS = ["выступил с заявлением о ситуации", "провел совещание с руководством полиции",
         "встретился с представителями компании «Газпром»", "заявил журналистам, что протесты закончились"]
EVENTS = ["протестующие захватили здание администрации", "у здания суда прошел митинг",
          "полиция задержала 12 человек", "при пожаре погибли три человека", "взрыв повредил мост"]


def generated(n: int) -> list[str]:
    rng = random.Random(7)
    texts = []
    for _ in range(n):
        sentences = [f"{rng.choice(DATES).capitalize()} {rng.choice(PLACES)} {rng.choice(EVENTS)}.",
                     f"{rng.choice(PEOPLE)} {rng.choice(DEEDS)} {rng.choice(DATES)}."]
        texts.append(" ".join(rng.sample(sentences, 2) + [f"Об этом сообщает «Интерфакс» {rng.choice(PLACES)}."]))
    return texts


@pytest.fixture(scope="module")
def texts(request) -> list[str]:
    """NEREL train texts, or generated sentences where ../shared is absent."""
    try:
        shared = request.getfixturevalue("shared")
    except pytest.skip.Exception:
        return generated(N)
    return [p.read_text(encoding="utf-8") for p in sorted((shared / "data/nerel/train").glob("*.txt"))[:N]]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, object_store_memory=distributed.OBJECT_STORE_BYTES,
             include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_records_are_the_local_records(tmp_path, texts, local_ray):
    items = [{"id": f"a{i:03d}", "text": t, "published": f"2021-{1 + i % 12:02d}-15"} for i, t in enumerate(texts)]
    shards = tmp_path / "in"
    shards.mkdir()
    (shards / "part-0.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items[:120]),
                                         encoding="utf-8")
    (shards / "part-1.jsonl.gz").write_bytes(gzip.compress(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items[120:]).encode("utf-8")))

    out = distributed.run([shards], tmp_path / "records", batch_size=16)
    articles, errors = distributed.read_shards(out)
    from_ray = list(articles)

    local = process([Article(id=i["id"], text=i["text"], published=i["published"]) for i in items], workers=1)
    assert errors == []
    assert [a.id for a in from_ray] == [i["id"] for i in items]  # merged in input order
    assert [a.to_record() for a in from_ray] == [a.to_record() for a in local]


def test_parquet_input_and_bad_lines(tmp_path, local_ray):
    import pyarrow as pa
    import pyarrow.parquet as pq

    shards = tmp_path / "in"
    shards.mkdir()
    pq.write_table(pa.Table.from_pylist([
        {"id": "p1", "text": "Вчера в Казани прошел митинг против повышения тарифов.", "published": "2022-01-05"},
        {"id": "p2", "text": "   ", "published": "2022-01-05"},
    ]), shards / "a.parquet")
    (shards / "b.jsonl").write_text('{"id": "j1", "text": "В Омске задержали 5 человек.", "date": "2022-02-30"}\n'
                                    "не JSON\n", encoding="utf-8")
    articles, errors = distributed.read_shards(distributed.run([shards], tmp_path / "records"))
    assert [(a.id, a.published) for a in articles] == [("p1", "2022-01-05")]
    assert [(e.path.rsplit("/", 1)[1], e.reason.split(" (")[0]) for e in errors] == [
        ("a.parquet:2", "no article text"),
        ("b.jsonl:1", "malformed published date '2022-02-30': no such calendar date"),
        ("b.jsonl:2", "invalid JSON"),
    ]


def test_out_folder_must_be_empty(tmp_path, local_ray):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "old.parquet").write_bytes(b"")
    (tmp_path / "a.jsonl").write_text('{"text": "Текст."}\n', encoding="utf-8")
    with pytest.raises(FileExistsError):
        distributed.run([tmp_path / "a.jsonl"], tmp_path / "records")


def test_ingest_writes_the_months_it_changed_into_the_dataset(tmp_path, local_ray):
    """`ingest --engine ray --lake`: the layout of `export --partition month`; a later ingest
    rewrites the months it touched and leaves the others as they were."""
    from letopis.chronicle import Chronicle

    def shard(name: str, items: list[tuple[str, str, str]]) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.jsonl").write_text("".join(json.dumps({"id": i, "text": t, "published": d}, ensure_ascii=False)
                                                + "\n" for i, t, d in items), encoding="utf-8")
        return folder

    lake = tmp_path / "lake"
    first = shard("first", [("m1", "В Самаре 3 марта прошел митинг против закрытия больницы.", "2023-03-03"),
                            ("a1", "В Омске 14 апреля прошел митинг против вырубки сквера.", "2023-04-14")])
    with Chronicle(tmp_path / "c.duckdb") as chronicle:
        distributed.ingest([first], chronicle, tmp_path / "r1", lake=lake)
        april = sorted((lake / "events" / "year=2023" / "month=4").iterdir())
        march = duckdb_count(lake / "events" / "year=2023" / "month=3")
        later = shard("later", [("m2", "В Твери 20 марта прошел митинг в защиту парка.", "2023-03-20")])
        distributed.ingest([later], chronicle, tmp_path / "r2", lake=lake)
        assert duckdb_count(lake / "events" / "year=2023" / "month=3") == march + 1
        assert sorted((lake / "events" / "year=2023" / "month=4").iterdir()) == april  # untouched
        assert duckdb_count(lake / "events") == len(chronicle.events())


def duckdb_count(folder: Path) -> int:
    import duckdb
    return duckdb.sql(f"SELECT count(*) FROM read_parquet('{folder}/**/*.parquet')").fetchone()[0]


def test_article_round_trip_keeps_what_the_store_reads(seed):
    back = distributed.decode(distributed.encode(seed))
    assert back.to_record() == seed.to_record()
    assert [(s.start, s.stop) for s in back.sentences] == [(s.start, s.stop) for s in seed.sentences]
    assert (back.mentions, back.paragraphs, back.offset_map) == (seed.mentions, seed.paragraphs, seed.offset_map)
    assert all(s.tokens == [] for s in back.sentences)
