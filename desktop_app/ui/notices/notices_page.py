"""Privacy-notice versions (Consent area): which versions are published, which is current, and the
selected version's text with this branch's values, in the UI language. Managers publish a new
version from the company's file: the file is checked first, then a question says what changes
(and which consents clients must give again) before anything is published.

Nothing is read before the page is first shown; every service call runs on the shell's worker, and
the file dialog and the question go through ``ui.dialogs`` (tests answer them).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.permissions import Action, can
from desktop_app.ui import dialogs
from desktop_app.ui.form_parts import BusyBar, MessageLabel
from desktop_app.ui.notices.notice_table_model import NoticeTableModel
from desktop_app.ui.read_only_table import setup_read_only_table
from desktop_app.ui.retranslate import Retranslating
from desktop_app.ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.domain.privacy_notice import NoticeChanges, RenderedNotice, RenderedSection
    from desktop_app.services.client_consents import PrintedConsentForm
    from desktop_app.services.privacy_notices import NoticePreview, NoticeVersion, PublishedNotice
    from desktop_app.services.signed_in import SignedIn

COLUMN_WIDTHS = (130, 110, 150, 160, 120)


def _load(ctx: SignedIn) -> tuple[list[NoticeVersion], bool, bool]:
    """On the database lane: the versions, whether the user may publish, and whether they may
    print consent forms."""
    from desktop_app.services.privacy_notices import PUBLISH_ACTION, list_notice_versions

    session = ctx.session
    return (
        list_notice_versions(ctx),
        can(session.role, PUBLISH_ACTION),
        can(session.role, Action.CONSENT_PRINT),
    )


def notice_html(notice: RenderedNotice) -> str:
    """The rendered notice as simple rich text: headings, paragraphs, labelled items."""

    def paragraphs(text: str) -> str:
        return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())

    def section(part: RenderedSection, level: int) -> str:
        out = f"<h{level}>{html.escape(part.title)}</h{level}>" if part.title else ""
        out += paragraphs(part.text)
        out += "".join(
            f"<p><b>{html.escape(item.label)}</b>：{html.escape(item.text)}</p>"
            if notice.language.startswith("zh")
            else f"<p><b>{html.escape(item.label)}:</b> {html.escape(item.text)}</p>"
            for item in part.items
        )
        return out + "".join(section(sub, min(level + 1, 4)) for sub in part.subsections)

    return f"<h2>{html.escape(notice.title)}</h2>" + "".join(section(s, 3) for s in notice.sections)


class NoticesPage(Retranslating, QWidget):
    loaded = Signal()
    rendered = Signal(str)  # the version shown
    published = Signal(str)  # the version published
    failed = Signal(str)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._started = False
        self.may_publish = False
        self.shown_version: str | None = None
        self.model = NoticeTableModel()

        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.heading.setFont(bold)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.error = MessageLabel()
        self.info = MessageLabel()
        self.busy_bar = BusyBar()
        self.refresh_button = QPushButton()
        self.publish_button = QPushButton()
        self.publish_button.setVisible(False)
        self.blank_form_button = QPushButton()
        self.blank_form_button.setVisible(False)
        self.print_choice: QDialog | None = None
        self.printer_factory: Callable[[], QPrinter | None] = lambda: None
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_read_only_table(self.table)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.text_view = QTextBrowser()
        self.text_view.setReadOnly(True)
        self.text_view.setOpenLinks(False)

        tools = QHBoxLayout()
        tools.addWidget(self.blank_form_button)
        tools.addStretch(1)
        tools.addWidget(self.refresh_button)
        tools.addWidget(self.publish_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text_view)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([140, 460])  # a handful of versions; the text gets the room
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.error)
        layout.addWidget(self.info)
        layout.addWidget(self.busy_bar)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)

        self.refresh_button.clicked.connect(self.reload)
        self.publish_button.clicked.connect(self.publish)
        self.blank_form_button.clicked.connect(self.print_blank_form)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.retranslate()

    # ------------------------------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Privacy notices"))
        self.explanation.setText(
            self.tr(
                "Each published version of the privacy notice is kept unchanged; the newest is the one "
                "in force and is printed on consent forms. The text below is shown with this branch's "
                "details."
            )
        )
        self.refresh_button.setText(self.tr("&Refresh"))
        self.publish_button.setText(self.tr("&Publish new version…"))
        self.blank_form_button.setText(self.tr("Print &blank consent form…"))
        self.blank_form_button.setToolTip(
            self.tr("For clients who fill in the form by hand before intake: no client data is printed.")
        )
        self.model.retranslate()
        if self.shown_version is not None:
            self._show_text(self.shown_version)  # in the new language

    # ------------------------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        self.publish_button.setEnabled(not busy)

    def reload(self) -> None:
        self._busy(True)
        self.shell.call(_load, on_ok=self._loaded, on_error=self._failed, owner=self)

    def _loaded(self, result: object) -> None:
        versions, may_publish, may_print = cast("tuple[list[NoticeVersion], bool, bool]", result)
        keep = self.shown_version
        self.may_publish = may_publish
        self.publish_button.setVisible(may_publish)
        self.blank_form_button.setVisible(may_print)
        self.model.set_rows(versions)
        self.error.clear_message()
        self._busy(False)
        names = [v.version for v in versions]
        row = names.index(keep) if keep in names else 0
        if versions:
            self.table.selectRow(row)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        text = self.shell.error_text(exc)
        self.error.show_error(text)
        self.failed.emit(text)

    # ------------------------------------------------------------------------------ notice text

    def selected_version(self) -> NoticeVersion | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        version = self.selected_version()
        if version is not None:
            self._show_text(version.version)

    def _show_text(self, version: str) -> None:
        from desktop_app.services.privacy_notices import rendered_notice

        self.shown_version = version
        self.shell.call(
            rendered_notice,
            version,
            self.shell.lang,
            on_ok=self._rendered,
            on_error=self._render_failed,
            owner=self,
        )

    def _rendered(self, result: object) -> None:
        notice = cast("RenderedNotice", result)
        if notice.version != self.shown_version:
            return  # another row was chosen meanwhile
        self.text_view.setHtml(notice_html(notice))
        self.rendered.emit(notice.version)

    def _render_failed(self, exc: BaseException) -> None:
        self.text_view.setPlainText(self.shell.error_text(exc))
        self.failed.emit(self.shell.error_text(exc))

    # ---------------------------------------------------------------------------------- publishing

    def print_blank_form(self) -> None:
        """A blank consent form of the current notice (for clients who fill it in by hand before
        intake), made on the database lane; then Print… / Save as PDF…."""
        from desktop_app.services.client_consents import print_blank_form

        self.error.clear_message()
        self._busy(True)
        self.blank_form_button.setEnabled(False)
        self.shell.call(
            print_blank_form,
            language=self.shell.lang,
            on_ok=self._blank_made,
            on_error=self._blank_failed,
            owner=self,
        )

    def _blank_failed(self, exc: BaseException) -> None:
        self.blank_form_button.setEnabled(True)
        self._failed(exc)

    def _blank_made(self, result: object) -> None:
        from desktop_app.ui.clients.consent_print_choice import ConsentPrintChoice

        self._busy(False)
        self.blank_form_button.setEnabled(True)
        form: PrintedConsentForm = result  # type: ignore[assignment]
        dialog = ConsentPrintChoice(self.shell, form, self.printer_factory, self)
        dialog.finished.connect(dialog.deleteLater)
        self.print_choice = dialog
        dialog.open()

    def publish(self) -> None:
        from desktop_app.services.privacy_notices import preview_publish

        if not self.may_publish:
            return
        path = dialogs.open_file(
            self, self.tr("Choose the privacy notice file from the company"), self.tr("Notice files (*.toml)")
        )
        if path is None:
            return
        self.info.clear_message()
        self.error.clear_message()
        self._busy(True)
        self.shell.call(
            preview_publish, path, on_ok=lambda r: self._confirm(path, r), on_error=self._failed, owner=self
        )

    def _confirm(self, path: Path, result: object) -> None:
        from desktop_app.services.privacy_notices import publish_notice

        self._busy(False)
        preview = cast("NoticePreview", result)
        question = (
            self.tr("Publish version %1 (effective from %2) to replace version %3?")
            .replace("%1", preview.notice.version)
            .replace("%2", preview.notice.effective.isoformat())
            .replace("%3", preview.previous.version)
            + "\n\n"
            + self.changes_text(preview.changes, preview.ask_again)
            + "\n\n"
            + self.tr("A published version can never be changed or withdrawn.")
        )
        if not dialogs.confirm(self, self.tr("Publish privacy notice"), question):
            return
        self._busy(True)
        self.shell.call(publish_notice, path, on_ok=self._published, on_error=self._failed, owner=self)

    def changes_text(self, changes: NoticeChanges, ask_again: frozenset[PurposeId]) -> str:
        lang = self.shell.lang
        sep = "、" if lang.startswith("zh") else ", "

        def purposes(items: frozenset[PurposeId]) -> str:
            return sep.join(p.label(lang) for p in sorted(items, key=str))

        lines: list[str] = []
        if changes.purposes_changed:
            lines.append(self.tr("Purposes changed: %1").replace("%1", purposes(changes.purposes_changed)))
        if changes.purposes_added:
            lines.append(self.tr("Purposes added: %1").replace("%1", purposes(changes.purposes_added)))
        if changes.purposes_removed:
            lines.append(self.tr("Purposes removed: %1").replace("%1", purposes(changes.purposes_removed)))
        recipients = changes.recipients_added | changes.recipients_removed | changes.recipients_changed
        if recipients:
            lines.append(self.tr("Recipients changed: %1").replace("%1", sep.join(sorted(recipients))))
        if changes.methods_changed:
            lines.append(self.tr("The processing methods changed."))
        if changes.categories_changed:
            lines.append(self.tr("The categories of personal information changed."))
        if not lines:
            lines.append(self.tr("No purpose, recipient, method or category changes: only the wording."))
        if ask_again:
            lines.append(
                self.tr("Clients who consented under an older version must consent again to: %1").replace(
                    "%1", purposes(ask_again)
                )
            )
        else:
            lines.append(self.tr("No client needs to consent again."))
        return "\n".join(lines)

    def _published(self, result: object) -> None:
        done = cast("PublishedNotice", result)
        self.info.show_ok(
            self.tr("Version %1 is published and now in force.").replace("%1", done.published.version)
        )
        self.shown_version = done.published.version
        self.published.emit(done.published.version)
        self.reload()
