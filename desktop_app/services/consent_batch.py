"""Printing the consent forms of several clients into one PDF file (e.g. before a signing day).

Rule: all or nothing. Every form is rendered first (nothing recorded, ~0.1 s each, progress per
form, cancel checked between forms); then one transaction remembers every form number with its
notice version and audits one ``consent.print`` per client (as the single print does), and inside
it the PDF, already written to a private temporary file beside the target, is renamed into place.
Cancelled, refused or failed: the temporary file is removed and nothing is recorded. Reason: a
form number that is recorded must exist on paper (the signed form is matched to it later), and a
half-written PDF must never look like a finished batch (PIPL Art. 14: the form is the consent's
evidence). Same permission (``Action.CONSENT_PRINT``) and visibility as ``print_consent_form``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.cancellation import CancelToken, Progress, check, report
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.services.audit_trail import check_permission
from desktop_app.services.client_consents import PrintedConsentForm, record_printed_form, render_consent_form
from desktop_app.services.client_directory import denials_audited
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.output_paths import PendingOutput

MAX_BATCH = 200


@dataclass(frozen=True)
class ConsentBatch:
    path: Path
    form_numbers: tuple[str, ...]


def _joined(forms: list[PrintedConsentForm]) -> bytes:
    """The forms' pages, in order, as one PDF."""
    import io

    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    try:
        for form in forms:
            part = pdfium.PdfDocument(form.pdf)
            try:
                joined.import_pages(part)
            finally:
                part.close()
        buffer = io.BytesIO()
        joined.save(buffer)
        return buffer.getvalue()
    finally:
        joined.close()


def print_consent_forms(
    ctx: SignedIn,
    client_ids: list[int],
    path: Path,
    *,
    language: str = "zh_CN",
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ConsentBatch:
    """The forms of ``client_ids`` (in that order) as one PDF at ``path``; see the module rule.
    ``progress(done, total)`` counts forms rendered, then one more step for the file."""
    check_permission(ctx, Action.CONSENT_PRINT)
    chosen = list(dict.fromkeys(client_ids))
    if not chosen or len(chosen) > MAX_BATCH:
        raise InvalidInput(f"请选择 1–{MAX_BATCH} 位客户。", f"Choose between 1 and {MAX_BATCH} clients.")
    db = ctx.db
    total = len(chosen) + 1
    with PendingOutput(path, ctx.paths.root, overwrite=overwrite) as pending:  # the temporary file
        forms: list[PrintedConsentForm] = []
        with denials_audited(ctx, "consent.print"):
            for client_id in chosen:
                check(cancel)
                report(progress, len(forms), total)
                forms.append(render_consent_form(ctx, client_id, language=language))
            report(progress, len(forms), total)
            pending.write(_joined(forms))
            check(cancel)  # the last point where stopping leaves nothing behind
            with db.transaction():
                for client_id, form in zip(chosen, forms, strict=True):
                    record_printed_form(ctx, client_id, form, language=language)
                written = pending.commit()
    report(progress, total, total)
    return ConsentBatch(written, tuple(form.form_number for form in forms))
