"""kg.read.documents: every encoding users have, detected without asking; --encoding overrides."""

from __future__ import annotations

import codecs
import json

import pytest

from kg.errors import InputError
from kg.read.documents import Problem, read_documents
from kg.read.encodings import Unreadable, decode_bytes, looks_binary

TEXT = "重庆市2023年第二季度重点项目集中开工\n7月27日，重庆市江北区委书记 张三出席开工仪式。\n"
SHORT = "江北区"     # short GBK strings are what detectors misread

# fmt: off
ENCODED = {
    "utf8": TEXT.encode("utf-8"),
    "utf8_bom": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "gbk": TEXT.encode("gbk"),
    "gb18030": (TEXT + "㐀䶵").encode("gb18030"),     # characters outside GBK
    "utf16_le_bom": TEXT.encode("utf-16"),
    "utf16_be_bom": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf16_le_no_bom": TEXT.encode("utf-16-le"),
    "utf32_bom": TEXT.encode("utf-32"),
}
# fmt: on


def read_one(path, **kwargs):
    problems: list[Problem] = []
    docs = list(read_documents([path], on_problem=problems.append, **kwargs))
    return docs, problems


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_read_encodings_detected(tmp_path, name):
    f = tmp_path / f"{name}.txt"
    f.write_bytes(ENCODED[name])
    docs, problems = read_one(f)
    assert problems == []
    expected = TEXT + "㐀䶵" if name == "gb18030" else TEXT
    assert [d.text for d in docs] == [expected]
    assert not docs[0].text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["gbk", "gb2312", "gb18030"])
def test_read_encodings_short_gbk(encoding):
    assert decode_bytes(SHORT.encode(encoding))[0] == SHORT


def test_read_encodings_override(tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes("綦江區委書記 李四".encode("big5"))
    docs, problems = read_one(f, encoding="big5")
    assert problems == [] and docs[0].text == "綦江區委書記 李四"
    assert docs[0].meta["encoding"] == "big5"


def test_read_encodings_wrong_override_reports_line(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(("第一行\n" + TEXT).encode("gbk"))
    docs, problems = read_one(f, encoding="utf-8")
    assert docs == []
    (pr,) = problems
    assert pr.path == str(f) and pr.line == 1
    assert "cannot decode as utf-8" in pr.message and "--encoding" in pr.message


def test_read_encodings_unknown_codec_is_an_input_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="'klingon'.*--encoding"):
        read_one(tmp_path / "a.txt", encoding="klingon")


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,                            # every byte value
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    b"\x7fELF\x02\x01\x01" + bytes(range(1, 120)) * 3,
    bytes([0x81, 0x30, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]) * 50,   # GB18030-decodable controls
])
def test_read_encodings_binary_is_reported(data):
    with pytest.raises(Unreadable, match="binary"):
        decode_bytes(data)


def test_read_encodings_looks_binary_tolerates_a_stray_control():
    assert not looks_binary(TEXT + "\x0c" + TEXT + "\x1a")
    assert looks_binary("abc\x00def")


BIG5 = "臺北市政府今日召開記者會，市長宣布推動智慧城市計畫，並與科技公司合作建設資料中心。\n" * 2


def test_read_encodings_big5_is_detected_not_binary(tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes(BIG5.encode("big5"))
    docs, problems = read_one(f)
    assert problems == [] and [d.text for d in docs] == [BIG5]
    assert docs[0].meta["encoding"] == "big5"


def damaged(text: str, at: list[int], byte: bytes = b"\xff") -> tuple[bytes, list[int]]:
    """``text`` in UTF-8 with ``byte`` put in before each character index of ``at``, and the bad bytes' offsets."""
    data, offsets, last = b"", [], 0
    for i in sorted(at):
        data += text[last:i].encode("utf-8")
        offsets.append(len(data))
        data += byte
        last = i
    return data + text[last:].encode("utf-8"), offsets


CUT = TEXT.encode("utf-8")[:-2] + TEXT.encode("utf-8") * 2      # the last character of a line cut short


# fmt: off
@pytest.mark.parametrize("data, offsets", [
    damaged(TEXT * 3, [3]),                                         # one stray byte
    damaged(TEXT * 3, [3, 60]),                                     # two
    (damaged(TEXT * 3, [3], byte=b"\x80\x80")[0], [9, 10]),           # two in a row
    (codecs.BOM_UTF8 + damaged(TEXT * 3, [3])[0], [3 + 3 * 3]),      # after a BOM: offsets in the file
    (CUT, [len(TEXT.encode("utf-8")) - len("。\n".encode("utf-8"))]),
])
# fmt: on
@pytest.mark.parametrize("encoding", [None, "utf-8"])
def test_read_encodings_damaged_utf8_is_read_and_reported(tmp_path, data, offsets, encoding):
    f = tmp_path / "damaged.txt"
    f.write_bytes(data)
    docs, problems = read_one(f, encoding=encoding)
    (doc,) = docs
    assert "\ufffd" in doc.text and doc.text.replace("\ufffd", "").count("江北区委书记") == 3
    (pr,) = problems
    assert pr.path == str(f) and not pr.skipped
    assert f"at byte offset(s) {', '.join(map(str, offsets))}:" in pr.message and "U+FFFD" in pr.message


def test_read_encodings_damaged_utf8_line_of_jsonl(tmp_path):
    f = tmp_path / "lines.jsonl"
    good = (json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False) + "\n").encode("utf-8")
    line, (at,) = damaged(json.dumps({"id": "b", "text": TEXT}, ensure_ascii=False) + "\n", [25])
    f.write_bytes(good + line)
    docs, problems = read_one(f)
    assert [d.id for d in docs] == ["lines.jsonl#a", "lines.jsonl#b"]
    (pr,) = problems
    assert (pr.line, pr.skipped) == (2, False) and f"byte offset(s) {at} of the line" in pr.message


@pytest.mark.parametrize("encoding", ["gbk", "big5"])
def test_read_encodings_other_encodings_are_not_damaged_utf8(encoding):
    text = TEXT if encoding == "gbk" else BIG5
    with pytest.raises(Unreadable):
        decode_bytes(text.encode(encoding), "utf-8", on_repair=lambda offsets: None)
    assert decode_bytes(text.encode(encoding), on_repair=pytest.fail)[0] == text


def test_read_encodings_damage_is_refused_without_on_repair():
    with pytest.raises(Unreadable):
        decode_bytes(damaged(TEXT * 3, [9])[0], "utf-8")
