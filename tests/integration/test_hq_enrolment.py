"""Enrolment against the real HQ service (127.0.0.1, trustme TLS): the branch's key is made here
and HQ learns only its public half; the token's pseudonym key stays in the branch; a token works
once; a certificate from another CA is refused before anything is sent; every outcome is audited."""

from __future__ import annotations

import pytest

from desktop_app.domain.hq_summary import public_key_b64
from desktop_app.domain.roles import Role
from desktop_app.services import hq_link
from desktop_app.services.hq_enrolment import EnrolmentRefused, enrol, split_token
from desktop_app.services.sign_in import sign_in
from desktop_app.store.audit_repository import AuditRepository
from desktop_app.sync.transport import HqUnreachable
from tests.conftest import Branch
from tests.support.hq_server import HqServer, hq_server  # noqa: F401 (the fixture)


def test_enrol_stores_the_keys_and_hq_knows_only_the_public_key(branch: Branch, hq_server: HqServer) -> None:  # noqa: F811
    token = hq_server.issue_token("SZ001")
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    link = enrol(it, hq_server.url, token, hq_server.ca_file)
    assert link.url == hq_server.url and link.branch_code == "SZ001"
    assert link.ca_file == str(hq_server.ca_file.resolve())
    private = hq_link.branch_private_key(it)
    assert len(private) == 32
    assert hq_link.pseudonym_key(it) == split_token(token)[1]
    entry = [e for e in AuditRepository(it.db).iter_all() if e.action == "hq.enrol"][-1]
    assert entry.outcome == "success" and entry.details["branch_public_key"] == public_key_b64(private)
    secret = token.rpartition(".")[0]
    text = repr(entry) + str(entry.details)
    assert secret not in text and token.rpartition(".")[2] not in text
    # HQ's database holds the public key, never the private one nor the pseudonym key
    database = (hq_server.data_dir / "hq.sqlite3").read_bytes()
    assert private not in database and split_token(token)[1] not in database  # type: ignore[operator]


def test_a_token_works_once(branch: Branch, hq_server: HqServer) -> None:  # noqa: F811
    token = hq_server.issue_token("SZ001")
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    enrol(it, hq_server.url, token, hq_server.ca_file)
    first = hq_link.branch_private_key(it)
    with pytest.raises(EnrolmentRefused) as info:
        enrol(it, hq_server.url, token, hq_server.ca_file)
    assert info.value.status == 403 and "令牌" in info.value.zh
    assert hq_link.branch_private_key(it) == first  # the refused attempt changed nothing
    outcomes = [e.outcome for e in AuditRepository(it.db).iter_all() if e.action == "hq.enrol"]
    assert outcomes == ["success", "failure"]


def test_a_certificate_from_another_ca_is_refused(branch: Branch, hq_server: HqServer) -> None:  # noqa: F811
    token = hq_server.issue_token("SZ001")
    it = sign_in(branch.context(), *branch.users[Role.IT_ADMIN])
    with pytest.raises(HqUnreachable) as info:
        enrol(it, hq_server.url, token, hq_server.wrong_ca_file)
    assert info.value.kind == "tls"
    with pytest.raises(HqUnreachable) as info:  # nor does the system store know trustme's CA
        enrol(it, hq_server.url, token, None)
    assert info.value.kind == "tls"
    assert hq_link.link(it) is None
    enrol(it, hq_server.url, token, hq_server.ca_file)  # the token was never used up
    assert hq_link.link(it) is not None
