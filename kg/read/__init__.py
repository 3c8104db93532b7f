"""Stage 1, read: paths to :class:`~kg.schema.Document` objects (documents, encodings, formats, dates, textnorm)."""
