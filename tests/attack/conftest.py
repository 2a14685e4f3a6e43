"""The attacker tests use the integration tests' sign-in and keyring fixtures (``branch``, a private
copy of one set-up branch, comes from tests/conftest.py)."""

from tests.integration.conftest import signed_in, unusable_keyring

__all__ = ["signed_in", "unusable_keyring"]
