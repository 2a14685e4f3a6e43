"""What someone holding a copy of HQ's database (a backup, a DBA, the HQ server's administrator) can
do with it, the sqlite3 module and HQ's own code, against the real ``branchvault-hq serve``.

- Enrol a branch of their own with a token found in the database: HQ keeps only SHA-256 of each
  token's secret, so what is stored does not enrol (a plain-text token column would).
- Recompute the pseudonyms of the per-client rows from ID numbers or phone numbers: the pseudonym
  key is nowhere in HQ's database or its folder (it travels to the branch inside the token and stays
  with the privacy officer).
- Re-aim a stored submission at HQ as if from the branch: the stored envelope is signed, but a
  request needs the branch's private key (only its public key is at HQ).
"""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

from tests.hq.fake_branch import ENROL, SUBMISSIONS, FakeBranch, secret_of
from tests.support.hq_server import HqServer, hq_server  # noqa: F401  (the fixture)


def _rows(db: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query).fetchall()


def test_what_the_database_holds_of_a_token_does_not_enrol(hq_server: HqServer) -> None:  # noqa: F811
    token = hq_server.issue_token("SZ001")  # issued, not yet used by the branch
    stored = _rows(hq_server.data_dir / "hq.sqlite3", "SELECT token_sha256, branch_code FROM enrol_tokens")
    assert len(stored) == 1
    attacker = FakeBranch("SZ001")
    with hq_server.client() as client:
        for candidate in (str(stored[0][0]), str(stored[0][0])[:43]):
            assert client.post(ENROL, content=attacker.enrol_body(candidate)).status_code in (403, 422)
        # the real branch still enrols with its token: the attempts did not spend it
        assert client.post(ENROL, content=FakeBranch("SZ001").enrol_body(secret_of(token))).status_code == 201


def test_the_pseudonym_key_is_nowhere_in_hq_storage(hq_server: HqServer) -> None:  # noqa: F811
    token = hq_server.issue_token("SZ001")
    branch = FakeBranch("SZ001")
    with hq_server.client() as client:
        assert client.post(ENROL, content=branch.enrol_body(secret_of(token))).status_code == 201
        _, body = branch.submission()
        assert (
            client.post(
                SUBMISSIONS, content=body, headers=branch.headers("POST", SUBMISSIONS, body)
            ).status_code
            == 201
        )
    key_text = token.split(".", 1)[1]
    raw = base64.urlsafe_b64decode(key_text + "=" * (-len(key_text) % 4))
    forms = [key_text.encode(), raw, raw.hex().encode(), base64.b64encode(raw)]
    for path in hq_server.data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(form in content for form in forms), path


def test_a_stored_submission_cannot_be_sent_again_as_the_branch(hq_server: HqServer) -> None:  # noqa: F811
    branch = FakeBranch("SZ001")
    with hq_server.client() as client:
        assert (
            client.post(
                ENROL, content=branch.enrol_body(secret_of(hq_server.issue_token("SZ001")))
            ).status_code
            == 201
        )
        _, body = branch.submission()
        assert (
            client.post(
                SUBMISSIONS, content=body, headers=branch.headers("POST", SUBMISSIONS, body)
            ).status_code
            == 201
        )
        db = hq_server.data_dir / "hq.sqlite3"
        envelope = json.loads(str(_rows(db, "SELECT envelope FROM submissions")[0][0]))
        public_key = str(_rows(db, "SELECT public_key_b64 FROM branches")[0][0])
        envelope["payload"]["submission_id"] = "6f1c1b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f"  # a "new" one
        forged = json.dumps(envelope).encode()
        impostor = FakeBranch("SZ001")  # HQ holds only the public key: any other key is refused
        assert public_key != impostor.public_key
        answer = client.post(
            SUBMISSIONS, content=forged, headers=impostor.headers("POST", SUBMISSIONS, forged)
        )
        assert (answer.status_code, answer.json()["error"]) == (401, "bad_signature")
    assert len(_rows(db, "SELECT 1 FROM submissions")) == 1
