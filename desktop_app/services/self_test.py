"""``branchvault self-test``: can this machine run BranchVault? SQLCipher, keyring, fonts, translations.

The Qt check is in ``desktop_app.cli.self_test``: nothing below the UI imports PySide6.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.resource_files import RESOURCES


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True


def check_sqlcipher() -> Check:
    import sqlcipher3

    from desktop_app.store.database import create_database, open_database
    from desktop_app.store.key_slots import new_database_key

    with tempfile.TemporaryDirectory(prefix="bv-selftest-") as tmp:
        path = Path(tmp) / "t.db"
        key = new_database_key()
        try:
            create_database(path, key).close()
            db = open_database(path, key)
            version = db.execute("PRAGMA cipher_version").fetchone()[0]
            db.close()
            encrypted = not path.read_bytes().startswith(b"SQLite format 3")
        except sqlcipher3.Error as exc:
            return Check("sqlcipher", False, str(exc))
    return Check("sqlcipher", encrypted, f"SQLCipher {version}, file encrypted: {encrypted}")


def check_keyring() -> Check:
    from desktop_app.store.device_secret import keyring_status

    status = keyring_status()
    detail = status.backend + ("" if status.usable else f" — {status.reason}")
    return Check("keyring", status.usable, detail, required=False)


def check_fonts() -> Check:
    from desktop_app.documents.fonts import find_cjk_font

    font = find_cjk_font()
    if font is None:
        return Check(
            "fonts",
            False,
            "no TrueType CJK font found (the bundled resources/fonts/wqy-microhei.ttc is missing)",
            required=False,
        )
    return Check("fonts", True, str(font.path), required=False)


def check_translations() -> Check:
    catalogues = sorted(p.name for p in (RESOURCES / "i18n").glob("*.ts"))
    return Check("translations", bool(catalogues), ", ".join(catalogues) or "no catalogues")


def run_self_test(
    checks: Sequence[Callable[[], Check]] = (check_sqlcipher, check_keyring, check_fonts, check_translations),
) -> list[Check]:
    results = []
    for check in checks:
        try:
            results.append(check())
        except Exception as exc:  # a self-test reports every failure instead of stopping at the first
            results.append(
                Check(check.__name__.removeprefix("check_"), False, f"{type(exc).__name__}: {exc}")
            )
    return results
