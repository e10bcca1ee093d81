"""Models and lexicons, loaded once and handed to every stage."""
from __future__ import annotations

from functools import cached_property


class Models:
    """Loads each resource on first use and keeps it; one instance serves a whole batch run.

    `threads`: BLAS threads for the networks' matrix products. One where processes share the
    cores (a pool worker, a Ray actor): more would only spin against the other workers. A
    process that has the machine to itself may give them all its cores.

    `kb_path`: the knowledge base the linker reads (letopis.kb); by default `LETOPIS_KB` or the
    one `make` builds."""

    def __init__(self, threads: int = 1, kb_path=None):
        self.threads = threads
        self.kb_path = kb_path

    @cached_property
    def networks(self):
        """natasha's morphology, syntax and NER networks, run a batch at a time over our tokens."""
        from .neural import Networks
        return Networks.load()

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
        from .gazetteer import Gazetteer
        return Gazetteer.load(self.morph_vocab)

    @cached_property
    def kb(self):
        """The knowledge base the linker reads (letopis.kb): `kb_path`, else the default one;
        empty where there is none."""
        from . import kb
        return kb.load(self.kb_path)

    @cached_property
    def ner_model(self):
        """The CRF that corrects and extends natasha's NER, shipped in the package (`make train-ner`)."""
        from .ner import load_tagger
        return load_tagger()
