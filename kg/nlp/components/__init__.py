"""spaCy components, in pipeline order: ``kg_regions`` (regions.py), ``kg_titles`` (titles.py: officials
and their posts), ``kg_entities`` (entities/: one module per entity family), ``kg_project_attributes``
(attributes.py) and ``kg_relations`` (relations/: one module per relation family)."""
