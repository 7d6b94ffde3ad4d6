"""One-line descriptions of database connection failures."""


def database_label(settings_dict: dict) -> str:
    """`host:port/name` of a Django database, as an operator would look it up."""
    options = settings_dict.get("OPTIONS") or {}
    host = settings_dict.get("HOST") or options.get("host") or "localhost"
    port = settings_dict.get("PORT") or options.get("port") or 5432
    return f"{host}:{port}/{settings_dict.get('NAME') or '?'}"


def connection_failure(exc: BaseException, settings_dict: dict) -> str:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    reason = lines[0] if lines else exc.__class__.__name__
    return f"cannot connect to PostgreSQL at {database_label(settings_dict)}: {reason}"
