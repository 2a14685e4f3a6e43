"""What security operations start in every signed-in window, in one place: the periodic alert pass
and the reviewers' count banner, the overdue audit-log review and access review banners (with the
inactive-account policy), the scheduled integrity check and its unclean-shutdown marker, and the
scheduled backup. Imported only after sign-in, so the sign-in window loads none of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.ui.access_review.review_banner import start_access_review_prompt
from desktop_app.ui.alerts.alert_watch import start_alert_watch
from desktop_app.ui.backups.scheduled_backups import start_backup_schedule
from desktop_app.ui.integrity.integrity_runner import start_integrity_runner
from desktop_app.ui.log_review.overdue_banner import start_log_review_banner
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


def start_security_work(shell: Shell, window: MainWindow) -> None:
    """Start each part's timers and banners for the session ``window`` shows."""
    start_alert_watch(window)  # the periodic alert pass, and the reviewers' count banner
    start_log_review_banner(window)  # the audit-log review overdue (auditors, managers)
    start_access_review_prompt(window)  # inactive accounts (and the auto-disable policy), review overdue
    start_integrity_runner(shell, window)  # scheduled checks, the unclean-shutdown marker
    start_backup_schedule(shell, window)  # the scheduled backup, its failures in a banner
