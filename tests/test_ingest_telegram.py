"""Telegram Desktop exports: one article per message with text, formatting flattened, albums and
service messages skipped, a forwarded message's channel kept as the relay chain's link."""
import json
from pathlib import Path

from letopis.ingest import ReadError, read_paths

EXPORT = Path(__file__).parent / "fixtures" / "telegram" / "result.json"


def test_one_article_per_message_with_text():
    articles = list(read_paths([EXPORT]))
    assert [a.id for a in articles] == ["svodki_povolzhye-412", "svodki_povolzhye-413",
                                        "svodki_povolzhye-414", "svodki_povolzhye-419"]
    first = articles[0]
    assert first.text == ("⚡️Взрыв на заводе в Дзержинске\n\nВ Дзержинске утром прогремел взрыв в цехе завода "
                          "«Синтез-Ока». По данным МЧС, погибли два человека, пятеро пострадали.\n\n"
                          "#Дзержинск @svodki_povolzhye")
    assert (first.published, first.outlet, first.url) == ("2026-03-14", "Сводки Поволжья",
                                                          "https://t.me/svodki_povolzhye/412")
    assert first.published_source is None and first.forwarded_from is None  # the export states the date
    assert first.path.endswith("result.json#412")
    assert articles[1].forwarded_from == "Прокуратура Нижегородской области"
    assert articles[1].to_record()["forwarded_from"] == "Прокуратура Нижегородской области"
    assert articles[2].text.startswith("Кадры с места взрыва")  # the album once, by its caption


def test_without_a_username_there_is_no_url(tmp_path):
    export = json.loads(EXPORT.read_text(encoding="utf-8"))
    del export["username"]
    (tmp_path / "result.json").write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    articles = list(read_paths([tmp_path]))  # a folder walk finds it
    assert [a.url for a in articles] == [None] * 4
    assert articles[0].id == "tg1873405512-412"


def test_json_lines_named_json_stay_json_lines(tmp_path):
    (tmp_path / "news.json").write_text(json.dumps({"text": "В Самаре прошел пикет.", "id": "a"},
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = list(read_paths([tmp_path / "news.json"]))
    assert article.id == "a"


def test_a_document_that_is_not_an_export_and_a_bad_message(tmp_path):
    (tmp_path / "other.json").write_text('{\n "name": "x",\n "chats": []\n}\n', encoding="utf-8")
    [error] = list(read_paths([tmp_path / "other.json"]))
    assert isinstance(error, ReadError) and "not a Telegram export" in error.reason
    export = {"name": "Канал", "messages": [
        {"id": 1, "type": "message", "date": "вчера", "text": "Текст"},
        {"id": 2, "type": "message", "date": "2026-03-01T10:00:00", "text": [{"type": "bold", "text": "Жирный"}, " текст"]}]}
    (tmp_path / "result.json").write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    bad, good = list(read_paths([tmp_path / "result.json"]))
    assert isinstance(bad, ReadError) and bad.path.endswith("result.json#1") and "message date" in bad.reason
    assert (good.text, good.published, good.outlet) == ("Жирный текст", "2026-03-01", "Канал")


def test_a_forwarded_message_ends_its_relay_chains_at_the_channel(pipeline):
    article = pipeline([a for a in read_paths([EXPORT]) if a.forwarded_from][0])
    channel = next(e for e in article.entities if e.name == "Прокуратура Нижегородской области")
    [quote] = [q for q in article.quotes if q.kind == "direct"]
    assert quote.speaker_text == "прокурор области Олег Туренко"
    assert quote.via[-1] == channel.id
    assert article.events and all(e.source["via"][-1] == channel.id for e in article.events)
