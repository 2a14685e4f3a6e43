"""HQ staff sign-in over HTTP (FastAPI TestClient on the real app): authentication required,
cookie flags, CSRF on every POST, throttling per username and per client address, session expiry,
and the audited attempt trail."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select

from desktop_app.hq.web.page_security import SESSION_COOKIE, SIGN_IN_COOKIE
from desktop_app.hq.web.staff_models import HqSignInAttempt, HqWebSession
from tests.hq_page.conftest import HqPage
from tests.hq_page.page_client import form_token, sign_in
from tests.support.hq_page import STAFF_PASSWORD, STAFF_USER


def _outcomes(hq_page: HqPage) -> list[str]:
    with hq_page.sessions() as db:
        return list(db.scalars(select(HqSignInAttempt.outcome).order_by(HqSignInAttempt.id)))


def test_every_page_needs_a_signed_in_staff_member(hq_page: HqPage) -> None:
    for path in ("/", "/branches/BJ001", "/?from=2026-01-01&to=2026-12-01"):
        response = hq_page.client.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == "/sign-in"
    forged = hq_page.new_client()
    assert forged.get("/", headers={"Cookie": f"{SESSION_COOKIE}=not-a-session"}).status_code == 303


def test_sign_in_sets_a_host_only_secure_httponly_strict_cookie(hq_page: HqPage) -> None:
    response = sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    session = next(c for c in cookies if c.startswith(SESSION_COOKIE + "="))
    flags = {part.strip().lower() for part in session.split(";")[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= flags
    assert not any(flag.startswith("domain") for flag in flags)
    page = hq_page.client.get("/")
    assert page.status_code == 200
    assert STAFF_USER in page.text


def test_pages_carry_a_strict_content_security_policy(hq_page: HqPage) -> None:
    form = hq_page.client.get("/sign-in")
    csp = form.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors 'none'" in csp
    assert form.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in form.text and "http://" not in form.text and "https://" not in form.text
    cookie = next(v for k, v in form.headers.multi_items() if k == "set-cookie")
    assert cookie.startswith(SIGN_IN_COOKIE + "=") and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_sign_in_without_the_csrf_token_is_refused(hq_page: HqPage) -> None:
    client = hq_page.client
    form = client.get("/sign-in")
    data = {"username": STAFF_USER, "password": STAFF_PASSWORD}
    missing = client.post("/sign-in", data=data)
    wrong = client.post("/sign-in", data={**data, "csrf_token": "forged-token"})
    other = hq_page.new_client()  # a cross-site form: the attacker has its own token, not our cookie
    cross = other.post("/sign-in", data={**data, "csrf_token": form_token(form.text)})
    for response in (missing, wrong, cross):
        assert response.status_code == 403
        assert 'data-code="csrf_refused"' in response.text
        assert SESSION_COOKIE not in response.headers.get("set-cookie", "")
    assert _outcomes(hq_page) == ["csrf", "csrf", "csrf"]
    assert client.get("/").status_code == 303


def test_sign_out_needs_the_session_csrf_token(hq_page: HqPage) -> None:
    client = hq_page.client
    sign_in(client, STAFF_USER, STAFF_PASSWORD)
    page = client.get("/")
    refused = client.post("/sign-out", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    assert client.get("/").status_code == 200  # still signed in
    done = client.post("/sign-out", data={"csrf_token": form_token(page.text)})
    assert done.status_code == 303 and done.headers["location"] == "/sign-in"
    assert client.get("/").status_code == 303
    with hq_page.sessions() as db:
        assert list(db.scalars(select(HqWebSession))) == []


def test_five_failures_for_a_username_refuse_it_for_fifteen_minutes(hq_page: HqPage) -> None:
    client = hq_page.client
    for _ in range(5):
        assert sign_in(client, STAFF_USER, "Wrong!Password#1").status_code == 401
    refused = sign_in(client, STAFF_USER, STAFF_PASSWORD)
    assert refused.status_code == 429
    assert 'data-code="sign_in_throttled"' in refused.text
    assert int(refused.headers["retry-after"]) > 0
    assert client.get("/").status_code == 303
    hq_page.clock.advance(10 * 60)
    assert sign_in(client, STAFF_USER, STAFF_PASSWORD).status_code == 429
    hq_page.clock.advance(5 * 60 + 1)
    assert sign_in(client, STAFF_USER, STAFF_PASSWORD).status_code == 303
    assert _outcomes(hq_page) == ["failure"] * 5 + ["throttled", "throttled", "success"]


def test_failures_from_one_address_across_usernames_are_throttled(hq_page: HqPage) -> None:
    client = hq_page.client
    for n in range(10):
        assert sign_in(client, f"guess{n}", "Wrong!Password#1").status_code == 401
    assert sign_in(client, STAFF_USER, STAFF_PASSWORD).status_code == 429
    with hq_page.sessions() as db:
        addresses = set(db.scalars(select(HqSignInAttempt.client_address)))
    assert addresses == {"testclient"}


def test_unknown_username_and_wrong_password_get_the_same_answer(hq_page: HqPage) -> None:
    unknown = sign_in(hq_page.client, "nobody", STAFF_PASSWORD)
    wrong = sign_in(hq_page.new_client(), STAFF_USER, "Wrong!Password#1")
    assert unknown.status_code == wrong.status_code == 401
    assert 'data-code="wrong_credentials"' in unknown.text
    assert 'data-code="wrong_credentials"' in wrong.text


def test_sessions_expire_when_idle_and_after_eight_hours(hq_page: HqPage) -> None:
    client = hq_page.client
    sign_in(client, STAFF_USER, STAFF_PASSWORD)
    hq_page.clock.advance(29 * 60)
    assert client.get("/").status_code == 200
    hq_page.clock.advance(31 * 60)
    assert client.get("/").status_code == 303  # idle for 31 minutes

    sign_in(client, STAFF_USER, STAFF_PASSWORD)
    for _ in range(16):  # active every 25 minutes: 6 h 40 min
        hq_page.clock.advance(25 * 60)
        assert client.get("/").status_code == 200
    hq_page.clock.advance(25 * 60)
    assert client.get("/").status_code == 200  # 7 h 05 min
    hq_page.clock.advance(25 * 60)
    assert client.get("/").status_code == 200  # 7 h 30 min
    hq_page.clock.advance(25 * 60)
    assert client.get("/").status_code == 200  # 7 h 55 min
    hq_page.clock.advance(6 * 60)
    assert client.get("/").status_code == 303  # 8 h 01 min: absolute limit


def test_the_database_holds_only_a_hash_of_the_session_cookie(hq_page: HqPage) -> None:
    response = sign_in(hq_page.client, STAFF_USER, STAFF_PASSWORD)
    token = response.cookies[SESSION_COOKIE]
    assert token
    with hq_page.sessions() as db:
        assert list(db.scalars(select(HqWebSession.token_sha256))) == [
            hashlib.sha256(token.encode()).hexdigest()
        ]
    if hq_page.db_path is None:
        return
    assert token.encode() not in hq_page.db_path.read_bytes()
    wal = hq_page.db_path.with_name(hq_page.db_path.name + "-wal")
    if wal.exists():
        assert token.encode() not in wal.read_bytes()


def test_parallel_guesses_cannot_slip_under_the_limit(hq_page: HqPage) -> None:
    """Twelve wrong passwords at once (argon2 takes time): at most five are ever checked."""
    from concurrent.futures import ThreadPoolExecutor

    clients = [hq_page.new_client() for _ in range(12)]
    tokens = [form_token(c.get("/sign-in").text) for c in clients]

    def guess(index: int) -> int:
        data = {"username": STAFF_USER, "password": f"Wrong!Guess#{index}", "csrf_token": tokens[index]}
        return clients[index].post("/sign-in", data=data).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(guess, range(12)))
    outcomes = _outcomes(hq_page)
    assert outcomes.count("failure") <= 5
    assert statuses.count(401) == outcomes.count("failure")
    assert statuses.count(429) == outcomes.count("throttled") >= 7
    for client in clients:
        client.close()


def test_oversized_or_foreign_forms_are_refused_before_parsing(hq_page: HqPage) -> None:
    client = hq_page.client
    token = form_token(client.get("/sign-in").text)
    big = client.post("/sign-in", data={"username": "x" * 9000, "password": "p", "csrf_token": token})
    assert big.status_code == 413
    as_json = client.post(
        "/sign-in", json={"username": STAFF_USER, "password": STAFF_PASSWORD, "csrf_token": token}
    )
    assert as_json.status_code == 403
    assert client.get("/").status_code == 303


def test_the_sign_in_trail_is_shown_to_signed_in_staff_only(hq_page: HqPage) -> None:
    client = hq_page.client
    assert client.get("/sign-ins").status_code == 303
    sign_in(client, "nobody", "Wrong!Password#1")
    sign_in(client, STAFF_USER, STAFF_PASSWORD)
    page = client.get("/sign-ins")
    assert page.status_code == 200
    outcomes = re.findall(r'class="attempt-row" data-outcome="([a-z]+)"', page.text)
    assert outcomes == ["success", "failure"]  # newest first
    assert "nobody" in page.text and "testclient" in page.text
