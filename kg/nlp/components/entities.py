"""Placeholder, replaced by the recognizer."""
from spacy.language import Language


@Language.factory("kg_entities", default_config={"context_region": None})
def make_entity_recognizer(nlp, name, context_region):
    return lambda doc: doc
