"""Word classes from jieba's dictionary: which words are verbs, function words or proper nouns.

jieba's ``dict.txt`` gives every word a part-of-speech tag at no cost to the
segmenter (``word freq tag``). The name grammar asks two questions of it:

- does a name candidate open with a verb or function word (``发挥``\\|娲石集团…,
  ``如``\\|深圳市…, ``我希望和``\\|中国医科大学)? Then the name starts after it.
- is a core made only of common vocabulary (``现代化咖啡鲜果处理``\\|中心) or does it
  hold a proper noun, a coined or an unknown word (``蟠龙``, ``杨家坪``, ``赛力斯``)?

Only the classes these questions need are kept; the table is read once per
process and cached per user beside the segmenter's word costs.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import logging
import os
import pickle
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

# jieba tags (ICTCLAS): v verb, p preposition, c conjunction, r pronoun, u particle (not d: jieba
# tags 大连 and 特别 as adverbs);
# ns place, nr person, nz other proper noun, nt organization, nrt/nrfg names, j abbreviation.
FUNCTION_TAGS = frozenset("v p c r u".split())
# One character before a name may introduce it in these classes (要, 如, 到, 与, 我, 的).
SINGLE_FUNCTION_TAGS = frozenset("v p c r u d".split())
# What may follow a name without being part of it: verbs and verbal nouns, place and time words
# (聊城机场|前期工作, 临沂商城|国际化); a plain noun goes on the name or modifies (铁路|运价).
CONTINUATION_TAGS = frozenset("v vn f t d p c u r".split())
PROPER_TAGS = frozenset("ns nr nz nt nrt nrfg j".split())
# Verbs rarer than this are mostly compounds that also name things (抽水蓄能, 数字化转型): not boundaries.
MIN_VERB_FREQ = 20


@functools.lru_cache(maxsize=1)
def word_classes() -> dict[str, str]:
    """word -> tag, for the words of ``FUNCTION_TAGS`` and ``PROPER_TAGS`` (up to 4 characters)."""
    path = _cache_path()
    try:
        with open(path, "rb") as f:
            return _unpacked(pickle.load(f))
    except Exception:          # absent, unreadable or stale: built again
        pass
    table = _read_dictionary()
    save_cache(path, _packed(table))
    return table


def _packed(table: dict[str, str]) -> dict[str, str]:
    """The table as each tag's words in one string: read back in a third less time than the
    table itself (one string per tag to unpickle, then the words split and keyed in C)."""
    words: dict[str, list[str]] = {}
    for word, tag in table.items():
        words.setdefault(tag, []).append(word)
    return {tag: "\n".join(ws) for tag, ws in words.items()}


def _unpacked(packed: dict[str, str]) -> dict[str, str]:
    """The table again from :func:`_packed`'s strings (anything else raises: the cache is rebuilt)."""
    table: dict[str, str] = {}
    for tag, words in packed.items():
        table.update(dict.fromkeys(words.split("\n"), tag))
    return table


def save_cache(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` in the user's cache folder, atomically; without a writable
    cache nothing is written (kg keeps working, only slower to start)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception as exc:
        logger.debug("could not write the cache %s: %s", path, exc)


def _dict_file() -> Path:
    spec = importlib.util.find_spec("jieba")       # found, not imported
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed: pip install jieba")
    return Path(spec.origin).parent / "dict.txt"


def _cache_path() -> Path:
    stat = _dict_file().stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    version = importlib.metadata.version("jieba")
    return base / f"jieba-classes-4-{version}-{stat.st_size}-{int(stat.st_mtime)}.pickle"


def _read_dictionary() -> dict[str, str]:
    table: dict[str, str] = {}
    with open(_dict_file(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or len(parts[0]) > 4:
                continue
            word, freq, tag = parts
            if tag in PROPER_TAGS or tag in CONTINUATION_TAGS and (tag != "v" or int(freq) >= MIN_VERB_FREQ):
                table[word] = tag
    return table


def is_function_word(word: str, *, single: bool = False, verbs: bool = True) -> bool:
    """A verb, preposition, conjunction, pronoun or particle (not a name's part).

    With ``single``, only the classes a lone character belongs to as a word;
    without ``verbs``, verbs do not count.
    """
    tag = word_classes().get(word, "")
    if single:
        return tag in SINGLE_FUNCTION_TAGS and (verbs or tag not in ("v", "d"))
    return tag in FUNCTION_TAGS and (verbs or tag != "v")


def may_follow_a_name(word: str) -> bool:
    """Can ``word`` come right after a name without belonging to it (see ``CONTINUATION_TAGS``)?"""
    tag = word_classes().get(word, "")
    return tag in CONTINUATION_TAGS or tag in PROPER_TAGS


def is_connective(word: str) -> bool:
    """A preposition, conjunction or pronoun (与, 和, 在, 这, 该): never the first word of a name."""
    return word_classes().get(word, "") in ("p", "c", "r")


def is_proper(word: str) -> bool:
    """A place, person, organization or other proper noun, or an abbreviation (渝, 京)."""
    return word_classes().get(word, "") in PROPER_TAGS
