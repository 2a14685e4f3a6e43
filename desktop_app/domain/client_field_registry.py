"""The client-field registry: ONE table, one row per field a client record holds, from which every
other list of client fields is derived (validation, storage columns, the intake form and detail
page rows, import targets and header aliases, correctable fields, the data copy's labels, the
consent purposes' field sets, the data categories a deletion lists).

Rule: a field is described here once — its canonical name (the ``ClientDraft`` attribute name,
used everywhere, the UI's keys included), its label (zh/en), its kind, how it is masked, whether
it may be revealed or corrected, the spreadsheet headers that name it, the consent purpose it is
processed under, its data category, its length limit and what headquarters will receive. Reason:
the list was written out a dozen times with three spellings and four copies of each label, and a
new field touched about 13 product files.

Design (one path per kind of field, mypy kept useful):

* Fields with cross-field rules stay typed attributes of ``ClientDraft``/``ClientValues``
  (domain/client_record.py): name and phone (required; the stage decides whether a surname is
  enough), stage (gates the sensitive fields), ID type/number and income band (consent and stage
  gate, guardian rule), the address parts (validated together), email, districts wanted and notes
  (free text that refuses ID and card numbers), the sensitive-data consent. Their rows have
  ``typed=True``; code that handles them names them and mypy checks it.
* Every simple optional choice field (``kind`` CHOICE, ``typed=False``: a ``LabelledChoice``, blank
  meaning not given, no rule involving another field) travels in ONE typed mapping keyed by its
  registry name: ``ClientDraft.choices`` (text as typed) and ``ClientValues.choices`` (codes of the
  fields given). Validation, storage (one column per field, named like it), the form's combo
  boxes, the detail page, import, the data copy and the correction flow iterate
  ``CLIENT_FIELDS.choice_fields()``. Adding such a field is one row here, one migration adding its
  column, and its labels (the row's ``FieldLabel``; the ``LabelledChoice`` labels).
* ``CLIENT_FIELDS`` is read at call time, never copied into module constants, so a test may give
  it an extra row (``with_row``) and see the new field everywhere.
* ``columns`` are the stored columns of a field (``ClientValues`` attribute names), each with the
  label the data copy and change history show: the name is stored as ``full_name``, the phone as
  ``phone_e164`` and ``phone_kind``.

Legal basis: the consent purpose of each field is the one the privacy notice names (PIPL art. 14,
17); sensitive fields are processed only under the separate consent (art. 28–29); what goes to
headquarters is recorded as the intent for the HQ export (art. 23: provision to another handler
needs its own consent; aggregates carry no personal data).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.client_choices import (
    INCOME_BAND_FIELD,
    STAGE_FIELD,
    AreaRange,
    BudgetBand,
    IncomeBand,
    IntentionLevel,
    PaymentMethod,
    PropertyType,
    PurchasePurpose,
    PurchaseTimeline,
    SourceChannel,
    Stage,
)
from desktop_app.domain.client_fields import (
    ADDRESS_DETAIL_FIELD,
    CITY_FIELD,
    DISTRICT_FIELD,
    EMAIL_FIELD,
    INTENDED_DISTRICTS_FIELD,
    INTENDED_DISTRICTS_MAX,
    NAME_FIELD,
    NOTES_FIELD,
    NOTES_MAX,
    PROVINCE_FIELD,
)
from desktop_app.domain.field_errors import FieldLabel
from desktop_app.domain.identity_documents import ID_NUMBER_FIELD, ID_TYPE_FIELD, IdType
from desktop_app.domain.labelled_choice import LabelledChoice
from desktop_app.domain.phone_numbers import PHONE_FIELD, PhoneKind


class FieldKind(StrEnum):
    TEXT = "text"  # free text about the client's wishes (no personal identifier)
    CHOICE = "choice"  # one of a LabelledChoice's codes
    PERSONAL = "personal"  # identifies or reaches the client: masked, revealed only with a reason
    SENSITIVE = "sensitive"  # sensitive personal information: separate consent and buyer stage
    FLAG = "flag"  # a yes/no recorded about the client (the sensitive-data consent)


class MaskKind(StrEnum):
    """How a view masks the field (domain/masking.py does it); NONE: shown as stored."""

    NONE = "none"
    NAME = "name"
    PHONE = "phone"  # by the stored phone kind
    ID_NUMBER = "id_number"  # by the stored ID type
    EMAIL = "email"
    ADDRESS = "address"  # the address parts together
    INCOME_BAND = "income_band"


class HqShare(StrEnum):
    """What headquarters is meant to receive of the field (the HQ export comes later)."""

    NONE = "none"
    AGGREGATE = "aggregate"  # counts per value, no client named
    MASKED_ROW = "masked_row"  # in a per-client row, masked; only with the client's HQ consent
    PSEUDONYM = "pseudonym"  # never the value: only the keyed pseudonym of a per-client row is made from it


class DataCategory(StrEnum):
    """The data categories a destruction record lists (services/client_deletion.py): those of the
    fields, then three that are not fields."""

    IDENTITY = "identity"
    CONTACT = "contact"
    ADDRESS = "address"
    INCOME = "income"
    INTENTION = "intention"
    NOTES = "notes"
    FOLLOWUPS = "follow-ups"  # the client's follow-up records
    SEARCH_INDEX = "search index"  # the client's row of the search index
    EDUCATION = "privacy education"  # the client's participation in privacy education (issue 14)


HOME_PURCHASE = "home_purchase"  # PurposeId values (domain/consent_purposes.py derives from these)
SENSITIVE_DATA = "sensitive_data"


@dataclass(frozen=True)
class Column:
    """A stored column (a ``ClientValues`` attribute, or a choice field's name) and its label."""

    label: FieldLabel
    choice: type[LabelledChoice] | None = None

    @property
    def name(self) -> str:
        return self.label.key


@dataclass(frozen=True)
class ClientField:
    label: FieldLabel  # label.key is the canonical name (the ClientDraft attribute / choices key)
    kind: FieldKind
    choice: type[LabelledChoice] | None = None
    typed: bool = True  # False: a simple optional choice carried in the ``choices`` mapping
    mask: MaskKind = MaskKind.NONE
    revealable: bool = False
    correctable: bool = True
    headers: tuple[str, ...] = ()  # spreadsheet headers naming it (normalised on use)
    import_label: FieldLabel | None = None  # how the import wizard names the target, if not ``label``
    purpose: str | None = HOME_PURCHASE
    category: DataCategory | None = None
    max_length: int | None = None
    hq: HqShare = HqShare.NONE
    columns: tuple[Column, ...] = ()  # default: one column named and labelled like the field
    mnemonic: str = ""  # the form's keyboard shortcut letter, one of the English label's

    @property
    def name(self) -> str:
        return self.label.key

    @property
    def stored(self) -> tuple[Column, ...]:
        return self.columns or (Column(self.label, self.choice),)


def choice_field(
    label: FieldLabel,
    choice: type[LabelledChoice],
    headers: tuple[str, ...],
    *,
    category: DataCategory | None = DataCategory.INTENTION,
    hq: HqShare = HqShare.AGGREGATE,
    mnemonic: str = "",
) -> ClientField:
    """A simple optional choice field (the one kind a new field usually is)."""
    return ClientField(
        label,
        FieldKind.CHOICE,
        choice,
        typed=False,
        headers=headers,
        category=category,
        hq=hq,
        mnemonic=mnemonic,
    )


@dataclass
class ClientFieldRegistry:
    """The table. One instance, ``CLIENT_FIELDS``; a test replaces its ``rows`` (``with_row``)."""

    rows: tuple[ClientField, ...]

    def __iter__(self) -> Iterator[ClientField]:
        return iter(self.rows)

    def get(self, name: str) -> ClientField | None:
        return next((row for row in self.rows if row.name == name), None)

    def names(self) -> tuple[str, ...]:
        """Every field's canonical name, in form order."""
        return tuple(row.name for row in self.rows)

    def choice_fields(self) -> tuple[ClientField, ...]:
        """The simple optional choice fields (``ClientDraft.choices`` / ``ClientValues.choices``)."""
        return tuple(row for row in self.rows if not row.typed)

    def choice_names(self) -> frozenset[str]:
        return frozenset(row.name for row in self.rows if not row.typed)

    def columns(self) -> tuple[Column, ...]:
        """Every stored column, in storage order (the ``clients`` table's value columns)."""
        return tuple(column for row in self.rows for column in row.stored)

    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns())

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns() if column.name == name), None)

    def correctable(self) -> tuple[ClientField, ...]:
        return tuple(row for row in self.rows if row.correctable)

    def importable(self) -> tuple[ClientField, ...]:
        return tuple(row for row in self.rows if row.headers)

    def of_purpose(self, purpose: str) -> frozenset[str]:
        return frozenset(row.name for row in self.rows if row.purpose == purpose)

    def in_category(self, category: DataCategory) -> tuple[ClientField, ...]:
        return tuple(row for row in self.rows if row.category is category)

    def with_row(self, row: ClientField, *, after: str) -> tuple[ClientField, ...]:
        """The rows with ``row`` placed after the field ``after`` (a test adds a field so)."""
        index = self.names().index(after) + 1
        return (*self.rows[:index], row, *self.rows[index:])


_CONSENT_LABEL = FieldLabel(
    "sensitive_consent", "敏感个人信息单独同意", "Separate consent for sensitive data"
)

CLIENT_FIELDS = ClientFieldRegistry(
    (
        ClientField(
            NAME_FIELD,
            FieldKind.PERSONAL,
            mask=MaskKind.NAME,
            revealable=True,
            headers=("姓名", "客户姓名", "客户名称", "客户名", "客户", "名字", "name", "fullname",
                     "clientname", "customername", "customer", "client"),
            category=DataCategory.IDENTITY,
            max_length=40,
            hq=HqShare.MASKED_ROW,
            columns=(Column(FieldLabel("full_name", "姓名", "Name")),),
        ),
        ClientField(
            PHONE_FIELD,
            FieldKind.PERSONAL,
            mask=MaskKind.PHONE,
            revealable=True,
            headers=("手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "联系方式", "联系手机",
                     "移动电话", "客户电话", "客户手机", "phone", "mobile", "tel", "telephone", "phoneno",
                     "phonenumber", "mobilephone", "cellphone", "contact"),
            category=DataCategory.CONTACT,
            max_length=32,
            hq=HqShare.PSEUDONYM,
            columns=(
                Column(FieldLabel("phone_e164", "电话号码", "Phone number")),
                Column(FieldLabel("phone_kind", "电话类型", "Phone type"), PhoneKind),
            ),
        ),
        ClientField(
            STAGE_FIELD,
            FieldKind.CHOICE,
            Stage,
            correctable=False,  # a stage change is an edit of the sale, not a correction
            headers=("阶段", "客户阶段", "客户状态", "跟进阶段", "stage", "status"),
            hq=HqShare.MASKED_ROW,
        ),
        ClientField(
            ID_TYPE_FIELD,
            FieldKind.CHOICE,  # not sensitive itself; kept only with the ID number
            IdType,
            headers=("证件类型", "证件种类", "idtype", "documenttype"),
            purpose=SENSITIVE_DATA,
            category=DataCategory.IDENTITY,
        ),
        ClientField(
            ID_NUMBER_FIELD,
            FieldKind.SENSITIVE,
            mask=MaskKind.ID_NUMBER,
            revealable=True,
            headers=("身份证", "身份证号", "身份证号码", "证件号", "证件号码", "id", "idno", "idnumber",
                     "idcard", "idcardno"),
            purpose=SENSITIVE_DATA,
            category=DataCategory.IDENTITY,
            max_length=40,
            hq=HqShare.PSEUDONYM,
        ),
        ClientField(
            EMAIL_FIELD,
            FieldKind.PERSONAL,
            mask=MaskKind.EMAIL,
            revealable=True,
            headers=("邮箱", "电子邮箱", "电子邮件", "邮件", "email", "mail", "emailaddress"),
            category=DataCategory.CONTACT,
            max_length=254,
        ),
        ClientField(
            PROVINCE_FIELD,
            FieldKind.PERSONAL,
            mask=MaskKind.ADDRESS,
            revealable=True,
            headers=("省", "省份", "所在省", "province"),
            category=DataCategory.ADDRESS,
            hq=HqShare.AGGREGATE,
        ),
        ClientField(
            CITY_FIELD,
            FieldKind.PERSONAL,
            mask=MaskKind.ADDRESS,
            revealable=True,
            headers=("市", "城市", "所在城市", "city"),
            category=DataCategory.ADDRESS,
            max_length=40,
            hq=HqShare.AGGREGATE,
        ),
        ClientField(
            DISTRICT_FIELD,
            FieldKind.PERSONAL,
            mask=MaskKind.ADDRESS,
            revealable=True,
            headers=("区", "区县", "县区", "所在区", "district", "county"),
            category=DataCategory.ADDRESS,
            max_length=40,
            hq=HqShare.MASKED_ROW,
        ),
        ClientField(
            ADDRESS_DETAIL_FIELD,
            FieldKind.PERSONAL,
            mask=MaskKind.ADDRESS,
            revealable=True,
            headers=("详细地址", "街道地址", "门牌", "addressdetail", "street", "streetaddress"),
            category=DataCategory.ADDRESS,
            max_length=120,
        ),
        ClientField(
            INCOME_BAND_FIELD,
            FieldKind.SENSITIVE,
            IncomeBand,
            mask=MaskKind.INCOME_BAND,
            headers=("收入", "年收入", "家庭收入", "家庭年收入", "收入水平", "收入区间", "income",
                     "incomeband", "annualincome", "householdincome"),
            purpose=SENSITIVE_DATA,
            category=DataCategory.INCOME,
        ),
        choice_field(
            FieldLabel("intention_level", "意向等级", "Intention level"),
            IntentionLevel,
            ("意向", "意向等级", "意向级别", "客户等级", "客户级别", "intention", "intentionlevel", "level"),
            mnemonic="l",
            hq=HqShare.MASKED_ROW,
        ),
        choice_field(
            FieldLabel("property_type", "意向物业类型", "Property type wanted"),
            PropertyType,
            ("物业类型", "意向物业", "意向物业类型", "意向房型", "propertytype"),
            mnemonic="y",
            hq=HqShare.MASKED_ROW,
        ),
        ClientField(
            INTENDED_DISTRICTS_FIELD,
            FieldKind.TEXT,
            headers=("意向区域", "意向片区", "意向板块", "intendeddistricts", "districtswanted"),
            category=DataCategory.INTENTION,
            max_length=INTENDED_DISTRICTS_MAX,
            hq=HqShare.AGGREGATE,
        ),
        choice_field(
            FieldLabel("area_range", "意向面积", "Floor area wanted"),
            AreaRange,
            ("面积", "意向面积", "需求面积", "area", "arearange"),
            mnemonic="f",
        ),
        choice_field(
            FieldLabel("budget_band", "总价预算", "Total budget"),
            BudgetBand,
            ("预算", "总价预算", "购房预算", "budget", "budgetband"),
            mnemonic="b",
            hq=HqShare.MASKED_ROW,
        ),
        choice_field(
            FieldLabel("payment_method", "付款方式", "Payment method"),
            PaymentMethod,
            ("付款方式", "付款", "支付方式", "paymentmethod", "payment"),
            mnemonic="m",
        ),
        choice_field(
            FieldLabel("purchase_purpose", "购房目的", "Purpose of purchase"),
            PurchasePurpose,
            ("购房目的", "置业目的", "目的", "purpose", "purchasepurpose"),
            mnemonic="u",
        ),
        choice_field(
            FieldLabel("purchase_timeline", "购房时间", "When they plan to buy"),
            PurchaseTimeline,
            ("购房时间", "计划购房时间", "预计购房时间", "timeline", "purchasetimeline"),
        ),
        choice_field(
            FieldLabel("source_channel", "客户来源", "Source channel"),
            SourceChannel,
            ("来源", "渠道", "客户来源", "来源渠道", "获客渠道", "source", "channel", "sourcechannel"),
            category=None,
            mnemonic="h",
        ),
        ClientField(
            NOTES_FIELD,
            FieldKind.TEXT,
            headers=("备注", "说明", "跟进备注", "notes", "note", "remark", "remarks", "comment", "comments"),
            category=DataCategory.NOTES,
            max_length=NOTES_MAX,
        ),
        ClientField(
            _CONSENT_LABEL,
            FieldKind.FLAG,
            correctable=False,  # recorded from the signed form only
            headers=("同意", "敏感信息同意", "敏感个人信息同意", "单独同意", "敏感信息授权", "已签同意书",
                     "同意书", "consent", "sensitiveconsent", "sensitivedataconsent"),
            import_label=FieldLabel("sensitive_consent", "敏感个人信息单独同意", "Sensitive-data consent"),
            purpose=None,
        ),
    )
)  # fmt: skip
"""The registry. Derive from it at call time, never into module constants: a test may add a row."""
