"""kg.read.dates: where a document's date comes from, and in which order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.read.dates import date_in_name, date_in_text, document_date, parse_date

# fmt: off
VALUES = [
    ("2023-07-28", "2023-07-28"),
    ("2023/7/8", "2023-07-08"),
    ("2023.07.28", "2023-07-28"),
    ("2023年7月28日", "2023-07-28"),
    ("２０２３年７月２８日", "2023-07-28"),
    ("2023-07-28 09:30:00", "2023-07-28"),
    ("2023-07-28T09:30:00+08:00", "2023-07-28"),
    (dt.date(2023, 7, 28), "2023-07-28"),
    (dt.datetime(2023, 7, 28, 9, 30), "2023-07-28"),
    ("2023-02-30", None),
    ("2023-13-01", None),
    ("1850-01-01", None),
    ("七月", None),
    ("2023-07-28号外", None),
    (20230728, None),
    ("", None),
]

TEXTS = [
    # a month and day, the year from the heading
    ("重庆市2023年第二季度重点项目集中开工\n7月27日，江北区委书记 张三出席开工仪式。", "2023-07-27"),
    # a month and day, the year from the dateline
    ("项目集中开工\n本报讯（2023年第三季度）9月5日上午，巴南区举行签约仪式。", "2023-09-05"),
    # a full date
    ("会议于2023年7月28日在渝北区召开。", "2023-07-28"),
    ("2022-11-03 10:15 来源：区政府网站\n正文", "2022-11-03"),
    ("二〇二三年七月二十八日 区委常委会召开", "2023-07-28"),
    ("2023年12月1号，永川区签约。", "2023-12-01"),
    # the first date stated wins
    ("7月27日，区委召开会议。2023年7月28日，项目开工。\n", "2023-07-27"),
    ("2023年开局之年\n3月2日，区长李四调研。2023年5月1日又去。", "2023-03-02"),
    # no year known for a month and day: no date
    ("7月27日，江北区委书记 张三出席。", None),
    # months without a day, impossible days, nothing at all
    ("2023年1月至6月，全区生产总值增长6%。", None),
    ("2023年2月30日", None),
    ("江北区委书记 张三出席开工仪式。", None),
    ("", None),
]

NAMES = [
    ("2023-07-28-开工.txt", "2023-07-28"),
    ("corpus/20230728_news.html", "2023-07-28"),
    ("2023_07_28.md", "2023-07-28"),
    ("000_38f892dfc234ae53.txt", None),
    ("a20230728.txt", None),
    ("2023-99-01.txt", None),
    ("新闻.txt", None),
]
# fmt: on


@pytest.mark.parametrize("value,expected", VALUES)
def test_dates_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text,expected", TEXTS)
def test_dates_date_in_text(text, expected):
    assert date_in_text(text) == expected


@pytest.mark.parametrize("name,expected", NAMES)
def test_dates_date_in_name(name, expected):
    assert date_in_name(name) == expected


TEXT_WITH_DATE = "重庆市2023年第二季度重点项目集中开工\n7月27日，江北区委书记 张三出席。"


def test_dates_explicit_wins_over_text_and_name():
    assert document_date(TEXT_WITH_DATE, path="2023-01-01-x.txt", explicit="2023-07-28",
                         default="2020-01-01") == "2023-07-28"


def test_dates_text_wins_over_name():
    assert document_date(TEXT_WITH_DATE, path="2023-01-01-x.txt", default="2020-01-01") == "2023-07-27"


def test_dates_name_wins_over_default():
    assert document_date("区委书记 张三出席。", path="d/2023-01-01-x.txt", default="2020-01-01") == "2023-01-01"


def test_dates_default_last():
    assert document_date("区委书记 张三出席。", path="x.txt", default="2020-01-01") == "2020-01-01"


def test_dates_none_when_nothing_known():
    assert document_date("区委书记 张三出席。", path="x.txt") is None


@pytest.mark.parametrize("kwargs", [{"explicit": "去年夏天"}, {"default": "2023-7"}])
def test_dates_bad_given_date_names_value_and_fix(kwargs):
    with pytest.raises(InputError, match="YYYY-MM-DD") as info:
        document_date("区委书记 张三出席。", **kwargs)
    assert next(iter(kwargs.values())) in str(info.value)


# The date patterns were rewritten to start with a character (fast scanning); these are the
# originals, which put a lookbehind first. Both must find the very same matches.
_OLD_YEAR = r"(?<![0-9])((?:19|20)[0-9]{2})"
_OLD_PATTERNS = {
    "_FULL_CN": _OLD_YEAR + r"\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]",
    "_FULL_DASH": _OLD_YEAR + r"([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])",
    "_FULL_CN_NUM": r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]",
    "_MONTH_DAY": r"(?<![0-9年])([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]",
    "_YEAR_ONLY": _OLD_YEAR + r"\s*年",
}


_PIECES = ["2023", "1998", "19", "20", "0", "1", "2", "7", "12", "28", "31", "年", "月", "日", "号", " ", "\n",
           "-", "/", ".", "二〇二三", "〇", "○", "一", "七", "十", "二十八", "x"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_dates_patterns_match_as_before(text):
    import re

    from kg.read import dates

    for name, old in _OLD_PATTERNS.items():
        new = getattr(dates, name)
        assert [(m.span(), m.groups()) for m in new.finditer(text)] == \
               [(m.span(), m.groups()) for m in re.finditer(old, text)], name
