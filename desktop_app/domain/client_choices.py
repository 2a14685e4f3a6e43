"""Fixed choices recorded about a client: stage, income band, purchase intention, source channel.

Each is a LabelledChoice: a stable code is stored, Chinese and English labels are shown, and
``parse(text, field)`` reads a code, label or alias. The fields' own labels are in the client-field
registry (domain/client_field_registry.py). Income is only ever a band: there is
deliberately no way to record or derive an exact figure (data minimisation, PIPL art. 6).
"""

from __future__ import annotations

from desktop_app.domain.field_errors import FieldLabel
from desktop_app.domain.labelled_choice import LabelledChoice

INCOME_BAND_FIELD = FieldLabel("income_band", "家庭年收入", "Annual household income")
STAGE_FIELD = FieldLabel("stage", "客户阶段", "Stage")


class Stage(LabelledChoice):
    LEAD = "lead", "线索（首次到访）", "Lead (first visit)"
    VISITING = "visiting", "带看中", "Viewing properties"
    SUBSCRIPTION = "subscription", "认购", "Subscription"
    CONTRACT = "contract", "签约", "Contract"
    CLOSED = "closed", "已结束", "Closed"


class IncomeBand(LabelledChoice):
    """Annual household income, 万元 (10,000 yuan) a year; lower bound included, upper excluded."""

    UNDER_10 = "under_10", "10万元/年以下", "Under ¥100k a year"
    FROM_10_TO_20 = "10_20", "10–20万元/年", "¥100k–200k a year"
    FROM_20_TO_30 = "20_30", "20–30万元/年", "¥200k–300k a year"
    FROM_30_TO_50 = "30_50", "30–50万元/年", "¥300k–500k a year"
    FROM_50_TO_100 = "50_100", "50–100万元/年", "¥500k–1m a year"
    OVER_100 = "over_100", "100万元/年以上", "¥1m a year or more"


class PropertyType(LabelledChoice):
    RESIDENTIAL = "residential", "住宅", "Residential"
    APARTMENT = "apartment", "公寓", "Apartment (serviced / commercial)"
    SHOP = "shop", "商铺", "Shop"
    OFFICE = "office", "写字楼", "Office"
    PARKING = "parking", "车位", "Parking space"


class PaymentMethod(LabelledChoice):
    FULL = "full", "全款", "Full payment", "一次性付款"
    MORTGAGE = "mortgage", "按揭", "Mortgage", "贷款"


class PurchasePurpose(LabelledChoice):
    OWN_USE = "own_use", "自住", "To live in"
    INVESTMENT = "investment", "投资", "Investment"


class PurchaseTimeline(LabelledChoice):
    WITHIN_1_MONTH = "within_1_month", "1个月内", "Within 1 month"
    WITHIN_3_MONTHS = "1_3_months", "1–3个月", "1–3 months"
    WITHIN_6_MONTHS = "3_6_months", "3–6个月", "3–6 months"
    WITHIN_1_YEAR = "6_12_months", "6–12个月", "6–12 months"
    LATER = "later", "1年以上或未定", "Over a year or undecided"


class IntentionLevel(LabelledChoice):
    A = "A", "A（高意向）", "A (strong)"
    B = "B", "B（中意向）", "B (moderate)"
    C = "C", "C（低意向）", "C (weak)"


class AreaRange(LabelledChoice):
    """Floor area in m²; 90 and 144 m² are the thresholds used by housing tax and loan rules."""

    UNDER_60 = "under_60", "60㎡以下", "Under 60 m²"
    FROM_60_TO_90 = "60_90", "60–90㎡", "60–90 m²"
    FROM_90_TO_120 = "90_120", "90–120㎡", "90–120 m²"
    FROM_120_TO_144 = "120_144", "120–144㎡", "120–144 m²"
    FROM_144_TO_180 = "144_180", "144–180㎡", "144–180 m²"
    OVER_180 = "over_180", "180㎡以上", "180 m² or more"


class BudgetBand(LabelledChoice):
    """Total purchase budget, 万元 (10,000 yuan)."""

    UNDER_100 = "under_100", "100万元以下", "Under ¥1m"
    FROM_100_TO_200 = "100_200", "100–200万元", "¥1m–2m"
    FROM_200_TO_300 = "200_300", "200–300万元", "¥2m–3m"
    FROM_300_TO_500 = "300_500", "300–500万元", "¥3m–5m"
    FROM_500_TO_1000 = "500_1000", "500–1000万元", "¥5m–10m"
    OVER_1000 = "over_1000", "1000万元以上", "¥10m or more"


class SourceChannel(LabelledChoice):
    WALK_IN = "walk_in", "到访", "Walk-in visit"
    PHONE_CALL = "phone_call", "来电", "Phone call"
    ONLINE = "online", "网络", "Online"
    REFERRAL = "referral", "转介绍", "Referral"
    AGENCY = "agency", "渠道", "Agency channel"
