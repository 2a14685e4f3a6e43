"""The signed-in user: the application context, the open database and the session, as one object.

Sign-in returns it (services/sign_in.py) and every service that acts for a user takes it, so a
service cannot be called without a session and never checks for one. The context's paths, clock,
keyring, configuration and policy are read through it.

Locking locks the data, as KeePassXC does: ``lock`` closes the database and wipes the key
material the session holds (database key, slot key pair, KEK, pin, client-data key); until
``sign_in.unlock_session`` derives it again from the password, any use of ``db`` is refused.
Signing out (``close``) ends it for good.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain.errors import BranchVaultError
from desktop_app.domain.security_policy import SecurityPolicy
from desktop_app.services.context import AppContext, Clock, NotSignedIn
from desktop_app.services.session import Session
from desktop_app.store.branch_config import BranchConfig
from desktop_app.store.data_dir import DataPaths
from desktop_app.store.database import Database
from desktop_app.store.device_secret import DeviceSecretStore


class SessionLocked(BranchVaultError):
    code = "session_locked"

    def __init__(self) -> None:
        super().__init__(
            "会话已锁定。请输入密码解锁。", "The session is locked. Enter your password to unlock it."
        )


class SignedIn:
    """A signed-in user's context, database and session (``db`` is refused once locked or closed)."""

    __slots__ = ("_context", "_db", "_locked", "_session", "training_gate_clear")

    def __init__(self, context: AppContext, db: Database, session: Session) -> None:
        self._context = context
        self._db: Database | None = db
        self._session = session
        self._locked = False
        # (day, gate settings) on which services/training_gate.py found this member not gated: the
        # verdict cannot change within that day under those settings (records are append-only)
        self.training_gate_clear: object = None

    @property
    def context(self) -> AppContext:
        return self._context

    @property
    def session(self) -> Session:
        return self._session

    @property
    def db(self) -> Database:
        if self._db is None:
            raise SessionLocked() if self._locked else NotSignedIn()
        return self._db

    @property
    def locked(self) -> bool:
        return self._locked

    @property
    def open(self) -> bool:
        return self._db is not None

    @property
    def paths(self) -> DataPaths:
        return self._context.paths

    @property
    def clock(self) -> Clock:
        return self._context.clock

    @property
    def secrets(self) -> DeviceSecretStore:
        return self._context.secrets

    @property
    def config(self) -> BranchConfig:
        return self._context.require_config()

    def require_config(self) -> BranchConfig:
        """As ``AppContext.require_config``, for helpers used both before and after sign-in."""
        return self.config

    @property
    def policy(self) -> SecurityPolicy:
        return self._context.policy_for(signed_in=True)

    def today(self) -> date:
        return self._context.today()

    def now_utc(self) -> str:
        return self._context.now_utc()

    def lock(self) -> None:
        """Close the database and drop the session's key material; the session's identity stays."""
        if self._db is None:
            return
        self._locked = True
        self._close_db()

    def unlocked(self, db: Database) -> None:
        """``sign_in.unlock_session`` re-derived the keys and opened the database again."""
        self._db = db
        self._locked = False

    def close(self) -> None:
        """Signed out: the database is closed and the keys dropped for good."""
        self._locked = False
        self._close_db()

    def _close_db(self) -> None:
        db, self._db = self._db, None
        wipe_keys(self._session)
        if db is not None:
            db.close()


def wipe_keys(session: Session) -> None:
    """Drop every key the session holds (Python cannot overwrite bytes in place; the references go)."""
    session.db_key = b""
    session.slot_private = None
    session.slot_kek = b""
    session.slot_pin = b""
    session.client_key = b""
