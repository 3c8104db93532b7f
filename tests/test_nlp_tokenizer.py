"""The segmenter gives jieba's own words (accurate mode, HMM off), whatever the text."""

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.pipeline import shared_nlp
from kg.nlp.tokenizer import DagCutter, _word_costs

# Characters that make dictionary words and their prefixes, plus the ASCII, spaces and
# punctuation that jieba splits apart or glues together.
ALPHABET = ("重庆市江北区两江新区数据中心智能科技有限公司产业园项目建设链长制一号工程"
            "南京大学实验室发展改革委员会人民政府书记区长主任签约落地投资亿元"
            "abcXYZ0123456789+#&._%- \t\n\r　，。、“”：；（）《》!?")


@pytest.fixture(scope="module")
def reference():
    tok = jieba.Tokenizer()
    tok.initialize()
    return lambda text: list(tok.cut(text, HMM=False))


@pytest.fixture(scope="module")
def cutter():
    return DagCutter(*_word_costs())


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_cuts_as_jieba_without_hmm(reference, cutter, text):
    assert list(cutter(text)) == reference(text)


@pytest.mark.parametrize("text", [
    "重庆市江北区建成两江数据中心，实施“链长制”。",
    "2023年GDP增长6.5%，R&D投入强度达2.8%，C919大飞机、5G基站和AI+制造。",
    "南京大学与江北新区共建联合实验室\r\n（二期）\u3000项目总投资12.5亿元",
    "",
    "   ",
])
def test_cuts_written_examples_as_jieba(reference, cutter, text):
    assert list(cutter(text)) == reference(text)


def test_tokens_join_to_the_text():
    text = "江北区 区长张三：\n推进“一号工程”，签约项目18个。"
    doc = shared_nlp().make_doc(text)
    assert "".join(t.text for t in doc) == text
    assert doc.user_data["kg_text"] == text


def test_splits_text_with_jiebas_own_patterns():
    from kg.nlp import tokenizer

    assert tokenizer._RE_HAN.pattern == jieba.re_han_default.pattern
    assert tokenizer._RE_SKIP.pattern == jieba.re_skip_default.pattern


def test_hmm_on_cuts_with_jiebas_hmm():
    from spacy.vocab import Vocab

    from kg.nlp.tokenizer import JiebaTokenizer

    text = "江北区推进智慧城市建设，张三强调要抓紧落实。"
    tok = jieba.Tokenizer()
    tok.initialize()
    assert [t.text for t in JiebaTokenizer(Vocab(), hmm=True)(text)] == list(tok.cut(text, HMM=True))


def _as_strings(vocab, words):
    from spacy.tokens import Doc

    return Doc(vocab, words=words, spaces=[False] * len(words))


def test_doc_from_orths_is_the_doc_from_strings():
    from spacy.vocab import Vocab

    from kg.nlp.tokenizer import JiebaTokenizer

    text = "江北区 区长张三：\n推进“一号工程”，签约项目18个。AI+制造\r\n"
    tokenizer = JiebaTokenizer(Vocab())
    for _ in range(2):               # words new to the vocabulary, then known
        doc = tokenizer(text)
        words = tokenizer.words(text)
        ref = _as_strings(Vocab(), words)
        assert [t.text for t in doc] == words == [t.text for t in ref]
        assert [t.orth for t in doc] == [t.orth for t in ref]
        assert [t.whitespace_ for t in doc] == [""] * len(words) and doc.text == text
        assert all(tokenizer.vocab[w].orth == tokenizer.orths[w] for w in words)


def test_doc_in_a_memory_zone_leaves_no_stale_orths():
    from spacy.vocab import Vocab

    from kg.nlp.tokenizer import JiebaTokenizer

    text = "区长张三推进项目"
    tokenizer = JiebaTokenizer(Vocab())
    with tokenizer.vocab.memory_zone():
        assert [t.text for t in tokenizer(text)] == tokenizer.words(text)
    assert not tokenizer.orths
    assert [t.text for t in tokenizer(text)] == tokenizer.words(text)


def test_doc_after_the_vocabulary_is_loaded_again():
    from spacy.vocab import Vocab

    from kg.nlp.tokenizer import JiebaTokenizer

    text = "区长张三推进项目"
    tokenizer = JiebaTokenizer(Vocab())
    tokenizer(text)
    tokenizer.vocab.from_bytes(Vocab().to_bytes())    # lexemes emptied, strings kept
    assert [t.text for t in tokenizer(text)] == tokenizer.words(text)
