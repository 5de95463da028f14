//! Accounts: `GET /v1/accounts` (balances per account and currency: as last committed,
//! from the balances the core's ledger keeps as it posts; as published with a checkpoint,
//! `at`; or over a period, summed from the store's ledger projection) and
//! `GET /v1/accounts/{account}/statement` (an account's postings, a page at a time).

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::{Path, Query};
use super::paging::{Cursor, Paging};
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_store::{BalanceQuery, Period, PostingCursor, PostingQuery, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The routes of accounts.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/accounts", get(balances))
        .route("/v1/accounts/{account}/statement", get(statement_of_account))
}

/// Period and account filter of `GET /v1/accounts`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountQuery {
    /// Account (`carrier:ARAZ-TRUCKS`, `revenue:AM`, `receipts`); all when absent.
    pub account: Option<String>,
    /// From (ms).
    pub from: Option<i64>,
    /// Until (ms).
    pub until: Option<i64>,
    /// Postings after this cursor (`entry.ordinal`), for statements of account.
    pub after: Option<String>,
    /// Page size, 1 to `PAGE_SIZE_MAX` (500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// The size of a published checkpoint: the balances the node published with it. Not
    /// with `from` or `until`.
    pub at: Option<u64>,
}

/// The response header naming the tree size an answer reflects.
pub const TREE_SIZE_HEADER: &str = "passage-tree-size";

/// One balance.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Balance {
    /// Account.
    pub account: String,
    /// Currency.
    pub currency: String,
    /// Amount in minor units (positive: owed to the corridor by a carrier).
    pub amount_minor: i64,
}

#[utoipa::path(
    get,
    path = "/v1/accounts",
    tag = "accounts",
    params(AccountQuery),
    responses(
        (status = 200, description = "Balances per account and currency: over the period when one is given; otherwise at the tree size the `passage-tree-size` header names (the log as last committed, or the checkpoint `at`).", body = Vec<Balance>,
            headers(("passage-tree-size" = u64, description = "The tree size the balances reflect (absent for a period)."))),
        (status = 400, description = "A bad query (`invalid_query`, `bad_query`: `at` with a period), such as too many balance lines.", body = ErrorBody),
        (status = 404, description = "No figures published for the size `at` (`no_figures`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn balances(
    AxumState(state): AxumState<AppState>,
    Query(query): Query<AccountQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse as _;
    let period = query.from.is_some() || query.until.is_some();
    let at_size = |size: u64, balances: Vec<Balance>| {
        ([(TREE_SIZE_HEADER, size.to_string())], Json(balances)).into_response()
    };
    match query.at {
        Some(_) if period => {
            return Err(ApiError::bad(
                "bad_query",
                "`at` gives the balances published with a checkpoint; a period is summed \
                 from the postings: ask for one or the other",
            ));
        }
        Some(at) => {
            let mut balances = super::statistics::published_figures(&state, at).await?.balances;
            if let Some(account) = &query.account {
                balances.retain(|balance| &balance.account == account);
            }
            return Ok(at_size(at, balances));
        }
        // The ledger's balances as last committed: the accounts, not the history.
        None if !period => {
            let committed = state.shared.committed();
            let balances = committed.balances(query.account.as_deref());
            if balances.len() > passage_store::BALANCE_ROWS_MAX as usize {
                return Err(ApiError::bad(
                    "invalid_query",
                    format!(
                        "more than {} balance lines; ask for one account",
                        passage_store::BALANCE_ROWS_MAX
                    ),
                ));
            }
            return Ok(at_size(committed.head.size, balances));
        }
        None => {}
    }
    let rows = state
        .store
        .balances(BalanceQuery {
            account: query.account,
            period: Period { from_ms: query.from, until_ms: query.until },
        })
        .await?;
    let balances: Vec<Balance> = rows
        .into_iter()
        .map(|row| Balance {
            account: row.account,
            currency: row.currency,
            amount_minor: row.amount_minor,
        })
        .collect();
    Ok(Json(balances).into_response())
}

/// One line of a statement of account.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Posting {
    /// Entry that posted it.
    pub entry_index: u64,
    /// Position within the entry.
    pub ordinal: u32,
    /// Currency.
    pub currency: String,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// When (ms).
    pub at_ms: i64,
}

/// A page of a statement of account.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct StatementOfAccount {
    /// Account.
    pub account: String,
    /// Postings in log order.
    pub postings: Vec<Posting>,
    /// Cursor for the next page.
    pub next: Option<String>,
}

#[utoipa::path(
    get,
    path = "/v1/accounts/{account}/statement",
    tag = "accounts",
    params(("account" = String, Path, description = "Account (`carrier:ARAZ-TRUCKS`, `revenue:AM`, `receipts`)."), AccountQuery),
    responses(
        (status = 200, description = "A page of the account's postings in log order.", body = StatementOfAccount),
        (status = 400, description = "A bad cursor or limit (`bad_cursor`, `bad_limit`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn statement_of_account(
    AxumState(state): AxumState<AppState>,
    Path(account): Path<String>,
    Query(query): Query<AccountQuery>,
) -> Result<Json<StatementOfAccount>, ApiError> {
    let after = Cursor::after(query.after.as_deref())?
        .map(|cursor| PostingCursor { entry_index: cursor.first, ordinal: cursor.second });
    let page = state
        .store
        .postings(PostingQuery {
            account: account.clone(),
            period: Period { from_ms: query.from, until_ms: query.until },
            after,
            limit: Paging::SEARCH.limit(query.limit)?,
        })
        .await?;
    Ok(Json(StatementOfAccount {
        account,
        postings: page
            .items
            .into_iter()
            .map(|row| Posting {
                entry_index: row.entry_index,
                ordinal: row.ordinal,
                currency: row.currency,
                amount_minor: row.amount_minor,
                at_ms: row.at_ms,
            })
            .collect(),
        next: page.next.map(|cursor| Cursor::new(cursor.entry_index, cursor.ordinal).to_string()),
    }))
}
