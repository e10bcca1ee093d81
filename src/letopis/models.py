"""Models and lexicons, loaded once and handed to every stage."""
from __future__ import annotations

from functools import cached_property


class Models:
    """Loads each resource on first use and keeps it; one instance serves a whole batch run."""

    @cached_property
    def embedding(self):
        from natasha import NewsEmbedding
        return NewsEmbedding()

    @cached_property
    def morph_tagger(self):
        from natasha import NewsMorphTagger
        return NewsMorphTagger(self.embedding)

    @cached_property
    def syntax_parser(self):
        from natasha import NewsSyntaxParser
        return NewsSyntaxParser(self.embedding)

    @cached_property
    def ner_tagger(self):
        from natasha import NewsNERTagger
        return NewsNERTagger(self.embedding)

    @cached_property
    def networks(self):
        """natasha's morphology, syntax and NER networks, run a batch at a time over our tokens."""
        from .neural import Networks
        return Networks(self.morph_tagger, self.syntax_parser, self.ner_tagger)

    @cached_property
    def morph_vocab(self):
        from natasha import MorphVocab
        return MorphVocab()

    @property
    def morph(self):
        """The pymorphy analyser: natasha's MorphVocab is one, with parse() and inflection."""
        return self.morph_vocab

    @cached_property
    def gazetteer(self):
        from .geo import Gazetteer
        return Gazetteer.load(self.morph_vocab)

    @cached_property
    def ner_model(self):
        """The CRF that corrects and extends natasha's NER, shipped in the package (`make train-ner`)."""
        from .ner import load_tagger
        return load_tagger()
