"""The cross-article merge on stories several outlets told (letopis.mergeeval): its figures stay
above their floors, and the scorer counts what it says it counts."""
from pathlib import Path

from letopis import mergeeval

STORIES = Path(__file__).parent / "fixtures" / "same_story"


def test_one_story_from_several_outlets_is_one_chronicle_event(pipeline):
    result = mergeeval.score(STORIES, pipeline)
    assert result.precision >= 0.95 and result.recall >= 0.85, mergeeval.report(result, STORIES)
    assert result.whole >= 9 and result.kept_disputed >= 3, mergeeval.report(result, STORIES)


def test_the_scorer_counts_pairs_and_stories(tmp_path, pipeline):
    """Two reports of one blast and one of a shooting elsewhere: one gold pair, found."""
    blast = "date 2024-02-06\n\nВзрыв в Махачкале\n\nВо вторник вечером в Махачкале прогремел взрыв, погибли три человека."
    again = "date 2024-02-06\n\nЖертвами взрыва в Махачкале стали трое\n\nВ Махачкале во вторник произошёл взрыв, " \
            "три человека погибли."
    other = "date 2024-02-06\n\nСтрельба в Казани\n\nВо вторник в Казани неизвестный открыл стрельбу, погиб один человек."
    for name, text in (("blast_1.txt", blast), ("blast_2.txt", again), ("other.txt", other)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "stories.json").write_text(
        '{"stories": [{"id": "blast", "type": "ASSAULT", "articles": ["blast_1.txt", "blast_2.txt"], '
        '"date": "2024-02-06"}], "distractors": [{"file": "other.txt", "type": "ASSAULT", "date": "2024-02-06"}]}',
        encoding="utf-8")
    result = mergeeval.score(tmp_path, pipeline)
    assert (result.gold_pairs, result.paired, result.right, result.whole) == (1, 1, 1, 1)
