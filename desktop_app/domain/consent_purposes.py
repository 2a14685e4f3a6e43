"""The one registry of consent purposes: what each purpose is, its legal basis, the client fields and
features it unlocks, and what withdrawing it stops (PIPL Art. 13-15, 23, 28-31).

Purposes are data, not code scattered around: a form, a service or the notice asks this module which
purpose unlocks a field (``purposes_unlocking``), what a set of granted purposes unlocks
(``fields_unlocked``, ``features_unlocked``) and whether a client needs a guardian
(``requires_guardian``). Field names are the names of ``client_record.ClientDraft``; features are
stable codes (``FEATURE_HQ_SUMMARY`` ...) checked by the services that provide them.

Kinds:
- ``notice_only``: the legal basis is the contract with the client (Art. 13(1)(2)); the client is
  told (the notice) but not asked; always in effect, cannot be withdrawn (ending the contract ends it).
- ``separate``: separate consent (Art. 23, 29): its own tick box and its own signature line.
- ``optional``: consent the client may give or refuse without any effect on the service.

A child under ``GUARDIAN_AGE`` (14) cannot consent: a guardian (name, relation) consents for them
(Art. 31), and all their personal information is sensitive (Art. 28).
Plain Python: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from desktop_app.domain.client_field_registry import CLIENT_FIELDS, HOME_PURCHASE, SENSITIVE_DATA
from desktop_app.domain.labelled_choice import LabelledChoice

GUARDIAN_AGE = 14

FEATURE_HQ_SUMMARY = "hq_summary"
FEATURE_MARKETING_CONTACT = "marketing_contact"
FEATURE_SENSITIVE_DATA = "sensitive_data"


class PurposeId(LabelledChoice):
    HOME_PURCHASE = "home_purchase", "购房居间服务", "Home-purchase brokerage services"
    SENSITIVE_DATA = (
        "sensitive_data",
        "处理敏感个人信息（身份证件号码、收入）",
        "Processing sensitive personal information (ID number, income)",
    )
    HQ_SHARING = "hq_sharing", "向总部提供个人信息", "Providing personal information to headquarters"
    MARKETING_CONTACT = (
        "marketing_contact",
        "电话/短信营销联系",
        "Marketing contact by phone or SMS",
    )


class ConsentKind(LabelledChoice):
    NOTICE_ONLY = "notice_only", "告知（履行合同所必需，无需同意）", "Notice only (needed for the contract)"
    SEPARATE = "separate", "单独同意", "Separate consent"
    OPTIONAL = "optional", "可选同意", "Optional consent"


class GuardianRelation(LabelledChoice):
    FATHER = "father", "父亲", "Father"
    MOTHER = "mother", "母亲", "Mother"
    OTHER_GUARDIAN = "other_guardian", "其他监护人", "Other legal guardian"


@dataclass(frozen=True, repr=False)
class Guardian:
    """Who consents for a client under 14 (Art. 31): the guardian's name and relation."""

    name: str
    relation: GuardianRelation

    def __repr__(self) -> str:  # the name is personal data: never in a traceback or a log
        return f"Guardian({self.relation.value})"


@dataclass(frozen=True)
class Wording:
    """A text in both languages (Chinese first)."""

    zh: str
    en: str

    def text(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en


NO_WORDING = Wording("", "")


@dataclass(frozen=True)
class ConsentPurpose:
    """One purpose of processing and what it allows.

    ``fields``: client fields (ClientDraft names) that may be stored only while it is in effect.
    ``features``: features the client takes part in only while it is in effect.
    ``necessity`` / ``impact``: for sensitive data, why it is necessary and how processing affects the
    person's rights (Art. 30); empty otherwise. ``shares_with_recipient``: the purpose provides data to
    another processor, so the notice must name each recipient (Art. 23).
    """

    id: PurposeId
    kind: ConsentKind
    legal_basis: Wording
    fields: frozenset[str]
    features: frozenset[str]
    withdrawable: bool
    withdrawal_stops: Wording
    necessity: Wording = NO_WORDING
    impact: Wording = NO_WORDING
    shares_with_recipient: bool = False
    guardian_under: int = GUARDIAN_AGE
    """Below this age the client's guardian (name, relation) consents or is told for them (Art. 31)."""

    def needs_guardian(self, age: int) -> bool:
        return age < self.guardian_under

    @property
    def needs_consent(self) -> bool:
        return self.kind is not ConsentKind.NOTICE_ONLY

    @property
    def needs_own_signature(self) -> bool:
        """Separate consent: its own tick box and signature line on the form."""
        return self.kind is ConsentKind.SEPARATE

    @property
    def states_necessity(self) -> bool:
        """Sensitive data: the notice must say why it is necessary and its effect (Art. 30)."""
        return bool(self.necessity.zh)


_HOME_PURCHASE_FIELDS = CLIENT_FIELDS.of_purpose(HOME_PURCHASE)  # domain/client_field_registry.py

SENSITIVE_NECESSITY = Wording(
    "身份证件号码用于在认购、签约及办理网签备案、资金监管、贷款和产权登记时核验您的身份，并履行"
    "《中华人民共和国反洗钱法》及房地产行业反洗钱规定要求的客户身份识别和记录保存义务；收入区间用于"
    "评估您的购房预算和付款方式，协助您办理按揭贷款。没有这些信息，我们无法为您办理认购、签约和贷款手续。",
    "Your ID number is needed to verify your identity for the subscription, the contract, online "
    "contract filing, escrow of funds, the mortgage and the title registration, and to meet the customer "
    "identification and record-keeping duties of the Anti-Money Laundering Law and the anti-money "
    "laundering rules for real-estate firms. Your income band is needed to assess your budget and "
    "payment method and to help you apply for a mortgage. Without them we cannot handle the "
    "subscription, the contract or the mortgage for you.",
)

SENSITIVE_IMPACT = Wording(
    "身份证件号码和收入属于敏感个人信息，一旦泄露或被非法使用，可能导致您的人格尊严受到侵害或人身、"
    "财产安全受到危害，例如身份被冒用、遭受诈骗或财产损失。我们仅在认购阶段起收集，加密保存，界面中"
    "默认遮蔽显示，只有经授权的人员因办理业务需要并留有记录时才能查看完整内容；不用于营销，也不用于"
    "对您作出自动化决策。您不同意的，不影响您接受看房等其他服务。",
    "ID numbers and income are sensitive personal information: if leaked or misused they could harm "
    "your dignity or the safety of your person or property, for example through identity theft, fraud "
    "or financial loss. We collect them only from the subscription stage on, keep them encrypted, show "
    "them masked by default, and only authorised staff can see them in full when the work requires it, "
    "with every such view recorded. They are not used for marketing or for automated decisions about "
    "you. If you do not consent, you can still use our other services such as property viewings.",
)

_REGISTRY: tuple[ConsentPurpose, ...] = (
    ConsentPurpose(
        id=PurposeId.HOME_PURCHASE,
        kind=ConsentKind.NOTICE_ONLY,
        legal_basis=Wording(
            "为订立、履行您作为一方当事人的居间服务合同所必需（《个人信息保护法》第十三条第一款第（二）项）",
            "Necessary to conclude and perform the brokerage contract to which you are a party "
            "(PIPL Art. 13(1)(2))",
        ),
        fields=_HOME_PURCHASE_FIELDS,
        features=frozenset(),
        withdrawable=False,
        withdrawal_stops=Wording(
            "无需同意，因此不适用撤回；您可随时终止服务并要求删除（法律要求保存的除外）。",
            "No consent is asked, so there is nothing to withdraw; you may end the service at any time "
            "and ask for deletion (except where the law requires us to keep the data).",
        ),
    ),
    ConsentPurpose(
        id=PurposeId.SENSITIVE_DATA,
        kind=ConsentKind.SEPARATE,
        legal_basis=Wording(
            "您的单独同意（《个人信息保护法》第二十九条）", "Your separate consent (PIPL Art. 29)"
        ),
        fields=CLIENT_FIELDS.of_purpose(SENSITIVE_DATA),
        features=frozenset({FEATURE_SENSITIVE_DATA}),
        withdrawable=True,
        withdrawal_stops=Wording(
            "撤回后我们不再收集和使用您的身份证件号码和收入信息；已收集的予以删除，法律要求保存的"
            "（如反洗钱规定要求保存的身份资料）仅作存储，停止其他一切处理。",
            "After withdrawal we stop collecting and using your ID number and income; what we hold is "
            "deleted, or, where the law requires us to keep it (e.g. identification records under the "
            "anti-money laundering rules), only stored, with all other processing stopped.",
        ),
        necessity=SENSITIVE_NECESSITY,
        impact=SENSITIVE_IMPACT,
    ),
    ConsentPurpose(
        id=PurposeId.HQ_SHARING,
        kind=ConsentKind.SEPARATE,
        legal_basis=Wording(
            "您的单独同意（《个人信息保护法》第二十三条）", "Your separate consent (PIPL Art. 23)"
        ),
        fields=frozenset(),
        features=frozenset({FEATURE_HQ_SUMMARY}),
        withdrawable=True,
        withdrawal_stops=Wording(
            "撤回后，您的信息不再提供给总部，也不再出现在向总部报送的汇总中。",
            "After withdrawal your data is no longer provided to headquarters and no longer appears in "
            "the summaries sent to headquarters.",
        ),
        shares_with_recipient=True,
    ),
    ConsentPurpose(
        id=PurposeId.MARKETING_CONTACT,
        kind=ConsentKind.OPTIONAL,
        legal_basis=Wording("您的同意（可选）", "Your consent (optional)"),
        fields=frozenset(),
        features=frozenset({FEATURE_MARKETING_CONTACT}),
        withdrawable=True,
        withdrawal_stops=Wording(
            "撤回后，我们不再通过电话或短信向您推荐房源和活动；与您正在办理业务有关的联系不受影响。",
            "After withdrawal we no longer call or text you about properties or events; contact about "
            "business you are already doing with us is not affected.",
        ),
    ),
)

PURPOSES: MappingProxyType[PurposeId, ConsentPurpose] = MappingProxyType({p.id: p for p in _REGISTRY})
"""Every purpose, in the order it appears on the notice and the form."""


def purpose(purpose_id: PurposeId | str) -> ConsentPurpose:
    """The purpose with this id (ValueError for an unknown id: a programming error)."""
    return PURPOSES[PurposeId(purpose_id)]


def all_purposes() -> tuple[ConsentPurpose, ...]:
    return tuple(PURPOSES.values())


def _in_effect(granted: Iterable[PurposeId | str]) -> list[ConsentPurpose]:
    """The granted purposes plus the notice-only ones (always in effect); unknown ids ignored."""
    codes = {str(code) for code in granted}
    return [p for p in _REGISTRY if p.kind is ConsentKind.NOTICE_ONLY or p.id.value in codes]


def purposes_unlocking(field: str) -> tuple[PurposeId, ...]:
    """The purposes that unlock the client field ``field`` (empty: no purpose does)."""
    return tuple(p.id for p in _REGISTRY if field in p.fields)


def fields_unlocked(granted: Iterable[PurposeId | str]) -> frozenset[str]:
    """The client fields that may be stored given the consents ``granted`` (notice-only purposes
    always count)."""
    return frozenset().union(*(p.fields for p in _in_effect(granted)))


def features_unlocked(granted: Iterable[PurposeId | str]) -> frozenset[str]:
    """The features the client takes part in given the consents ``granted``."""
    return frozenset().union(*(p.features for p in _in_effect(granted)))


def requires_guardian(age: int) -> bool:
    """Whether a person of ``age`` full years needs a guardian to consent (under 14, Art. 31) for
    any purpose of the registry."""
    return any(p.needs_guardian(age) for p in _REGISTRY)


def consent_purposes() -> tuple[ConsentPurpose, ...]:
    """The purposes the client is asked about (one tick box each), in form order."""
    return tuple(p for p in _REGISTRY if p.needs_consent)
