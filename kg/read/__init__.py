"""Stage 1, read: paths to :class:`~kg.schema.Document` objects (documents, formats, dates, textnorm)."""
