"""``branchvault self-test``: can this machine run BranchVault? SQLCipher, keyring, fonts, translations.

The fonts check renders a blank consent form (throw-away branch details, nothing written to disk)
and reads it back with pdfium: the CJK font must be embedded and its text extractable.

The Qt check is in ``desktop_app.cli.self_test``: nothing below the UI imports PySide6.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.resource_files import RESOURCES, is_frozen


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


def blank_consent_pdf() -> bytes:
    """A blank consent form of the newest bundled notice for a throw-away branch (nothing stored)."""
    import time

    from desktop_app.documents.consent_form import branch_form, consent_form_pdf
    from desktop_app.domain.consent_form_number import new_form_number
    from desktop_app.store.branch_config import BranchConfig
    from desktop_app.store.notice_files import newest_bundled

    config = BranchConfig(
        "self-test",
        "ST001",
        "自检门店 Self-test branch",
        "自检公司 Self-test company",
        "400-000-0000",
        hq_name="自检总部 Self-test HQ",
        hq_contact="010-0000-0000",
    )
    notice = newest_bundled()
    if notice is None:
        raise RuntimeError("no privacy notice is bundled with the app")
    number = str(new_form_number(config.branch_code, time.time()))
    return consent_form_pdf(
        branch_form(config.letterhead(), notice, retention=config.retention_rules(), form_number=number)
    )


def pdf_first_page(pdf: bytes) -> tuple[int, str, bool]:
    """(pages, text of page 1 without white space, whether page 1 rendered with ink) via pdfium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        text = "".join(page.get_textpage().get_text_bounded().split())
        bitmap = page.render(scale=0.5, grayscale=True)
        inked = min(bytes(bitmap.buffer)) < 128  # some dark pixels: glyphs were drawn
        return len(document), text, inked
    finally:
        document.close()


def check_fonts() -> Check:
    """A blank consent form renders as PDF with the CJK font embedded, and pdfium draws and reads it."""
    from desktop_app.documents.consent_form import TITLE_ZH
    from desktop_app.documents.fonts import find_cjk_font

    font = find_cjk_font()
    if font is None:
        return Check(
            "fonts",
            False,
            "no TrueType CJK font found (the bundled resources/fonts/wqy-microhei.ttc is missing)",
        )
    pdf = blank_consent_pdf()
    pages, text, inked = pdf_first_page(pdf)
    embedded = b"/FontFile2" in pdf  # a TrueType font program inside the PDF
    readable = TITLE_ZH in text
    return Check(
        "fonts",
        embedded and readable and inked,
        f"{font.path.name}; blank consent form: {pages} page(s), {len(pdf) // 1024} KiB, "
        f"font embedded: {embedded}, Chinese text read back: {readable}, rendered: {inked}",
    )


def check_translations() -> Check:
    """The catalogues are there: ``.ts`` sources from source, ``.qm`` compiled at build time in a bundle."""
    pattern = "*.qm" if is_frozen() else "*.ts"
    catalogues = sorted(p.name for p in (RESOURCES / "i18n").glob(pattern))
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
