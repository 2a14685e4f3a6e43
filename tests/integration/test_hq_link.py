"""The HQ link (migrations 11 and 12): one row in branch.db; ``link`` never carries a key; the branch
key and the pseudonym key come back as stored (adopted into clients.db by the first agent or
manager session, tests/attack/test_hq_key_adoption.py); no enrolment refuses clearly."""

from __future__ import annotations

import base64
import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.domain.roles import Role
from desktop_app.services import hq_link
from desktop_app.services.sign_in import sign_in
from desktop_app.store.hq_link_repository import HqLink, HqLinkRepository
from tests.conftest import Branch


def _save(branch: Branch) -> bytes:
    ctx = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    raw = os.urandom(32)
    link = HqLink(
        "https://hq.example.cn", "", "SZ001", base64.b64encode(b"k" * 32).decode(), "2027-01-01T00:00:00Z", 1
    )
    with ctx.db.transaction():
        HqLinkRepository(ctx.db).save(link, branch_private_key=raw, pseudonym_key=b"p" * 32)
    ctx.close()
    return raw


def test_not_enrolled_refuses_the_key_and_has_no_link(branch: Branch) -> None:
    ctx = sign_in(branch.context(), *branch.users[Role.AGENT])
    assert hq_link.link(ctx) is None and hq_link.pseudonym_key(ctx) is None
    with pytest.raises(hq_link.NotEnrolled) as info:
        hq_link.sign(ctx, {"a": 1})
    assert "enroll" in info.value.en and "登记" in info.value.zh


def test_stored_link_signs_with_the_branch_key(branch: Branch) -> None:
    raw = _save(branch)
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    found = hq_link.link(ctx)
    assert found is not None and found.url == "https://hq.example.cn" and found.branch_code == "SZ001"
    shown = repr(found).replace("hq_public_key_b64", "").replace("pseudonym_key_received", "")
    assert "key" not in shown.replace("keys_adopted_at", "")
    assert hq_link.branch_private_key(ctx) == raw and hq_link.pseudonym_key(ctx) == b"p" * 32
    signature = base64.b64decode(hq_link.sign(ctx, {"b": [1, "二"], "a": None}))
    public: Ed25519PublicKey = Ed25519PrivateKey.from_private_bytes(raw).public_key()
    public.verify(signature, '{"a":null,"b":[1,"二"]}'.encode())


def test_one_row_only_enrolling_again_replaces_it(branch: Branch) -> None:
    _save(branch)
    second = _save(branch)
    ctx = sign_in(branch.context(), *branch.users[Role.MANAGER])
    assert ctx.db.execute("SELECT count(*) FROM hq_link").fetchone()[0] == 1
    assert hq_link.branch_private_key(ctx) == second
    _save(branch)  # a third enrolment replaces the adopted key at this session's next use
    third = ctx.db.execute("SELECT branch_private_key FROM main.hq_link").fetchone()[0]
    assert hq_link.branch_private_key(ctx) == third != second
