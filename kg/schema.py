"""The graph's vocabulary: entity types, relations, attribute names and records.

Every stage speaks in these terms, so the contract of ``shared/eval/SCHEMA.md``
lives in one place. Records are frozen dataclasses that turn into plain JSON
(``to_dict``/``from_dict``) because a document's extraction result is cached on
disk and shipped between worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Entity types (spaCy labels are the same strings, upper-cased).
OFFICIAL = "official"
REGION = "region"
ENTERPRISE = "enterprise"
ORGANIZATION = "organization"
PROJECT = "project"
PROGRAM = "program"
ENTITY_TYPES: tuple[str, ...] = (OFFICIAL, REGION, ENTERPRISE, ORGANIZATION, PROJECT, PROGRAM)

# Relations.
GOVERNS = "governs"
SERVES_IN = "serves_in"
LEADS = "leads"
PART_OF = "part_of"
HOSTS = "hosts"
DEVELOPS = "develops"
IMPLEMENTS = "implements"
PARTNERS_WITH = "partners_with"
RELATION_TYPES: tuple[str, ...] = (
    GOVERNS, SERVES_IN, LEADS, PART_OF, HOSTS, DEVELOPS, IMPLEMENTS, PARTNERS_WITH,
)
UNDIRECTED_RELATIONS = frozenset({PARTNERS_WITH})
POSITION_RELATIONS = frozenset({GOVERNS, SERVES_IN, LEADS})     # an official's posts
CORRECTION_RULE = "correction"   # the rule of an edge a corrections file adds
CORRECTIONS_NAME = "kg-corrections.csv"   # a corrections file found by name: beside the inputs, never one
ANNOTATION_SUFFIX = ".gold.json"          # an annotation file (kg eval) among the texts, never one

# Node attributes.
A_LABEL = "label"
A_TYPE = "type"
A_ALIASES = "aliases"
A_MENTIONS = "mentions"
A_DOCS = "docs"
A_DATES = "dates"            # ISO dates of the documents, sorted; first one = start
A_START = "start"            # ISO date of the first dated document, for timelines
A_POSITIONS = "positions"    # officials: the title strings
A_POSITION_DETAILS = "position_details"  # officials: structured positions (dicts)
A_CAREER = "career"          # officials: their posts (person x unit x role), in time order
A_NAMESAKE = "namesake"      # officials: why the namesake rule split this name, or joined far posts
A_ADCODE = "adcode"          # regions
A_LEVEL = "level"            # regions: province, city, county, township, village, zone, country
A_PARENT = "parent"          # regions: canonical name of the parent division
A_INVESTMENT = "investment"  # projects: e.g. "80亿元"
A_STAGES = "stages"          # projects: 签约, 开工, 投产, 建成 ...

# Edge attributes.
E_RELATION = "relation"
E_RULE = "rule"
E_DOC = "doc"
E_EVIDENCE = "evidence"
E_WEIGHT = "weight"          # number of supporting mentions
E_DOCS = "docs"
E_EVIDENCES = "evidences"
E_START = "start"
E_END = "end"                # governs, serves_in, leads: the last document date attesting the post
E_CONFIDENCE = "confidence"  # the precision of the edge's rule on the dev gold (kg/data/rule_confidence.csv)


def node_id(etype: str, name: str) -> str:
    """The stable id of an entity node: its type and canonical name."""
    return f"{etype}:{name}"


@dataclass(frozen=True)
class Document:
    """One input text with what is known about where it came from."""

    id: str
    text: str
    path: str = ""
    title: str = ""
    date: str | None = None      # ISO date (YYYY-MM-DD) when known
    source: str = ""
    url: str = ""                # the http(s) address of the original, when the input gives one
    meta: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class EntityRecord:
    """An entity as one document sees it: canonical name, the forms used, attributes."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: int = 1
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.name)

    @classmethod
    def make(cls, type: str, name: str, aliases: tuple[str, ...], mentions: int,
             attrs: dict[str, Any]) -> "EntityRecord":
        """The record ``cls(type, name, aliases, mentions, attrs)``, built without the frozen
        ``__init__``'s ``object.__setattr__`` call per field (one per entity of every document)."""
        rec = object.__new__(cls)
        d = rec.__dict__            # stored one by one: no keyword dict built for an update
        d["type"], d["name"], d["aliases"], d["mentions"], d["attrs"] = type, name, aliases, mentions, attrs
        return rec

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name, "aliases": list(self.aliases),
                "mentions": self.mentions, "attrs": self.attrs}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "EntityRecord":
        return cls(d["type"], d["name"], tuple(d.get("aliases", ())), d.get("mentions", 1),
                   dict(d.get("attrs", {})))


@dataclass(frozen=True)
class RelationRecord:
    """A typed, directed link between two entities of one document, with its evidence."""

    head: tuple[str, str]        # (type, canonical name)
    relation: str
    tail: tuple[str, str]
    rule: str
    evidence: str

    @classmethod
    def make(cls, head: tuple[str, str], relation: str, tail: tuple[str, str], rule: str,
             evidence: str) -> "RelationRecord":
        """The record ``cls(head, relation, tail, rule, evidence)``, built without the frozen
        ``__init__``'s ``object.__setattr__`` call per field (every relation of every document)."""
        rec = object.__new__(cls)
        d = rec.__dict__            # stored one by one: no keyword dict built for an update
        d["head"], d["relation"], d["tail"], d["rule"], d["evidence"] = head, relation, tail, rule, evidence
        return rec

    def to_dict(self) -> dict[str, Any]:
        return {"head": list(self.head), "relation": self.relation, "tail": list(self.tail),
                "rule": self.rule, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "RelationRecord":
        return cls(tuple(d["head"]), d["relation"], tuple(d["tail"]), d["rule"], d["evidence"])


@dataclass(frozen=True)
class DocResult:
    """What extraction found in one document: a pure function of its text (and date)."""

    doc_id: str
    date: str | None
    entities: tuple[EntityRecord, ...]
    relations: tuple[RelationRecord, ...]
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "date": self.date, "title": self.title,
                "entities": [e.to_dict() for e in self.entities],
                "relations": [r.to_dict() for r in self.relations]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DocResult":
        return cls(d["doc_id"], d.get("date"),
                   tuple(EntityRecord.from_dict(e) for e in d["entities"]),
                   tuple(RelationRecord.from_dict(r) for r in d["relations"]),
                   d.get("title", ""))
