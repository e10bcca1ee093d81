"""Quotes stage: Russian attribution patterns, text → (quote, kind, speaker, via); the seed; attribution()."""
from __future__ import annotations

import pytest

from letopis import cleanup, entities, language, quotes
from letopis.entities import fold
from letopis.pipeline import Pipeline
from letopis.records import Article

# (text, a piece of the quote, kind, a word of the speaker or None, words of the via outlets)
PATTERNS = [
    # direct speech, quote first
    ("«Мы не отступим», — сказал Иван Петров.", "Мы не отступим", "direct", "Петров", []),
    ("«Ситуация под контролем», — заявила Мария Иванова журналистам.", "Ситуация под контролем", "direct", "Иванова", []),
    ("«Я сдала тест», — сказала Мадонна.", "Я сдала тест", "direct", "Мадонна", []),
    ("«Всё будет хорошо», – сказал Дональд Трамп.", "Всё будет хорошо", "direct", "Трамп", []),
    ("„Это провокация“, — отметил Сергей Лавров.", "Это провокация", "direct", "Лавров", []),
    ('"Работы идут по плану", — сообщил Андрей Воробьёв.', "Работы идут по плану", "direct", "Воробьёв", []),
    ("«Максим скончался. Не выдержало сердце», — отметил собеседник ТАСС.", "Не выдержало сердце",
     "direct", "собеседник", ["ТАСС"]),
    # direct speech, quote last
    ("После боя Сабриэл Матиас сказал: «Желаю ему скорейшего восстановления».",
     "Желаю ему скорейшего восстановления", "direct", "Матиас", []),
    ("Виталий Маркив заявил: «Я невиновен и доверяю правосудию».", "Я невиновен", "direct", "Маркив", []),
    ("Министр финансов Антон Силуанов подчеркнул: «Бюджет будет исполнен».", "Бюджет будет исполнен",
     "direct", "Силуанов", []),
    # a quote split by its attribution
    ("«Всё началось случайно, — рассказал Андреа Падован, — и мы решили шить маски».",
     "и мы решили шить маски", "direct", "Падован", []),
    ("«Всё началось случайно, — рассказал Андреа Падован, — и мы решили шить маски».",
     "Всё началось случайно", "direct", "Падован", []),
    ("«Я не могу сказать», — ответил Дональд Трамп, — «но я желаю ему добра».",
     "но я желаю ему добра", "direct", "Трамп", []),
    # quotes over several sentences and nested marks
    ("«Мы закрыли завод. Рабочие отправлены в отпуск. Фильм «Сияние» никто не смотрел», — сказал Олег Дерипаска.",
     "Рабочие отправлены в отпуск", "direct", "Дерипаска", []),
    # a complement that is all quoted stays direct
    ("Мэр Сергей Собянин добавил, что «ограничения будут сняты в мае».", "ограничения будут сняты в мае",
     "direct", "Собянин", []),
    # indirect speech
    ("Иван Петров сообщил, что завод закроют в мае.", "завод закроют в мае", "indirect", "Петров", []),
    ("Мария Захарова заявила, что Москва ответит на санкции.", "Москва ответит на санкции", "indirect",
     "Захарова", []),
    ("Дмитрий Песков отметил, что решение ещё не принято.", "решение ещё не принято", "indirect", "Песков", []),
    ("Губернатор Андрей Бочаров добавил, что пострадавших нет.", "пострадавших нет", "indirect", "Бочаров", []),
    ("Сергей Шойгу подтвердил, что учения завершены.", "учения завершены", "indirect", "Шойгу", []),
    ("Андрей Воробьёв уточнил, что дороги расчищены.", "дороги расчищены", "indirect", "Воробьёв", []),
    ("Прокурор Андреа Занончелли говорил, что Маркив командовал группой бойцов.", "Маркив командовал",
     "indirect", "Занончелли", []),
    ("По словам Владимира Путина, экономика восстановится к осени.", "экономика восстановится к осени",
     "indirect", "Путин", []),
    ("По данным МЧС, пожар потушен.", "пожар потушен", "indirect", "МЧС", []),
    ("Как сообщает «Интерфакс», самолёт совершил посадку.", "самолёт совершил посадку", "indirect",
     "Интерфакс", []),
    ("Как отметила Варвара Визбор, деда можно считать первым видеоблогером.", "деда можно считать",
     "indirect", "Визбор", []),
    ("Газета «Коммерсантъ» пишет, что сделка сорвалась.", "сделка сорвалась", "indirect", "Коммерсантъ", []),
    ("Forbes уточняет, что менеджер скончался в клинике.", "менеджер скончался в клинике", "indirect",
     "Forbes", []),
    ("В 2011 году он стал депутатом, пишет ТАСС.", "В 2011 году он стал депутатом", "indirect", "ТАСС", []),
    # speakers: organisations, unnamed sources
    ("В ОДКБ сообщили, что отправят в Казахстан миротворцев.", "отправят в Казахстан миротворцев",
     "indirect", "ОДКБ", []),
    ("В комендатуре Алматы отметили, что ситуация стабилизировалась.", "ситуация стабилизировалась",
     "indirect", "комендатура", []),
    ("Бизнесмены сообщают, что в городе разграблены торговые центры.", "разграблены торговые центры",
     "indirect", "бизнесмены", []),
    ("Источник в правоохранительных органах сообщил, что задержаны трое.", "задержаны трое", "indirect",
     "источник в правоохранительных органах", []),
    ("Собеседники РБК сообщили, что сделка закрыта.", "сделка закрыта", "indirect", "собеседники", ["РБК"]),
    ("Адвокат Маркива заявил, что его подзащитный никем не командовал.", "никем не командовал", "indirect",
     "адвокат", []),
    # pronouns and role nouns
    ("Ольга Смирнова приехала в Москву. Она добавила, что выставка откроется в среду.",
     "выставка откроется в среду", "indirect", "Смирнова", []),
    ("Президент Касым-Жомарт Токаев выступил с обращением. «Они захватывают здания», — сказал он.",
     "Они захватывают здания", "direct", "Токаев", []),
    ("Певица Варвара Визбор выступила в Москве. По её словам, концерт прошёл успешно.",
     "концерт прошёл успешно", "indirect", "Визбор", []),
    ("Алексей Навальный вышел на свободу. Политик добавил, что намерен вернуться к работе.",
     "намерен вернуться к работе", "indirect", "Навальный", []),
    ("пресс-секретарь Департамента полиции города Салтанат Азирбек сообщила, что операция продолжается.",
     "операция продолжается", "indirect", "Азирбек", []),
    # relay chains
    ("Об этом сообщила Салтанат Азирбек в эфире телеканала «Хабар 24». По её словам, личности убитых устанавливаются.",
     "личности убитых устанавливаются", "indirect", "Азирбек", ["Хабар 24"]),
    ("«Призываем жителей оставаться дома», — цитирует слова Салтанат Азирбек «Интерфакс».",
     "Призываем жителей", "direct", "Азирбек", ["Интерфакс"]),
    ("Издание Vlast.kz со ссылкой на «Хабар 24» пишет, что полиция Алматы подтвердила разграбление магазина.",
     "полиция Алматы подтвердила разграбление", "indirect", "полиция Алматы", ["Хабар 24", "Vlast.kz"]),
    ("В интервью New York Times Евгений Кисин заявил, что не будет выступать в Турции.",
     "не будет выступать в Турции", "indirect", "Кисин", ["New York Times"]),
    # «Об этом сообщила X» links back
    ("В городе «ликвидированы десятки» человек. Об этом сообщила Салтанат Азирбек.", "ликвидированы десятки",
     "direct", "Азирбек", []),
    # naming verbs, slogans, scare quotes
    ("Президент Касым-Жомарт Токаев назвал протестующих «бандитами и террористами».", "бандитами",
     "direct", "Токаев", []),
    ("Самый популярный лозунг: «Шал, кет!» («Старик, уходи!»).", "Шал, кет!", "slogan", None, []),
    ("Протестующие скандировали «Долой коррупцию!» у здания мэрии.", "Долой коррупцию!", "slogan", None, []),
    ("В Алматы началась «антитеррористическая» спецоперация.", "антитеррористическая", "scare", None, []),
    ("Власти объявили о «временных трудностях» с поставками.", "временных трудностях", "scare", None, []),
    ("«Антитеррористическая» операция продолжается.", "Антитеррористическая", "scare", None, []),
    # headline «X: …»
    ("Евгений Кисин: Продолжайте делать всё, чтобы люди помнили\nПианист выступил в Ереване.",
     "Продолжайте делать всё", "direct", "Кисин", []),
    # the source after the claim, as subject or as the institution where it was said
    ("Полиция задержала более 200 участников акции, сообщает ОВД-Инфо.",
     "Полиция задержала более 200 участников акции", "indirect", "ОВД-Инфо", []),
    ("В результате обстрела погибли три мирных жителя, сообщили в администрации города.",
     "погибли три мирных жителя", "indirect", "администрация города", []),
    # an impersonal verb: the speaker owns the document
    ("«Задержаны 5 человек. Следствие продолжается», - говорится в заявлении полиции.",
     "Задержаны 5 человек", "direct", "полиция", []),
    ("В заявлении МИД России говорится, что санкции незаконны.", "санкции незаконны", "indirect", "МИД", []),
    ("«Следствие продолжается», — говорится в сообщении.", "Следствие продолжается", "direct", None, []),
    # a signature line under the quote
    ("Экологи нашли пятна.\n«Ни в одной из проб отклонений не было выявлено».\n"
     "— Татьяна Скригонюк, заместитель начальника пресс-службы МЧС",
     "Ни в одной из проб", "direct", "Скригонюк", []),
]

# Quoted proper names are not quotes.
NAMES = [
    "Журналист телеканала «Хабар 24» приехал на площадь.",
    "Фильм «Один день Ивана Денисовича» выйдет в декабре.",
    "Гендиректор ООО УК «Металлоинвест» Андрей Варичев умер.",
]


@pytest.fixture(scope="module")
def read(models):
    pipeline = Pipeline(models, stages=[cleanup, language, entities, quotes])

    def run(text: str) -> Article:
        return pipeline(Article(id="t", text=text))
    return run


def _names(article: Article, entity_id: str | None) -> str:
    entity = article.entity(entity_id)
    return fold(" ".join([entity.name] + entity.aliases)) if entity else ""


def _quote_holding(article: Article, piece: str):
    """The first quote that holds `piece`, and the words of its speaker (entity names, or its own)."""
    found = [q for q in article.quotes if fold(piece) in fold(q.text)]
    assert found, f"no quote holds {piece!r}: {[q.text for q in article.quotes]}"
    return found[0], _names(article, found[0].speaker) + " " + fold(found[0].speaker_text or "")


@pytest.mark.parametrize("text, piece, kind, speaker, via", PATTERNS)
def test_pattern(read, text, piece, kind, speaker, via):
    article = read(text)
    quote, said = _quote_holding(article, piece)
    assert quote.kind == kind
    if speaker is None:
        assert quote.speaker is None and quote.speaker_text is None
    else:
        assert fold(speaker) in said, (quote.speaker, quote.speaker_text)
    assert len(quote.via) == len(via), [_names(article, v) for v in quote.via]
    for entity_id, name in zip(quote.via, via):
        assert fold(name) in _names(article, entity_id)


def test_enough_patterns():
    assert len(PATTERNS) >= 40


@pytest.mark.parametrize("text", NAMES)
def test_quoted_names_are_not_quotes(read, text):
    assert read(text).quotes == []


def test_translation_belongs_to_its_quote(read):
    article = read("Самый популярный лозунг: «Шал, кет!» («Старик, уходи!»).")
    assert [(q.text, q.translation) for q in article.quotes] == [("Шал, кет!", "Старик, уходи!")]


def test_find_marks_nested_and_straight():
    text = 'Он сказал: «Фильм «Сияние» хорош». Она: "да".'
    assert [text[a:b] for a, b in quotes.find_marks(text)] == ["Фильм «Сияние» хорош", "да"]


def test_attribution_for_events(read):
    article = read("В городе разграблены магазины. Об этом сообщила Салтанат Азирбек в эфире телеканала "
                   "«Хабар 24». В СМИ появилась информация о том, что горит аэропорт. Погода ясная.")
    text = article.text
    modality, source = quotes.attribution(article, 0, text.index("."))
    assert modality == "reported"
    assert "азирбек" in _names(article, source["speaker"])
    assert [fold(article.entity(v).name) for v in source["via"]] == ["хабар 24"]
    fire = text.index("горит")
    assert quotes.attribution(article, fire, fire + 5)[0] == "uncertain"
    weather = text.index("Погода")
    assert quotes.attribution(article, weather, weather + 6) == (None, {"speaker": None, "via": []})


def test_seed_speakers(shared, read):
    text = (shared / "corpus" / "seed" / "000_68c99dab9954aa43.txt").read_text("utf-8").split(" ", 3)[-1]
    article = read(text)
    by_text = {q.text: q for q in article.quotes}
    assert "азирбек" in _names(article, by_text["ликвидированы десятки"].speaker)
    police = next(q for q in article.quotes if q.text.startswith("полиция Алматы"))
    assert police.speaker_text == "полиция Алматы"
    assert [fold(article.entity(v).name) for v in police.via] == ["хабар 24", "vlast.kz"]
    assert by_text["антитеррористической"].kind == "scare"


@pytest.mark.parametrize("text, speaker, claim", [
    ("Кандидат в президенты Светлана Тихановская заявила, что не признает результаты выборов.",
     "Светлана Тихановская", "не признает результаты выборов"),
    ("По данным правозащитного центра «Весна», один человек погиб.", "Весна", "один человек погиб"),
    ("В Сирии, по данным министерства здравоохранения Сирии, погибли 1602 человека.",
     "министерство здравоохранения Сирии", "погибли 1602 человека"),
])
def test_speakers_in_apposition_and_around_source_phrases(process, text, speaker, claim):
    article = process(text, "2020-08-10")
    [quote] = article.quotes
    assert article.entity(quote.speaker).name == speaker and claim in quote.text


@pytest.mark.parametrize("text, speaker_text", [
    ("По данным правозащитного центра, один человек погиб.", "правозащитный центр"),
    ("По информации городской администрации, пострадавших нет.", "городская администрация"),
    ("По данным местного отделения полиции, задержаны трое.", "местное отделение полиции"),
    ("По данным американских СМИ, переговоры сорвались.", "американские СМИ"),
])
def test_an_unnamed_source_is_named_in_the_nominative(process, text, speaker_text):
    [quote] = process(text, "2020-08-10").quotes
    assert quote.speaker is None and quote.speaker_text == speaker_text


# Constructions of the reporting-predicate table (data/quotes/predicates.tsv), each row from a
# different NEREL train text (the id before it).
PREDICATE_CONSTRUCTIONS = [
    # о: a verb of announcing takes the о-phrase as what was said
    ("101502", "26 февраля 2016 года в российском Минфине заявили о готовности обсуждать с Украиной "
               "вопрос о реструктуризации долга.", "о готовности обсуждать", "Минфин"),
    ("124044", "Палестинский лидер Махмуд Аббас объявил о заморозке контактов с Израилем на всех уровнях.",
     "о заморозке контактов", "Аббас"),
    ("105490", "Пресс-служба президента сообщила о госпитализации Ислама Каримова.", "о госпитализации",
     "Пресс-служба"),
    # obj: an object naming an event
    ("117464", "Лишь сегодня пресс-служба фракции ЛДПР подтвердила факт гибели депутата.", "факт гибели",
     "пресс-служба"),
    ("133940", "Генпрокурор Саудовской Аравии подтвердил задержание 208 человек в рамках "
               "антикоррупционной операции.", "задержание 208 человек", "Генпрокурор"),
    ("107771", "Министерство обороны ДНР подтвердило смерть Моторолы в результате покушения.",
     "смерть Моторолы", "Министерство обороны"),
    # что after a verb or short adjective of belief
    ("131095", "Некоторые эксперты по оружию предположили, что стрельба велась из пулемёта.",
     "стрельба велась из пулемёта", "эксперты"),
    ("13146", "Директор ФСБ Александр Бортников также уверен, что в подготовке взрыва принимали участие "
              "родственники Евлоева.", "родственники Евлоева", "Бортников"),
    ("12383", "Следствие установило, что преступники пришли к дому главы ДУМ и вызвали его на улицу.",
     "преступники пришли к дому", "Следствие"),
    # a predicate of several words (predicates.tsv `with`)
    ("104083", "Комиссия пришла к выводу, что Мингазов удовлетворяет критериям для освобождения.",
     "Мингазов удовлетворяет", "Комиссия"),
    ("57840", "В своем исследовании Ярослав Минников пришел к выводу, что у каждого пятого школьника "
              "наблюдаются признаки стресса.", "каждого пятого школьника", "Минников"),
    ("141084", "Власти обратили внимание, что Джеймсон ставил лайки в Facebook под записями о деятельности ИГ.",
     "Джеймсон ставил лайки", "Власти"),
    ("107615", "Глава Союза ММА России Фёдор Емельяненко обратил внимание, что зрители увидели реальные бои.",
     "зрители увидели", "Емельяненко"),
    ("20090", "Следователь обратил внимание, что водитель призывал его явиться с повинной.",
     "водитель призывал его", "Следователь"),
]


def test_a_predicate_of_several_words_needs_them_all(read):
    assert not read("Он пришёл домой, что было странно.").quotes


def test_a_topic_is_not_what_was_said(read):
    """«рассказала о судьбе деда», «говоря о …»: after these verbs the о-phrase is a topic."""
    article = read("Внучка классика, певица Варвара Визбор рассказала журналистам о судьбе деда.")
    assert not [q for q in article.quotes if "судьбе" in q.text]


def test_a_belief_needs_its_holder(read):
    """«его подозревают в том, что он помогал стрелку»: whose suspicion is not said, no claim."""
    article = read("Задержан также ещё один ученик школы, его подозревают в том, что он помогал стрелку.")
    assert not [q for q in article.quotes if "помогал" in q.text]


def test_the_predicate_table_is_well_formed():
    from letopis.quotes.words import _predicates
    rows = _predicates()
    assert len(rows) >= 90 and len({lemma for lemma, *_ in rows}) == len(rows)
    for lemma, kind, governs, _ in rows:
        assert kind in ("speech", "report", "cognition") and governs <= {"что", "о", "obj", "direct", "как"}, lemma
        assert governs, lemma


def test_every_belief_predicate_governs_a_clause_in_nerel_train(shared):
    """The cognition rows came from the verbs NEREL train uses before «, что» (the script lists them)."""
    import importlib.util
    from conftest import ROOT
    spec = importlib.util.spec_from_file_location("reporting_predicates", ROOT / "scripts" / "reporting_predicates.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    uses = script.harvest(shared / "data" / "nerel" / "train")
    from letopis.quotes.words import _predicates
    for lemma, kind, _, _ in _predicates():
        if kind == "cognition":
            assert uses[lemma]["что"], lemma


# A speaker named by role only is the person the article named right after that role
# (NEREL train texts before each row).
ROLE_ONLY = [
    ("13030", "Губернатор Санкт-Петербурга Валентина Матвиенко побывала на месте происшествия. Губернатор "
              "Санкт-Петербурга подчеркнула также, что частным организациям давались указания.", "Матвиенко"),
    ("156119", "Президент России Владимир Путин направил поздравительную телеграмму Мигелю Диас-Канелю. "
               "Президент России выразил уверенность, что партнёрство будет укрепляться.", "Путин"),
    ("99740", "Президент Турции Реджеп Тайип Эрдоган заявил, что Бельгию предупреждали. Президент Турции "
              "добавил, что Ибрагим Бакрауи был депортирован в Нидерланды.", "Эрдоган"),
]


@pytest.mark.parametrize("text_id, text, person", ROLE_ONLY)
def test_a_speaker_named_by_role_is_the_person_with_that_role(read, text_id, text, person):
    article = read(text)
    last = max(article.quotes, key=lambda q: q.start)
    assert person in article.entity(last.speaker).name


def test_a_role_of_someone_else_is_not_them(read):
    """«адвокат Насира» speaks for Насир; the lawyer is not Насир."""
    article = read("Пакистанец Абид Насир арестован в Лондоне. Адвокат Насира заявил, что его подзащитный "
                   "не признает себя виновным.")
    [quote] = [q for q in article.quotes if "подзащитный" in q.text]
    assert quote.speaker is None or "Насир" not in article.entity(quote.speaker).name


# Claims whose attribution stands apart or is missing (NEREL train texts before each row):
# (text, a piece of the claim, a word of its speaker or None)
DETACHED_CLAIMS = [
    # «Об этом сообщил X»: the sentence before is X's
    ("073", "Высокопоставленный военнослужащий НАТО погиб в результате дорожно-транспортного происшествия "
            "в Италии. Об этом сообщает местная газета Blitz Quotidiano.", "погиб в результате", "Blitz"),
    ("108694", "Рено умерла в ночь на понедельник, 7 ноября 2016 года, в возрасте 78 лет. Об этом сообщила её "
               "крестница Габриэль Даламберт.", "Рено умерла", "Даламберт"),
    ("116", "Стивен Грин будет назначен министром торговли в правительстве Великобритании. Об этом сообщает "
            "Reuters.", "будет назначен", "Reuters"),
    # «Сообщается, что …», «Отмечается, что …», «Утверждается, что …»: the document named, or nobody
    ("105901", "В Указе отмечается, что Астахов уволен по «собственному желанию».", "Астахов уволен", None),
    ("110975", "Также отмечается, что все расходы на содержание собора лягут на нового собственника.",
     "все расходы", None),
    ("131001", "В сообщении утверждается, что Пэддок откликнулся на призыв лидера ИГ.", "Пэддок откликнулся", None),
    ("39118", "Утверждается, что главную роль в радикализации Царнаевых сыграл Интернет.", "главную роль", None),
    ("118656", "Сообщается, что СКР планирует допросить режиссёра.", "планирует допросить", None),
    ("25455", "Сообщается, что он выкрадывал секретную информацию, копируя её на флэшки.", "выкрадывал", None),
    ("112736", "Сообщается, что 56-летняя Дик примет этот пост у Бернарда Хогана-Хау.", "примет этот пост", None),
    # «По предварительным данным, …»: a source not named
    ("110890", "По предварительным данным, телесных повреждений на его теле не зафиксировано.",
     "не зафиксировано", None),
    ("112779", "По предварительным данным, его отравили в аэропорту.", "отравили в аэропорту", None),
    ("13030", "По предварительным данным, крыша рухнула во время уборки снега.", "крыша рухнула", None),
    ("37695", "По некоторым данным, его имя при рождении — Дудаев Асламбек Андарбекович.", "имя при рождении", None),
    ("112677", "Свадьба принца Чарльза и принцессы Дианы в 1981 году, по некоторым данным, обошлась в 30 млн "
               "фунтов.", "обошлась в 30 млн", None),
    ("003", "Согласно сообщению, в доме было обнаружено и значительное количество боеприпасов.",
     "количество боеприпасов", None),
    ("104434", "Согласно сообщению, Хендрикс находился в контакте с Элтоном Симпсоном.", "в контакте", None),
    # «По версии X, …»: X's account
    ("114854", "По версии следствия, в период с 2014 по 2016 год Александр Соловьёв получил от компании "
               "денежные суммы в размере около 140 млн рублей.", "получил от компании", "следствие"),
    ("141724", "По версии ГУ МВД, водитель автобуса пытался уйти от столкновения с другой машиной.",
     "водитель автобуса", "ГУ МВД"),
    ("160996", "По версии американских властей, Винник является одним из создателей криптовалютной биржи "
               "BTC-e.", "одним из создателей", "американские власти"),
]


def test_a_title_by_someones_reckoning_is_no_claim(read):
    """«чемпионом мира по версии WBC» (NEREL train 2027): a title, not set off as a source."""
    assert read("Виталий Кличко был чемпионом мира по версии WBC.").quotes == []


@pytest.mark.parametrize("text_id, text, piece, speaker", DETACHED_CLAIMS)
def test_a_detached_or_unnamed_claim(read, text_id, text, piece, speaker):
    article = read(text)
    quote, said = _quote_holding(article, piece)
    assert quote.kind == "indirect"
    assert (speaker is None and not said.strip()) or (speaker and fold(speaker) in said)


# More placements of an attribution (NEREL train texts before each row).
ATTRIBUTION_PLACES = [
    # «…, сообщает «Лента.ру»»: a quoted outlet closing the sentence
    ("12383", "Муфтий был застрелен двумя неизвестными, сообщает «Лента.ру».", "застрелен", "Лента"),
    ("19361", "Государственных наград были удостоены золотой медалист Сергей Мартынов и пловчиха "
              "Александра Герасименя, передает «Интерфакс».", "удостоены", "Интерфакс"),
    # «что» with the comma left out
    ("13785", "Прибывшие на место происшествия врачи скорой помощи сообщили что автобус был почти пуст.",
     "автобус был почти пуст", "врачи"),
    ("7357", "Менеджер Мии Фэрроу сказал что его семья оплакивает трагическую потерю.", "оплакивает", "Менеджер"),
    # «по сообщениям X, …»
    ("110458", "По сообщениям BBC, певец скончался днём в 13:42.", "скончался", "BBC"),
    ("121533", "По сообщениям СМИ, 8 июня 2017 года у Роналду родились двое близнецов.", "родились", "СМИ"),
    ("12888", "По сообщениям докторов, она реагирует на простые команды.", "реагирует", "доктор"),
    # «однако, как сообщают X, …»
    ("37085", "Однако как сообщают американские СМИ, двое подозреваемых приехали в США из Казахстана.",
     "приехали в США", "СМИ"),
    ("122", "При этом, как пишут американские СМИ, уход каждого из них окутан завесой тайны.",
     "окутан завесой", "СМИ"),
]


def test_reported_deaths_with_no_speaker(read):
    """«Сообщается о 14 погибших» (NEREL train 39442): the о-phrase, nobody named."""
    [quote] = read("Сообщается о 14 погибших.").quotes
    assert "14 погибших" in quote.text and quote.speaker is None and not quote.speaker_text


# The speaker's own organisation is no via (NEREL train texts before each row).
OWN_ORGANISATION = [
    ("1592", "Представитель министерства иностранных дел Германии заявил, что требования террористов не могут "
             "быть приняты.", "требования террористов"),
    ("39442", "4 июля 2013 года представители армии Египта подтвердили факт задержания президента страны "
              "Мухаммеда Мурси.", "задержания президента"),
    ("56941", "По сообщению официального представителя полицейского управления Беркли, офицер столкнулся с "
              "двумя мужчинами на заправочной станции.", "офицер столкнулся"),
]


@pytest.mark.parametrize("text_id, text, piece", OWN_ORGANISATION)
def test_a_speakers_own_organisation_is_no_via(read, text_id, text, piece):
    [quote] = [q for q in read(text).quotes if fold(piece) in fold(q.text)]
    assert quote.via == []


# A social network or messenger the words were posted in is the via (NEREL train texts).
PLATFORMS = [
    ("132779", "«Покушение на Мосийчука связано с его профессиональной деятельностью», — написал в Facebook "
               "лидер Радикальной партии Олег Ляшко.", "Покушение на Мосийчука", "Facebook"),
    ("159392", "Глава Чечни Рамзан Кадыров в своём Telegram-канале сказал, что взгляды Азимова сформировались "
               "во Франции.", "взгляды Азимова", "Telegram"),
    ("133570", "«Господь да пребудет с жителями Сазерленд Спрингс», — написал в Твиттере президент Дональд Трамп.",
     "Господь да пребудет", "Twitter"),
]


PLATFORMS += [
    ("128624", "Ранее подруга девушки Оксана Лазебник сообщила СМИ, что в момент взрыва в машине находилась "
               "девушка.", "в момент взрыва", "СМИ"),
    ("104195", "Мать одного из подозреваемых, Нора Донда рассказала СМИ, что ее сын ни в чем не виноват.",
     "ее сын", "СМИ"),
    ("156300", "Позже Борис рассказал СМИ, что Гордон был у него в подчинении.", "Гордон был", "СМИ"),
]


# An outlet the words were said to carries them: «заявил «Ведомостям»», «сообщил агентству AFP».
PLATFORMS += [
    ("131643", "Руководитель Роскомнадзора Александр Жаров вообще заявил «Ведомостям», что ему ничего не известно "
               "об уголовных делах.", "ничего не известно", "Ведомости"),
    ("161651", "Источник, близкий к расследованию, сообщил агентству AFP, что Херман, возможно, попал под влияние "
               "экстремистов в тюрьме.", "попал под влияние", "AFP"),
    ("28649", "Секретарь директора школы № 1 Махачкалы Ирина Бандурина подтвердила «Эху Москвы», что Джохар "
              "Царнаев учился в данном учебном заведении.", "учился в данном", "Эхо Москвы"),
]


@pytest.mark.parametrize("text_id, text, piece, platform", PLATFORMS)
def test_a_platform_is_the_via(read, text_id, text, piece, platform):
    article = read(text)
    [quote] = [q for q in article.quotes if fold(piece) in fold(q.text)]
    assert [article.entity(v).name for v in quote.via] == [platform]


# «сообщает X со ссылкой на источник …»: the cited source speaks and the outlet relays its words;
# the source's own organisation is no via (NEREL train texts before each row).
CITED_SOURCES = [
    ("064", "Главнокомандующий Сухопутными войсками генерал армии Владимир Болдырев уволен в запас, пишет "
            "\"Комсомольская правда\" со ссылкой на неназванные источники в Минобороны.", "Болдырев уволен",
     "неназванные источники в Минобороны", ["Комсомольская правда"]),
    ("1013", "Новый премьер-министр Палестины Рами Хамдалла, назначенный 2 июня, подал в отставку, сообщает "
             "агентство Рейтер со ссылкой на источник в палестинском правительстве.", "подал в отставку",
     "источник в палестинском правительстве", ["Рейтер"]),
    ("27_11_12d", "Мэри Шапиро покинет свой пост, передает New York Times со ссылкой на неназванных "
                  "представителей администрации президента США Барака Обамы.", "покинет свой пост",
     "неназванные представители администрации президента США Барака Обамы", ["New York Times"]),
]


# An unnamed source of an outlet named in quotation marks: «источник "Интерфакса"»; the outlet
# is also the via (NEREL train texts).
CITED_SOURCES += [
    ("433", "\"По Зубкову решение уже принято, поэтому он и остался в \"Газпроме\"\",— объяснил собеседник "
            "\"Коммерсанта\".", "По Зубкову решение", "собеседник \"Коммерсанта\"", ["Коммерсант"]),
    ("629", "Как утверждают источники \"Известий\", провести на пост главы Госстроя В.Токарева стремится его "
            "непосредственный шеф Игорь Слюняев.", "провести на пост", "источники \"Известий\"", ["Известия"]),
    ("378", "В больницу его доставил отец. Источник \"Интерфакса\" утверждает, что в Душко стреляли, когда он "
            "сидел в машине.", "в Душко стреляли", "Источник \"Интерфакса\"", ["Интерфакс"]),
]


@pytest.mark.parametrize("text_id, text, piece, speaker, via", CITED_SOURCES)
def test_a_cited_source_speaks_through_the_outlet(read, text_id, text, piece, speaker, via):
    article = read(text)
    [quote] = [q for q in article.quotes if fold(piece) in fold(q.text)]
    assert fold(quote.speaker_text) == fold(speaker)
    assert [article.entity(v).name for v in quote.via] == via


# «X, который заявил, что …»: the speaker is X (NEREL train texts before each row).
RELATIVE_SPEAKERS = [
    ("16404", "CNN процитировало официального представителя американского правительства, который заявил, что "
              "обстоятельства исчезновения остаются неясными.", "обстоятельства исчезновения", "представитель"),
    ("103130", "Любопытной оказалась реакция главы РОЦИТ Сергея Гребенникова, который заявил, что закон "
               "не будет работать.", "закон", "Гребенников"),
    ("20464", "Аналогичной позиции придерживается и другой адвокат экс-руководителя Рубен Маркарьян, который "
              "заявил, что обвинение необоснованно.", "обвинение необоснованно", "Маркарьян"),
]


@pytest.mark.parametrize("text_id, text, piece, speaker", RELATIVE_SPEAKERS)
def test_a_relative_pronoun_speaker_is_its_noun(read, text_id, text, piece, speaker):
    article = read(text)
    quote, said = _quote_holding(article, piece)
    assert fold(speaker)[:8] in said and "котор" not in said, said


# «появилась информация о том, что …»: a claim nobody is named for (NEREL train texts before each row);
# where it surfaced «в прессе» it stays hearsay and no quote.
SURFACED = [
    ("106653", "Ранее появилась информация о том, что Анджелина Джоли подала на развод.", "подала на развод"),
    ("123407", "После 11:30 появились сообщения о том, что нападение совершили трое жителей города.",
     "нападение совершили"),
    ("28074", "Между тем, сегодня появилась информация о том, что родные Березовского определились с местом "
              "его захоронения.", "родные Березовского"),
]


@pytest.mark.parametrize("text_id, text, piece", SURFACED)
def test_news_that_surfaced_is_a_claim_of_nobody_named(read, text_id, text, piece):
    [quote] = [q for q in read(text).quotes if fold(piece) in fold(q.text)]
    assert quote.kind == "indirect" and quote.speaker is None and not quote.speaker_text


def test_news_surfaced_in_the_press_is_hearsay(read):
    """NEREL train 22320."""
    article = read("В прессе появилась информация о том, что у президента Венесуэлы последняя стадия болезни.")
    assert not [q for q in article.quotes if "стадия" in q.text]


# «назвал X Y»: the name given, in the instrumental, is what was said (NEREL train texts before each
# row); not when the verb is passive and its subject is the one named.
NAMED_AS = [
    ("104239", "Представитель Эрдогана назвал решение суда нарушением свободы слова.", "нарушением свободы слова",
     "Представитель"),
    ("112891", "Виктор Янукович назвал решение суда фарсом.", "фарсом", "Янукович"),
    ("37695", "Илья Пономарев назвал отставку серьезным ударом по правительству Дмитрия Медведева.",
     "серьезным ударом", "Пономарев"),
]


# The one named and the name given are one quote, direct where the name is in quotation marks
# (NEREL train texts before each row).
NAMED_AND_NAME = [
    ("150842", "В своём фейсбук-аккаунте Ивоби назвал главу «Лиги» Маттео Сальвини «великим лидером», который "
               "привёл партию к победе.", "главу «Лиги» Маттео Сальвини «великим лидером», который привёл партию "
               "к победе", "direct"),
    ("150842", "Ивоби отверг обвинения в расизме в адрес «Лиги», назвав их «пугалками», отвлекающими от реальных "
               "проблем в стране.", "их «пугалками», отвлекающими от реальных проблем в стране", "direct"),
    ("141084", "Его отец назвал сына добрым и нежным человеком, мирным мусульманином, неспособным на "
               "совершение преступления.",
     "сына добрым и нежным человеком, мирным мусульманином, неспособным на совершение преступления", "indirect"),
    ("152324", "Сам Глушков обвинения в свой адрес называл политически мотивированными.",
     "политически мотивированными", "indirect"),
]


@pytest.mark.parametrize("text_id, text, piece, kind", NAMED_AND_NAME)
def test_the_one_named_and_the_name_are_one_quote(read, text_id, text, piece, kind):
    assert [(q.text, q.kind) for q in read(text).quotes if fold(piece) in fold(q.text)] == [(piece, kind)]


def test_the_one_named_is_no_speaker(read):
    """«Обама назван самым влиятельным человеком» (NEREL train 16065)."""
    assert not read("Барак Обама был назван журналом самым влиятельным человеком в мире.").quotes


def test_words_shouted_are_no_name(read):
    """«кричит «Аллах Акбар»» (NEREL train 161651): capitalised words after a verb of shouting are
    said, not a name; a name after its head word stays a name («телеканал «Хабар 24»»)."""
    article = read("На любительском видео, снятом с балкона, слышно, как мужчина кричит «Аллах Акбар».")
    assert [q.kind for q in article.quotes if "Аллах" in q.text] == ["slogan"]
    assert not read("Об этом сообщил телеканал «Хабар 24».").quotes


# A paragraph after «X сказал:» with no quotation marks is X's words (NEREL train texts before each row).
BLOCK_QUOTES = [
    ("104106", "Медведев сказал:\nСистема большая, сложная, за последние годы она развивалась.\n\nДругое.",
     "Система большая", "Медведев"),
    ("141724", "Дежурный сказал:\n\nАвтобус врезался в остановку. Погибших нет.", "Автобус врезался", "Дежурный"),
    ("20090", "Зампредседателя общественного совета Антон Цветков сообщил:\nПо моей информации, он не оказывал "
              "сопротивления.", "не оказывал сопротивления", "Цветков"),
]



# A paragraph that ends with a colon gives the next one to whoever it names, whatever its verb
# (NEREL train texts before each row): a source phrase, an impersonal verb's document, a subject.
INTRODUCED_BLOCKS = [
    ("19968", "После поражения Каприлес поздравил Чавеса с победой:\nЯ принимаю и уважаю решение народа.",
     "уважаю решение", "Каприлес"),
    ("37943", "Актриса Анджелина Джоли перенесла операцию.\nПо её словам:\nМедицинские специалисты поставили "
              "нас с семьёй перед фактом.", "поставили нас", "Джоли"),
    ("43022", "После назначения Борис Дубровский поблагодарил Владимира Путина следующими словами:\nВладимир "
              "Владимирович, благодарю вас за доверие.", "благодарю вас", "Дубровский"),
    ("133112", "Актёр Энтони Рэпп рассказал о вечеринке.\nПо словам Рэппа, в этот момент Спейси был сильно пьян:\n"
               "Он подхватил меня, как жених невесту.", "подхватил меня", "Рэпп"),
    ("20090", "Актёр Алексей Русаков повторил, что жалеет о содеянном:\nДействительно очень жаль. Жаль, что вообще "
              "так все получилось.", "очень жаль", "Русаков"),
]


@pytest.mark.parametrize("text_id, text, piece, speaker", INTRODUCED_BLOCKS)
def test_a_paragraph_ending_in_a_colon_introduces_the_next(read, text_id, text, piece, speaker):
    quote, said = _quote_holding(read(text), piece)
    assert quote.kind == "direct" and fold(speaker) in said


# … but only when it names someone who could speak (NEREL train 22899, 114854, 1021).
NOBODY_INTRODUCED = [
    "Ключевые портфели в кабинете Абэ распределены следующим образом:\nГлавный секретарь кабинета министров — "
    "Ёсихидэ Суга.",
    "Полный текст документа:\nНа основании подпункта г пункта 1 статьи 19 Федерального закона.",
    "Министр экономики освобождён от должности.\nТеги:\nКалининградская область, Региональные власти",
]


@pytest.mark.parametrize("text", NOBODY_INTRODUCED)
def test_a_colon_that_names_no_speaker_introduces_no_quote(read, text):
    assert read(text).quotes == []

# «…, говорится в заявлении X»: what comes before is X's claim, and X is no channel of its own; a
# document named bare («говорится в документе») is the one told of just before (NEREL train texts).
DOCUMENTS_AFTER = [
    ("126876", "Владельцы получат уведомления с указанием требований, предъявляемых к новостным агрегаторам, "
               "отмечается в сообщении Роскомнадзора.", "получат уведомления", "Роскомнадзор"),
    ("443", "Министр обороны Лайам Фокс подал в отставку. Об этом говорится в официальном заявлении "
            "Министерства обороны. Признавая приоритет государственных интересов перед личными, Фокс принял "
            "решение об отставке, говорится в документе.", "Признавая приоритет", "Министерства обороны"),
    ("8038", "Пелтиер уже провёл в заключении свыше 33 лет, и 12 сентября Леонарду исполнится 65 лет, "
             "говорится в пресс-релизе.", "провёл в заключении", None),
]


@pytest.mark.parametrize("text_id, text, piece, speaker", DOCUMENTS_AFTER)
def test_a_document_named_after_its_words(read, text_id, text, piece, speaker):
    article = read(text)
    quote, said = _quote_holding(article, piece)
    assert quote.kind == "indirect" and quote.via == []
    assert fold(speaker) in said if speaker else quote.speaker is None

# A source phrase set off by commas inside a sentence, after its verb, frames the whole sentence
# as the claim, not just the words before it (NEREL train texts before each row).
ENCLOSED_SOURCES = [
    ("154509", "Власти не хотели устраивать отставки сразу после митингов, так как она, по мнению администрации "
               "президента, могла быть воспринята как следствие требований граждан.", "могла быть воспринята",
     "администрац"),
    ("109128", "Роды прошли в VIP-палате подмосковного госпиталя «Лапино» и, по данным Life, обошлись в 930 тысяч.",
     "обошлись в 930 тысяч", "life"),
    ("28585", "Мадуро обещал продолжать «революцию Чавеса», которая, по словам его сторонников, означает "
              "использование нефтяных богатств страны.", "означает использование", "сторонник"),
    ("82853", "Фотография является работой Глена Лачфорда и, по словам группы, является метафорой, созвучной "
              "теме альбома.", "является метафорой", "групп"),
]


@pytest.mark.parametrize("text_id, text, piece, speaker", ENCLOSED_SOURCES)
def test_a_source_phrase_inside_a_sentence_frames_all_of_it(read, text_id, text, piece, speaker):
    quote, said = _quote_holding(read(text), piece)
    assert quote.kind == "indirect" and speaker in said


# «По данным «Коммерсанта», …»: an outlet named in quotation marks is the source (NEREL train).
MARKED_SOURCES = [
    ("159392", "По данным «Коммерсантъ», он был связан с группой одного из лидеров ИГ.", "был связан", "коммерсант"),
    ("194", "По данным \"Интерфакса\", Шакирьянов проходил боевую подготовку в лагере террористов.",
     "проходил боевую", "интерфакс"),
    ("014", "По данным \"Коммерсанта\", кандидатуру поддержали все участники заседания.", "кандидатуру поддержали",
     "коммерсант"),
]


@pytest.mark.parametrize("text_id, text, piece, speaker", MARKED_SOURCES)
def test_a_source_named_in_quotation_marks(read, text_id, text, piece, speaker):
    quote, said = _quote_holding(read(text), piece)
    assert quote.kind == "indirect" and speaker in said

def test_he_is_the_person_named_last_as_a_subject(read):
    """«— написал он» after «отреагировал и президент США Дональд Трамп» (NEREL train 160284) is
    Trump, not the speaker quoted before him; a person named in passing («песню Комитаса») is not."""
    article = read("Глава полиции района Уолтер Браун сообщил, что в школе нашли взрывные устройства.\n"
                   "На трагедию сразу отреагировал и президент США Дональд Трамп.\n"
                   "«Стрельба в Техасе. Первые сообщения выглядят плохо», — написал он в своем Твиттере.")
    [quote] = [q for q in article.quotes if "Стрельба" in q.text]
    assert "Трамп" in article.entity(quote.speaker).name
    article = read("Пианист Евгений Кисин заявил, что будет играть музыку. Он исполнит песню Комитаса.\n"
                   "«Это мой долг», — сказал он.")
    [quote] = [q for q in article.quotes if "долг" in q.text]
    assert "Кисин" in article.entity(quote.speaker).name


def test_a_speech_verb_the_tagger_calls_a_noun(read):
    """«Как передаёт ТАСС»: with ё the tagger may call «передаёт» a noun; its lemma is the verb."""
    [quote] = read("Как передаёт ТАСС, в результате обстрела погибли три человека.").quotes
    assert "погибли три человека" in quote.text and quote.speaker_text == "ТАСС"


# «СМИ», the press at large, is a speaker of its own, never the outlet named before (NEREL train
# texts before each row).
THE_PRESS = [
    ("22371", "Посольство РФ в Сирии сообщило, что россияне похищены. Ранее итальянские СМИ сообщили о "
              "похищении трёх иностранных сотрудников завода.", "трёх иностранных", "итальянские СМИ"),
    ("22971", "Следователи СКР заявили, что дело возбуждено. По данным российских СМИ, в Северной Осетии "
              "проживает четверть миллиона мусульман.", "четверть миллиона", "российские СМИ"),
    ("121533", "Агентство Reuters сообщило, что сделка закрыта. По сообщениям СМИ, 8 июня у Роналду родились "
               "двое близнецов.", "родились", "СМИ"),
]


@pytest.mark.parametrize("text_id, text, piece, speaker", THE_PRESS)
def test_the_press_is_no_pointer_to_the_last_outlet(read, text_id, text, piece, speaker):
    quote, said = _quote_holding(read(text), piece)
    assert said.strip() == fold(speaker)


# The quoted title of an article of a code is a name, no one's words (NEREL train texts before each row).
CHARGE_TITLES = [
    ("12176", "По данному факту возбуждено уголовное дело по ч. 1 ст. 105 УК РФ («Убийство»)."),
    ("128624", "Возбуждено уголовное производство по ст. 115 ч. 2 «Умышленное убийство, совершенное общественно "
               "опасным способом»."),
    ("120242", "Дело возбуждено по статье 238 УК РФ «Оказание услуг, не отвечающих требованиям безопасности»."),
]


@pytest.mark.parametrize("text_id, text", CHARGE_TITLES)
def test_a_charge_title_is_no_quote(read, text_id, text):
    assert read(text).quotes == []


# Every table of a construction and its speaker above, with the kind of quote it makes.
CLAIMS = ([(*row, "indirect") for row in PREDICATE_CONSTRUCTIONS + ATTRIBUTION_PLACES + NAMED_AS]
          + [(*row, "direct") for row in BLOCK_QUOTES])


@pytest.mark.parametrize("text_id, text, piece, speaker, kind", CLAIMS)
def test_a_claim_and_who_made_it(read, text_id, text, piece, speaker, kind):
    quote, said = _quote_holding(read(text), piece)
    assert quote.kind == kind and fold(speaker) in said, said


def test_a_dialogue_line_without_marks_leaves_its_dash_out(read):
    """«— Мы не допустим повторения, — заявил губернатор»: the words, not the dash that opens them."""
    [quote] = read("— Мы не допустим повторения, — заявил губернатор области.").quotes
    assert quote.text == "Мы не допустим повторения" and quote.speaker_text == "губернатор области"


# What was announced may open the sentence: «Об убийстве … сообщили СМИ» (NEREL train texts).
FRONTED_ABOUT = [
    ("112371", "Об убийстве Ким Чон Нама первыми сообщили южнокорейские СМИ.", "убийстве Ким Чон Нама", "сми"),
    ("110491", "О смерти Фишер сообщили её родственники.", "смерти Фишер", "родственники"),
    ("127939", "О своей беременности Уильямс-младшая объявила 19 апреля 2017 года.", "своей беременности",
     "уильямс"),
]


@pytest.mark.parametrize("text_id, text, piece, speaker", FRONTED_ABOUT)
def test_what_was_announced_may_open_the_sentence(read, text_id, text, piece, speaker):
    quote, said = _quote_holding(read(text), piece)
    assert quote.kind == "indirect" and speaker in said
    assert read("Об этом сообщила пресс-служба МВД.").quotes == []  # a pointer back, no content
