"""Privacy-notice versions (PIPL Art. 17): the current version, the list, and publishing a new one.

The notice versions live in the encrypted database (store/notice_repository.py), append-only. On
first use, while nothing is published, the newest version bundled with the app is installed
(source ``bundled``, no publisher, audited ``notice.install``). Every signed-in role may read the
notices (they hold no personal data). Only managers publish a new version from a file the company
supplies (``PUBLISH_ACTION``): the file is validated (domain/privacy_notice.py), must render with
this branch's values (company, branch and headquarters names and contacts from the branch config),
and may reuse neither a published version id nor a published text (content hash). Publishing is
audited ``notice.publish`` with the version and hash, and reports what changed against the previous
current version, so the caller can say which consents need to be given again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.errors import BranchVaultError, InvalidInput
from desktop_app.domain.permissions import Action
from desktop_app.domain.privacy_notice import (
    BRANCH_PLACEHOLDERS,
    NoticeChanges,
    NoticeValues,
    PrivacyNotice,
    RenderedNotice,
    notice_changes,
    parse_notice,
    placeholders_used,
    render_notice,
)
from desktop_app.services.audit_trail import check_permission, record
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.database import Database
from desktop_app.store.notice_files import (
    NOTICE_SUFFIX,
    NOTICES_DIR,
    newest_bundled,
    notice_values,
    read_notice_text,
)
from desktop_app.store.notice_repository import (
    SOURCE_BUNDLED,
    SOURCE_COMPANY,
    NoticeRepository,
    StoredNotice,
)
from desktop_app.store.staff_repository import StaffRepository

PUBLISH_ACTION = Action.NOTICE_PUBLISH
"""Managers only: publishing changes what every client is told and may call for new consent."""
TARGET = "notice_version"
RENDER_LANGUAGES = ("zh_CN", "en")
_CONFIG_KEYS = {
    "company_name": "company_name",
    "company_contact": "company_contact",
    "branch_name": "name",
    "hq_name": "hq_name",
    "hq_contact": "hq_contact",
}
"""Notice placeholder -> the key in the ``[branch]`` table of the branch config that gives it."""


class NoNoticeAvailable(BranchVaultError):
    code = "notice_missing"

    def __init__(self) -> None:
        super().__init__(
            "没有可用的隐私告知书（程序未附带告知书文件）。请联系 IT。",
            "No privacy notice is available (the app ships no notice file). Contact IT.",
        )


class NoticeNotFound(BranchVaultError):
    code = "notice_not_found"

    def __init__(self, version: str) -> None:
        super().__init__(
            f"没有已发布的隐私告知书版本 {version}。", f"No privacy notice version {version} is published."
        )


class NoticeAlreadyPublished(BranchVaultError):
    """A published version is immutable: its id and its text can never be published again."""

    code = "notice_already_published"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(
            f"{zh}已发布的告知书版本不可更改；如需修改，请让公司提供一个新版本号的文件。",
            f"{en} Published notice versions cannot be changed; ask the company for a file with a new version id.",
        )


class NoticeNeedsBranchValues(BranchVaultError):
    code = "notice_needs_branch_values"


class StoredNoticeDamaged(BranchVaultError):
    code = "notice_damaged"

    def __init__(self, version: str) -> None:
        super().__init__(
            f"已发布的隐私告知书 {version} 与其内容哈希不符（数据可能被篡改）。请联系 IT。",
            f"The published privacy notice {version} does not match its content hash "
            "(the data may have been tampered with). Contact IT.",
        )


@dataclass(frozen=True)
class NoticeVersion:
    """A published version as shown in lists: who published it (None: bundled with the app)."""

    version: str
    effective: date
    content_hash: str
    published_at: str
    published_by: str | None
    source: str
    current: bool
    notice: PrivacyNotice

    @property
    def hash_prefix(self) -> str:
        return self.content_hash[:12]


@dataclass(frozen=True)
class NoticePreview:
    """A company file checked for publishing, and what it would change against the current version."""

    notice: PrivacyNotice
    previous: NoticeVersion
    changes: NoticeChanges
    ask_again: frozenset[PurposeId]
    """The consent purposes whose consent, given under an older version, must be given again."""


@dataclass(frozen=True)
class PublishedNotice:
    published: NoticeVersion
    previous: NoticeVersion
    changes: NoticeChanges
    ask_again: frozenset[PurposeId]


def _values(ctx: SignedIn) -> NoticeValues:
    config = ctx.config
    return notice_values(config, hq_name=config.hq_name, hq_contact=config.hq_contact)


def _parse_stored(stored: StoredNotice) -> PrivacyNotice:
    try:
        notice = parse_notice(stored.content)
    except InvalidInput:
        raise StoredNoticeDamaged(stored.version) from None
    if notice.content_hash != stored.content_hash or notice.version != stored.version:
        raise StoredNoticeDamaged(stored.version)
    return notice


def _publisher(db: Database, staff_id: int | None) -> str | None:
    if staff_id is None:
        return None
    member = StaffRepository(db).get_by_id(staff_id)
    if member is None:
        return f"#{staff_id}"
    return f"{member.display_name} ({member.username})" if member.display_name else member.username


def _version(db: Database, stored: StoredNotice, current: bool) -> NoticeVersion:
    notice = _parse_stored(stored)
    return NoticeVersion(
        version=stored.version,
        effective=notice.effective,
        content_hash=stored.content_hash,
        published_at=stored.published_at,
        published_by=_publisher(db, stored.published_by),
        source=stored.source,
        current=current,
        notice=notice,
    )


def _newest_bundled(directory: Path) -> tuple[PrivacyNotice, str]:
    newest = newest_bundled(directory)
    if newest is None:
        raise NoNoticeAvailable()
    return newest, read_notice_text(directory / f"{newest.version}{NOTICE_SUFFIX}")


def _ensure_installed(ctx: SignedIn, directory: Path) -> None:
    """Install the newest bundled version while nothing is published (once, audited)."""
    db = ctx.db
    repo = NoticeRepository(db)
    if repo.count():
        return
    notice, text = _newest_bundled(directory)
    with db.transaction():
        if repo.count():  # another window or command installed it meanwhile
            return
        repo.add(
            version=notice.version,
            content_hash=notice.content_hash,
            content=text,
            published_at=ctx.now_utc(),
            published_by=None,
            source=SOURCE_BUNDLED,
        )
        record(
            ctx,
            "notice.install",
            target_type=TARGET,
            target_id=notice.version,
            details={
                "version": notice.version,
                "content_hash": notice.content_hash,
                "source": SOURCE_BUNDLED,
            },
        )


def current_notice(ctx: SignedIn, *, bundled_dir: Path = NOTICES_DIR) -> NoticeVersion:
    """The version in force (published last); installs the bundled one on first use."""
    db = ctx.db
    _ensure_installed(ctx, bundled_dir)
    stored = NoticeRepository(db).current()
    assert stored is not None
    return _version(db, stored, current=True)


def current_notice_version(ctx: SignedIn, *, bundled_dir: Path = NOTICES_DIR) -> str:
    """The version label in force, without parsing the notice (intake records it on every save)."""
    db = ctx.db
    _ensure_installed(ctx, bundled_dir)
    stored = NoticeRepository(db).current()
    assert stored is not None
    return stored.version


def list_notice_versions(ctx: SignedIn, *, bundled_dir: Path = NOTICES_DIR) -> list[NoticeVersion]:
    """Every published version, newest (the current one) first. Every signed-in role may read them."""
    db = ctx.db
    _ensure_installed(ctx, bundled_dir)
    rows = NoticeRepository(db).list()
    return [_version(db, stored, current=index == 0) for index, stored in enumerate(rows)]


def get_notice_version(ctx: SignedIn, version: str) -> NoticeVersion:
    db = ctx.db
    repo = NoticeRepository(db)
    stored = repo.get(version)
    if stored is None:
        raise NoticeNotFound(version)
    current = repo.current()
    return _version(db, stored, current=current is not None and current.version == version)


def render_for_branch(ctx: SignedIn, notice: PrivacyNotice, language: str) -> RenderedNotice:
    """``notice`` in ``language`` with this branch's values; says which config keys IT must set."""
    values = _values(ctx)
    try:
        return render_notice(notice, values, language)
    except InvalidInput as exc:
        filled = values.placeholders()
        used = placeholders_used(notice)
        keys = [_CONFIG_KEYS[n] for n in BRANCH_PLACEHOLDERS if n in used and not filled[n]]
        where = str(ctx.paths.config)
        raise NoticeNeedsBranchValues(
            f"{exc.zh}IT 请在门店配置文件 {where} 的 [branch] 表中设置：{'、'.join(keys)}。",
            f"{exc.en} IT: set {', '.join(keys)} in the [branch] table of the branch configuration file {where}.",
        ) from None


def rendered_notice(ctx: SignedIn, version: str, language: str) -> RenderedNotice:
    return render_for_branch(ctx, get_notice_version(ctx, version).notice, language)


def rendered_current_notice(
    ctx: SignedIn, language: str = "zh_CN", *, bundled_dir: Path = NOTICES_DIR
) -> RenderedNotice:
    """The current notice in ``language`` (``zh_CN`` or ``en``) for the GUI and the consent form."""
    return render_for_branch(ctx, current_notice(ctx, bundled_dir=bundled_dir).notice, language)


def _checked_file(ctx: SignedIn, path: Path, bundled_dir: Path) -> tuple[str, NoticePreview]:
    check_permission(ctx, PUBLISH_ACTION)
    text = read_notice_text(path)
    try:
        notice = parse_notice(text)
    except InvalidInput as exc:
        raise InvalidInput(
            f"隐私告知书文件无法使用（{path.name}）：{exc.zh}",
            f"The privacy notice file cannot be used ({path.name}): {exc.en}",
        ) from None
    db = ctx.db
    previous = current_notice(ctx, bundled_dir=bundled_dir)
    repo = NoticeRepository(db)
    if repo.get(notice.version) is not None:
        raise NoticeAlreadyPublished(
            f"版本 {notice.version} 已经发布过。", f"Version {notice.version} is already published."
        )
    same = repo.get_by_hash(notice.content_hash)
    if same is not None:
        raise NoticeAlreadyPublished(
            f"该文件的内容哈希与已发布的版本 {same.version} 相同。",
            f"This file has the same content hash as the published version {same.version}.",
        )
    for language in RENDER_LANGUAGES:
        render_for_branch(ctx, notice, language)
    changes = notice_changes(previous.notice, notice)
    return text, NoticePreview(notice, previous, changes, changes.purposes_to_ask_again(notice))


def preview_publish(ctx: SignedIn, path: Path, *, bundled_dir: Path = NOTICES_DIR) -> NoticePreview:
    """Every check ``publish_notice`` makes, without publishing: for the confirmation question."""
    return _checked_file(ctx, path, bundled_dir)[1]


def publish_notice(ctx: SignedIn, path: Path, *, bundled_dir: Path = NOTICES_DIR) -> PublishedNotice:
    """Publish the company's notice file ``path`` as the new current version (managers)."""
    text, preview = _checked_file(ctx, path, bundled_dir)
    session, db = ctx.session, ctx.db
    notice = preview.notice
    repo = NoticeRepository(db)
    with db.transaction():
        if repo.get(notice.version) is not None or repo.get_by_hash(notice.content_hash) is not None:
            raise NoticeAlreadyPublished(
                f"版本 {notice.version} 已经发布过。", f"Version {notice.version} is already published."
            )
        stored = repo.add(
            version=notice.version,
            content_hash=notice.content_hash,
            content=text,
            published_at=ctx.now_utc(),
            published_by=session.staff_id,
            source=SOURCE_COMPANY,
        )
        record(
            ctx,
            "notice.publish",
            target_type=TARGET,
            target_id=notice.version,
            details={
                "version": notice.version,
                "content_hash": notice.content_hash,
                "previous_version": preview.previous.version,
                "needs_reconsent": preview.changes.needs_reconsent,
                "ask_again": sorted(str(p) for p in preview.ask_again),
                "file": path.name,
            },
        )
    return PublishedNotice(
        _version(db, stored, current=True), preview.previous, preview.changes, preview.ask_again
    )


_STALE_CACHE: dict[tuple[tuple[str, str], ...], frozenset[str]] = {}
_STALE_CACHE_SIZE = 8


def stale_notice_versions(ctx: SignedIn) -> frozenset[str]:
    """Older versions whose successor (the current one) changed purposes, recipients, methods or
    categories: consent given under them must be given again (Art. 14, 17). Lists and searches call
    this on every page, so only the versions' hashes are read; the texts are read, checked against
    their hashes and compared once per set of published versions."""
    db = ctx.db
    repo = NoticeRepository(db)
    key = tuple(repo.hashes())
    if len(key) < 2:
        return frozenset()
    stale = _STALE_CACHE.get(key)
    if stale is None:
        notices = {stored.version: _parse_stored(stored) for stored in repo.list()}
        current = key[0][0]
        stale = frozenset(
            version
            for version, notice in notices.items()
            if version != current and notice_changes(notice, notices[current]).needs_reconsent
        )
        if len(_STALE_CACHE) >= _STALE_CACHE_SIZE:
            _STALE_CACHE.clear()
        _STALE_CACHE[key] = stale
    return stale
