"""Read drizzle-kit's migration folder as drizzle-orm 0.45's ``readMigrationFiles`` does.

``<dir>/meta/_journal.json`` lists ``entries`` in order; entry ``tag`` names
``<dir>/<tag>.sql``; a file's statements are its text split on
``--> statement-breakpoint`` (always, whatever the entry's ``breakpoints``
flag says); its hash is the sha256 hex digest of the whole UTF-8 text and its
ledger ``created_at`` is the entry's ``when``. Stricter than drizzle-orm: the
``when`` values must strictly increase, a tag must be a plain file name and a
file must be UTF-8.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

BREAKPOINT = "--> statement-breakpoint"


class MigrationError(Exception):
    """Base class: the migrations cannot be applied safely; nothing was applied."""


class JournalError(MigrationError):
    """meta/_journal.json is missing or not a drizzle-kit journal."""


class MigrationFileMissingError(MigrationError):
    """The journal names a migration whose .sql file does not exist."""

    def __init__(self, tag: str, path: Path):
        self.tag, self.path = tag, path
        super().__init__(f"The journal names migration {tag!r} but {path} does not exist.")


@dataclass(frozen=True)
class Migration:
    tag: str
    when: int
    hash: str
    statements: tuple[str, ...]
    path: Path


def read_migrations(migrations_dir: str | Path) -> list[Migration]:
    """Read the journal and its .sql files in journal order, as drizzle-orm does."""
    folder = Path(migrations_dir)
    entries = _journal_entries(folder / "meta" / "_journal.json")
    migrations: list[Migration] = []
    for entry in entries:
        tag, when = entry["tag"], entry["when"]
        path = folder / f"{tag}.sql"
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            raise MigrationFileMissingError(tag, path) from None
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            # Node would replace bad bytes before hashing; refuse instead of guessing.
            raise MigrationError(f"Migration file {path} is not UTF-8: {exc}") from None
        migrations.append(
            Migration(
                tag=tag,
                when=when,
                hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                statements=tuple(text.split(BREAKPOINT)),
                path=path,
            )
        )
    return migrations


def _journal_entries(journal_path: Path) -> list[dict]:
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise JournalError(f"Journal {journal_path} not found.") from None
    except (ValueError, OSError) as exc:
        raise JournalError(f"Journal {journal_path} cannot be read: {exc}") from None
    entries = journal.get("entries") if isinstance(journal, dict) else None
    if not isinstance(entries, list):
        raise JournalError(f"Journal {journal_path} has no list of entries.")
    previous = None
    for entry in entries:
        tag = entry.get("tag") if isinstance(entry, dict) else None
        when = entry.get("when") if isinstance(entry, dict) else None
        if not isinstance(tag, str) or not tag or "/" in tag or "\\" in tag or tag in (".", ".."):
            raise JournalError(f"Journal {journal_path}: entry {entry!r} has no valid tag.")
        if not isinstance(when, int) or isinstance(when, bool):
            raise JournalError(f"Journal {journal_path}: entry {tag!r} has no integer 'when'.")
        if previous is not None and when <= previous:
            # Ledger rows are matched to entries by `when`, and drizzle-orm
            # compares `when` to the newest row: it must strictly increase.
            raise JournalError(
                f"Journal {journal_path}: entry {tag!r} has when={when}, not after "
                f"the previous entry's {previous}."
            )
        previous = when
    return entries
