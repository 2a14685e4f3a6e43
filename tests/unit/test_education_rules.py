"""The privacy-education rules: channels, who is active in a year and who took part, the campaign
checks, and reading an attendee list (header below title rows, phone first, then name)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.attendee_list import (
    Lookup,
    NoAttendeeColumns,
    RowOutcome,
    attendee_rows,
    find_attendee_columns,
    row_report,
)
from desktop_app.domain.education import (
    CHANNEL_FIELD,
    Channel,
    ParticipationKind,
    active_in_year,
    participation_kind_for,
    took_part_in_year,
    validate_campaign,
    year_window_utc,
)
from desktop_app.domain.field_errors import InvalidField

TODAY = date(2026, 12, 6)


def test_channels_parse_by_code_and_label() -> None:
    assert Channel.parse("门店讲座", CHANNEL_FIELD) is Channel.STORE_TALK
    assert Channel.parse("短信", CHANNEL_FIELD) is Channel.SMS_WECHAT
    assert Channel.parse("livestream", CHANNEL_FIELD) is Channel.LIVESTREAM
    with pytest.raises(InvalidField):
        Channel.parse("飞鸽传书", CHANNEL_FIELD)


def test_the_kind_of_an_attendee_follows_the_channel() -> None:
    assert participation_kind_for(Channel.SMS_WECHAT) is ParticipationKind.MESSAGE
    assert participation_kind_for(Channel.WECHAT_ARTICLE) is ParticipationKind.MESSAGE
    assert participation_kind_for(Channel.STORE_MATERIAL) is ParticipationKind.LEAFLET
    assert participation_kind_for(Channel.STORE_TALK) is ParticipationKind.ATTENDED


def test_a_client_created_last_year_and_followed_up_this_year_is_active() -> None:
    assert active_in_year(date(2025, 3, 1), [date(2026, 5, 2)], 2026)
    assert active_in_year(date(2026, 1, 1), [], 2026)
    assert not active_in_year(date(2025, 3, 1), [date(2025, 12, 31)], 2026)


def test_participation_last_year_does_not_count() -> None:
    assert not took_part_in_year([date(2025, 12, 31)], 2026)
    assert took_part_in_year([date(2025, 12, 31), date(2026, 1, 1)], 2026)


def test_the_year_is_the_beijing_calendar_year_in_utc() -> None:
    assert year_window_utc(2026) == ("2025-12-31T16:00:00.000000Z", "2026-12-31T16:00:00.000000Z")


def test_a_campaign_needs_a_topic_a_past_day_and_no_id_number() -> None:
    draft = validate_campaign(TODAY, "wechat_article", "  防范  冒充开发商退定金诈骗 ", "", today=TODAY)
    assert draft.topic == "防范 冒充开发商退定金诈骗" and draft.channel is Channel.WECHAT_ARTICLE
    with pytest.raises(InvalidField, match="Topic"):
        validate_campaign(TODAY, "other", "  ", "", today=TODAY)
    with pytest.raises(InvalidField, match="after today"):
        validate_campaign(date(2026, 12, 7), "other", "讲座", "", today=TODAY)
    with pytest.raises(InvalidField, match="resident ID"):
        validate_campaign(TODAY, "other", "讲座", "参会人 110101199003074514", today=TODAY)


def test_an_attendee_list_is_read_below_its_title_rows() -> None:
    rows = [
        ("12月门店讲座签到表", None, None),
        (None, None, None),
        ("序号", "客户姓名", "联系电话"),
        (1, "王小明", "138 1234 5678"),
        (2, "李 雷", None),
        (3, None, "12345"),
        (None, None, None),
        (4, None, None),
    ]
    columns = find_attendee_columns(rows)
    assert (columns.header_index, columns.name, columns.phone) == (2, 1, 2)
    found = attendee_rows(rows, columns)
    assert [(r.row, r.lookup) for r in found] == [
        (4, Lookup.PHONE),
        (5, Lookup.NAME),
        (6, Lookup.NONE),
        (8, Lookup.NONE),
    ]
    assert found[0].value == "+8613812345678" and found[1].value == "李雷"
    assert "13812345678" not in repr(found[0])


def test_a_list_without_phone_or_name_columns_is_refused() -> None:
    with pytest.raises(NoAttendeeColumns):
        find_attendee_columns([("序号", "备注"), (1, "x")])


def test_the_row_report_never_guesses() -> None:
    rows = attendee_rows([("手机",), ("13812345678",)], find_attendee_columns([("手机",)]))
    assert row_report(rows[0], [], newly_recorded=False).outcome is RowOutcome.NOT_FOUND
    assert row_report(rows[0], [3, 4], newly_recorded=False).outcome is RowOutcome.AMBIGUOUS
    matched = row_report(rows[0], [3], newly_recorded=True)
    assert (matched.outcome, matched.client_id) == (RowOutcome.MATCHED, 3)
    assert row_report(rows[0], [3], newly_recorded=False).outcome is RowOutcome.ALREADY
