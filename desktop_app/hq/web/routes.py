"""The HQ page's routes: sign-in, sign-out, the overview and one page per branch.

Handlers stay thin: checks and rules are in staff_sign_in.py, web_sessions.py, throttle_rules.py,
page_security.py; reads in overview_queries.py; figures in figures.py / figure_views.py. Every page
needs a signed-in HQ staff member (else a redirect to the sign-in page); every POST needs its CSRF
token (403 without). Forms are read with an 8 KiB ceiling before anything is parsed. The database
work runs in the thread pool (plain functions; FastAPI runs the GET handlers there itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from desktop_app.domain.branch_time import BRANCH_TIME
from desktop_app.domain.errors import BranchVaultError
from desktop_app.hq.app import read_body
from desktop_app.hq.web import overview_queries as queries
from desktop_app.hq.web.figure_labels import Label, code_label
from desktop_app.hq.web.figure_views import figure_views
from desktop_app.hq.web.page_security import (
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    clear_cookie,
    new_token,
    set_cookie,
    tokens_match,
    with_page_headers,
)
from desktop_app.hq.web.staff_sign_in import (
    MAX_USERNAME,
    SignInRefused,
    SignInThrottled,
    record_attempt,
    sign_in,
)
from desktop_app.hq.web.throttle_rules import ThrottlePolicy
from desktop_app.hq.web.web_sessions import (
    ActiveSession,
    SessionPolicy,
    end_session,
    find_session,
    start_session,
)

HERE = Path(__file__).resolve().parent
DEFAULT_OVERDUE_DAYS = 2
DEFAULT_PERIOD_DAYS = 30
MAX_PERIOD_DAYS = 3660
MAX_FORM_BYTES = 8 * 1024
MAX_FORM_FIELDS = 8

router = APIRouter(include_in_schema=False)


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


def _bj(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone(BRANCH_TIME).strftime("%Y-%m-%d %H:%M")


TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True), auto_reload=False
)
TEMPLATES.filters["bj"] = _bj


def _settings(request: Request) -> WebSettings:
    """``app.state.hq_web`` when set; else the defaults, with ``HqSettings.overdue_days`` (the
    ``serve --overdue-days`` option) when the HQ settings carry one."""
    settings = getattr(request.app.state, "hq_web", None)
    if isinstance(settings, WebSettings):
        return settings
    overdue = getattr(request.app.state.hq.settings, "overdue_days", DEFAULT_OVERDUE_DAYS)
    return WebSettings(
        overdue_days=overdue if isinstance(overdue, int) and overdue > 0 else DEFAULT_OVERDUE_DAYS
    )


def _now(request: Request) -> datetime:
    now: datetime = request.app.state.hq.now()
    return now


def _db(request: Request) -> Session:
    session: Session = request.app.state.hq.sessions()
    return session


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _page(template: str, status: int = 200, **context: Any) -> Response:
    html = TEMPLATES.get_template(template).render(**context)
    response = HTMLResponse(html, status_code=status)
    with_page_headers(response)
    return response


def _redirect(location: str) -> RedirectResponse:
    response = RedirectResponse(location, status_code=303)
    with_page_headers(response)
    return response


def _signed_in(request: Request, db: Session) -> ActiveSession | None:
    return find_session(db, request.cookies.get(SESSION_COOKIE), _now(request), _settings(request).sessions)


def _to_sign_in() -> RedirectResponse:
    response = _redirect("/sign-in")
    clear_cookie(response, SESSION_COOKIE)
    return response


def _sign_in_page(
    request: Request, status: int = 200, error: BranchVaultError | None = None, username: str = ""
) -> Response:
    token = request.cookies.get(SIGN_IN_COOKIE)
    if not token or len(token) > 128:
        token = new_token()
    response = _page("sign_in.html", status, staff=None, csrf_token=token, error=error, username=username)
    set_cookie(response, SIGN_IN_COOKIE, token)
    return response


@router.get("/static/hq.css")
def stylesheet() -> Response:
    css = (HERE / "static" / "hq.css").read_text(encoding="utf-8")
    response = Response(css, media_type="text/css; charset=utf-8")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "max-age=3600"
    return response


@router.get("/sign-in")
def sign_in_form(request: Request) -> Response:
    with _db(request) as db:
        if _signed_in(request, db) is not None:
            return _redirect("/")
    return _sign_in_page(request)


async def _form(request: Request) -> dict[str, str]:
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


@router.post("/sign-in")
async def sign_in_submit(request: Request) -> Response:
    form = await _form(request)
    return await run_in_threadpool(
        _sign_in_submit,
        request,
        form.get("username", ""),
        form.get("password", ""),
        form.get("csrf_token", ""),
    )


def _sign_in_submit(request: Request, username: str, password: str, csrf_token: str) -> Response:
    now = _now(request)
    address = _address(request)
    shown_name = username.strip()[:MAX_USERNAME]
    with _db(request) as db:
        if not tokens_match(request.cookies.get(SIGN_IN_COOKIE), csrf_token):
            record_attempt(db, username, address, now, "csrf")
            return _sign_in_page(request, 403, CsrfRefused(), shown_name)
        try:
            staff = sign_in(db, username, password, address, now, _settings(request).throttle)
        except SignInThrottled as exc:
            response = _sign_in_page(request, 429, exc, shown_name)
            response.headers["Retry-After"] = str(exc.retry_after_seconds)
            return response
        except SignInRefused as exc:
            return _sign_in_page(request, 401, exc, shown_name)
        old = request.cookies.get(SESSION_COOKIE)
        if old:
            end_session(db, old)
        token = start_session(db, staff.id, now, _settings(request).sessions)
    response = _redirect("/")
    set_cookie(response, SESSION_COOKIE, token)
    clear_cookie(response, SIGN_IN_COOKIE)
    return response


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    form = await _form(request)
    return await run_in_threadpool(_sign_out, request, form.get("csrf_token", ""))


def _sign_out(request: Request, csrf_token: str) -> Response:
    with _db(request) as db:
        staff = _signed_in(request, db)
        if staff is None:
            return _to_sign_in()
        if not tokens_match(staff.csrf_token, csrf_token):
            return _page("refused.html", 403, staff=staff, error=CsrfRefused(), back="/")
        end_session(db, request.cookies.get(SESSION_COOKIE))
    return _to_sign_in()


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    notice: Label | None


def _period(request: Request, now: datetime) -> Period:
    today = queries.beijing_today(now)
    default = Period(today - timedelta(days=DEFAULT_PERIOD_DAYS - 1), today, None)
    raw_from, raw_to = request.query_params.get("from"), request.query_params.get("to")
    if not raw_from and not raw_to:
        return default
    try:
        start = date.fromisoformat(raw_from or "")
        end = date.fromisoformat(raw_to or "")
    except ValueError:
        return Period(
            default.start,
            default.end,
            Label("日期格式无效，已显示最近 30 天。", "Invalid date; showing the last 30 days."),
        )
    if start > end or (end - start).days > MAX_PERIOD_DAYS:
        return Period(
            default.start,
            default.end,
            Label("日期范围无效，已显示最近 30 天。", "Invalid range; showing the last 30 days."),
        )
    return Period(start, end, None)


def _overdue_days(request: Request) -> int:
    raw = request.query_params.get("overdue_days", "")
    if raw.isdigit() and 1 <= int(raw) <= 365:
        return int(raw)
    return _settings(request).overdue_days


@router.get("/")
def overview(request: Request) -> Response:
    now = _now(request)
    with _db(request) as db:
        staff = _signed_in(request, db)
        if staff is None:
            return _to_sign_in()
        period = _period(request, now)
        overdue_days = _overdue_days(request)
        branches = queries.branch_rows(db, now, overdue_days)
        figures = queries.period_figures(db, period.start, period.end)
        anomalies = queries.anomalies(db)
    return _page(
        "overview.html",
        staff=staff,
        branches=branches,
        overdue=[b for b in branches if b.overdue],
        anomalies=anomalies,
        overdue_days=overdue_days,
        period_from=period.start.isoformat(),
        period_to=period.end.isoformat(),
        notice=period.notice,
        included=figures.included,
        skipped=figures.skipped,
        views=figure_views(figures.combined, figures.per_branch),
    )


MASKED_COLUMNS = (
    ("pseudonym", Label("假名", "Pseudonym")),
    ("masked_name", Label("姓名（脱敏）", "Name (masked)")),
    ("district", Label("区县", "District")),
    ("intention_level", Label("购买意向", "Intention")),
    ("property_type", Label("物业类型", "Property type")),
    ("budget_band", Label("预算区间", "Budget band")),
    ("stage", Label("客户阶段", "Stage")),
    ("agent_code", Label("经纪人代码", "Agent code")),
)
LEGAL_BASES = {
    "same_entity": Label("同一法人实体", "Same legal entity"),
    "entrustment": Label("委托处理协议", "Entrustment agreement"),
    "separate_consent": Label("单独同意", "Separate consent"),
}
_CODED = ("intention_level", "property_type", "budget_band", "stage")


@dataclass(frozen=True)
class MaskedColumn:
    key: str
    label: Label


def _masked_view(masked: queries.MaskedRows | None) -> dict[str, Any] | None:
    if masked is None:
        return None
    rows = [
        {key: code_label(key, value).zh if key in _CODED and value else value for key, value in row.items()}
        for row in masked.rows
    ]
    return {
        "submission_id": masked.submission_id,
        "basis_label": LEGAL_BASES.get(masked.legal_basis, Label(masked.legal_basis, masked.legal_basis)),
        "basis_reference": masked.basis_reference,
        "basis_expires": masked.basis_expires,
        "columns": [MaskedColumn(key, label) for key, label in MASKED_COLUMNS],
        "rows": rows,
    }


@router.get("/branches/{code}")
def branch_page(request: Request, code: str) -> Response:
    now = _now(request)
    with _db(request) as db:
        staff = _signed_in(request, db)
        if staff is None:
            return _to_sign_in()
        branch = queries.branch(db, code)
        if branch is None:
            error = BranchVaultError("没有此门店。", "No such branch.", code="not_found")
            return _page("refused.html", 404, staff=staff, error=error, back="/")
        period = _period(request, now)
        figures = queries.period_figures(db, period.start, period.end, code)
        context: dict[str, Any] = {
            "code": branch.branch_code,
            "enrolled_at": branch.enrolled_at,
            "submissions": queries.submissions_of(db, code),
            "anchors": queries.anchors_of(db, code),
            "anomalies": queries.anomalies(db, code),
            "masked": _masked_view(queries.latest_masked_rows(db, code)),
            "views": figure_views(figures.combined, figures.per_branch),
        }
    return _page(
        "branch.html",
        staff=staff,
        period_from=period.start.isoformat(),
        period_to=period.end.isoformat(),
        notice=period.notice,
        **context,
    )
