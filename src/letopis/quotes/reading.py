"""One article being read: the state every rule shares. Its units and marks, lookups by offset and
by name made once (a long article asks them thousands of times), the speakers met so far, the
quotes found so far and the marks already read, so that no two rules take the same words."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from ..entities import fold
from ..records import Article, Entity, Quote, Token
from .text import Unit, find_marks, units
from .words import lexicon


@dataclass
class Speaker:
    entity: str | None
    text: str | None
    via: list[str] = field(default_factory=list)
    gender: str | None = None
    number: str | None = None
    person: bool = False


@dataclass
class Region:
    """A stretch of reported speech, for `attribution`."""
    start: int
    stop: int
    speaker: Speaker | None
    modality: str = "reported"


# What stands between a document and its title: «№ 374-ФЗ», «от 19.07.2016», «6 июля 2016 г.»
DOCUMENT_NUMBER = re.compile(r"^(№|N|от|г\.?|года|\d[\w\-./]*|[-–]?ФЗ|[-–.]|,|января|февраля|марта|апреля|мая"
                             r"|июня|июля|августа|сентября|октября|ноября|декабря)$")
# Between two titles of one list: «…» (1974), «…»; «…» и «…»
LIST_JOINT = re.compile(r"[»\"“]\s*(\([^()]{0,30}\))?\s*(,|и|или)\s*(№\s*[\w\-./]+\s*)?[«\"„]")

# An article of a code right before a quotation mark: its title follows, no one's words.
LEGAL_REFERENCE = re.compile(r"(?:\bст\.|\bстать[а-я]*|\bч\.|\bчаст[а-я]*|\bУК\b|\bКоАП\b)[\s\d.,А-ЯЁа-яё]{0,25}?"
                             r"[\d]+[\s\w.]{0,12}\(?\s*[«\"„]?$")


class Reading:
    def __init__(self, article: Article, morph):
        self.article, self.text, self.morph, self.lex = article, article.text, morph, lexicon()
        self.units = units(article)
        self.marks = find_marks(self.text)
        self.tokens = sorted((t for u in self.units for t in u.tokens), key=lambda t: t.start)
        self.starts, self.stops = [t.start for t in self.tokens], [t.stop for t in self.tokens]
        # (start, stop, entity's place, mention's place, entity) for every mention, by start
        self.names = sorted((a, b, i, j, e) for i, e in enumerate(article.entities)
                            for j, (a, b) in enumerate(e.mentions))
        self.name_starts = [n[0] for n in self.names]
        self.name_reach = list(accumulate((n[1] for n in self.names), max))  # furthest stop so far
        self.entities_at: dict[int, Entity] = {}
        self.entities_named: dict[str, Entity] = {}
        for e in article.entities:
            for a, _ in e.mentions:
                self.entities_at.setdefault(a, e)
            if e.type in ("PER", "ORG"):
                for word in fold(e.name).split() + [fold(a) for a in e.aliases]:
                    self.entities_named.setdefault(word, e)
        self.unit_starts = [u.start for u in self.units]
        self.history: list[tuple[int, Speaker]] = []  # speakers met so far, by offset
        self.found: list[Quote] = []
        self.claimed: set[tuple[int, int]] = set()  # marks already read as quotes or names
        self._names: dict[tuple[int, int], bool] = {}  # is_name, per mark

    # -- what the rules find
    def add(self, start: int, stop: int, kind: str, speaker: Speaker | None) -> None:
        start, stop = self.trim(start, stop) if kind == "indirect" else self.strip(start, stop)
        if stop <= start or any(q.start == start and q.stop == stop for q in self.found):
            return
        if kind in ("direct", "indirect") and speaker is not None:
            self.history.append((start, speaker))
        self.found.append(Quote(start, stop, self.text[start:stop], kind,
                                speaker.entity if speaker else None,
                                speaker.text if speaker else None,
                                list(dict.fromkeys(speaker.via)) if speaker else []))

    def drop_inner_speech(self) -> None:
        """«Я сказала, что вернусь»: indirect speech of «я», «мы», «вы», «любой» is reported inside
        someone's own words, which their quote (a block, say) holds; no quote or speaker of its own."""
        def inner(text: str | None, entity: str | None) -> bool:
            return entity is None and (text or "").lower() in self.lex["inner_speakers"]
        self.found = [q for q in self.found if not (q.kind == "indirect" and inner(q.speaker_text, q.speaker))]
        self.history = [(at, s) for at, s in self.history if not inner(s.text, s.entity)]

    def add_claim(self, start: int, stop: int, speaker: Speaker, unit: Unit) -> None:
        """Indirect speech, unless its words are all inside quotation marks: then each is direct."""
        start, stop = self.trim(start, stop)
        if stop <= start or not re.search(r"\w", self.text[start:stop]):
            return  # «По его словам:» before the words on the next line: nothing said here
        marks = self.marks_in(start, stop)
        rest = self.text[start:stop]
        for a, b in reversed(marks):
            rest = rest[:a - 1 - start] + rest[b + 1 - start:]
        self.claimed |= set(marks)
        if marks and not re.sub(r"[\s,.;:!?]|\bа\b|\bи\b|\bно\b", "", rest):
            for mark in marks:
                self.add(*mark, "direct", speaker)
        else:
            self.add(start, stop, "indirect", speaker)

    # -- words and marks
    def is_speech_verb(self, token: Token) -> bool:
        # a short adjective holds a belief too: «эксперты уверены, что …»
        # «передаёт» the tagger may call a noun, though its lemma is the verb's
        verb_lemma = token.pos == "NOUN" and token.lemma.endswith(("ть", "ться"))
        if (token.pos not in ("VERB", "ADJ") and not verb_lemma) or token.lemma not in self.lex["predicates"]:
            return False
        needs = self.lex["predicate_with"].get(token.lemma)
        return not needs or any(t.head == token.id and t.lemma in needs for t in self.sentence_of(token))

    def sentence_of(self, token: Token) -> list[Token]:
        """The tokens of the unit a token is in."""
        unit = self.units[max(0, bisect_right(self.unit_starts, token.start) - 1)]
        return unit.tokens

    def governs(self, verb: Token, construction: str) -> bool:
        """Whether a reporting predicate takes its content this way (predicates.tsv `governs`)."""
        return construction in self.lex["predicates"].get(verb.lemma, ())

    def is_name(self, mark: tuple[int, int]) -> bool:
        """«Хабар 24», фильм «Сияние»: a quoted proper name, not a quote; so is the title of an
        article of a code («ст. 105 УК РФ («Убийство»)», «по ст. 115 ч. 2 «Умышленное убийство»»).
        Decided once per mark: a list of titles asks about each one before it."""
        if mark not in self._names:
            self._names[mark] = self._name(mark)
        return self._names[mark]

    def _name(self, mark: tuple[int, int]) -> bool:
        inner = self.text[mark[0]:mark[1]]
        if LEGAL_REFERENCE.search(self.text[max(0, mark[0] - 40):mark[0]]):
            return True
        opened = bisect_right(self.name_starts, mark[0])  # names starting at or before the mark
        if opened and self.name_reach[opened - 1] >= mark[1]:
            return True
        ended = bisect_right(self.stops, mark[0] - 1)  # tokens that end before the mark
        before = self.tokens[ended - 1:ended] if ended else []
        if self.after_words(mark):
            return False
        # «законопроект № 1039149-6 «О внесении …»», «приказ № 432 от 19.07.2016 «Об утверждении …»»
        head = next((t for t in reversed(self.tokens[max(0, ended - 12):ended]) if not DOCUMENT_NUMBER.match(t.text)), None)
        if head is not None and head.lemma in self.lex["title_heads"] and inner[:1].isupper():
            return True
        if self._after_a_work(ended):
            return True  # «роман Ли «Пойди, поставь сторожа»», «фильмы, как «Изображая жертву»»
        if self._after_a_name(mark):
            return True  # «в картинах «Ночное происшествие», «Имитатор»»: the list goes on
        if not inner[:1].isupper() or re.search(r"[.!?,:;]", inner) or len(inner.split()) > 6:
            return False
        words = self.words_in(mark)
        if before and before[0].lemma in self.lex["name_heads"]:
            return True
        if before and before[0].text == ":" and ended > 1 and self.tokens[ended - 2].lemma in self.lex["name_heads"]:
            return True  # «сняты фильмы: «Воры в законе»»
        if before and (before[0].lemma in self.lex["slogan_cues"] or before[0].lemma in self.lex["predicates"]):
            return False  # «кричит «Аллах Акбар»», «заявил «Нет»»: words said, not a name
        if len(words) == 1 and words[0].pos == "ADJ":
            return False  # «Антитеррористическая» операция: a word held at arm's length, capitalised by its place
        return not any(t.pos in ("VERB", "AUX") for t in words) and not re.search(r"[:—–]\s*$", self.text[:mark[0] - 1][-4:])

    def after_words(self, mark: tuple[int, int]) -> bool:
        """«оканчивались словами «Аллаху акбар»», «отшучивается словами: «…»»: words said, however short
        (NEREL train 509121, 141084, 2552, 38217)."""
        ended = bisect_right(self.stops, mark[0] - 1)
        before = [t for t in self.tokens[max(0, ended - 2):ended] if t.text != ":"][-1:]
        return bool(before) and before[0].lemma == "слово"

    def _after_a_work(self, ended: int) -> bool:
        """A work's noun just before the mark, with at most its author's name or «, как» between."""
        for t in reversed(self.tokens[max(0, ended - 4):ended]):
            if t.lemma in self.lex["work_heads"]:
                return True
            if not (t.text[:1].isupper() or t.text in (",", "как")):
                return False
        return False

    def _after_a_name(self, mark: tuple[int, int]) -> bool:
        """The mark follows a quoted name in a list: «…» (1974), «…» или «…»."""
        i = bisect_left(self.marks, mark)
        if i == 0 or i >= len(self.marks) or self.marks[i] != mark:
            return False
        previous = self.marks[i - 1]
        between = self.text[previous[1]:mark[0]]
        return bool(LIST_JOINT.fullmatch(between)) and self.is_name(previous)

    def words_in(self, mark: tuple[int, int]) -> list[Token]:
        return self.tokens[bisect_left(self.starts, mark[0]):bisect_left(self.starts, mark[1])]

    def speech_like(self, mark: tuple[int, int]) -> bool:
        words = self.words_in(mark)
        return any(t.pos in ("VERB", "AUX") for t in words) or len(words) >= 4

    def has_slogan_cue(self, unit: Unit, mark: tuple[int, int], verb: Token | None = None) -> bool:
        near = [t for t in unit.tokens if t.stop <= mark[0]][-4:]
        return any(t.lemma in self.lex["slogan_cues"] for t in near + ([verb] if verb else []))

    def marks_in(self, start: int, stop: int) -> list[tuple[int, int]]:
        return [m for m in self.marks if start <= m[0] and m[1] <= stop and m not in self.claimed]

    # -- entities
    def names_starting(self, start: int, stop: int) -> list[tuple]:
        """The entity mentions that start in [start, stop)."""
        return self.names[bisect_left(self.name_starts, start):bisect_left(self.name_starts, stop)]

    def in_time(self, offset: int) -> bool:
        """Inside a time expression: «в конце ноября» names no one and no place of speakers."""
        return any(t.start <= offset < t.stop for t in self.article.times)

    def entity_named(self, word: str) -> Entity | None:
        """The person or organisation whose name holds this word: «Кисин» → Евгений Кисин."""
        return self.entities_named.get(fold(word))

    def entity_at(self, offset: int) -> Entity | None:
        return self.entities_at.get(offset)

    # -- offsets
    def content_stop(self, unit: Unit) -> int:
        return unit.start + len(self.text[unit.start:unit.stop].rstrip(" .!?\n"))

    def trim(self, start: int, stop: int) -> tuple[int, int]:
        piece = self.text[start:stop]
        lead = len(piece) - len(piece.lstrip(" ,—–-\n"))
        return start + lead, start + len(piece.rstrip(" ,.—–-\n"))

    def strip(self, start: int, stop: int) -> tuple[int, int]:
        piece = self.text[start:stop]
        return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def paragraph_start(self, offset: int) -> int:
        starts = [a for a, b in self.article.paragraphs if a <= offset]
        return max(starts + [self.line_start(offset)])
