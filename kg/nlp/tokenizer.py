"""Stage 2, segment: a spaCy tokenizer that cuts text the way jieba does, from jieba's dictionary.

Recognition in kg is character based, so segmentation only has to be fast, not
clever: HMM discovery of new words is off by default. With HMM off, jieba's
accurate mode is a shortest path over its prefix dictionary, which
:class:`DagCutter` computes in one pass with the word costs taken once from the
dictionary, giving jieba's very words (a property test holds it to
``jieba.Tokenizer.cut(text, HMM=False)``) in about half jieba's time. With
``hmm=True`` a *private* ``jieba.Tokenizer`` cuts: jieba's module-level
tokenizer is global state shared with every other user in the process (and it
logs on import).
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import logging
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterator
from itertools import compress, repeat
from math import log
from operator import is_
from pathlib import Path

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

_SHARED: dict[str, object] = {}
KEEP_WORD_COSTS = 3      # jieba installs whose word costs stay cached per user
_CACHE_PREFIX = "jieba-wordcosts-"

# Word costs: a dictionary word -> log(frequency / total); a prefix of words that is
# no word itself -> None. Characters absent from it cost log(1 / total).
WordCosts = dict[str, "float | None"]

# One character that jieba (re_eng) glues to its neighbours when the path leaves it alone.
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Every character of jieba's runs of word characters (_RE_HAN below): all a block can hold.
_WORD_CHARS = [*map(chr, range(0x4E00, 0x9FD6)), *_ASCII_ALNUM, *"+#&._%-"]
_ABSENT = object()
_NO_PATH = float("-inf")       # the score of a position before any word is found from it
# jieba's re_han_default and re_skip_default: runs of word characters, and the breaks between them.
# Spelled out so that a process that finds the word costs cached never imports jieba
# (0.14 s, most of it pkg_resources); the tests hold the cuts to jieba's own.
_RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = re.compile("(\r\n|\\s)", re.U)
# A letter or digit that jieba may glue (re_eng): blocks without one skip the gluing.
_RE_ENG = re.compile("[a-zA-Z0-9]")


def _jieba_tokenizer():
    """A private ``jieba.Tokenizer`` with jieba's own dictionary and cache (for ``hmm=True``)."""
    import jieba

    if "jieba" not in _SHARED:
        # jieba logs at DEBUG on import and initialise; keep it quiet.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.tmp_dir = tempfile.gettempdir()
        tok.cache_file = os.path.join(tok.tmp_dir, "kg.jieba.cache")
        tok.initialize()
        _SHARED["jieba"] = tok
    return _SHARED["jieba"]


def word_costs_from(freq: dict[str, int], total: int) -> tuple[WordCosts, float]:
    """The word costs of a jieba prefix dictionary, and ``log(total)``.

    ``log(f) - log(total)`` is computed here exactly as jieba computes it for
    every candidate word, so paths compare with the same floating-point values.
    """
    logtotal = log(total)
    return {w: (log(f) - logtotal if f else None) for w, f in freq.items()}, logtotal


def build_word_costs() -> tuple[WordCosts, float]:
    """The word costs of jieba's own dictionary, read from its dictionary file (no cache)."""
    import jieba

    tok = jieba.Tokenizer()
    return word_costs_from(*tok.gen_pfdict(tok.get_dict_file()))


def _word_costs() -> tuple[WordCosts, float]:
    """jieba's dictionary as word costs, from the per-user cache or built (and cached) from jieba."""
    if "costs" not in _SHARED:
        costs = _load_word_costs()
        if costs is None:
            costs = build_word_costs()
            _save_word_costs(costs)
        _SHARED["costs"] = costs
    return _SHARED["costs"]


def _word_costs_cache() -> Path:
    """A per-user pickle of the word costs, named after jieba's version and dictionary.

    Building them from jieba's dictionary file takes 2 to 3 s, in every
    worker process; the pickle loads in about 0.16 s. It lives in the user's
    cache folder (not a shared temporary folder), since a pickle must come
    from a trusted writer.
    """
    spec = importlib.util.find_spec("jieba")       # found, not imported
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed: pip install jieba")
    stat = (Path(spec.origin).parent / "dict.txt").stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    version = importlib.metadata.version("jieba")
    return base / f"{_CACHE_PREFIX}{version}-{stat.st_size}-{int(stat.st_mtime)}.pickle"


def _load_word_costs() -> tuple[WordCosts, float] | None:
    """The cached word costs, or None. The file holds ``(log(total), [(cost, words)...])``: the words
    of one cost in one string, a line each, so that loading makes one float per cost, not per word,
    and splits the words in C (0.16 s where a pickled dictionary took 0.22 s)."""
    try:
        path = _word_costs_cache()
        with open(path, "rb") as f:
            logtotal, groups = pickle.load(f)
        costs: WordCosts = {}
        for cost, words in groups:
            if not (cost is None or isinstance(cost, float)) or not isinstance(words, str):
                return None
            costs.update(zip(words.split("\n"), repeat(cost)))
    except Exception:          # absent, unreadable or stale: built again
        return None
    if not isinstance(logtotal, float):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)         # used now: kept when other installs write theirs
    return costs, logtotal


def _save_word_costs(costs: tuple[WordCosts, float]) -> None:
    words, logtotal = costs
    if any("\n" in w for w in words):   # jieba's dictionary has a word a line: never, but then no cache
        return
    groups: dict[float | None, list[str]] = {}
    for word, cost in words.items():
        groups.setdefault(cost, []).append(word)
    try:
        path = _word_costs_cache()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((logtotal, [(cost, "\n".join(ws)) for cost, ws in groups.items()]), f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception as exc:   # no writable home (read-only, unset): keep working, only slower to start
        logger.debug("could not write the jieba cache: %s", exc)
        return
    _drop_stale_caches(path)


def _drop_stale_caches(current: Path) -> None:
    """Keep the word costs of the ``KEEP_WORD_COSTS`` installs used last; delete the others (8 MB each).

    The name records the dictionary's size and modification time, so each fresh
    virtual environment (a CI clone, a reinstall) gets a new file, and the old
    ones piled up in the user's cache. A few are kept, so that environments used
    in turn do not keep rebuilding theirs (loading one marks it used). The jieba
    dictionary pickles older kg versions kept there (``jieba-<version>-*.pickle``,
    and ``jieba-costs-*.pickle``, the word costs as one pickled dictionary) are deleted.
    """
    def used(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    others = sorted((f for f in current.parent.glob(f"{_CACHE_PREFIX}*.pickle") if f != current),
                    key=used, reverse=True)
    older_kg = [*current.parent.glob("jieba-[0-9]*.pickle"), *current.parent.glob("jieba-costs-*.pickle")]
    for stale in [*others[KEEP_WORD_COSTS - 1:], *older_kg]:
        try:
            stale.unlink()
        except OSError:        # another process's, in use or gone: harmless
            pass


class DagCutter:
    """``jieba.Tokenizer.cut(text, HMM=False)``: the same words, from word costs, in one pass per block.

    jieba builds a graph of the dictionary words starting at each character,
    then walks it right to left keeping, at each character, the most probable
    path to the end (ties to the longer word), calling ``log`` for every
    candidate word. Here both happen in one right-to-left walk over the
    prefixes, with the costs looked up instead of computed. Text outside
    jieba's word characters is split as jieba splits it. The costs are a
    prefix dictionary, as jieba's: every prefix of a word is in it.
    """

    def __init__(self, costs: WordCosts, logtotal: float) -> None:
        self.costs = costs
        self.unknown = -logtotal         # an unknown character: log(1) - log(total)
        # Each word character's cost as a word of its own: the dictionary's, or the unknown one when it
        # is no word (absent, or a prefix only). Indexed, not asked with .get, once per character.
        # (Built with map and compress: 21,000 look-ups at start-up, each a cache miss in the dictionary.)
        found = list(map(costs.get, _WORD_CHARS, repeat(_ABSENT)))
        self.single = dict.fromkeys(_WORD_CHARS, self.unknown)
        self.single.update(compress(zip(_WORD_CHARS, found), map(isinstance, found, repeat(float))))
        # Prefixes only: no path may start with one of these alone when a word starts there.
        self.not_words = frozenset(compress(_WORD_CHARS, map(is_, found, repeat(None))))

    def __call__(self, text: str) -> Iterator[str]:
        return iter(self.words(text))

    def words(self, text: str) -> list[str]:
        """The words of ``text``, as a list (no empty ones): jieba's ``cut`` and ``__cut_DAG_NO_HMM``.

        ``re.split`` with one group alternates the text between runs of word
        characters (even places), split into single characters as jieba does
        but for its ``\\r\\n`` breaks, with the runs (odd places), cut. Each run is
        walked right to left, each position keeping the first word of its best
        path as the walk found it (the string it looked up), so the words are
        not cut again, and their lengths lead from one to the next. Most
        positions start no word of two characters or more: one look-up of the
        two characters there settles them. (Runs are not remembered within a
        text: a memo saved 10% on the benchmark's templated texts and nothing
        on news.)
        """
        costs, single, not_words = self.costs, self.single, self.not_words
        unknown, nowhere, eng = self.unknown, _NO_PATH, _RE_ENG.search
        out: list[str] = []
        append = out.append
        crlf = "\r\n" in text
        for m, s in enumerate(_RE_HAN.split(text)):
            if not m & 1:
                out += _breaks(s) if crlf and "\r\n" in s else s
                continue
            n = len(s)
            last = n - 1
            first = list(s)              # the first word of the best path from k: one character unless a word is found
            nxt = first[last]            # the character after k, as the walk met it
            score = [0.0] * (n + 1)      # best log probability of s[k:]
            after = score[last] = single[nxt]    # score[k + 1], kept at hand
            for k in range(last - 1, -1, -1):
                ch = first[k]
                w = ch + nxt
                nxt = ch
                if w not in costs:       # no word longer than ch starts here
                    after = score[k] = single[ch] + after
                    continue
                cost = costs[w]
                # ch alone, unless it is no word: a score below any path's (-inf), which every word found
                # beats; ties between words go to the longer one, as in jieba.
                best = nowhere if ch in not_words else single[ch] + after
                if cost is not None:
                    p = cost + score[k + 2]
                    if p >= best:
                        best = p
                        first[k] = w
                i = k + 3
                while i <= n:            # longer words: s[k:i] is a word or a prefix of one
                    w = s[k:i]
                    if w not in costs:
                        break
                    cost = costs[w]
                    if cost is not None:
                        p = cost + score[i]
                        if p >= best:
                            best = p
                            first[k] = w
                    i += 1
                after = score[k] = unknown + after if best == nowhere else best
            k = 0
            if eng(s) is None:
                while k < n:
                    w = first[k]
                    append(w)
                    k += len(w)
                continue
            glued = ""
            while k < n:
                w = first[k]
                if w in _ASCII_ALNUM:    # single letters and digits run together
                    glued += w
                    k += 1
                else:
                    if glued:
                        append(glued)
                        glued = ""
                    append(w)
                    k += len(w)
            if glued:
                append(glued)
        return out


def _breaks(part: str) -> list[str]:
    """Text between runs of word characters, as jieba yields it: ``\\r\\n`` whole, one character else."""
    out: list[str] = []
    for x in _RE_SKIP.split(part):
        if _RE_SKIP.match(x):
            out.append(x)
        else:
            out += x
    return out


def _cutter(hmm: bool) -> Callable[[str], Iterator[str]]:
    if hmm:
        tok = _jieba_tokenizer()
        return lambda text: tok.cut(text, HMM=True)
    if "cutter" not in _SHARED:
        _SHARED["cutter"] = DagCutter(*_word_costs())
    return _SHARED["cutter"]


def shared_cutter() -> Callable[[str], Iterator[str]]:
    """The process's jieba cutter (HMM off), for rules that cut a short stretch again."""
    return _cutter(False)


class _Orths(dict):
    """A vocabulary's words -> their spaCy orth ids (hashes), adding the words it lacks to its strings.

    ``Doc(vocab, words=strings)`` hashes every word (UTF-8 encoding and
    MurmurHash, then a check that the lexeme's string is stored); given orth
    ids it looks the lexemes up directly, a third of the time. A word's orth is
    the hash of its string, so it never changes; the string is added to the
    vocabulary's StringStore, which keeps every word spaCy has met anyway.
    """

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.add = vocab.strings.add

    def __missing__(self, word: str) -> int:
        orth = self[word] = self.add(word)
        return orth


class JiebaTokenizer:
    """Cut text into jieba's words; spaces are kept as their own tokens."""

    def __init__(self, vocab: Vocab, *, hmm: bool = False) -> None:
        self.vocab = vocab
        self.hmm = hmm
        self.cut = _cutter(hmm)
        # The cutter's own list when it has one: no generator to drain, word by word.
        self.words = getattr(self.cut, "words", None) or (lambda text: [w for w in self.cut(text) if w])
        self.orths = _Orths(vocab)

    def __call__(self, text: str) -> Doc:
        words = self.words(text)
        if not words:
            return Doc(self.vocab, words=[], spaces=[])
        doc = self._doc(words)
        doc.user_data["kg_text"] = text     # read by kg.nlp.mention.doc_text; tokens join to it
        return doc

    def _doc(self, words: list[str]) -> Doc:
        """The Doc of ``words``, made from their orth ids (the same lexemes, none hashed again).

        A StringStore keeps its strings (loading a vocabulary adds to them)
        except those added in a memory zone, which go when it ends: there the
        words are given as strings, as spaCy's own tokenizer does.
        """
        vocab, spaces = self.vocab, [False] * len(words)
        if vocab.in_memory_zone:
            return Doc(vocab, words=words, spaces=spaces)
        return Doc(vocab, words=list(map(self.orths.__getitem__, words)), spaces=spaces)

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
