"""The legacy SQLModel backend's data: table definitions (tables), a deterministic
generator of legacy databases (generator) and the export writer (exporter)."""
