"""Search-as-you-type over the clients the signed-in user may see.

Typed text becomes index tokens (domain/search_tokens.py) matched against the ``client_search``
FTS5 index joined to the clients, restricted in SQL by the same visibility rule as the client list
(an agent: their own clients; a manager: the whole branch; IT administrators and auditors are refused
and audited as ``access.denied``). Results are the list's masked summary rows, most recent contact
first. A whole ID number is looked up exactly, never matched.

A search by phone digits or ID number is audited as ``client.search`` with the kind and a pseudonym
of the value, never the value; a name search is not audited (it runs on every keystroke).
"""

from __future__ import annotations

from desktop_app.domain.client_list_query import NO_FILTER, ClientFilter
from desktop_app.domain.client_record import ClientRecord
from desktop_app.domain.client_views import ClientSummary, client_summary
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.field_errors import InvalidField
from desktop_app.domain.identity_documents import IdType, validate_id_number
from desktop_app.domain.input_text import fold_width
from desktop_app.domain.permissions import Action
from desktop_app.domain.phone_numbers import SEARCH_DIGITS
from desktop_app.domain.search_tokens import EXACT_ID_LOOKUP, fts5_match_expression, is_han, query_tokens
from desktop_app.services.audit_trail import check_permission, pseudonym, record
from desktop_app.services.client_directory import MAX_PAGE, agent_filter
from desktop_app.services.privacy_notices import stale_notice_versions
from desktop_app.services.signed_in import SignedIn
from desktop_app.store.client_repository import ClientRepository
from desktop_app.store.database import Database

_FULL_PHONE_MIN_DIGITS = 11  # a digit token this long is a whole number; 4 digits are the last 4
_MAX_RECHECK_PAGES = 20  # pages fetched to fill one page when pair tokens over-match
# An 18-character number typed in the search box: a resident ID card, a residence permit for Hong
# Kong, Macao and Taiwan residents, or a 2023 permanent-residence card.
_ID_TYPES = (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT, IdType.FOREIGN_PERMANENT_RESIDENCE)


def search_clients(
    ctx: SignedIn, text: str, limit: int = 50, filters: ClientFilter = NO_FILTER
) -> list[ClientSummary]:
    """Masked summary rows of the visible clients matching ``text`` (name, pinyin, initials, the last
    4 digits or the whole phone number, or a whole ID number) and ``filters``, most recent contact
    first. Records in storage only are never found."""
    check_permission(ctx, Action.CLIENT_VIEW_OWN)
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"结果条数无效（1–{MAX_PAGE} 条）。", f"Invalid number of results (1–{MAX_PAGE}).")
    db = ctx.db
    tokens = query_tokens(text)
    if not tokens:
        return []
    repo = ClientRepository(db)
    agent_id = agent_filter(ctx)
    if tokens == [EXACT_ID_LOOKUP]:
        return _id_lookup(ctx, db, repo, text, agent_id, filters)
    digits = [token for token in tokens if _is_digits(token)]
    if any(len(token) != SEARCH_DIGITS and len(token) < _FULL_PHONE_MIN_DIGITS for token in digits):
        return []  # 1–3 or 5–10 digits: no such token is indexed
    match = fts5_match_expression(tokens, prefix_last=True)
    han_runs = _han_runs(text)
    if not digits:
        stale = stale_notice_versions(ctx)
        return [client_summary(c, stale) for c in _matching(repo, match, agent_id, limit, han_runs, filters)]
    with db.transaction():
        clients = _matching(repo, match, agent_id, limit, han_runs, filters)
        values = [digit if len(digit) == SEARCH_DIGITS else "+" + digit for digit in digits]
        record(
            ctx,
            "client.search",
            target_type="client",
            details={
                "kind": "phone",
                "value": ",".join(pseudonym(ctx, value) for value in values),
                "results": len(clients),
            },
        )
    stale = stale_notice_versions(ctx)
    return [client_summary(c, stale) for c in clients]


def _is_digits(token: str) -> bool:
    return all("0" <= c <= "9" for c in token)


def _han_runs(text: str) -> list[str]:
    """The runs of 2+ Han characters in ``text``: their pair tokens can over-match."""
    runs: list[str] = []
    current = ""
    for char in fold_width(text) + " ":
        if is_han(char):
            current += char
            continue
        if len(current) >= 2:
            runs.append(current)
        current = ""
    return runs


def _matching(
    repo: ClientRepository,
    match: str,
    agent_id: int | None,
    limit: int,
    han_runs: list[str],
    filters: ClientFilter,
) -> list[ClientRecord]:
    if not han_runs:
        return repo.search(match, agent_id=agent_id, offset=0, limit=limit, filters=filters)
    found: list[ClientRecord] = []
    for page in range(_MAX_RECHECK_PAGES):
        batch = repo.search(match, agent_id=agent_id, offset=page * limit, limit=limit, filters=filters)
        found.extend(c for c in batch if all(run in fold_width(c.values.full_name) for run in han_runs))
        if len(found) >= limit or len(batch) < limit:
            break
    return found[:limit]


def _id_lookup(
    ctx: SignedIn,
    db: Database,
    repo: ClientRepository,
    text: str,
    agent_id: int | None,
    filters: ClientFilter,
) -> list[ClientSummary]:
    today = ctx.today()
    for id_type in _ID_TYPES:
        try:
            number = validate_id_number(id_type, text, today=today)
        except InvalidField:
            continue
        break
    else:
        return []  # not (yet) a whole, valid ID number: nothing is looked up
    with db.transaction():
        clients = repo.with_id_number(number, agent_id=agent_id, filters=filters)
        record(
            ctx,
            "client.search",
            target_type="client",
            details={"kind": "id", "value": pseudonym(ctx, number), "results": len(clients)},
        )
    stale = stale_notice_versions(ctx)
    return [client_summary(c, stale) for c in clients]
