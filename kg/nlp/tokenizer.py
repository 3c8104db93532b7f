"""Stage 2, segment: a spaCy tokenizer around a *private* ``jieba.Tokenizer``.

jieba's module-level tokenizer is global state shared with every other user in
the process (and it logs on import); kg keeps its own instance. Recognition in
kg is character based, so segmentation only has to be fast, not clever: HMM
discovery of new words is off by default.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path

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
        if not _load_prefix_dict(tok):
            tok.initialize()
            _save_prefix_dict(tok)
        _SHARED[False] = tok
    return _SHARED[False]


def _prefix_dict_cache() -> Path:
    """A per-user pickle of jieba's prefix dictionary, named after jieba's version and dictionary.

    jieba's own cache is a marshal file that takes about 0.8 s to load, in every
    worker process; the same dictionary pickled loads in about 0.3 s. It lives in
    the user's cache folder (not a shared temporary folder), since a pickle
    must come from a trusted writer.
    """
    import jieba

    dict_file = Path(jieba.__file__).parent / "dict.txt"
    stat = dict_file.stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    return base / f"jieba-{jieba.__version__}-{stat.st_size}-{int(stat.st_mtime)}.pickle"


def _load_prefix_dict(tok) -> bool:
    try:
        with open(_prefix_dict_cache(), "rb") as f:
            tok.FREQ, tok.total = pickle.load(f)
    except Exception:          # absent, unreadable or stale: jieba builds it again
        return False
    tok.initialized = True
    return True


def _save_prefix_dict(tok) -> None:
    try:
        path = _prefix_dict_cache()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((tok.FREQ, tok.total), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception as exc:   # no writable home (read-only, unset): keep working, only slower to start
        logger.debug("could not write the jieba cache: %s", exc)


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
