"""Errors of the import. Messages name file, line, table, row id and column,
never a column value of a secret column (A.6)."""


class ImportFailed(Exception):
    """The import cannot proceed; nothing was committed. `errors` lists every problem found."""

    def __init__(self, errors: list[str], total: int | None = None):
        self.errors = list(errors)
        self.total = total if total is not None else len(self.errors)
        super().__init__(self.summary())

    def summary(self) -> str:
        head = self.errors[:20]
        more = self.total - len(head)
        text = "\n".join(head)
        if more > 0:
            text += f"\n… and {more} more error(s)"
        return text


class ErrorList:
    """Collects hard errors, keeping the first `limit` messages and counting all of them."""

    def __init__(self, limit: int = 200):
        self.limit = limit
        self.messages: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < self.limit:
            self.messages.append(message)

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_if_any(self) -> None:
        if self.count:
            raise ImportFailed(self.messages, self.count)
