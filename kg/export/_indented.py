"""The indented JSON text of :mod:`kg.export.json`: what ``json.dumps(..., indent=1)`` writes, faster."""

from __future__ import annotations

import operator
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

INDENT = " "


def _float(value: float) -> str:
    """A float as ``json`` writes it (``allow_nan``: NaN and Infinity spelled as JavaScript does)."""
    if value - value == 0.0:        # finite (NaN and the infinities give NaN): nearly every one
        return float.__repr__(value)
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as ``json`` writes it (keys that are not text become text)."""
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if key is True or key is False or key is None:
        return encode_basestring({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


class _Indented:
    """``json.dumps(obj, ensure_ascii=False, indent=1, default=...)``, text for text, but faster.

    With ``indent`` set, the standard library leaves its C encoder for a
    generator-based pure-Python one, the slowest step of writing a large graph.
    This writer gives the very same text building one string per container;
    lists of strings (aliases, docs, evidences) are escaped and joined in C.
    """

    def __init__(self, default: Callable[[Any], Any]) -> None:
        self.default = default
        self.markers: set[int] = set()
        self.indents: list[str] = ["\n"]
        self.keys: dict[str, str] = {}    # key -> its text and ": "
        # (keys, extra names, level, value types) -> (format, converters), None where no template applies
        self.templates: dict[tuple, tuple[str, tuple[Callable[[Any], str], ...]] | None] = {}

    def newline(self, level: int) -> str:
        """A line break and the indentation of ``level``."""
        while len(self.indents) <= level:
            self.indents.append("\n" + INDENT * len(self.indents))
        return self.indents[level]

    def dumps(self, o: Any, level: int = 0) -> str:
        """The text of ``o`` as it appears after a key or a separator at ``level``."""
        t = type(o)
        if t is str:
            return encode_basestring(o)
        if t is dict:
            return self.dict(o, level)
        if t is list:
            return self.list(o, level)
        if isinstance(o, str):
            return encode_basestring(o)
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            return _float(o)
        if isinstance(o, (list, tuple)):
            return self.list(o, level)
        if isinstance(o, dict):
            return self.dict(o, level)
        self._enter(o)
        text = self.dumps(self.default(o), level)
        self.markers.discard(id(o))
        return text

    def _enter(self, o: Any) -> None:
        if id(o) in self.markers:
            raise ValueError("Circular reference detected")
        self.markers.add(id(o))

    def list(self, lst: list | tuple, level: int) -> str:
        if not lst:
            return "[]"
        inner, outer = self.newline(level + 1), self.newline(level)
        try:
            # The common case, a list of strings: escaped and joined in C, no cycle possible.
            return "[" + inner + ("," + inner).join(map(encode_basestring, lst)) + outer + "]"
        except TypeError:
            pass
        self._enter(lst)
        dumps, deeper = self.dumps, level + 1
        text = "[" + inner + ("," + inner).join([dumps(item, deeper) for item in lst]) + outer + "]"
        self.markers.discard(id(lst))
        return text

    def item(self, dct: dict, level: int, names: tuple[str, ...], values: tuple) -> str:
        """The text of ``dct`` with the extra keys ``names`` holding ``values``, as :meth:`dict` writes it.

        The items of a graph share a few shapes (the same keys in the same order,
        values of the same types), so each shape's text is a format string made
        once, filled with the values' texts by C-level converters.
        """
        vals = (*dct.values(), *values)
        shape = (tuple(dct), names, level, tuple(map(type, vals)))
        try:
            template = self.templates[shape]
        except KeyError:
            template = self.templates[shape] = self._template(shape)
        if template is not None:
            try:    # a list of something other than strings raises TypeError: the general path
                return template[0] % tuple(map(operator.call, template[1], vals))
            except TypeError:
                pass
        return self.dict(dct, level, tuple(zip(names, values)))

    def _template(self, shape: tuple) -> tuple[str, tuple[Callable[[Any], str], ...]] | None:
        """The format string and value converters for dicts of ``shape`` (see :meth:`item`); ``None`` if
        a key is not text, an extra name is also a key, or a value is not text, an int, a float or a list."""
        keys, names, level, types = shape
        if len(set(keys) | set(names)) != len(keys) + len(names) or any(type(k) is not str for k in keys):
            return None
        inner, inner2 = self.newline(level + 1), self.newline(level + 2)
        sep2, opening, closing = "," + inner2, "[" + inner2, inner + "]"
        enc = encode_basestring

        def str_list(v: list) -> str:
            """A list of strings (TypeError otherwise), escaped and joined in C."""
            return opening + sep2.join(map(enc, v)) + closing if v else "[]"

        convert = {str: enc, int: int.__repr__, float: _float, list: str_list}
        if any(t not in convert for t in types):
            return None
        heads = [_key(k).replace("%", "%%") + ": %s" for k in (*keys, *names)]
        fmt = "{" + inner + ("," + inner).join(heads) + self.newline(level) + "}"
        return fmt, tuple(convert[t] for t in types)

    def dict(self, dct: dict, level: int, extra: tuple[tuple[str, Any], ...] = ()) -> str:
        """The text of ``dct``, or of ``{**dct, **dict(extra)}`` without building that dict."""
        for k, _ in extra:
            if k in dct:
                return self.dict({**dct, **dict(extra)}, level)
        if not dct and not extra:
            return "{}"
        inner, inner2, close = self.newline(level + 1), self.newline(level + 2), self.newline(level)
        sep2, deeper = "," + inner2, level + 1
        keys, enc = self.keys, encode_basestring
        entered = False     # marked only before a value that may hold ``dct`` again (a container)
        parts = []
        append = parts.append
        for k, v in (*dct.items(), *extra) if extra else dct.items():
            head = keys.get(k) if type(k) is str else None
            if head is None:
                head = _key(k) + ": "
                if type(k) is str:
                    keys[k] = head
            t = type(v)
            if t is str:
                append(head + enc(v))
            elif t is int:
                append(head + int.__repr__(v))
            elif t is float:
                append(head + _float(v))
            elif t is list and v:
                try:    # a list of strings, escaped and joined in C
                    append(head + "[" + inner2 + sep2.join(map(enc, v)) + inner + "]")
                    continue
                except TypeError:
                    pass
                if not entered:
                    self._enter(dct)
                    entered = True
                append(head + self.dumps(v, deeper))
            else:
                if not entered:
                    self._enter(dct)
                    entered = True
                append(head + self.dumps(v, deeper))
        if entered:
            self.markers.discard(id(dct))
        return "{" + inner + ("," + inner).join(parts) + close + "}"
