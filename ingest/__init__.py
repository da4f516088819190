"""wiedoetwat ingest: load, clean, chunk, fetch, embed and index the corpus."""
