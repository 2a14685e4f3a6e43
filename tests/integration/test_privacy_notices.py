"""Privacy-notice versions: first-use install, reading, publishing (managers, audited), immutability."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3

from desktop_app.domain.consent_purposes import PurposeId
from desktop_app.domain.errors import InvalidInput, PermissionDenied
from desktop_app.domain.roles import Role
from desktop_app.services import privacy_notices as notices
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.store.notice_files import NOTICES_DIR, load_bundled
from tests.conftest import Branch
from tests.support.branch_settings import save_branch_settings

SignedIn = Callable[[Role], SignedIn]
BUNDLED = "2026-12-v2"  # the newest bundled version (2026-11-v1 promised HQ name and mobile)
V1_TEXT = (NOTICES_DIR / f"{BUNDLED}.toml").read_text(encoding="utf-8")
OLD_MARKETING = "本项完全自愿，不同意不影响任何服务。"
NEW_MARKETING = "本项完全自愿，不同意不影响任何服务；我们每月至多联系您两次。"


def edited_notice(version: str = "2027-01-v3", marketing: str = NEW_MARKETING) -> str:
    """The bundled v1 with a new version id and one changed purpose (marketing contact)."""
    assert f'version = "{BUNDLED}"' in V1_TEXT and OLD_MARKETING in V1_TEXT
    return V1_TEXT.replace(f'version = "{BUNDLED}"', f'version = "{version}"').replace(
        OLD_MARKETING, marketing
    )


def write(tmp_path: Path, text: str, name: str = "company-notice.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def set_hq(branch: Branch, name: str = "示例地产集团总部", contact: str = "021-0000-0000") -> None:
    config = dataclasses.replace(branch.ctx.require_config(), hq_name=name, hq_contact=contact)
    save_branch_settings(branch.ctx, config)


def audit(ctx: SignedIn, action: str) -> list[object]:
    db = ctx.db
    return [e for e in AuditRepository(db).iter_all() if e.action == action]


def test_first_use_installs_the_bundled_version_once(signed_in: SignedIn) -> None:
    agent = signed_in(Role.AGENT)
    current = notices.current_notice(agent)
    bundled = load_bundled(BUNDLED)
    assert (current.version, current.content_hash) == (BUNDLED, bundled.content_hash)
    assert current.current and current.source == "bundled" and current.published_by is None
    assert notices.current_notice(signed_in(Role.MANAGER)).version == BUNDLED
    assert [v.version for v in notices.list_notice_versions(agent)] == [BUNDLED]
    installs = audit(agent, "notice.install")
    assert len(installs) == 1
    assert installs[0].details["content_hash"] == bundled.content_hash  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_read_the_notices(signed_in: SignedIn, role: Role) -> None:
    versions = notices.list_notice_versions(signed_in(role))
    assert [v.version for v in versions] == [BUNDLED]


def test_a_manager_publishes_a_new_version_audited_with_what_changed(
    branch: Branch, signed_in: SignedIn, tmp_path: Path
) -> None:
    set_hq(branch)
    manager = signed_in(Role.MANAGER)
    branch.ctx.clock.advance(60)  # type: ignore[attr-defined]
    published = notices.publish_notice(manager, write(tmp_path, edited_notice()))
    assert published.previous.version == BUNDLED
    assert published.published.version == "2027-01-v3" and published.published.source == "company"
    assert published.changes.purposes_changed == {PurposeId.MARKETING_CONTACT}
    assert published.ask_again == {PurposeId.MARKETING_CONTACT}
    assert published.published.published_by is not None and "lina" in published.published.published_by

    versions = notices.list_notice_versions(signed_in(Role.AGENT))
    assert [(v.version, v.current) for v in versions] == [("2027-01-v3", True), (BUNDLED, False)]
    assert notices.current_notice(manager).version == "2027-01-v3"
    text = notices.rendered_current_notice(manager, "zh_CN").plain_text()
    assert "我们每月至多联系您两次" in text and "示例地产集团总部" in text
    assert "示例地产集团总部" not in V1_TEXT  # the value comes from the branch config

    entries = audit(manager, "notice.publish")
    assert len(entries) == 1
    details = entries[0].details  # type: ignore[attr-defined]
    assert details["version"] == "2027-01-v3"
    assert details["content_hash"] == published.published.content_hash
    assert details["previous_version"] == BUNDLED and details["ask_again"] == ["marketing_contact"]


def test_publishing_in_the_same_second_still_makes_the_new_version_current(
    branch: Branch, signed_in: SignedIn, tmp_path: Path
) -> None:
    set_hq(branch)
    manager = signed_in(Role.MANAGER)
    notices.current_notice(manager)
    notices.publish_notice(manager, write(tmp_path, edited_notice()))
    assert notices.current_notice(manager).version == "2027-01-v3"


def test_an_agent_may_not_publish_and_the_refusal_is_audited(
    branch: Branch, signed_in: SignedIn, tmp_path: Path
) -> None:
    set_hq(branch)
    agent = signed_in(Role.AGENT)
    with pytest.raises(PermissionDenied):
        notices.publish_notice(agent, write(tmp_path, edited_notice()))
    assert [v.version for v in notices.list_notice_versions(agent)] == [BUNDLED]
    denied = [e for e in audit(agent, "access.denied") if e.target_id == notices.PUBLISH_ACTION.value]  # type: ignore[attr-defined]
    assert len(denied) == 1


def test_a_published_version_id_or_text_cannot_be_published_again(
    branch: Branch, signed_in: SignedIn, tmp_path: Path
) -> None:
    set_hq(branch)
    manager = signed_in(Role.MANAGER)
    notices.publish_notice(manager, write(tmp_path, edited_notice()))
    with pytest.raises(notices.NoticeAlreadyPublished) as same_version:
        notices.publish_notice(manager, write(tmp_path, edited_notice(marketing="另一种说法。"), "b.toml"))
    assert "2027-01-v3" in same_version.value.zh and "already published" in same_version.value.en
    assert "不可更改" in same_version.value.zh
    with pytest.raises(notices.NoticeAlreadyPublished):  # the same file again: same id and hash
        notices.publish_notice(manager, write(tmp_path, edited_notice(), "c.toml"))
    with pytest.raises(notices.NoticeAlreadyPublished):  # the bundled version too
        notices.publish_notice(manager, write(tmp_path, V1_TEXT, "d.toml"))
    assert len(audit(manager, "notice.publish")) == 1
    assert [v.version for v in notices.list_notice_versions(manager)] == ["2027-01-v3", BUNDLED]


def test_published_versions_are_immutable_in_the_database(signed_in: SignedIn) -> None:
    manager = signed_in(Role.MANAGER)
    notices.current_notice(manager)
    db = manager.db
    for sql in (
        "UPDATE notice_versions SET content = 'changed'",
        "UPDATE notice_versions SET content_hash = 'x'",
        "DELETE FROM notice_versions",
    ):
        with pytest.raises(sqlcipher3.IntegrityError, match="immutable"):
            db.execute(sql)
    assert notices.current_notice(manager).content_hash == load_bundled(BUNDLED).content_hash


def test_a_notice_that_does_not_render_with_the_branch_values_is_refused(
    signed_in: SignedIn, tmp_path: Path
) -> None:
    manager = signed_in(Role.MANAGER)  # the test branch has no headquarters name or contact
    with pytest.raises(notices.NoticeNeedsBranchValues) as info:
        notices.publish_notice(manager, write(tmp_path, edited_notice()))
    assert "hq_name" in info.value.en and "hq_contact" in info.value.en and "[branch]" in info.value.en
    assert "总部名称" in info.value.zh and "IT" in info.value.zh
    assert [v.version for v in notices.list_notice_versions(manager)] == [BUNDLED]
    assert audit(manager, "notice.publish") == []


def test_an_invalid_file_is_refused_naming_the_problem(
    branch: Branch, signed_in: SignedIn, tmp_path: Path
) -> None:
    set_hq(branch)
    manager = signed_in(Role.MANAGER)
    start = edited_notice().index("[purposes.marketing_contact]")
    end = edited_notice().index("[methods]")
    broken = edited_notice()[:start] + edited_notice()[end:]
    with pytest.raises(InvalidInput) as info:
        notices.publish_notice(manager, write(tmp_path, broken))
    assert "purposes.marketing_contact" in info.value.en and "company-notice.toml" in info.value.en
    with pytest.raises(InvalidInput):
        notices.publish_notice(manager, tmp_path / "missing.toml")
    assert [v.version for v in notices.list_notice_versions(manager)] == [BUNDLED]


def test_preview_checks_everything_without_publishing(
    branch: Branch, signed_in: SignedIn, tmp_path: Path
) -> None:
    set_hq(branch)
    manager = signed_in(Role.MANAGER)
    preview = notices.preview_publish(manager, write(tmp_path, edited_notice()))
    assert preview.notice.version == "2027-01-v3" and preview.changes.needs_reconsent
    assert [v.version for v in notices.list_notice_versions(manager)] == [BUNDLED]
    assert audit(manager, "notice.publish") == []


def test_rendered_notice_uses_the_requested_language(branch: Branch, signed_in: SignedIn) -> None:
    set_hq(branch)
    agent = signed_in(Role.AGENT)
    zh = notices.rendered_current_notice(agent, "zh_CN")
    en = notices.rendered_current_notice(agent, "en")
    assert zh.language == "zh_CN" and en.language == "en"
    assert "示例地产经纪有限公司" in zh.plain_text() and "示例地产经纪有限公司" in en.plain_text()
    assert zh.content_hash == en.content_hash == load_bundled(BUNDLED).content_hash
    assert notices.rendered_notice(agent, BUNDLED, "en").plain_text() == en.plain_text()
    with pytest.raises(notices.NoticeNotFound):
        notices.rendered_notice(agent, "no-such-version", "en")


def test_a_stored_version_whose_text_was_altered_is_reported(signed_in: SignedIn) -> None:
    manager = signed_in(Role.MANAGER)
    notices.current_notice(manager)
    db = manager.db
    db.execute("DROP TRIGGER notice_versions_no_update")  # an attacker with the key
    db.execute("UPDATE notice_versions SET content = replace(content, '自愿', '强制')")
    with pytest.raises(notices.StoredNoticeDamaged):
        notices.current_notice(manager)


def test_signed_out_contexts_are_refused(branch: Branch) -> None:
    from desktop_app.services.context import NotSignedIn
    from desktop_app.services.sign_in import sign_in, sign_out

    me = sign_in(branch.context(), *branch.users[Role.MANAGER])
    sign_out(me)
    with pytest.raises(NotSignedIn):
        notices.current_notice(me)
