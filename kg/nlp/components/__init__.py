"""spaCy components, one per stage: kg_titles, kg_entities (recognize), kg_relations (relate)."""
