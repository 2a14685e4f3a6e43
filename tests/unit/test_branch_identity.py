"""The branch identity rules shared by ``init``, the first-run wizard, ``config set`` and the
provisioning file: only an https:// HQ address, and the four notice details named when missing."""

from __future__ import annotations

import pytest

from desktop_app.domain.branch_settings import is_https_address, validate_identity
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.machine_config import MachineConfigError, parse_machine_config
from desktop_app.domain.privacy_notice import NOTICE_IDENTITY, missing_notice_details
from desktop_app.services.branch_setup import BranchDetails, validate_branch

REFUSED = [
    "http://hq.example.cn",
    "HTTP://hq.example.cn",
    "ftp://hq.example.cn",
    "hq.example.cn",
    "https://",
    "https://it:secret@hq.example.cn",
    "https://hq.example.cn/a b",
    "https://hq.example.cn:0",
]


@pytest.mark.parametrize("url", REFUSED)
def test_only_https_addresses_are_accepted_everywhere(url: str) -> None:
    assert not is_https_address(url)
    with pytest.raises(InvalidInput):
        validate_identity("hq_url", url)
    with pytest.raises(InvalidInput, match="https://"):
        validate_branch(BranchDetails("SZ001", "南山店", hq_url=url))
    with pytest.raises(MachineConfigError):
        parse_machine_config(f'[branch]\ncode = "SZ001"\nname = "x"\n[headquarters]\nurl = "{url}"\n')


def test_an_https_address_and_no_address_are_fine() -> None:
    assert validate_branch(
        BranchDetails("sz001", "南山店", hq_url=" https://hq.example.cn:8443/sync ")
    ).hq_url == ("https://hq.example.cn:8443/sync")
    assert validate_branch(BranchDetails("SZ001", "南山店")).hq_url == ""


def test_init_details_are_checked_like_config_set() -> None:
    with pytest.raises(InvalidInput):
        validate_branch(BranchDetails("SZ001", "南山店", hq_contact="021\x07"))
    with pytest.raises(InvalidInput):
        validate_branch(BranchDetails("SZ001", "南山店", company_name="x" * 201))


def test_missing_notice_details_are_named_in_order() -> None:
    assert missing_notice_details({}) == list(NOTICE_IDENTITY)
    full = dict.fromkeys(NOTICE_IDENTITY, "x")
    assert missing_notice_details(full) == []
    assert missing_notice_details({**full, "hq_name": "  ", "company_contact": ""}) == [
        "company_contact",
        "hq_name",
    ]
