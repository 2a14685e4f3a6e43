"""The fixed choices of the incident register: kinds of incident, categories of personal information
affected, and the channels a client was notified through — one registry each, stored as codes.

Rule: an incident row carries codes only; forms, the CLI, the letter and the timeline take their
labels from here (STYLE: one registry per concept). The categories are those a branch holds about
a home buyer (the client record's fields); the letter lists the affected ones, as PIPL Art. 57
para. 1 (1) requires ("发生或者可能发生泄露、篡改、丢失的个人信息种类"). A client notified by a
letter handed over, posted, by phone, SMS or in person is logged with the channel (Art. 57: the
notice may be given by any means; the log is the evidence that it was given).
"""

from __future__ import annotations

from desktop_app.domain.field_errors import FieldLabel
from desktop_app.domain.labelled_choice import LabelledChoice


class IncidentKind(LabelledChoice):
    LOST_DEVICE = "lost_device", "手机或电脑丢失", "Lost phone or computer"
    MISDIRECTED_MESSAGE = "misdirected_message", "信息误发", "Misdirected message"
    FORMS_LOST = "forms_lost", "纸质资料丢失或被盗", "Paper forms lost or stolen"
    UNAUTHORISED_ACCESS = "unauthorised_access", "疑似未经授权访问", "Suspected unauthorised access"
    APP_ALERT = "app_alert", "系统告警", "Alert from the app"
    OTHER = "other", "其他", "Other"


class InfoCategory(LabelledChoice):
    NAME = "name", "姓名", "Name"
    ID_NUMBER = "id_number", "身份证号码", "ID number"
    PHONE = "phone", "手机号码", "Phone number"
    ADDRESS = "address", "住址", "Address"
    FINANCIAL = "financial", "收入/财务", "Income and finances"
    PURCHASE_INTENT = "purchase_intent", "购房意向", "Purchase intentions"
    OTHER = "other", "其他", "Other"


class NotificationChannel(LabelledChoice):
    LETTER_PRINTED = "letter_printed", "打印告知书", "Letter printed"
    LETTER_SAVED = "letter_saved", "保存告知书 PDF", "Letter saved as PDF"
    PHONE = "phone", "电话", "Phone call"
    SMS = "sms", "短信", "SMS"
    IN_PERSON = "in_person", "当面告知", "In person"
    POST = "post", "邮寄", "Post"


KIND_FIELD = FieldLabel("kind", "事件类型", "Incident kind")
CATEGORY_FIELD = FieldLabel("categories", "涉及的个人信息", "Personal information affected")
CHANNEL_FIELD = FieldLabel("channel", "告知方式", "Notification channel")

NO_PERSONAL_DATA_HINT_ZH = "请勿填写客户姓名、证件号码等个人信息"
NO_PERSONAL_DATA_HINT_EN = "Do not enter client names, ID numbers or other personal details here"


def category_labels(codes: tuple[str, ...], language: str = "zh_CN") -> tuple[str, ...]:
    """The labels of stored category codes, in the registry's order (an unknown code as itself)."""
    known = {c.value: c for c in InfoCategory}
    ordered = [c for c in InfoCategory if c.value in codes] + [
        known.get(x, x) for x in codes if x not in known
    ]
    return tuple(c.label(language) if isinstance(c, InfoCategory) else str(c) for c in ordered)
