"""The HQ web application: ``create_app(settings)`` builds the FastAPI app with the branch API
(``/api/v1``) and, when present, the HQ overview page (``desktop_app/hq/web``).

Rules: every request body is read with a 2 MiB ceiling (413 beyond, also for chunked bodies);
branch requests are authenticated by the branch key (request_checks.py); answers are JSON, errors
``{"error", "zh", "en"}`` without tracebacks; no interactive API docs (they load scripts from a CDN).
Migrations are applied when the app is created (before uvicorn accepts connections).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from desktop_app.hq import branch_views, enrolment, receipt_key, request_checks, submissions
from desktop_app.hq.errors import NOT_FOUND, TOO_LARGE, HqError
from desktop_app.hq.schemas import EnrolRequest
from desktop_app.hq.settings import HqSettings
from desktop_app.hq.storage.database import make_engine, migrate, session_factory

API = "/api/v1"


@dataclass
class HqState:
    """What the routes share (``app.state.hq``): settings, engine, sessions and the receipt key."""

    settings: HqSettings
    engine: Engine
    sessions: sessionmaker[Session]
    receipt_key: receipt_key.ReceiptKey

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.settings.clock(), UTC)


def hq_state(request: Request) -> HqState:
    state: HqState = request.app.state.hq
    return state


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise TOO_LARGE
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TOO_LARGE
        chunks.append(chunk)
    return b"".join(chunks)


def _error(exc: HqError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status)


def create_app(settings: HqSettings) -> FastAPI:
    engine = make_engine(settings.db_url)
    if settings.migrate:
        migrate(engine)
    sessions = session_factory(engine)
    key = receipt_key.load_or_create(sessions, datetime.fromtimestamp(settings.clock(), UTC))
    app = FastAPI(title="BranchVault HQ", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.hq = HqState(settings, engine, sessions, key)

    @app.exception_handler(HqError)
    async def _hq_error(_request: Request, exc: HqError) -> JSONResponse:
        return _error(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(
            HqError(422, "invalid_fields", "请求内容不符合格式。", "The request does not match the schema.")
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return _error(NOT_FOUND)
        return JSONResponse(
            {"error": "http_error", "zh": "请求被拒绝。", "en": str(exc.detail)}, exc.status_code
        )

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post(f"{API}/enrol")
    async def enrol(request: Request) -> JSONResponse:
        state = hq_state(request)
        body = await read_body(request, settings.max_body_bytes)
        raw = submissions.parse_json(body)
        try:
            enrol_request = EnrolRequest.model_validate(raw)
        except ValidationError as exc:
            raise submissions.validation_error(exc) from None

        def work() -> dict[str, Any]:
            with state.sessions() as session:
                branch = enrolment.enrol(session, enrol_request, state.now())
                return {
                    "branch_code": branch.branch_code,
                    "hq_public_key": state.receipt_key.public_b64,
                    "enrolled_at": branch_views._stamp(branch.enrolled_at),
                }

        return JSONResponse(await run_in_threadpool(work), status_code=201)

    @app.post(f"{API}/submissions")
    async def submit(request: Request) -> JSONResponse:
        state = hq_state(request)
        body = await read_body(request, settings.max_body_bytes)
        headers = dict(request.headers)

        def work() -> submissions.Stored:
            now = state.now()
            with state.sessions() as session:
                branch = request_checks.authenticate(
                    session, headers, "POST", request.url.path, body, now, settings.max_skew_seconds
                )
                return submissions.store(session, body, branch, state.receipt_key, now)

        stored = await run_in_threadpool(work)
        return JSONResponse(stored.receipt, status_code=201 if stored.created else 200)

    async def _own_branch_view(request: Request, code: str, view: str) -> JSONResponse:
        state = hq_state(request)
        body = await read_body(request, settings.max_body_bytes)
        headers = dict(request.headers)

        def work() -> dict[str, Any]:
            with state.sessions() as session:
                branch = request_checks.authenticate(
                    session, headers, "GET", request.url.path, body, state.now(), settings.max_skew_seconds
                )
                if branch.branch_code != code:
                    raise HqError(
                        403,
                        "other_branch",
                        "门店只能查看自己的记录。",
                        "A branch may read only its own records.",
                    )
                if view == "status":
                    return branch_views.status(session, branch)
                return branch_views.anchors(session, code)

        return JSONResponse(await run_in_threadpool(work))

    @app.get(API + "/branches/{code}/status")
    async def branch_status(request: Request, code: str) -> JSONResponse:
        return await _own_branch_view(request, code, "status")

    @app.get(API + "/branches/{code}/anchors")
    async def branch_anchors(request: Request, code: str) -> JSONResponse:
        return await _own_branch_view(request, code, "anchors")

    _include_web_page(app)
    return app


def _include_web_page(app: FastAPI) -> None:
    """The HQ overview page (owner: the page's package), when it is installed."""
    try:
        from desktop_app.hq.web.routes import router
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("desktop_app.hq.web"):
            return
        raise
    app.include_router(router)
