"""PostgreSQL backend that keeps Django's own tables out of Drizzle's schema.

Use it as ENGINE "mcpmanager.db". It differs from Django's PostgreSQL backend
in three places only: it refuses a connection whose search path would put
Django's tables into "public", `migrate` creates Django's schema before it
migrates, and test-database creation builds the database the way production
is built (Drizzle's migrations first, then Django's).
"""
