"""The cancel token is pure, thread-safe and raises a bilingual ``Cancelled``."""

from __future__ import annotations

import threading

import pytest

from desktop_app.domain.cancellation import Cancelled, CancelToken, check, report
from desktop_app.domain.errors import BranchVaultError


def test_a_fresh_token_is_not_cancelled() -> None:
    token = CancelToken()
    assert not token.cancelled
    token.raise_if_cancelled()
    check(token)
    check(None)


def test_cancel_raises_a_bilingual_error() -> None:
    token = CancelToken()
    token.cancel()
    assert token.cancelled
    with pytest.raises(Cancelled) as caught:
        token.raise_if_cancelled()
    assert isinstance(caught.value, BranchVaultError)
    assert caught.value.zh and caught.value.en and caught.value.code == "cancelled"
    with pytest.raises(Cancelled):
        check(token)


def test_cancel_from_another_thread_wakes_a_waiting_worker() -> None:
    token = CancelToken()
    threading.Timer(0.05, token.cancel).start()
    assert token.wait(5) is True


def test_report_calls_an_optional_callback() -> None:
    seen: list[tuple[int, int]] = []
    report(lambda done, total: seen.append((done, total)), 1, 2)
    report(None, 1, 2)
    assert seen == [(1, 2)]
