"""The attacker tests use the integration tests' fast branch (a private copy of one set-up branch)."""

from tests.integration.conftest import _branch_template, branch, signed_in, unusable_keyring

__all__ = ["_branch_template", "branch", "signed_in", "unusable_keyring"]
