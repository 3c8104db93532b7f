"""Imported once by the fork server that kg's worker processes come from (:func:`kg.run.workers.local_runner`).

Importing spaCy and building the pipeline takes a worker 1.2-1.5 s; done here,
every worker forked from the server starts with the pipeline built, and the
second worker of a build costs no second load.
"""

from kg.run.workers import DEFAULT_EXTRACTOR, warm_up

warm_up(DEFAULT_EXTRACTOR)
