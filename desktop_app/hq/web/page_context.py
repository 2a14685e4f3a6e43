"""What every HQ page handler shares: the page's settings, the clock and database of the HQ app,
the signed-in staff member, the templates (autoescaped Jinja2) and responses with the page's
security headers, and small url-encoded forms read with a ceiling.

Rules: every page needs a signed-in HQ staff member (``signed_in``; else ``to_sign_in``); forms are
read with an 8 KiB ceiling (413 beyond) before anything is parsed, and a body that is not a
url-encoded form reads as empty (its CSRF check then fails).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session
from starlette.responses import HTMLResponse, RedirectResponse, Response

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.errors import BranchVaultError
from desktop_app.hq.app import read_body
from desktop_app.hq.web.figure_labels import anomaly_label
from desktop_app.hq.web.page_security import (
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    clear_cookie,
    new_token,
    set_cookie,
    with_page_headers,
)
from desktop_app.hq.web.throttle_rules import ThrottlePolicy
from desktop_app.hq.web.web_sessions import ActiveSession, SessionPolicy, find_session

HERE = Path(__file__).resolve().parent
DEFAULT_OVERDUE_DAYS = 2
MAX_FORM_BYTES = 8 * 1024
MAX_FORM_FIELDS = 8


@dataclass(frozen=True)
class WebSettings:
    """The page's settings; ``app.state.hq_web`` overrides the defaults (tests, deployments)."""

    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    sessions: SessionPolicy = field(default_factory=SessionPolicy)
    overdue_days: int = DEFAULT_OVERDUE_DAYS


class CsrfRefused(BranchVaultError):
    code = "csrf_refused"

    def __init__(self) -> None:
        super().__init__(
            "表单已失效或来源不明（CSRF 校验失败），请重新打开页面后再试。",
            "The form has expired or did not come from this site (CSRF check failed); reload the page and try again.",
        )


def bj(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone(BRANCH_TIME).strftime("%Y-%m-%d %H:%M")


TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True), auto_reload=False
)
TEMPLATES.filters["bj"] = bj
TEMPLATES.filters["anomaly"] = anomaly_label


def settings(request: Request) -> WebSettings:
    """``app.state.hq_web`` when set; else the defaults, with ``HqSettings.overdue_days`` (the
    ``serve --overdue-days`` option) when the HQ settings carry one."""
    settings = getattr(request.app.state, "hq_web", None)
    if isinstance(settings, WebSettings):
        return settings
    overdue = getattr(request.app.state.hq.settings, "overdue_days", DEFAULT_OVERDUE_DAYS)
    return WebSettings(
        overdue_days=overdue if isinstance(overdue, int) and overdue > 0 else DEFAULT_OVERDUE_DAYS
    )


def now(request: Request) -> datetime:
    now: datetime = request.app.state.hq.now()
    return now


def db(request: Request) -> Session:
    session: Session = request.app.state.hq.sessions()
    return session


def address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def page(template: str, status: int = 200, **context: Any) -> Response:
    html = TEMPLATES.get_template(template).render(**context)
    response = HTMLResponse(html, status_code=status)
    with_page_headers(response)
    return response


def redirect(location: str) -> RedirectResponse:
    response = RedirectResponse(location, status_code=303)
    with_page_headers(response)
    return response


def signed_in(request: Request, db: Session) -> ActiveSession | None:
    return find_session(db, request.cookies.get(SESSION_COOKIE), now(request), settings(request).sessions)


def to_sign_in() -> RedirectResponse:
    response = redirect("/sign-in")
    clear_cookie(response, SESSION_COOKIE)
    return response


def sign_in_page(
    request: Request, status: int = 200, error: BranchVaultError | None = None, username: str = ""
) -> Response:
    token = request.cookies.get(SIGN_IN_COOKIE)
    if not token or len(token) > 128:
        token = new_token()
    response = page("sign_in.html", status, staff=None, csrf_token=token, error=error, username=username)
    set_cookie(response, SIGN_IN_COOKIE, token)
    return response


async def form(request: Request) -> dict[str, str]:
    """A small url-encoded form (8 KiB at most, 413 beyond); anything else reads as empty, which
    the CSRF check then refuses."""
    body = await read_body(request, MAX_FORM_BYTES)
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return {}
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except (UnicodeDecodeError, ValueError):
        return {}
    form: dict[str, str] = {}
    for name, value in pairs:
        form.setdefault(name, value)
    return form
