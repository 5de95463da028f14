//! The search queries, built once for both SQL dialects so they cannot drift apart.
//!
//! Each filter that is set adds a condition, so each query can use the index that leads
//! with its column (a `(? IS NULL OR col = ?)` condition would defeat the planner).

use crate::check::{check_limit, to_sql_index};
use crate::{
    BALANCE_ROWS_MAX, BalanceQuery, IncidentQuery, MovementFilter, MovementOrder, MovementQuery,
    Period, PostingQuery, StoreError,
};

/// Placeholder syntax.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Dialect {
    /// `?1`, `?2`, ...
    Sqlite,
    /// `$1`, `$2`, ...
    Postgres,
}

/// A query parameter.
#[derive(Clone, Debug)]
pub(crate) enum Param {
    Int(i64),
    Text(String),
}

/// SQL text with its parameters in placeholder order.
#[derive(Debug)]
pub(crate) struct Sql {
    pub(crate) text: String,
    pub(crate) params: Vec<Param>,
    dialect: Dialect,
}

impl Sql {
    fn new(dialect: Dialect, text: &str) -> Sql {
        Sql { text: text.to_owned(), params: Vec::new(), dialect }
    }

    /// Adds a parameter and returns its placeholder. Integers are cast to 64 bits so
    /// PostgreSQL does not infer a narrower type from the column they are compared with.
    fn bind(&mut self, param: Param) -> String {
        let is_int = matches!(param, Param::Int(_));
        self.params.push(param);
        let placeholder = match self.dialect {
            Dialect::Sqlite => format!("?{}", self.params.len()),
            Dialect::Postgres => format!("${}", self.params.len()),
        };
        if is_int { format!("CAST({placeholder} AS BIGINT)") } else { placeholder }
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn equals(&mut self, column: &str, value: &Option<String>) {
        if let Some(value) = value {
            let placeholder = self.bind(Param::Text(value.clone()));
            self.push(&format!(" AND {column} = {placeholder}"));
        }
    }

    fn period(&mut self, column: &str, period: &Period) {
        if let Some(from_ms) = period.from_ms {
            let placeholder = self.bind(Param::Int(from_ms));
            self.push(&format!(" AND {column} >= {placeholder}"));
        }
        if let Some(until_ms) = period.until_ms {
            let placeholder = self.bind(Param::Int(until_ms));
            self.push(&format!(" AND {column} < {placeholder}"));
        }
    }

    fn after(&mut self, columns: &str, first: Param, second: Param) {
        self.beyond(columns, ">", first, second);
    }

    /// Keeps the rows past a keyset position: `>` for an ascending order, `<` for a
    /// descending one. A row value comparison is one range over the index that leads with
    /// these columns, scanned forwards or backwards.
    fn beyond(&mut self, columns: &str, comparison: &str, first: Param, second: Param) {
        let first = self.bind(first);
        let second = self.bind(second);
        self.push(&format!(" AND ({columns}) {comparison} ({first}, {second})"));
    }

    fn limit(&mut self, limit: u32) {
        let placeholder = self.bind(Param::Int(i64::from(limit)));
        self.push(&format!(" LIMIT {placeholder}"));
    }
}

/// Columns of a movement row, in the order the backends decode them.
pub(crate) const MOVEMENT_COLUMNS: &str =
    "reference, status, carrier, declared_at_ms, current_post, last_entry_index, snapshot";

/// Columns of an incident row, in the order the backends decode them.
pub(crate) const INCIDENT_COLUMNS: &str = "incident_id, movement_reference, post, kind, status, \
     opened_at_ms, last_entry_index, snapshot, reported_post";

/// Columns of a posting row, in the order the backends decode them.
pub(crate) const POSTING_COLUMNS: &str =
    "entry_index, ordinal, account, currency, amount_minor, at_ms";

fn movement_filter(sql: &mut Sql, filter: &MovementFilter) {
    sql.equals("current_post", &filter.post);
    sql.equals("status", &filter.status);
    sql.equals("carrier", &filter.carrier);
    sql.period("declared_at_ms", &filter.declared);
}

/// One page of movements plus one row, to learn whether another page follows.
///
/// Both orders walk the same indexes (`movements_declared` and the filter indexes, which
/// end in `declared_at_ms, reference`): newest first scans them backwards, so it needs no
/// index of its own. The cursor is the last row's key, so a page never repeats or skips a
/// row that stays put between requests. A movement's key never changes after it is
/// declared, and `declared_at_ms` is the sequencer's time, so movements declared while a
/// reader pages arrive at the far end of an oldest-first walk and ahead of the first page
/// of a newest-first one.
pub(crate) fn search_movements(dialect: Dialect, query: &MovementQuery) -> Result<Sql, StoreError> {
    check_limit(query.limit)?;
    let mut sql =
        Sql::new(dialect, &format!("SELECT {MOVEMENT_COLUMNS} FROM movements WHERE TRUE"));
    movement_filter(&mut sql, &query.filter);
    let (comparison, order) = match query.order {
        MovementOrder::OldestFirst => (">", " ORDER BY declared_at_ms, reference"),
        MovementOrder::NewestFirst => ("<", " ORDER BY declared_at_ms DESC, reference DESC"),
    };
    if let Some(after) = &query.after {
        sql.beyond(
            "declared_at_ms, reference",
            comparison,
            Param::Int(after.declared_at_ms),
            Param::Text(after.reference.clone()),
        );
    }
    sql.push(order);
    sql.limit(query.limit + 1);
    Ok(sql)
}

/// How many movements match.
pub(crate) fn count_movements(dialect: Dialect, filter: &MovementFilter) -> Sql {
    let mut sql = Sql::new(dialect, "SELECT COUNT(*) FROM movements WHERE TRUE");
    movement_filter(&mut sql, filter);
    sql
}

/// One page of incidents plus one row.
pub(crate) fn search_incidents(dialect: Dialect, query: &IncidentQuery) -> Result<Sql, StoreError> {
    check_limit(query.limit)?;
    let mut sql =
        Sql::new(dialect, &format!("SELECT {INCIDENT_COLUMNS} FROM incidents WHERE TRUE"));
    sql.equals("movement_reference", &query.movement_reference);
    sql.equals("status", &query.status);
    sql.equals("post", &query.post);
    sql.equals("reported_post", &query.reported_post);
    sql.period("opened_at_ms", &query.opened);
    if let Some(after) = &query.after {
        sql.after(
            "opened_at_ms, incident_id",
            Param::Int(after.opened_at_ms),
            Param::Text(after.id.clone()),
        );
    }
    sql.push(" ORDER BY opened_at_ms, incident_id");
    sql.limit(query.limit + 1);
    Ok(sql)
}

/// Sums per account and currency, at most [`BALANCE_ROWS_MAX`] plus one rows.
pub(crate) fn balances(dialect: Dialect, query: &BalanceQuery) -> Sql {
    // CAST keeps the sum a 64-bit integer in both dialects (PostgreSQL's SUM(bigint) is
    // numeric); an overflow is an error, never a wrapped balance.
    let mut sql = Sql::new(
        dialect,
        "SELECT account, currency, CAST(SUM(amount_minor) AS BIGINT) FROM postings WHERE TRUE",
    );
    sql.equals("account", &query.account);
    sql.period("at_ms", &query.period);
    sql.push(" GROUP BY account, currency ORDER BY account, currency");
    sql.limit(BALANCE_ROWS_MAX + 1);
    sql
}

/// One page of an account's postings plus one row.
pub(crate) fn postings(dialect: Dialect, query: &PostingQuery) -> Result<Sql, StoreError> {
    check_limit(query.limit)?;
    let mut sql = Sql::new(dialect, &format!("SELECT {POSTING_COLUMNS} FROM postings WHERE TRUE"));
    sql.equals("account", &Some(query.account.clone()));
    sql.period("at_ms", &query.period);
    if let Some(after) = &query.after {
        sql.after(
            "entry_index, ordinal",
            Param::Int(to_sql_index(after.entry_index)?),
            Param::Int(i64::from(after.ordinal)),
        );
    }
    sql.push(" ORDER BY entry_index, ordinal");
    sql.limit(query.limit + 1);
    Ok(sql)
}

/// Columns of a movement's payload rows, in the order the backends decode them.
pub(crate) const MOVEMENT_PAYLOAD_COLUMNS: &str =
    "payloads.entry_index, payloads.field, payloads.commitment, payloads.salt, payloads.payload";

/// One page of a movement's payloads plus one row: the history's entries joined with their
/// payloads, through both primary keys.
pub(crate) fn movement_payloads(
    dialect: Dialect,
    query: &crate::MovementPayloadQuery,
) -> Result<Sql, StoreError> {
    check_limit(query.limit)?;
    let mut sql = Sql::new(
        dialect,
        &format!(
            "SELECT {MOVEMENT_PAYLOAD_COLUMNS} FROM movement_history \
             JOIN payloads ON payloads.entry_index = movement_history.entry_index WHERE TRUE"
        ),
    );
    sql.equals("movement_history.reference", &Some(query.reference.clone()));
    if let Some(after) = &query.after {
        sql.after(
            "payloads.entry_index, payloads.field",
            Param::Int(to_sql_index(after.entry_index)?),
            Param::Text(after.field.clone()),
        );
    }
    sql.push(" ORDER BY payloads.entry_index, payloads.field");
    sql.limit(query.limit + 1);
    Ok(sql)
}

/// Refuses a balance query that matched more lines than one answer may hold.
pub(crate) fn check_balance_rows(
    rows: Vec<crate::BalanceRow>,
) -> Result<Vec<crate::BalanceRow>, StoreError> {
    if rows.len() > BALANCE_ROWS_MAX as usize {
        return Err(StoreError::InvalidQuery(format!(
            "more than {BALANCE_ROWS_MAX} balance lines; ask for one account"
        )));
    }
    Ok(rows)
}

/// Cuts a fetched `limit + 1` rows to a page, with the cursor of its last row when more follow.
pub(crate) fn page<T, C>(
    mut rows: Vec<T>,
    limit: u32,
    cursor: impl Fn(&T) -> C,
) -> crate::Page<T, C> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = if more { rows.last().map(cursor) } else { None };
    crate::Page { items: rows, next }
}
