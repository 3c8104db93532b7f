"""Stage 2, segment: a spaCy tokenizer around a *private* ``jieba.Tokenizer``.

jieba's module-level tokenizer is global state shared with every other user in
the process (and it logs on import); kg keeps its own instance. Recognition in
kg is character based, so segmentation only has to be fast, not clever: HMM
discovery of new words is off by default.
"""

from __future__ import annotations

import logging
import os
import tempfile

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

_SHARED: dict[bool, object] = {}


def _jieba_tokenizer():
    import jieba

    if False not in _SHARED:
        # jieba logs at DEBUG on import and initialise; keep it quiet.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.tmp_dir = tempfile.gettempdir()
        tok.cache_file = os.path.join(tok.tmp_dir, "kg.jieba.cache")
        tok.initialize()
        _SHARED[False] = tok
    return _SHARED[False]


class JiebaTokenizer:
    """Cut text with a private jieba dictionary; spaces are kept as their own tokens."""

    def __init__(self, vocab: Vocab, *, hmm: bool = False) -> None:
        self.vocab = vocab
        self.hmm = hmm
        self.jieba = _jieba_tokenizer()

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.jieba.cut(text, HMM=self.hmm) if w]
        if not words:
            return Doc(self.vocab, words=[], spaces=[])
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["kg_text"] = text     # read by kg.nlp.mention.doc_text; tokens join to it
        return doc

    # spaCy serialization hooks: nothing to save, the dictionary ships with jieba.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "JiebaTokenizer":
        return self


@registry.tokenizers("kg.JiebaTokenizer.v1")
def create_jieba_tokenizer(hmm: bool = False):
    def make(nlp):
        return JiebaTokenizer(nlp.vocab, hmm=hmm)
    return make
