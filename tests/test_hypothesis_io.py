"""Property tests: reading and extraction never raise, whatever the input.

Arbitrary Unicode, control characters, broken encodings, broken markup,
broken JSON and very long lines go through kg.read (documents, encodings, formats,
dates, textnorm) and kg.nlp.extract. Together the tests below run more than 2,000
generated inputs (the ``max_examples`` add up to 3,800).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.read.dates import date_in_text, document_date, parse_date
from kg.read.documents import Problem, read_documents
from kg.read.encodings import Unreadable, decode_bytes
from kg.read.formats import html_to_text, split_front_matter
from kg.read.textnorm import to_simplified
from kg.schema import DocResult, Document

CJK = "重庆市江北区委书记张三李四出席綦江區發展改革委員會年月日号第二季度项目开工签约〇一二三七十"
CONTROLS = "".join(map(chr, range(0x20))) + "\x7f\x85\u2028\u2029\ufeff\u200b\u3000"

chars = st.characters(exclude_categories=("Cs",))          # any code point a str can be written with
chinese = st.text(alphabet=st.sampled_from(CJK + "，。、 \n0123456789-/"), max_size=200)
messy = st.text(alphabet=st.one_of(chars, st.sampled_from(CJK), st.sampled_from(CONTROLS)), max_size=300)
long_lines = st.builds(lambda unit, n: unit * n, st.text(alphabet=st.one_of(chars, st.sampled_from(CJK)),
                                                        min_size=1, max_size=8), st.integers(200, 1500))
any_text = st.one_of(messy, chinese, long_lines)


def fast(n: int) -> settings:
    return settings(max_examples=n, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@fast(600)
@given(any_text)
def test_hypothesis_extract_never_raises(text):
    from kg.nlp.extract import extract

    result = extract(Document(id="h.txt", text=text))
    assert isinstance(result, DocResult) and result.doc_id == "h.txt"


@fast(500)
@given(st.one_of(st.binary(max_size=600), any_text.map(lambda t: t.encode("utf-8")),
                 chinese.map(lambda t: t.encode("gb18030"))))
def test_hypothesis_decode_never_raises_otherwise(data):
    try:
        text, codec = decode_bytes(data)
    except Unreadable as err:
        assert err.message
    else:
        assert isinstance(text, str) and codecs.lookup(codec)
        assert not text.startswith("\ufeff")


@fast(400)
@given(chinese.filter(lambda t: t.strip()),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"]))
def test_hypothesis_encodings_round_trip(text, encoding):
    data = text.encode(encoding)
    decoded, _ = decode_bytes(data)
    if encoding == "gb18030":    # bytes that are valid UTF-8 too are read as UTF-8, by design
        assert decoded in (text, data.decode("utf-8", errors="replace"))
    else:
        assert decoded == text


@fast(400)
@given(st.one_of(st.binary(max_size=400), any_text.map(lambda t: t.encode("utf-8"))),
       st.sampled_from([".txt", ".md", ".html", ".jsonl", ".xyz"]),
       st.sampled_from([None, None, "gb18030", "utf-16"]))
def test_hypothesis_read_documents_never_raises(data, suffix, encoding):
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "doc" + suffix), "wb") as fh:
            fh.write(data)
        docs = list(read_documents([tmp], encoding=encoding, on_problem=problems.append))
    for doc in docs:
        assert doc.text.strip() and doc.id.startswith("doc")
        assert doc.date is None or parse_date(doc.date) == doc.date
    assert docs or problems
    assert all(p.path and p.message for p in problems)


tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<script>", "</script>",
                        "<style>", "</style>", "<title>", "</title>", "<head>", "<body>", "<!--", "-->",
                        "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<", ">", "<a href='",
                        "<meta name='pubdate' content='2023-07-28'>", "<meta name=date content=x>"])


@fast(300)
@given(st.lists(st.one_of(tags, messy, chinese), max_size=30).map("".join))
def test_hypothesis_html_never_raises(html):
    text, title, date = html_to_text(html)
    assert isinstance(text, str) and isinstance(title, str)
    assert "\n\n" not in text and text == text.strip()
    assert date is None or parse_date(date) == date


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | messy,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(messy, inner, max_size=3),
                           max_leaves=6)
jsonl_line = st.one_of(
    st.fixed_dictionaries({"text": any_text}, optional={"id": st.one_of(messy, st.integers()),
                                                        "date": st.one_of(messy, st.none()),
                                                        "title": json_values, "source": json_values}),
    json_values,
)


@fast(300)
@given(st.lists(st.one_of(jsonl_line.map(lambda v: json.dumps(v, ensure_ascii=False)),
                          messy.map(lambda t: t.replace("\n", " "))), max_size=8))
def test_hypothesis_jsonl_never_raises(lines):
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "n.jsonl")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines))
        import warnings

        with warnings.catch_warnings():     # a bad "date" field warns; that is tested elsewhere
            warnings.simplefilter("ignore")
            docs = list(read_documents([path], on_problem=problems.append))
    assert len({d.id for d in docs}) == len(docs)
    assert all(p.line is None or p.line >= 1 for p in problems)


@fast(500)
@given(any_text, st.one_of(st.none(), st.text(max_size=40)))
def test_hypothesis_dates_never_raise(text, name):
    found = document_date(text, path=name)
    assert found is None or dt.date.fromisoformat(found)
    fields, body = split_front_matter(text)
    assert body == text or text.endswith(body)


@fast(300)
@given(st.text(alphabet=st.sampled_from("重庆市江北区委书记张三出席会议，。 \n"), max_size=80), st.dates(
    min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_hypothesis_dates_full_date_found(prefix, day):
    text = f"{prefix}{day.year}年{day.month}月{day.day}日，区委召开会议。"
    assert date_in_text(text) == day.isoformat()


@fast(500)
@given(any_text)
def test_hypothesis_textnorm_keeps_length(text):
    out = to_simplified(text)
    assert len(out) == len(text)
    assert all(a == b for a, b in zip(text, out) if a < "\u2e80")     # only CJK characters change
