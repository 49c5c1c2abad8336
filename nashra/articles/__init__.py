"""Articles: reading files, JSON and feeds, sectioning, analysis and ingestion."""
