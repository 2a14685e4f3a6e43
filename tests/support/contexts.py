"""Test helpers for the two context objects: ``context_of`` gives the application context of either
(a test that signs in again after signing out holds the previous SignedIn)."""

from __future__ import annotations

from desktop_app.services.context import AppContext
from desktop_app.services.signed_in import SignedIn


def context_of(ctx: AppContext | SignedIn) -> AppContext:
    return ctx.context if isinstance(ctx, SignedIn) else ctx
