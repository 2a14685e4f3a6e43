"""The HQ service: receives signed summaries from enrolled branches and keeps them.

Rule: this package imports only ``desktop_app.domain`` of the app (the shared schema, canonical JSON
and signature checks); the branch app never imports it (tests/unit/test_layers.py). Its third-party
dependencies (FastAPI, uvicorn, SQLAlchemy, Alembic, psycopg, Jinja2) are the optional ``[hq]`` extra
and never enter the desktop bundle (installers/check_bundle.py).
"""
