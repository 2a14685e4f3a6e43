"""The survey address IT sets for the consent form's QR code: https only, ASCII, no credentials."""

from __future__ import annotations

import pytest

from desktop_app.domain.branch_settings import EDITABLE_IDENTITY, IDENTITY_FIELDS, validate_identity
from desktop_app.domain.errors import InvalidInput


def test_the_survey_address_is_protected_branch_identity() -> None:
    assert "survey_url" in IDENTITY_FIELDS and "survey_url" in EDITABLE_IDENTITY


@pytest.mark.parametrize(
    "url",
    ["https://www.wjx.cn/vm/abc.aspx", "https://wj.qq.com/s2/1234/ab_c/?from=qr", "  https://x.cn/s  ", ""],
)
def test_https_addresses_and_nothing_are_accepted(url: str) -> None:
    assert validate_identity("survey_url", url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        "http://www.wjx.cn/vm/abc.aspx",
        "wjx.cn/vm/abc",
        "javascript:alert(1)",
        "https://user:pw@wj.qq.com/s2/1",
        "https://wj.qq.com/s2/1 2",
        "https://问卷.cn/s",
        "https://",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(InvalidInput):
        validate_identity("survey_url", url)
