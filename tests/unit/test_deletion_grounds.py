"""The PIPL Art. 47 grounds: each maps to its item, own-initiative choices exclude a request and the
retention period, and a note never identifies the client."""

from __future__ import annotations

import pytest

from desktop_app.domain.deletion_grounds import (
    GROUND_LABELS,
    NOTE_MAX,
    OWN_INITIATIVE,
    DeletionGround,
    clean_note,
    legal_basis,
    parse_own_initiative,
)
from desktop_app.domain.errors import InvalidInput


def test_every_ground_has_labels_and_a_legal_basis() -> None:
    assert set(GROUND_LABELS) == set(DeletionGround)
    items = {ground: legal_basis(ground)[1] for ground in DeletionGround}
    assert items[DeletionGround.PURPOSE_ACHIEVED] == "PIPL Art. 47(1), item 1"
    assert items[DeletionGround.RETENTION_EXPIRY] == "PIPL Art. 47(1), item 2"
    assert items[DeletionGround.CONSENT_WITHDRAWN] == "PIPL Art. 47(1), item 3"
    assert items[DeletionGround.PROCESSING_UNLAWFUL] == "PIPL Art. 47(1), item 4"
    assert "request" in items[DeletionGround.DELETION_REQUEST]
    assert legal_basis("processing_unlawful")[0] == "《个人信息保护法》第四十七条第一款第（四）项"
    assert legal_basis("something_old") == ("《个人信息保护法》第四十七条", "PIPL Art. 47")


def test_own_initiative_grounds_exclude_requests_and_the_retention_queue() -> None:
    assert DeletionGround.DELETION_REQUEST not in OWN_INITIATIVE
    assert DeletionGround.RETENTION_EXPIRY not in OWN_INITIATIVE
    assert parse_own_initiative(" purpose_achieved ") is DeletionGround.PURPOSE_ACHIEVED
    for text in ("deletion_request", "retention_expiry", "PURPOSE", ""):
        with pytest.raises(InvalidInput):
            parse_own_initiative(text)


@pytest.mark.parametrize(
    "note",
    [
        "客户电话13812345678",
        "卡号 6222 0212 3456 7890",
        "证件１１０１０５１９４９１２３１００２Ｘ",  # full-width digits
        "王小明已不再需要",
        "a\tb",
        "x" * (NOTE_MAX + 1),
        " ",
    ],
)
def test_identifying_or_malformed_notes_are_refused(note: str) -> None:
    with pytest.raises(InvalidInput):
        clean_note(note, identifying=("王小明",))


def test_an_ordinary_note_is_kept_as_written() -> None:
    assert clean_note("  签约失败，2026年不再购房（3 套房源均已售）  ", identifying=("王小明",)) == (
        "签约失败，2026年不再购房（3 套房源均已售）"
    )


@pytest.mark.parametrize(
    "note",
    [
        "li wei moved away",
        "ＬＩ ＷＥＩ moved away",
        "李 伟 不再购房",
        "客户邮箱 zhangsan@example.com",
        "证件 A123456(7)",
    ],
)
def test_a_name_in_another_case_or_spacing_an_email_or_a_short_id_is_refused(note: str) -> None:
    """Regression: the name check was case- and space-sensitive, and an email or an ID with fewer
    than 7 digits in a row passed into the audit log and the certificate."""
    with pytest.raises(InvalidInput):
        clean_note(note, identifying=("Li Wei", "李伟", "", "A123456(7)"))
