"""natasha's three networks (morphology, syntax, NER) run over our tokens, a batch at a time.

The weights are natasha's (slovnet's CNN taggers over navec); the forward pass is written here
for batches: every token of a batch of articles is one row of one matrix, a convolution is one
matrix product whose column blocks are added back shifted by a row, and a segment (a sentence,
or a whole article for NER, as natasha runs it) ends where a shifted row would cross into its
neighbour. Nothing is padded, so a token's analysis never depends on the batch it came in, and
no time goes on padding, on re-tokenising the text or on per-token record objects.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from slovnet.const import REL, SHAPE, TAG, UNK
from slovnet.shape import word_shape

CACHE_WORDS = 200_000  # encoded words kept between batches (news repeats its vocabulary)
# Scores this close count as a tie, won by the first: a sentence that repeats its words gives two
# candidate heads the same score but for float rounding, which moves with the batch's size.
TIE = 1e-4


@dataclass
class Segments:
    """Where each segment starts and stops, as row ranges of the batch matrix."""
    bounds: list[tuple[int, int]]
    size: int

    @classmethod
    def of_sizes(cls, sizes: list[int]) -> Segments:
        bounds, start = [], 0
        for size in sizes:
            bounds.append((start, start + size))
            start += size
        return cls(bounds, start)

    def neighbours(self, shift: int) -> np.ndarray:
        """For each row, whether the row `shift` away is in the same segment."""
        segment = np.full(self.size, -1)
        for n, (start, stop) in enumerate(self.bounds):
            segment[start:stop] = n
        same = np.zeros(self.size, dtype=bool)
        lo, hi = max(0, -shift), self.size - max(0, shift)
        same[lo:hi] = segment[lo:hi] == segment[lo + shift:hi + shift]
        return same


class Encoder:
    """A slovnet CNN encoder: word and shape embeddings, then conv → ReLU → batch norm layers."""

    def __init__(self, model):
        self.shapes = model.emb.shape.weight.array
        self.layers = []
        for layer in model.encoder.layers:
            filters, _, kernel = layer.conv.weight.shape
            # (filters, in, kernel) → (in, kernel * filters): one product gives every kernel offset
            weight = np.ascontiguousarray(layer.conv.weight.array.transpose(1, 2, 0).reshape(-1, kernel * filters))
            norm = layer.norm
            scale = norm.weight.array / norm.std.array
            self.layers.append((weight, layer.conv.bias.array, kernel, layer.conv.padding,
                                scale, norm.bias.array - norm.mean.array * scale))

    def __call__(self, words: np.ndarray, shape_ids: np.ndarray, segments: Segments) -> np.ndarray:
        x = np.concatenate((words, self.shapes[shape_ids]), axis=1)
        same = {}
        for weight, bias, kernel, padding, scale, shift in self.layers:
            y = x @ weight
            filters = weight.shape[1] // kernel
            x = np.repeat(bias[np.newaxis], len(x), axis=0)
            for k in range(kernel):
                offset, block = k - padding, y[:, k * filters:(k + 1) * filters]
                if offset == 0:
                    x += block
                    continue
                if offset not in same:
                    same[offset] = segments.neighbours(offset)[:, np.newaxis]
                lo, hi = max(0, -offset), len(x) - max(0, offset)
                np.add(x[lo:hi], block[lo + offset:hi + offset], out=x[lo:hi], where=same[offset][lo:hi])
            np.maximum(x, 0, out=x)
            x *= scale
            x += shift
        return x


@dataclass
class _Pack:
    """One slovnet model file: the network, its word-shape vocabulary and its output labels
    (its word vocabulary is navec's, loaded once for all three)."""
    model: object
    shapes: object
    labels: list[str]

    @classmethod
    def load(cls, path: str, kind: type, labels: str) -> _Pack:
        from slovnet.exec.pack import Pack
        with Pack(path) as pack:
            pack.load_meta().check_protocol()
            model = pack.load_model(kind)
            arrays = dict(pack.load_arrays(model.weights))
            shapes, labels_vocab = pack.load_vocab(SHAPE), pack.load_vocab(labels)
        return cls(model.inject_arrays(arrays), shapes, labels_vocab.items)


def _dense(linear) -> tuple[np.ndarray, np.ndarray]:
    return linear.weight.array, linear.bias.array


def _relu(x: np.ndarray, dense: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    return np.maximum(x @ dense[0] + dense[1], 0)


class Networks:
    """The three networks, loaded from the models natasha's wheel ships (one navec for all)."""

    def __init__(self, navec, morph, syntax, ner):
        self.word_ids, self.unknown = navec.vocab.word_ids, navec.vocab.word_ids[UNK]
        self.navec_indexes, self.navec_codes = navec.pq.indexes, navec.pq.codes
        self.navec_parts = np.arange(self.navec_codes.shape[0])
        self.shapes_vocab = ner.shapes
        self._ids: dict[str, tuple[int, int]] = {}

        self.morph_encoder = Encoder(morph.model)
        self.morph_head = _dense(morph.model.head.proj)
        self.morph_tags = [_parse_tag(t) for t in morph.labels]

        self.syntax_encoder = Encoder(syntax.model)
        head, rel = syntax.model.head, syntax.model.rel
        self.arc = (_dense(head.head.proj), _dense(head.tail.proj), head.kernel.array, head.root.array)
        self.rel = (_dense(rel.head.proj), _dense(rel.tail.proj), rel.kernel.array, rel.root.array)
        self.rels = syntax.labels

        self.ner_encoder = Encoder(ner.model)
        self.ner_head = _dense(ner.model.head.proj)
        self.ner_transitions = ner.model.head.crf.transitions.array
        self.ner_tags = ner.labels

    @classmethod
    def load(cls) -> Networks:
        from natasha import data
        from navec import Navec
        from slovnet.exec.model import NER, Morph, Syntax
        return cls(Navec.load(data.NEWS_EMBEDDING), _Pack.load(data.NEWS_MORPH, Morph, TAG),
                   _Pack.load(data.NEWS_SYNTAX, Syntax, REL), _Pack.load(data.NEWS_NER, NER, TAG))

    def encode(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Word and shape ids, the way slovnet's encoder makes them (lower-cased word, word shape)."""
        if len(self._ids) > CACHE_WORDS:
            self._ids.clear()
        ids = self._ids
        pairs = []
        for word in words:
            pair = ids.get(word)
            if pair is None:
                pair = ids[word] = (self.word_ids.get(word.lower(), self.unknown),
                                    self.shapes_vocab.encode(word_shape(word)))
            pairs.append(pair)
        array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        return array[:, 0], array[:, 1]

    def embed(self, word_ids: np.ndarray) -> np.ndarray:
        """navec's product-quantised vectors: one code per part, looked up and laid side by side."""
        parts, _, width = self.navec_codes.shape
        codes = self.navec_codes[self.navec_parts, self.navec_indexes[word_ids]]
        return codes.reshape(len(word_ids), parts * width)

    def morph(self, words: np.ndarray, shapes: np.ndarray, sentences: Segments) -> list[tuple[str, dict]]:
        x = self.morph_encoder(words, shapes, sentences)
        best = _first_best(x @ self.morph_head[0] + self.morph_head[1])
        return [self.morph_tags[i] for i in best.tolist()]

    def syntax(self, words: np.ndarray, shapes: np.ndarray, sentences: Segments) -> tuple[list[int], list[str]]:
        """Each word's head (0: the root, else a 1-based position in its sentence) and relation."""
        x = self.syntax_encoder(words, shapes, sentences)
        arc_dep, arc_head, arc_kernel, arc_root = self.arc
        scored = _relu(x, arc_dep) @ arc_kernel
        candidates = _relu(x, arc_head)
        root_scores = scored @ _relu(arc_root, arc_head)
        heads = np.zeros(len(x), dtype=np.int64)
        for start, stop in sentences.bounds:
            # candidate 0 is the root, then the sentence's words
            inner = scored[start:stop] @ candidates[start:stop].T
            heads[start:stop] = _first_best(np.concatenate((root_scores[start:stop, np.newaxis], inner), axis=1))

        rel_dep, rel_head, rel_kernel, rel_root = self.rel
        starts = np.array([start for start, stop in sentences.bounds for _ in range(stop - start)], dtype=np.int64)
        rows = np.where(heads > 0, starts + heads - 1, len(x))  # row len(x): the root
        governors = np.concatenate((x, rel_root[np.newaxis]))[rows]
        hidden = rel_dep[0].shape[1]
        pairs = (_relu(governors, rel_dep) @ rel_kernel).reshape(len(x), len(self.rels), hidden)
        rels = _first_best(np.einsum("trh,th->tr", pairs, _relu(x, rel_head)))
        return heads.tolist(), [self.rels[i] for i in rels.tolist()]

    def ner(self, words: np.ndarray, shapes: np.ndarray, texts: Segments) -> list[str]:
        """BIO labels, each text decoded as one sequence by the CRF (Viterbi)."""
        x = self.ner_encoder(words, shapes, texts)
        emissions = x @ self.ner_head[0] + self.ner_head[1]
        labels: list[str] = []
        for start, stop in texts.bounds:
            labels.extend(self.ner_tags[i] for i in _viterbi(emissions[start:stop], self.ner_transitions))
        return labels


def _first_best(scores: np.ndarray) -> np.ndarray:
    """Each row's best column; the first of those within TIE of the best."""
    return (scores >= scores.max(1, keepdims=True) - TIE).argmax(1)


def _viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    if not len(emissions):
        return []
    score, back = emissions[0], []
    for emission in emissions[1:]:
        candidates = score[:, np.newaxis] + transitions + emission  # previous x next
        best = candidates.argmax(0)
        back.append(best)
        score = candidates[best, np.arange(len(best))]
    path = [int(score.argmax())]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    return path[::-1]


def _parse_tag(tag: str) -> tuple[str, dict[str, str]]:
    """«NOUN|Animacy=Inan|Case=Nom» → ("NOUN", {"Animacy": "Inan", "Case": "Nom"})."""
    pos, *feats = tag.split("|")
    return pos, dict(f.split("=", 1) for f in feats if "=" in f)


def bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """Token ranges [i, j) from BIO labels, as natasha reads them: a span opens at B-, grows
    over I- and closes at O or the next B-; an I- with no open span is dropped."""
    spans: list[tuple[int, int, str]] = []
    open_span: list | None = None
    for i, label in enumerate(labels):
        part, _, kind = label.partition("-")
        if part == "O" or part == "B":
            if open_span:
                spans.append(tuple(open_span))
                open_span = None
            if part == "B":
                open_span = [i, i + 1, kind]
        elif part == "I" and open_span:
            open_span[1] = i + 1
    if open_span:
        spans.append(tuple(open_span))
    return spans
