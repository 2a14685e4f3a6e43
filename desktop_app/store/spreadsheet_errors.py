"""Why a spreadsheet cannot be read, in Chinese and English: every refusal of the spreadsheet
readers (damaged, foreign, encrypted, too large, hostile) is a SpreadsheetError with a stable code,
so the CLI exits 1 with the message and the GUI shows it, never a traceback.
"""

from __future__ import annotations

from desktop_app.domain.errors import BranchVaultError


class SpreadsheetError(BranchVaultError):
    code = "spreadsheet_unreadable"


def too_big(limit_zh: str, limit_en: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"文件过大（{limit_zh}），请拆分成多个文件分别导入。",
        f"The file is too large ({limit_en}); split it into several files and import them one by one.",
        code="spreadsheet_too_large",
    )


def hostile(detail_zh: str, detail_en: str) -> SpreadsheetError:
    """A file whose structure is far outside anything a client list needs (declared sizes,
    counts, compression ratio, row width): refused before it can use memory or time."""
    return SpreadsheetError(
        f"该文件的结构异常（{detail_zh}），不像客户名单，已拒绝读取。请在 Excel 中打开并另存为 .xlsx 后再导入。",
        f"The file's structure is abnormal ({detail_en}) and does not look like a client list, so it "
        "was not read. Open it in Excel, save it as .xlsx and import that.",
        code="spreadsheet_abnormal",
    )


def damaged_workbook() -> SpreadsheetError:
    return SpreadsheetError(
        "无法打开该 Excel 文件（文件损坏或不是 Excel 格式），请在 Excel 中打开并另存为 .xlsx 后再导入。",
        "The Excel file cannot be opened (damaged or not an Excel file); open it in Excel, save it as "
        ".xlsx and import that.",
        code="spreadsheet_unreadable",
    )


def password_protected() -> SpreadsheetError:
    return SpreadsheetError(
        "该工作簿受密码保护（已加密），无法读取。请在 Excel 中打开，取消密码后另存为 .xlsx 再导入。",
        "The workbook is password-protected (encrypted) and cannot be read. Open it in Excel, remove "
        "the password, save it as .xlsx and import that.",
        code="spreadsheet_encrypted",
    )


def save_as_xlsx(kind_zh: str, kind_en: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"不支持{kind_zh}，请在 WPS 或 Excel 中另存为 .xlsx 后再导入。",
        f"{kind_en} cannot be imported; save it as .xlsx in WPS or Excel and import that.",
        code="spreadsheet_type",
    )
