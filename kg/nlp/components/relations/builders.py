"""Who builds a project, read off the people and bodies a sentence is about (see :mod:`.things`).

- ``develops_department_app``: a department whose sentence builds a digital application
  (外贸行业产业大脑, “项目管理一件事”应用) develops it;
- ``develops_executive``: a company's head named after the company (X集团董事长王某) who says
  it invests in and builds a project (王某表示，投资40亿元，建设Y) speaks for the company.
"""

from __future__ import annotations

import re

from kg.nlp.mention import Mention
from kg.schema import DEVELOPS, ENTERPRISE

# A digital application a department builds for its work (外贸行业产业大脑, “项目管理一件事”应用).
APPLICATION = re.compile(r"(?:平台|系统|大脑|应用|场景|一件事|数据库|驾驶舱|小程序|APP|App)$")
APP_BUILT = re.compile(r"(?:建设|建成|完善|开发|上线|打造|搭建|推出|迭代|升级)[^，。；,;]{0,4}$")


def builds_application(text: str, s: int, m: Mention) -> bool:
    """develops_department_app: a department whose sentence builds a digital application develops it."""
    return APPLICATION.search(m.name) is not None and APP_BUILT.search(text, max(s, m.start - 12), m.start) is not None


# X集团党委书记、董事长 王某: the company's head, by name.
EXECUTIVE = re.compile(r"[^，。；\n]{0,10}?(?:董事长|总经理|总裁|首席执行官|创始人)\s*([\u4e00-\u9fff]{2,3}?)"
                       r"(?=[\s，。、:：等]|表示|说|介绍)")
SAYS = re.compile(r"(?:表示|说|介绍|谈到|称)")
BUILT_BEFORE = re.compile(r"(?:投资|建设|新建|打造|签约的|布局)[^，。；]{0,3}$")


def executive_builds(text: str, ents: list[Mention], projects: list[Mention], sentence, add) -> None:
    """develops_executive: 娲石集团董事长王某 … 王某表示，投资40亿元，建设Y → the company develops Y.

    A company's head who says what the company invests in and builds speaks for it.
    """
    heads: dict[str, Mention] = {}
    says_at: dict[int, Mention] = {}        # 东方电气集团董事长李某表示，…: where the head speaks at once
    for x in ents:
        if x.label == ENTERPRISE and (h := EXECUTIVE.match(text, x.end)) is not None:
            heads.setdefault(h.group(1), x)
            if SAYS.match(text, h.end(1)):
                says_at[sentence(x.start)[0]] = x
    if not heads:
        return
    for y in projects:
        s, e = sentence(y.start)
        company = says_at.get(s) or next((x for name, x in heads.items() if text.startswith(name, s)
                                          and SAYS.match(text, s + len(name))), None)
        if company is not None and BUILT_BEFORE.search(text, max(s, y.start - 12), y.start):
            add(company, DEVELOPS, y, "develops_executive", text[s:e])
