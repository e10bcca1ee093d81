"""Event place and date against NEREL's relations (letopis.eventargs)."""
from __future__ import annotations

from pathlib import Path

from letopis.eventargs import measure, report

TEXT = ("В пятницу, 3 марта 2017 года, в Мармарисе на юге Турции неизвестный открыл стрельбу у отеля. "
        "Позже в Анкаре полиция задержала двух подозреваемых.")


def _brat(folder: Path, relations: list[tuple[str, str, str]]) -> None:
    """One article; `relations` link an event word to a place or date word by name."""
    folder.mkdir()
    (folder / "1_text.txt").write_text(TEXT, encoding="utf-8")
    kinds = {"открыл стрельбу": "EVENT", "задержала": "EVENT", "Мармарисе": "CITY", "Турции": "COUNTRY",
             "Анкаре": "CITY", "3 марта 2017 года": "DATE", "отеля": "FACILITY"}
    ids = {w: f"T{i}" for i, w in enumerate(kinds, 1)}
    lines = [f"{ids[w]}\t{k} {TEXT.index(w)} {TEXT.index(w) + len(w)}\t{w}\n" for w, k in kinds.items()]
    lines += [f"R{i}\t{name} Arg1:{ids[a]} Arg2:{ids[b]}\t\n" for i, (name, a, b) in enumerate(relations, 1)]
    (folder / "1_text.ann").write_text("".join(lines), encoding="utf-8")


def _score(tmp_path, pipeline, relations):
    return {(o.mention.text, o.argument): o.right for o in measure(_brat_at(tmp_path, relations), pipeline)}


def _brat_at(tmp_path, relations):
    _brat(tmp_path / "nerel", relations)
    return tmp_path / "nerel"


def test_the_place_and_date_nerel_links_are_checked(tmp_path, pipeline):
    got = _score(tmp_path, pipeline, [("TAKES_PLACE_IN", "открыл стрельбу", "Мармарисе"),
                                      ("POINT_IN_TIME", "открыл стрельбу", "3 марта 2017 года"),
                                      ("TAKES_PLACE_IN", "задержала", "Мармарисе")])
    assert got == {("открыл стрельбу", "place"): True, ("открыл стрельбу", "date"): True,
                   ("задержала", "place"): False}  # the arrest was in Ankara


def test_a_town_inside_the_country_nerel_names_is_right(tmp_path, pipeline):
    # letopis keeps the narrowest place stated; NEREL often links only the country
    got = _score(tmp_path, pipeline, [("TAKES_PLACE_IN", "открыл стрельбу", "Турции"),
                                      ("TAKES_PLACE_IN", "задержала", "Турции")])
    assert got == {("открыл стрельбу", "place"): True, ("задержала", "place"): True}


def test_facilities_are_no_place_target(tmp_path, pipeline):
    assert _score(tmp_path, pipeline, [("TAKES_PLACE_IN", "открыл стрельбу", "отеля")]) == {}


def test_report_lists_the_wrong_ones(tmp_path, pipeline):
    text = report(measure(_brat_at(tmp_path, [("TAKES_PLACE_IN", "задержала", "Мармарисе")]), pipeline), "t")
    assert "place   0.000  (0 of 1 right" in text and "«задержала» is Анкара, NEREL: Мармарисе" in text


def test_a_town_the_gazetteer_lacks_is_not_judged(tmp_path, pipeline):
    """«Портапик» where NEREL links «Канады»: letopis cannot tell whether the town lies in it."""
    text = "Стрельба произошла в посёлке Портапик на востоке Канады."
    folder = tmp_path / "nerel"
    folder.mkdir()
    (folder / "1_text.txt").write_text(text, encoding="utf-8")
    spans = {w: (text.index(w), text.index(w) + len(w)) for w in ("Стрельба", "Канады")}
    (folder / "1_text.ann").write_text(
        f"T1\tEVENT {spans['Стрельба'][0]} {spans['Стрельба'][1]}\tСтрельба\n"
        f"T2\tCOUNTRY {spans['Канады'][0]} {spans['Канады'][1]}\tКанады\n"
        "R1\tTAKES_PLACE_IN Arg1:T1 Arg2:T2\t\n", encoding="utf-8")
    [outcome] = measure(folder, pipeline)
    assert outcome.said == "Портапик" and outcome.right is None
