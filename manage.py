#!/usr/bin/env python
"""Django's command-line utility for MCP Manager admin."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mcpmanager.settings")
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        from django.db import connection

        if connection.connection is not None:
            raise  # connected: a real query error, keep its traceback
        # An unreachable or misnamed database gets one line, not a traceback.
        from mcpmanager.db.errors import connection_failure

        sys.exit(f"error: {connection_failure(exc, connection.settings_dict)}")


if __name__ == "__main__":
    main()
