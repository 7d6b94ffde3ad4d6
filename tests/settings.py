"""Settings for the test suite: production settings plus test-only defaults."""
import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mcpmanager")
os.environ.setdefault("BETTER_AUTH_SECRET", "test-better-auth-secret-0123456789abcdef")

from mcpmanager.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast break-glass users in tests
