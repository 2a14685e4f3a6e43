"""The HQ page's router, included by the HQ app (``desktop_app/hq/app.py: create_app``): sign-in and
sign-out (sign_in_routes.py), the overview and the branch pages (overview_routes.py).

Handlers stay thin: checks and rules are in staff_sign_in.py, web_sessions.py, throttle_rules.py and
page_security.py; reads in overview_queries.py; figures in figures.py / figure_views.py. Every page
needs a signed-in HQ staff member; every POST needs its CSRF token.
"""

from __future__ import annotations

from fastapi import APIRouter

from desktop_app.hq.web import overview_routes, sign_in_routes
from desktop_app.hq.web.page_context import WebSettings

router = APIRouter(include_in_schema=False)
router.include_router(sign_in_routes.router)
router.include_router(overview_routes.router)

__all__ = ["WebSettings", "router"]
