"""HQ staff sign-in and sign-out routes, and the page's stylesheet.

Rules (checks in staff_sign_in.py, web_sessions.py, page_security.py): the sign-in form's CSRF token
must match its ``__Host-`` cookie (403 and an audited ``csrf`` attempt otherwise); a throttled
attempt gets 429 with Retry-After; wrong username or password the same 401; success starts a new
session (the old one ends) and redirects to the overview. Sign-out needs the session's CSRF token.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from desktop_app.hq.web import page_context as ctx
from desktop_app.hq.web.page_security import (
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    clear_cookie,
    set_cookie,
    tokens_match,
)
from desktop_app.hq.web.staff_sign_in import (
    MAX_USERNAME,
    SignInRefused,
    SignInThrottled,
    recent_attempts,
    record_attempt,
    sign_in,
)
from desktop_app.hq.web.web_sessions import end_session, start_session

router = APIRouter(include_in_schema=False)


@router.get("/static/hq.css")
def stylesheet() -> Response:
    css = (ctx.HERE / "static" / "hq.css").read_text(encoding="utf-8")
    response = Response(css, media_type="text/css; charset=utf-8")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "max-age=3600"
    return response


@router.get("/sign-in")
def sign_in_form(request: Request) -> Response:
    with ctx.db(request) as db:
        if ctx.signed_in(request, db) is not None:
            return ctx.redirect("/")
    return ctx.sign_in_page(request)


@router.post("/sign-in")
async def sign_in_submit(request: Request) -> Response:
    form = await ctx.form(request)
    return await run_in_threadpool(
        _sign_in_submit,
        request,
        form.get("username", ""),
        form.get("password", ""),
        form.get("csrf_token", ""),
    )


def _sign_in_submit(request: Request, username: str, password: str, csrf_token: str) -> Response:
    now = ctx.now(request)
    address = ctx.address(request)
    shown_name = username.strip()[:MAX_USERNAME]
    with ctx.db(request) as db:
        if not tokens_match(request.cookies.get(SIGN_IN_COOKIE), csrf_token):
            record_attempt(db, username, address, now, "csrf")
            return ctx.sign_in_page(request, 403, ctx.CsrfRefused(), shown_name)
        try:
            staff = sign_in(db, username, password, address, now, ctx.settings(request).throttle)
        except SignInThrottled as exc:
            response = ctx.sign_in_page(request, 429, exc, shown_name)
            response.headers["Retry-After"] = str(exc.retry_after_seconds)
            return response
        except SignInRefused as exc:
            return ctx.sign_in_page(request, 401, exc, shown_name)
        old = request.cookies.get(SESSION_COOKIE)
        if old:
            end_session(db, old)
        token = start_session(db, staff.id, now, ctx.settings(request).sessions)
    response = ctx.redirect("/")
    set_cookie(response, SESSION_COOKIE, token)
    clear_cookie(response, SIGN_IN_COOKIE)
    return response


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    form = await ctx.form(request)
    return await run_in_threadpool(_sign_out, request, form.get("csrf_token", ""))


def _sign_out(request: Request, csrf_token: str) -> Response:
    with ctx.db(request) as db:
        staff = ctx.signed_in(request, db)
        if staff is None:
            return ctx.to_sign_in()
        if not tokens_match(staff.csrf_token, csrf_token):
            return ctx.page("refused.html", 403, staff=staff, error=ctx.CsrfRefused(), back="/")
        end_session(db, request.cookies.get(SESSION_COOKIE))
    return ctx.to_sign_in()


OUTCOMES = {
    "success": ("成功", "signed in"),
    "failure": ("失败", "failed"),
    "throttled": ("已限制", "throttled"),
    "csrf": ("表单无效", "form refused (CSRF)"),
    "pending": ("校验中", "being checked"),
}


@router.get("/sign-ins")
def sign_in_attempts(request: Request) -> Response:
    """The sign-in audit trail: the newest 200 attempts."""
    with ctx.db(request) as db:
        staff = ctx.signed_in(request, db)
        if staff is None:
            return ctx.to_sign_in()
        attempts = recent_attempts(db)
    return ctx.page("sign_ins.html", staff=staff, attempts=attempts, outcomes=OUTCOMES)
