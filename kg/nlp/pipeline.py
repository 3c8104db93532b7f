"""Assemble the spaCy pipeline: blank Chinese + private jieba + kg components."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

# Registering the tokenizer and factories is an import side effect of these modules.
import kg.nlp.tokenizer  # noqa: F401
from kg.nlp.components import attributes, entities, regions, relations, titles  # noqa: F401
from kg.nlp.lexicon import long_lived

PIPE_NAMES = ("kg_regions", "kg_titles", "kg_entities", "kg_project_attributes", "kg_relations")


@long_lived         # (its tables live as long as the pipeline)
def make_nlp(*, context_region: str | None = None) -> Language:
    """A fresh pipeline: ``nlp(text).ents`` carries the six labels, ``doc._.kg_relations`` the relations.

    Args:
        context_region: the region that implicit titles (``市委常委``) refer to when
            the text does not say; normally found in the text itself.
    """
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.JiebaTokenizer.v1"}}})
    nlp.add_pipe("kg_regions", config={"context_region": context_region})
    nlp.add_pipe("kg_titles")
    nlp.add_pipe("kg_entities")
    nlp.add_pipe("kg_project_attributes")
    nlp.add_pipe("kg_relations")
    return nlp


@functools.lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """One pipeline per process, built on first use (worker processes build their own).

    Its words carry no lexical attributes (``like_num``, ``shape``, ``norm``…): no kg
    component reads them, and spaCy computes them, some twenty functions, for each new
    word of its vocabulary, which cost a quarter of the extraction of a news text.
    """
    nlp = make_nlp()
    nlp.vocab.lex_attr_getters = {}
    return nlp
