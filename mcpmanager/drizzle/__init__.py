"""Apply Drizzle's SQL migrations from Python, on drizzle-orm's own ledger."""
