"""A CSV's text encoding (issue 11, "Old formats"): UTF-8, UTF-16 with BOM and GBK/GB18030 are read;
Big5 and Shift-JIS are refused as "encoding not recognised" instead of being decoded as GB18030
into wrong but valid characters. Realistic client sheets, short ones included (where statistical
detectors are weakest)."""

from __future__ import annotations

import codecs

import pytest

from desktop_app.store.spreadsheet_reader import SpreadsheetError, decode_text
from tests.support.hostile_sheets import client_list_csv_text

SIMPLIFIED = {
    "one name": "张伟",
    "header and one row": "姓名,手机\r\n王芳,13812345678\r\n",
    "district-level address": "姓名,手机,地址\r\n刘洋,13900001111,北京市朝阳区\r\n",
    "full row with notes": "客户姓名,联系电话,地址,备注\r\n李娜,13912345678,江苏省南京市玄武区中山路100号,老客户转介绍，想换三房\r\n",
    "rare name characters": "姓名,手机\r\n王堃,13800000001\r\n李喆,13800000002\r\n赵赟,13800000003\r\n张珺,13800000004\r\n",
    "a compound surname": "欧阳娜娜",
    "a title row": "某某房产南京玄武门店客户名单（2016年）\r\n姓名,电话\r\n陈刚,025-84561234\r\n",
    "only one rare name": "姓名\r\n朱镕基\r\n",
    "a long list": client_list_csv_text(500),
}

TRADITIONAL = {
    "one name": "陳大文",
    "header and one row": "姓名,電話\r\n林志明,0912345678\r\n",
    "address": "姓名,電話,地址\r\n王小明,0912345678,台北市大安區復興南路一段100號\r\n",
    "long list": "姓名,電話,地址,備註\r\n"
    + "黃美玲,0912345678,新北市板橋區文化路一段,想買三房兩廳\r\n" * 200,
    "hong kong": "姓名,電話,地址\r\n陳嘉欣,91234567,香港九龍旺角彌敦道\r\n",
}

JAPANESE = {
    "one name": "山田",
    "header and one row": "氏名,電話\r\n山田太郎,09012345678\r\n",
    "address": "氏名,電話,住所\r\n佐藤花子,09012345678,東京都新宿区西新宿２丁目\r\n",
    "kana": "名前\r\nやまだ たろう\r\nヤマダ\r\n",
    "long list": "氏名,電話,住所,備考\r\n"
    + "鈴木一郎,08011112222,大阪府大阪市北区梅田,三LDKを希望\r\n" * 200,
}


@pytest.mark.parametrize("case", list(SIMPLIFIED))
@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_simplified_chinese_in_gbk_is_read(case: str, codec: str) -> None:
    text = SIMPLIFIED[case]
    assert decode_text(text.encode(codec)) == (text, "gb18030")


@pytest.mark.parametrize("case", list(SIMPLIFIED))
def test_utf8_with_and_without_bom_and_utf16_are_read(case: str) -> None:
    text = SIMPLIFIED[case]
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    assert decode_text(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode_text(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == (text, "utf-16")
    assert decode_text(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == (text, "utf-16")


def test_gb18030_four_byte_characters_are_read() -> None:
    text = "姓名,手机\r\n李䶮,13812345678\r\n"  # 䶮: CJK extension A, four bytes in GB18030
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


def _refused(data: bytes) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as caught:
        decode_text(data)
    return caught.value


@pytest.mark.parametrize("case", list(TRADITIONAL))
@pytest.mark.parametrize("codec", ["big5", "big5hkscs"])
def test_big5_is_refused_not_read_as_gbk(case: str, codec: str) -> None:
    data = TRADITIONAL[case].encode(codec)
    data.decode("gb18030")  # it would "work": that is the danger
    error = _refused(data)
    assert error.code == "spreadsheet_encoding"
    assert "Big5" in error.zh and "not recognised" in error.en


@pytest.mark.parametrize("case", list(JAPANESE))
def test_shift_jis_is_refused_not_read_as_gbk(case: str) -> None:
    error = _refused(JAPANESE[case].encode("shift_jis"))
    assert error.code == "spreadsheet_encoding" and "Shift-JIS" in error.en


def test_nul_bytes_are_named() -> None:
    error = _refused("姓名,手机\r\n张伟,138\x0012345678\r\n".encode("gbk"))
    assert "NUL" in error.zh and "NUL" in error.en


def test_a_long_file_is_judged_on_a_sample_and_decoded_whole() -> None:
    text = client_list_csv_text(20_000)
    data = text.encode("gbk")
    assert len(data) > 1024 * 1024
    assert decode_text(data) == (text, "gb18030")
    big5 = ("姓名,電話\r\n" + "陳大文,0912345678\r\n" * 100_000).encode("big5")
    assert _refused(big5).code == "spreadsheet_encoding"
