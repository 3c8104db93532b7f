"""Stages 2-4, nlp: a Document to its entities and relations (:func:`kg.nlp.extract.extract`), on spaCy.

Segment (tokenizer.py: jieba's words; layout.py: lines and sentences),
recognize and relate (components/, one spaCy component each), with the
discourse stage (discourse.py: sections, speakers, whose each sentence is)
between them.
"""
