"""What a database failure means to the person using the app, named once for the GUI and the CLI.

The store maps SQLite's result codes to bilingual errors (``store/database.py:known_database_error``):
busy or locked, disk full, read-only, corrupt or not a database. The GUI (ui/error_text.py) and the
CLI (cli/failures.py) both ask here, so a busy database reads "busy, try again" on both and never
"corrupted, restore from a backup" — which would send IT to overwrite a healthy file. The UI reaches
the store only through services, so this is its door to that table.
"""

from __future__ import annotations

from desktop_app.domain.errors import BranchVaultError
from desktop_app.store.database import known_database_error


def known_failure(exc: BaseException) -> BranchVaultError | None:
    """The bilingual error ``exc`` stands for when it is a database failure we can name, else None."""
    return known_database_error(exc)
