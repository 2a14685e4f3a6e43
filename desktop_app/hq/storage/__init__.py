"""HQ storage: SQLAlchemy 2 models, the engine and the Alembic migrations applied at start.

Rule: every guarantee that must hold across several ``serve`` processes (a submission stored once,
a request nonce used once, an enrolment token used once, one receipt key) is a database constraint,
not a check in Python, so processes sharing one PostgreSQL stay correct.
"""
