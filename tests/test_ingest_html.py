"""Web pages read from files: the main text without the page's furniture, and its metadata."""
from pathlib import Path

import pytest

from letopis.ingest import ReadError, read_paths
from letopis.ingest.html import read_html
from letopis.ingest.text import InputError

WEB = Path(__file__).parent / "fixtures" / "web"
FURNITURE = ["Новости", "Реклама", "Читайте также", "Комментари", "©", "Поделиться", "Теги",
             "Сергей_НН", "Соболезнования", "Самое читаемое", "Контакты", "Пластиковые окна"]


def page(path: str) -> bytes:
    return (WEB / path).read_bytes().replace(b"{base}", b"http://127.0.0.1:9")


def test_a_page_gives_clean_text_and_its_metadata():
    article = read_html(page("volga/news/2026/03/14/vzryv-dzerzhinsk.html"),
                        url="http://127.0.0.1:9/volga/news/2026/03/14/vzryv-dzerzhinsk.html?utm_source=rss")
    assert article.title == "В Дзержинске при взрыве на химическом заводе погибли два человека"
    assert article.text.startswith(article.title + "\n\n")
    assert "Погибли два человека, еще пятеро получили ранения" in article.text
    assert "Городские власти объявили 16 марта днем траура." in article.text
    for junk in FURNITURE:
        assert junk not in article.text, junk
    assert (article.outlet, article.author) == ("Волжская правда", "Ирина Соколова")
    assert article.url == "http://127.0.0.1:9/volga/news/2026/03/14/vzryv-dzerzhinsk.html"  # the canonical link
    assert (article.published, article.published_source) == ("2026-03-14", "page")


def test_a_windows_1251_page_in_a_table_layout():
    article = read_html(page("sever/2026/03/15/arhangelsk-pikety.html"))
    assert "полиция задержала семь человек" in article.text
    for junk in ("Дрова колотые", "Главная", "Петрович", "Шиес: история протеста"):
        assert junk not in article.text
    assert (article.outlet, article.published) == ("Северный курьер", "2026-03-15")


def test_json_ld_date_and_the_headline_in_the_body_once():
    article = read_html(page("volga/news/2026/03/14/miting-nizhny.html"))
    assert article.published == "2026-03-14"
    assert article.text.count("Жители Нижнего Новгорода вышли на митинг") == 1
    assert "Была там" not in article.text and "Мэрия показала проект" not in article.text


def test_an_undated_page_takes_the_fallback_and_says_so():
    # a «читайте также» link of 2026-03-12 is not the page's date
    undated = read_html(page("sever/vologda-bomba.html"))
    assert (undated.published, undated.published_source) == (None, None)
    dated = read_html(page("sever/vologda-bomba.html"), fallback=("command-line", "2026-03-15"))
    assert (dated.published, dated.published_source) == ("2026-03-15", "command-line")
    assert dated.to_record()["published_source"] == "command-line"


def test_html_files_are_read_by_a_folder_walk_with_the_command_line_date(tmp_path):
    for name in ("vologda-bomba.html", "2026/03/14/dzerzhinsk-zavod.html"):
        (tmp_path / Path(name).name).write_bytes(page(f"sever/{name}"))
    (tmp_path / "notes.html.bak").write_text("не статья", encoding="utf-8")
    items = list(read_paths([tmp_path], published="2026-03-16"))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    dated, undated = items
    assert (dated.id, dated.published, dated.published_source) == ("dzerzhinsk-zavod", "2026-03-14", "page")
    assert (undated.published, undated.published_source) == ("2026-03-16", "command-line")


@pytest.mark.parametrize("markup", [b"<html><head><title>404</title></head><body></body></html>", b"\x00\x01\x02"])
def test_a_page_without_an_article_is_refused(tmp_path, markup):
    with pytest.raises(InputError):
        read_html(markup)
    (tmp_path / "empty.html").write_bytes(markup)
    [error] = list(read_paths([tmp_path / "empty.html"]))
    assert isinstance(error, ReadError) and "empty.html" in error.path
