"""Shared fixtures. The test database itself is built by our backend
(mcpmanager/db/creation.py): Drizzle's migrations, then Django's."""
