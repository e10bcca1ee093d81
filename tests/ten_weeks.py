"""A made-up chronicle of ten weeks (2024-01-01 to 2024-03-10, ISO weeks from Monday), told by
short Russian reports that go through the real pipeline and store:

- Казань: two protests every week, on Tuesday and Thursday (a steady rate);
- Екатеринбург: one protest every other week, then six in the last week (Monday to Saturday),
  each told by two outlets in their own words (a sudden week; twelve reports, six events);
- Караганда: one protest a week (a second country for the map);
- one report recalls past rallies in Екатеринбург «в свое время» (background: never counted).

Each report comes out the morning after its protest and names the day (a report that names no
day is taken as possibly of the day before its publication, store/merge.py; one that names it
is not).

Only the last week of Екатеринбург is unusual: the tests check that it, and nothing else, is
flagged."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from letopis.chronicle import Chronicle
from letopis.ingest import parse_text

FIRST_MONDAY = date(2024, 1, 1)
WEEKS = 10
SUDDEN_WEEK = FIRST_MONDAY + timedelta(weeks=WEEKS - 1)  # 2024-03-04
MONTHS = {1: "января", 2: "февраля", 3: "марта"}
# The city in the locative and the genitive.
CITIES = {"Казань": ("Казани", "Казани"), "Екатеринбург": ("Екатеринбурге", "Екатеринбурга"),
          "Караганда": ("Караганде", "Караганды")}
TOPICS = [
    "против строительства мусоросжигательного завода", "против повышения тарифов на вывоз мусора",
    "против вырубки деревьев в городском парке", "против закрытия районной больницы",
    "против застройки набережной", "против подорожания проезда в автобусах",
    "против сноса старинного особняка", "против закрытия детского сада",
    "против строительства торгового центра во дворах", "против отмены пригородных электричек",
    "против перевода школы на третью смену", "против повышения платы за парковку",
    "против строительства вышки связи у школы", "против сокращения бригад скорой помощи",
    "против закрытия колхозного рынка", "против точечной застройки микрорайона",
    "против сброса отходов в реку", "против сокращения автобусных маршрутов",
    "против вырубки сквера у драмтеатра", "против закрытия городской библиотеки",
    "против строительства асфальтового завода", "против повышения цен на отопление",
    "против ликвидации трамвайной линии", "против застройки лесопарка",
]
OUTLETS = ["Интерфакс", "ТАСС", "РИА Новости", "Коммерсантъ", "Ведомости", "Фонтанка"]
FORMS = [
    "В {loc} {day} прошёл митинг {topic}. Около {n} человек собрались у здания мэрии, сообщает агентство «{outlet}».",
    "{Day} в {loc} состоялся пикет {topic}, передаёт «{outlet}». По словам организаторов, пришли около {n} человек.",
    "Жители {gen} {day} вышли на акцию протеста {topic}. В ней участвовали около {n} человек, пишет «{outlet}».",
    "Около {n} человек {day} приняли участие в митинге {topic} в {loc}, сообщает «{outlet}».",
]
# A second outlet's words for the same protest of the sudden week.
RETOLD = ("{Day} в {loc} прошла акция протеста {topic}, передаёт «{outlet}». На площадь, по "
          "словам организаторов, пришли несколько сотен горожан.")
BACKGROUND = ("В свое время в Екатеринбурге уже проходили митинги против застройки скверов. "
              "Сейчас вопрос обсуждают в городской думе, сообщает «{outlet}».")


def _text(form: str, city: str, day: date, topic: str, outlet: str, n: int) -> str:
    loc, gen = CITIES[city]
    when = f"{day.day} {MONTHS[day.month]}"
    body = form.format(loc=loc, gen=gen, day=when, Day=when, topic=topic, outlet=outlet, n=n)
    return f"date {(day + timedelta(days=1)).isoformat()}\n{body}"


def reports() -> list[tuple[str, str]]:
    """(article id, text with its date header) of every report of the ten weeks."""
    out, topic = [], 0

    def add(city: str, day: date, form: str, retold: bool = False) -> None:
        nonlocal topic
        if not retold:
            topic += 1
        number = len(out)
        out.append((f"{city}-{day.isoformat()}{'-b' if retold else ''}",
                    _text(form, city, day, TOPICS[topic % len(TOPICS)], OUTLETS[number % len(OUTLETS)],
                          100 + 10 * number)))

    for week in range(WEEKS):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        for offset in (1, 3):  # Tuesday and Thursday
            add("Казань", monday + timedelta(days=offset), FORMS[(2 * week + offset) % len(FORMS)])
        add("Караганда", monday + timedelta(days=2), FORMS[(week + 1) % len(FORMS)])
        if monday == SUDDEN_WEEK:
            for offset in range(6):
                day = monday + timedelta(days=offset)
                add("Екатеринбург", day, FORMS[offset % len(FORMS)])
                add("Екатеринбург", day, RETOLD, retold=True)
        elif week % 2 == 1:
            add("Екатеринбург", monday + timedelta(days=4), FORMS[week % len(FORMS)])
    out.append(("background", f"date 2024-02-01\n{BACKGROUND.format(outlet='Фонтанка')}"))
    return out


def build(db_path: Path, pipeline) -> None:
    """Every report through the pipeline into the chronicle at db_path."""
    articles = [parse_text(text, id=id_, path=f"{id_}.txt") for id_, text in reports()]
    with Chronicle(db_path) as chronicle:
        report = chronicle.ingest_read(articles, pipeline=pipeline)
    assert report.added == len(articles) and not report.failed, report.failed
