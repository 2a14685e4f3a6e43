"""The periodic alert pass while someone is signed in, and the count banner for alert reviewers.

After sign-in (``start_alert_watch``, one call in ``AppController.show_main_window``) the pass
(services/security_alerts.scan) runs once on the database lane, then every ``alert_scan_minutes``
(security policy) for whoever is signed in — any role: the rules must run even when no manager
is at the desk. Managers and auditors (``ALERT_REVIEW``) see a banner under the menu bar with the
number of open alerts and a button that opens the Alerts tab; hidden at zero. While the session is
locked no pass starts (the database is closed); the next tick tries again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QWidget

from desktop_app.domain.navigation import Area
from desktop_app.domain.permissions import Action, can
from desktop_app.ui.count_banner import CountBanner
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.services.signed_in import SignedIn
    from desktop_app.ui.main_window import MainWindow

FIRST_PASS_DELAY_MS = 2_000  # after the window shows: let the first page load first


def scan_and_count(me: SignedIn) -> int:
    """Database lane: the pass, then the open alerts this member reviews (0 for other roles)."""
    from desktop_app.services import security_alerts

    security_alerts.scan(me)
    return security_alerts.unacknowledged_count(me)


class OpenAlertsBanner(CountBanner):
    STYLE = "background: #fdecea; border: 1px solid #e0a09a;"

    def retranslate(self) -> None:
        self.label.setText(self.tr("%n anomaly alert(s) await acknowledgement.", "", self.count))
        self.button.setText(self.tr("Open &Alerts"))


class AlertWatch(QObject):
    passed = Signal(int)  # a pass finished: the open alerts for this member

    def __init__(self, shell: Shell, window: MainWindow) -> None:
        super().__init__(window)
        self.shell = shell
        self.window = window
        self.passes = 0  # finished passes (tests wait on it)
        self.banner = OpenAlertsBanner()
        self.banner.open_requested.connect(self.open_alerts)
        layout = window.workspace.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, self.banner)
        self.reviews = can(window.session.role, Action.ALERT_REVIEW)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_pass)

    def period_ms(self) -> int:
        me = self.shell.existing_signed_in()
        minutes = me.policy.alert_scan_minutes if me is not None else 15
        return max(1, int(minutes)) * 60_000

    def start(self, first_delay_ms: int = FIRST_PASS_DELAY_MS) -> None:
        self.timer.start(first_delay_ms)

    def stop(self) -> None:
        self.timer.stop()

    def run_pass(self) -> None:
        if self.shell.lock_state.locked or self.shell.existing_signed_in() is None:
            self.timer.start(self.period_ms())
            return
        self.shell.call(scan_and_count, on_ok=self._counted, on_error=self._failed, owner=self)

    def _counted(self, count: int) -> None:
        self.passes += 1
        if self.reviews:
            self.banner.set_count(count)
        self.passed.emit(count)
        self.timer.start(self.period_ms())

    def _failed(self, _exc: BaseException) -> None:
        self.timer.start(self.period_ms())  # busy or locked: the next tick tries again

    def open_alerts(self) -> QWidget | None:
        """The Security area with its Alerts tab in front."""
        if Area.SECURITY not in self.window.page_by_area:
            return None
        from desktop_app.ui.alerts.alerts_tab import AlertsTab

        page = self.window.show_area(Area.SECURITY)
        show_tab = getattr(page, "show_tab", None)
        if show_tab is not None:
            show_tab(AlertsTab)
        for tab in page.findChildren(AlertsTab):
            tab.counted.connect(self.banner.set_count)
            tab.reload()
        return page


def start_alert_watch(window: MainWindow) -> AlertWatch | None:
    """After sign-in: the periodic pass for any member whose password is current."""
    if window.session.must_change_password:
        return None
    watch = AlertWatch(window.shell, window)  # a child of the window: it goes with it
    watch.start()
    return watch
