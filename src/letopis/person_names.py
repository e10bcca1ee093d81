"""A person's name in the nominative where natasha's normaliser left an adjectival word in the case
the text has («Евгений Тонкого», «Давид Черкасским», «Андрей Первозванного», «Джордж Буше-младшем»):
such a word goes to the nominative of the adjective parse that agrees with the case and gender the
tagger gave it, unless it can be read as that gender's nominative as it stands. Nouns are left as
they are: the tagger's gender for foreign first names is too often wrong («Скарлетт»)."""
from __future__ import annotations

CASES = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
GENDERS = {"Masc": "masc", "Fem": "femn"}


def nominative(name: str, tokens: list, morph) -> str:
    """`name` as the normaliser gave it for the name's `tokens` (text and tagger feats), each word
    the normaliser left as the text has it and the tagger reads in another case put right."""
    words = name.split()
    if len(words) != len(tokens):
        return name
    words = [_word(word, token, morph) if token.feats.get("Case") in CASES
             and word.lower() == token.text.lower() else word for word, token in zip(words, tokens)]
    return " ".join(_first_name_with_surname(words, tokens))


# A man's name declined like a noun ending in a consonant (gen./acc. «а», dat. «у», instr. «ом»,
# «ем», prep. «е»); «ова», «ева», «ина» may as well be a woman's surname in the nominative.
MASCULINE_ENDINGS = ("а", "у", "ом", "ем", "е")
WOMENS_SURNAMES = ("ова", "ева", "ёва", "ина", "ына")


def _first_name_with_surname(words: list[str], tokens: list) -> list[str]:
    """«Эда Гонзалеса» → «Эд Гонзалес», «Роману Абрамовичу» → «Роман Абрамович»: where the
    normaliser took a case ending off the surname and left the first name as the text has it with
    the same ending, the first name loses it too (NEREL train 160284, 122945, 132387, 19427, 83187,
    28576); not «Хельга Филиппова», whose surname may be a woman's."""
    if len(words) != 2 or words[0] != tokens[0].text:
        return words
    surname = tokens[1].text
    ending = surname[len(words[1]):] if surname.lower().startswith(words[1].lower()) else ""
    if ending not in MASCULINE_ENDINGS or surname.lower().endswith(WOMENS_SURNAMES) \
            or not words[0].endswith(ending) or len(words[0]) - len(ending) < 2:
        return words
    return [words[0][:-len(ending)], words[1]]


def _word(word: str, token, morph) -> str:
    case, gender = CASES[token.feats["Case"]], GENDERS.get(token.feats.get("Gender"))
    parses = morph.parse(word.lower())
    if gender is None or any({"nomn", gender} <= set(p.tag.grammemes) for p in parses):
        return word  # «Левински», «Обама»: it may well be the nominative already
    agreeing = [p for p in parses if {"ADJF", case, gender} <= set(p.tag.grammemes)]
    nominative = agreeing[0].inflect({"Nom"}) if agreeing else None
    return _like(nominative.word, word) if nominative else word


def _like(form: str, word: str) -> str:
    """The dictionary form written as the word was: «Тонкого» → «Тонкий»."""
    return form.capitalize() if word[:1].isupper() else form
