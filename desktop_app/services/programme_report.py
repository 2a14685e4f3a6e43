"""The quarterly programme report PDF (documents/programme_report.py): built from the same status as
the dashboard, written only where the user chose (never into the data directory, services/
output_files.py), audited ``programme.report`` with the quarter. Managers and auditors
(``programme.view``): the report holds counts only.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.permissions import Action
from desktop_app.domain.programme_periods import Quarter
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.output_files import write_output
from desktop_app.services.programme_status import programme_status
from desktop_app.services.signed_in import SignedIn


def programme_report(me: SignedIn, quarter: Quarter | None = None) -> bytes:
    """The report's PDF bytes for ``quarter`` (default: the current one). Audited."""
    from desktop_app.documents.programme_report import programme_report_pdf

    check_permission(me, Action.PROGRAMME_VIEW)
    status = programme_status(me, quarter)
    pdf = programme_report_pdf(me.config.letterhead(), status, generated_at=me.now_utc())
    with me.db.transaction():
        record(me, "programme.report", target_type="quarter", target_id=status.quarter.key())
    return pdf


def write_programme_report(me: SignedIn, quarter: Quarter | None, path: Path, *, overwrite: bool) -> Path:
    """Build the report and write it to ``path`` (checked: never into the data directory)."""
    pdf = programme_report(me, quarter)
    return write_output(path, pdf, data_dir=me.paths.root, overwrite=overwrite)
