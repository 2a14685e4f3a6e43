"""Importing a branch's legacy client list (.xlsx or .csv), for the import wizard and the CLI.

``preview_import`` reads the file and proposes a column mapping (built-in headers, then the headers
mapped before: the branch's, saved by a manager, then the importer's own over them); ``import_clients`` validates every row like intake and writes the accepted
ones in ONE transaction with their audit entries: all or nothing. Duplicates (same phone or ID
number as an existing client, or repeated in the file) are skipped or merged by choice; a merge
only fills a client's empty fields, and only for a client the importer may see and edit. Sensitive
fields are kept only with the row's consent (or a manager's whole-file confirmation) and a stage
that allows them. The source file is never copied; the report reminds the user to delete it
securely. Audit: one ``client.import`` (counts, a pseudonym of the file name; never row data) plus
``client.create`` / ``client.update`` per client, as intake writes them. Progress is reported per
row; a cancelled import rolls back whole and is audited as ``client.import`` (outcome ``failure``,
reason ``cancelled``) (the user, sign-out or the idle lock stopped it; nothing of it stays).

Every row reports every problem it has (field, reason, zh, en), not only the first. A duplicate is
found on the normalised phone (E.164) and ID number (normalised, upper-case X) BEFORE the row is
refused for anything else: a duplicate with other problems is counted as a duplicate (skipped; it is
never merged) and still lists them. ``ImportReport.rejected`` lists every row with a problem;
``refused`` counts those not imported only because of their problems.

Duplicates of clients the importer may not see: an agent is never told which rows, or how many,
repeat another staff member's client (or a record kept in storage only). Such a row is counted
exactly as a duplicate of the agent's own client would be under the chosen policy ("skipped" under
skip; "merged" under merge, meaning merged or held for the manager), its row-level message is the
one every duplicate gets, and the agent-visible report, CLI text, ``--json`` and rejects export are
the same as if the rows repeated the agent's own clients: whatever the agent can still learn, it
learns only from its own client list, which it can see anyway. The rows are held for the manager's
review: the ``client.import`` audit entry (managers and auditors read it, agents cannot) counts them
in ``duplicates_for_manager`` and lists them in ``held_for_review`` (row number, client id, field;
no personal data). A manager, who sees every client, gets the true split in the report as well
(``duplicates_for_manager``: records in storage only). Reason: PIPL art. 10/51 and the branch's
need-to-know rule: an agent must not learn from a bulk import which of its phones belong to its
colleagues' clients.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from desktop_app.domain.cancellation import Cancelled, CancelToken, Progress
from desktop_app.domain.cancellation import report as report_step
from desktop_app.domain.client_record import (
    ClientRecord,
    changed_columns,
    draft_from_values,
    draft_with,
    sensitive_fields_allowed,
    validate_draft,
    value_columns,
)
from desktop_app.domain.errors import BranchVaultError, InvalidInput, PermissionDenied
from desktop_app.domain.import_columns import (
    IGNORE,
    check_sensitive_column,
    check_target,
    locate_header_row,
    normalise_header,
    recognise,
    remembered_changes,
)
from desktop_app.domain.import_rows import (
    DROPPED_NO_CONSENT,
    DROPPED_STAGE,
    DUPLICATE_PROBLEMS,
    AcceptedRow,
    RejectedRow,
    RowProblem,
    cell_text,
    export_cells,
    merge_fills,
    parse_row,
    rejected_row,
    rejects_table,
    sensitive_draft_fields,
)
from desktop_app.domain.permissions import Action, can
from desktop_app.domain.roles import Role
from desktop_app.services.audit_trail import check_permission, ensure_pseudonym_key, pseudonym, record
from desktop_app.services.client_consents import consent_asked_before, record_imported_consent
from desktop_app.services.client_directory import may_see
from desktop_app.services.client_intake import ReassignRefused
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.import_mapping_repository import BRANCH_MAPPING_OWNER, ImportMappingRepository
from desktop_app.store.output_paths import write_output
from desktop_app.store.spreadsheet_reader import MAX_DATA_ROWS, Sheet, SpreadsheetError, read_sheet
from desktop_app.store.spreadsheet_writer import table_bytes, table_format
from desktop_app.store.staff_repository import StaffRepository

DELETE_SOURCE_REMINDER = (
    "导入完成后请安全删除源文件（含客户个人信息），本软件不会保存其副本。",
    "Securely delete the source file now (it holds clients' personal data); BranchVault keeps no copy of it.",
)


class OnDuplicate(StrEnum):
    SKIP = "skip"
    MERGE = "merge"


@dataclass(frozen=True)
class ImportOptions:
    on_duplicate: OnDuplicate | str = OnDuplicate.SKIP
    assign_to: str | None = None  # a username (managers only); None: the importer
    consent_confirmed: bool = False  # a manager confirms every row has the signed sensitive-data consent
    mapping: Mapping[str, str] = field(default_factory=dict)  # header as in the file → field or IGNORE
    mapping_for_branch: bool = False  # a manager saves ``mapping`` as the whole branch's default


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    header_row: int  # 1-based, as the spreadsheet numbers rows
    headers: tuple[str, ...]
    suggested: tuple[str, ...]  # one target field or IGNORE per column
    data_rows: int  # non-empty rows below the header


@dataclass(frozen=True, repr=False)
class ImportReport:
    file_name: str
    headers: tuple[str, ...]
    rows: int  # non-empty data rows read
    imported: int
    merged: int
    duplicates_skipped: int
    duplicates_in_file: int  # of the skipped or merged duplicates, those repeated inside the file
    duplicates_for_manager: int  # held for review, shown only to a manager (see the module rule)
    rejected: tuple[RejectedRow, ...]  # every row with a problem, duplicates with problems included
    dropped: Mapping[str, int]  # reason (no_consent / stage) → number of fields dropped
    assigned_to: str
    reminder_zh: str = DELETE_SOURCE_REMINDER[0]
    reminder_en: str = DELETE_SOURCE_REMINDER[1]

    @property
    def duplicates(self) -> int:
        return self.duplicates_skipped + self.merged + self.duplicates_for_manager

    @property
    def refused(self) -> int:
        """Rows not imported because of their problems (a duplicate with problems is a duplicate)."""
        return sum(1 for row in self.rejected if not row.duplicate)

    @property
    def dropped_fields(self) -> int:
        return sum(self.dropped.values())

    def __repr__(self) -> str:
        return f"ImportReport(imported={self.imported}, rejected={len(self.rejected)})"


# --------------------------------------------------------------------------------------------- errors


def _no_header() -> SpreadsheetError:
    return SpreadsheetError(
        "在文件前 10 行中找不到表头（需要一行至少有两个列名，如“姓名”“手机”）。",
        "No header row found in the first 10 rows (a row with at least two column titles, such as "
        "“姓名” / Name and “手机” / Phone, is needed).",
        code="spreadsheet_no_header",
    )


def _missing_column(zh: str, en: str) -> InvalidInput:
    return InvalidInput(
        f"没有任何一列对应“{zh}”，请在列对应中指定。", f"No column is mapped to the {en}; map one first."
    )


class ConsentConfirmationRefused(PermissionDenied):
    def __init__(self) -> None:
        BranchVaultError.__init__(
            self,
            "只有店长可以确认整份文件的敏感个人信息同意。",
            "Only a manager may confirm the sensitive-data consent for a whole file.",
        )


class BranchMappingRefused(PermissionDenied):
    def __init__(self) -> None:
        BranchVaultError.__init__(
            self,
            "只有店长可以把列对应保存为全店默认；您的列对应只对您自己生效。",
            "Only a manager may save a column mapping for the whole branch; yours apply to you only.",
        )


# ------------------------------------------------------------------------------------------- reading


def _header_texts(row: Sequence[object]) -> tuple[str, ...]:
    return tuple(cell_text(cell) for cell in row)


def _overrides(options_mapping: Mapping[str, str]) -> dict[str, str]:
    for header, target in options_mapping.items():
        check_sensitive_column(header, check_target(target))
    return {normalise_header(header): target for header, target in options_mapping.items()}


def _locate_header(sheet: Sheet, known: Mapping[str, str]) -> int:
    index = locate_header_row(sheet.rows, known)
    if index is None:
        raise _no_header()
    return index


def _data_rows(sheet: Sheet, header_index: int) -> list[tuple[int, tuple[object, ...]]]:
    return [
        (number, row)
        for number, row in enumerate(sheet.rows[header_index + 1 :], start=header_index + 2)
        if any(cell_text(cell) for cell in row)
    ]


def preview_import(ctx: SignedIn, path: Path) -> ImportPreview:
    """Read ``path`` and propose the mapping. Nothing is written."""
    check_permission(ctx, Action.CLIENT_EDIT)
    session, db = ctx.session, ctx.db
    remembered = ImportMappingRepository(db).for_staff(session.staff_id)
    sheet = read_sheet(path)
    index = _locate_header(sheet, remembered)
    headers = _header_texts(sheet.rows[index])
    return ImportPreview(
        file_name=path.name,
        header_row=index + 1,
        headers=headers,
        suggested=tuple(recognise(header, remembered) or IGNORE for header in headers),
        data_rows=len(_data_rows(sheet, index)),
    )


# ------------------------------------------------------------------------------------------ checking


def _assignee(ctx: SignedIn, username: str | None) -> tuple[int, str]:
    session, db = ctx.session, ctx.db
    if not username or username == session.username:
        return session.staff_id, session.username
    check_permission(ctx, Action.CLIENT_REASSIGN)  # only managers assign to someone else
    member = StaffRepository(db).get(username)
    if member is None or not member.active or member.role not in (Role.AGENT, Role.MANAGER):
        raise ReassignRefused(
            "只能分配给在职的经纪人或店长。", "A client can be assigned only to an active agent or manager."
        )
    return member.id, member.username


def _check_consent_confirmation(ctx: SignedIn, confirmed: bool) -> None:
    session, db = ctx.session, ctx.db
    if confirmed and session.role is not Role.MANAGER:
        with db.transaction():
            record(
                ctx,
                "access.denied",
                target_type="action",
                target_id="client.import.consent_confirmed",
                outcome="denied",
            )
        raise ConsentConfirmationRefused()


def _check_branch_mapping(ctx: SignedIn, options: ImportOptions) -> None:
    session, db = ctx.session, ctx.db
    if options.mapping_for_branch and session.role is not Role.MANAGER:
        with db.transaction():
            record(
                ctx,
                "access.denied",
                target_type="action",
                target_id="client.import.mapping_for_branch",
                outcome="denied",
            )
        raise BranchMappingRefused()
    if options.mapping_for_branch and not options.mapping:
        raise InvalidInput(
            "没有要保存为全店默认的列对应（请同时指定列对应）。",
            "There is no column mapping to save for the branch (give the mapping too).",
        )


def _remember_mapping(
    ctx: SignedIn,
    mappings: ImportMappingRepository,
    headers: Sequence[str],
    targets: Sequence[str],
    overrides: Mapping[str, str],
    *,
    for_branch: bool,
) -> None:
    """Remember the columns the user mapped: for the importer alone (compared with what the branch's
    mappings give), or, by a manager, for the whole branch (compared with the built-in headers; the
    manager's own mappings of those headers give way to it)."""
    session = ctx.session
    now = ctx.now_utc()
    if for_branch:
        changes = remembered_changes(headers, targets)
        chosen = {k: v for k, v in changes.items() if k in overrides}
        mappings.apply(chosen, owner_staff_id=BRANCH_MAPPING_OWNER, now=now, saved_by=session.staff_id)
        mappings.apply(dict.fromkeys(chosen, ""), owner_staff_id=session.staff_id, now=now)
        return
    changes = remembered_changes(headers, targets, mappings.branch())
    mappings.apply(
        {k: v for k, v in changes.items() if k in overrides}, owner_staff_id=session.staff_id, now=now
    )


def _column_targets(
    headers: Sequence[str], remembered: Mapping[str, str], overrides: Mapping[str, str]
) -> list[str]:
    present = {normalise_header(header) for header in headers}
    unknown = [key for key in overrides if key not in present]
    if unknown:
        raise InvalidInput(
            "文件中没有这些列：" + "、".join(unknown), "The file has no column titled: " + ", ".join(unknown)
        )
    combined = {**remembered, **overrides}
    targets = [recognise(header, combined) or IGNORE for header in headers]
    if "name" not in targets:
        raise _missing_column("姓名", "name")
    if "phone" not in targets:
        raise _missing_column("电话号码", "phone number")
    return targets


# ------------------------------------------------------------------------------------------- writing


@dataclass
class _Tally:
    imported: int = 0
    merged: int = 0
    skipped: int = 0
    in_file: int = 0
    for_manager: int = 0
    dropped: Counter[str] = dataclasses.field(default_factory=Counter)
    rejected: list[RejectedRow] = dataclasses.field(default_factory=list)
    cells: dict[int, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # row number → row as text
    held: list[dict[str, object]] = dataclasses.field(default_factory=list)  # for the manager's review

    @property
    def refused(self) -> int:
        return sum(1 for row in self.rejected if not row.duplicate)


def _duplicate_of(
    repo: ClientRepository, id_number: str | None, phone_e164: str | None
) -> tuple[int, str] | None:
    """(existing client id, "id_number" or "phone") of the client the row repeats, if any."""
    if id_number is not None:
        matches = repo.ids_with_id_number(id_number)
        if matches:
            return matches[0][0], "id_number"
    if phone_e164 is not None:
        matches = repo.ids_with_phone(phone_e164)
        if matches:
            return matches[0][0], "phone"
    return None


def _hidden_duplicate(
    ctx: SignedIn, client: ClientRecord, row_number: int, field: str, policy: OnDuplicate, tally: _Tally
) -> None:
    """A row repeating a client the importer may not see or edit: held for the manager's review and,
    for an agent, counted exactly as a duplicate of its own client would be (module rule)."""
    session = ctx.session
    tally.held.append({"row": row_number, "client_id": client.id, "field": field})
    if can(session.role, Action.CLIENT_VIEW_BRANCH):
        tally.for_manager += 1
    elif policy is OnDuplicate.MERGE:
        tally.merged += 1
    else:
        tally.skipped += 1


def _merge(
    ctx: SignedIn,
    repo: ClientRepository,
    client: ClientRecord,
    row: AcceptedRow,
    tally: _Tally,
    now: str,
    field: str,
) -> None:
    """Fill the client's empty fields from the row (sensitive ones only where the client's stage and
    consent allow them, and an ID number only if no other client has it). A merge the rules refuse
    leaves the row a skipped duplicate, listed with the reason."""
    session = ctx.session
    current = draft_from_values(client.values)
    fills = merge_fills(current, row.draft, sensitive=True)
    if fills.get("id_number") and repo.ids_with_id_number(row.values.id_number or "", excluding=client.id):
        fills = merge_fills(current, row.draft, sensitive=False)
    if "sensitive_consent" in fills and consent_asked_before(repo.db, client.id):
        # The client answered on a form (or withdrew) in BranchVault: an older paper consent in a
        # spreadsheet never overrides that.
        del fills["sensitive_consent"]
    merged_consent = bool(fills.get("sensitive_consent", current.sensitive_consent))
    if not sensitive_fields_allowed(current.stage, merged_consent):
        reason = DROPPED_STAGE if merged_consent else DROPPED_NO_CONSENT
        for name in ("id_number", "income_band"):
            if name in fills:
                tally.dropped[reason] += 1
        fills = {k: v for k, v in fills.items() if k not in sensitive_draft_fields()}
    try:
        values = validate_draft(draft_with(current, fills), today=ctx.today())
    except InvalidInput as error:
        problem = RowProblem.of(error)
        tally.rejected.append(
            rejected_row(
                row.row_number,
                [dataclasses.replace(problem, reason="merge_invalid")],
                tally.cells.get(row.row_number, ()),
            ).led_by(DUPLICATE_PROBLEMS[field])
        )
        tally.skipped += 1
        return
    tally.merged += 1
    changed = changed_columns(client.values, values)
    if not changed:
        return
    before = value_columns(client.values)
    old = {  # as client.update records it: pseudonyms of the values replaced (here: only non-empty ones)
        name: pseudonym(ctx, str(before[name])) for name in changed if before[name] not in (None, "")
    }
    repo.update(client.id, values, now=now)
    repo.add_change(client.id, at=now, staff_id=session.staff_id, fields=changed, request_id=None)
    if values.sensitive_consent and not client.values.sensitive_consent:
        record_imported_consent(ctx, repo.db, client.id, now=now)
    record(
        ctx,
        "client.update",
        target_type="client",
        target_id=str(client.id),
        details={"fields": changed, "old": old, "request_id": None, "source": "import"},
    )


def _write(
    ctx: SignedIn,
    repo: ClientRepository,
    rows: Sequence[AcceptedRow | RejectedRow],
    *,
    agent_id: int,
    policy: OnDuplicate,
    tally: _Tally,
    step: Callable[[int], None],
) -> None:
    """Each row in file order: a duplicate (of a client or an earlier row) first, whatever else is
    wrong with it; then refused for its problems, or written. ``step(i)`` runs before row ``i``
    (progress, and the cancel check: raising there rolls the whole import back)."""
    now = ctx.now_utc()
    created: set[int] = set()
    for index, row in enumerate(rows):
        step(index)
        if isinstance(row, RejectedRow):
            found = _duplicate_of(repo, row.id_number, row.phone_e164)
        else:
            found = _duplicate_of(repo, row.values.id_number, row.values.phone_e164)
        if found is None and isinstance(row, RejectedRow):
            tally.rejected.append(row)
            continue
        if found is None:
            assert isinstance(row, AcceptedRow)
            client_id = repo.add(row.values, assigned_agent_id=agent_id, now=now)
            created.add(client_id)
            if row.values.sensitive_consent:
                record_imported_consent(ctx, repo.db, client_id, now=now)
            tally.imported += 1
            for dropped in row.dropped:
                tally.dropped[dropped.reason] += 1
            record(
                ctx,
                "client.create",
                target_type="client",
                target_id=str(client_id),
                details={
                    "stage": row.values.stage,
                    "sensitive_consent": row.values.sensitive_consent,
                    "source": "import",
                },
            )
            continue
        existing_id, field = found
        if existing_id in created:
            tally.in_file += 1
        client = repo.get(existing_id)
        assert client is not None
        hidden = client.storage_only or not may_see(ctx, client)
        if isinstance(row, RejectedRow):  # a duplicate with problems: counted as a duplicate, never merged
            tally.rejected.append(row.led_by(DUPLICATE_PROBLEMS[field]))
            if hidden:
                _hidden_duplicate(ctx, client, row.row_number, field, OnDuplicate.SKIP, tally)
            else:
                tally.skipped += 1
        elif hidden:
            _hidden_duplicate(ctx, client, row.row_number, field, policy, tally)
        elif policy is OnDuplicate.MERGE:
            _merge(ctx, repo, client, row, tally, now, field)
        else:
            tally.skipped += 1


def import_clients(
    ctx: SignedIn,
    path: Path,
    options: ImportOptions | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Validate and import ``path``. Accepted rows are written in one transaction (all or nothing).

    ``progress(done, total)`` counts each data row twice (checked, then written), so ``total`` is
    twice the row count and is reached after the commit. ``cancel`` is checked before each row:
    a cancelled import rolls back (no client of it stays), is audited as ``client.import`` (outcome
    ``failure``, reason ``cancelled``), and raises ``Cancelled``."""
    try:
        return _import_clients(ctx, path, options, progress, cancel)
    except _ImportCancelled as cancelled:
        _record_cancelled(ctx, path, cancelled)  # after the rollback: nothing of the import stays
        raise


def _import_clients(
    ctx: SignedIn,
    path: Path,
    options: ImportOptions | None,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> ImportReport:
    check_permission(ctx, Action.CLIENT_EDIT)
    options = options or ImportOptions()
    try:
        policy = OnDuplicate(options.on_duplicate)
    except ValueError:
        raise InvalidInput("重复处理方式须为 skip 或 merge。", "On duplicates: skip or merge.") from None
    _check_consent_confirmation(ctx, options.consent_confirmed)
    _check_branch_mapping(ctx, options)
    agent_id, agent_username = _assignee(ctx, options.assign_to)
    session, db = ctx.session, ctx.db
    mappings = ImportMappingRepository(db)
    remembered = mappings.for_staff(session.staff_id)
    overrides = _overrides(options.mapping)
    sheet = read_sheet(path)
    header_index = _locate_header(sheet, {**remembered, **overrides})
    headers = _header_texts(sheet.rows[header_index])
    targets = _column_targets(headers, remembered, overrides)
    data = _data_rows(sheet, header_index)
    if len(data) > MAX_DATA_ROWS:
        raise SpreadsheetError(
            f"文件有 {len(data)} 行数据，一次最多导入 {MAX_DATA_ROWS} 行，请拆分后分别导入。",
            f"The file has {len(data)} data rows; at most {MAX_DATA_ROWS} can be imported at once. Split it.",
            code="spreadsheet_too_large",
        )
    today = ctx.today()
    tally = _Tally()
    outcomes: list[AcceptedRow | RejectedRow] = []
    total = 2 * len(data)
    for checked, (number, cells) in enumerate(data):
        _step(len(data), checked, total, progress, cancel)
        outcome = parse_row(
            cells, targets, row_number=number, file_consent=options.consent_confirmed, today=today
        )
        if outcome is not None:
            outcomes.append(outcome)
        if isinstance(outcome, AcceptedRow) and policy is OnDuplicate.MERGE:
            kept = sensitive_fields_allowed(outcome.values.stage, outcome.values.sensitive_consent)
            tally.cells[number] = export_cells(cells, targets, keep_sensitive=kept)
    ensure_pseudonym_key(ctx)
    repo = ClientRepository(db)
    report_step(progress, len(data), total)

    def step(index: int) -> None:  # written rows count from the rows checked; blank rows at the end
        _step(len(data), len(data) + index, total, progress, cancel)

    with db.transaction():
        _write(ctx, repo, outcomes, agent_id=agent_id, policy=policy, tally=tally, step=step)
        _step(len(data), len(data) + len(outcomes), total, None, cancel)  # last chance
        if overrides:
            _remember_mapping(
                ctx, mappings, headers, targets, overrides, for_branch=options.mapping_for_branch
            )
        record(
            ctx,
            "client.import",
            target_type="file",
            target_id=pseudonym(ctx, path.name),
            outcome="success" if tally.imported or tally.merged or not tally.refused else "failure",
            details={
                "rows": len(data),
                "imported": tally.imported,
                "merged": tally.merged,
                "duplicates_skipped": tally.skipped,
                "duplicates_in_file": tally.in_file,
                "duplicates_for_manager": len(tally.held),
                "held_for_review": tally.held,
                "rejected": tally.refused,
                "duplicates_with_problems": len(tally.rejected) - tally.refused,
                "dropped_fields": dict(tally.dropped),
                "on_duplicate": policy.value,
                "assigned_to_staff_id": agent_id,
                "consent_confirmed": options.consent_confirmed,
                "mapped_fields": sorted(set(targets) - {IGNORE}),
                "mapping_remembered_for": ("branch" if options.mapping_for_branch else "own")
                if overrides
                else None,
            },
        )
    report_step(progress, total, total)
    return ImportReport(
        file_name=path.name,
        headers=headers,
        rows=len(data),
        imported=tally.imported,
        merged=tally.merged,
        duplicates_skipped=tally.skipped,
        duplicates_in_file=tally.in_file,
        duplicates_for_manager=tally.for_manager,
        rejected=tuple(sorted(tally.rejected, key=lambda r: r.row_number)),
        dropped=dict(tally.dropped),
        assigned_to=agent_username,
    )


def _step(rows: int, done: int, total: int, progress: Progress | None, cancel: CancelToken | None) -> None:
    """Report ``done`` of ``total``; if cancelled, raise (inside the write transaction this rolls
    the import back; ``import_clients`` then audits the cancellation in a transaction of its own)."""
    report_step(progress, done, total)
    if cancel is not None and cancel.cancelled:
        raise _ImportCancelled(rows, min(done, rows))


class _ImportCancelled(Cancelled):
    def __init__(self, rows: int, rows_checked: int) -> None:
        super().__init__()
        self.rows = rows
        self.rows_checked = rows_checked


def _record_cancelled(ctx: SignedIn, path: Path, cancelled: _ImportCancelled) -> None:
    ensure_pseudonym_key(ctx)
    db = ctx.db
    with db.transaction():
        record(
            ctx,
            "client.import",
            target_type="file",
            target_id=pseudonym(ctx, path.name),
            outcome="failure",
            reason="cancelled",
            details={"rows": cancelled.rows, "rows_checked": cancelled.rows_checked, "imported": 0},
        )


# ---------------------------------------------------------------------------------------- rejects out


REJECTS_SHEET_TITLE = "未导入 Rejected"


def rejects_file(report: ImportReport, path: Path) -> bytes:
    """The rejected rows in the format ``path`` names: a real .xlsx workbook for ``.xlsx``, UTF-8
    CSV with a BOM (Excel opens it correctly) for ``.csv``; UnsupportedTableFormat (a usage error)
    for any other name. Every cell, headers included, is inert text (domain/spreadsheet_cells.py).
    Holds personal data."""
    return table_bytes(path, rejects_table(report.headers, report.rejected), sheet_title=REJECTS_SHEET_TITLE)


def export_rejects(ctx: SignedIn, report: ImportReport, path: Path, *, overwrite: bool = False) -> int:
    """Write the rejects to ``path`` as .xlsx or .csv, by its name (any other name is refused before
    anything is written or audited); only where the user chose, checked by store/output_paths.py;
    private file mode; sensitive cells withheld unless the row had consent; an existing file only
    replaced with ``overwrite``. Audited ``client.import.rejects_export`` with the count and format.
    Returns the count."""
    check_permission(ctx, Action.CLIENT_EDIT)
    kind = table_format(path)
    db = ctx.db
    data = rejects_file(report, path)
    with db.transaction():
        record(
            ctx,
            "client.import.rejects_export",
            target_type="file",
            details={"rows": len(report.rejected), "format": kind.value},
        )
        write_output(path, data, data_dir=ctx.paths.root, overwrite=overwrite)
    return len(report.rejected)
