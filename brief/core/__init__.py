"""brief's core: documents, ingest, cleaning, search, timeline, annotations. No Textual here."""
