"""HQ refusals: bilingual BranchVaultError texts with the HTTP status and a stable code.

Rule: the API answers ``{"error": code, "zh": ..., "en": ...}`` and never a traceback or the
request's own content (a refused payload may hold data HQ must not echo into logs).
"""

from __future__ import annotations

from desktop_app.domain.errors import BranchVaultError


class HqError(BranchVaultError):
    """An HQ refusal with its HTTP status."""

    status = 400

    def __init__(self, status: int, code: str, zh: str, en: str) -> None:
        super().__init__(zh, en, code=code)
        self.status = status

    def body(self) -> dict[str, str]:
        return {"error": self.code, "zh": self.zh, "en": self.en}


def unauthorised(code: str) -> HqError:
    texts = {
        "missing_header": ("请求缺少认证头。", "The request lacks its authentication headers."),
        "unknown_branch": ("门店未在总部登记。", "This branch is not enrolled at HQ."),
        "bad_signature": ("请求签名无效。", "The request signature is not valid."),
        "skew": (
            "请求时间与总部时钟相差超过 5 分钟，请校正门店电脑时间。",
            "The request time is more than 5 minutes away from HQ's clock; correct the branch computer's clock.",
        ),
        "replayed_nonce": (
            "请求已被使用过（重放），已拒绝。",
            "This request was already used (replay); refused.",
        ),
    }
    zh, en = texts.get(code, texts["bad_signature"])
    return HqError(401, code, zh, en)


def invalid(code: str, zh: str, en: str) -> HqError:
    return HqError(422, code, zh, en)


TOO_LARGE = HqError(413, "too_large", "请求内容超过 2 MiB 上限。", "The request body is larger than 2 MiB.")
NOT_FOUND = HqError(404, "not_found", "没有此资源。", "Not found.")
