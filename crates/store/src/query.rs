//! The search queries, built once for both SQL dialects so they cannot drift apart.
//!
//! Each filter that is set adds a condition, so each query can use the index that leads
//! with its column (a `(? IS NULL OR col = ?)` condition would defeat the planner).

use crate::check::{check_limit, to_sql_index};
use crate::{
    BALANCE_ROWS_MAX, BalanceQuery, IncidentQuery, MovementFilter, MovementOrder, MovementQuery,
    MovementStatusQuery, Period, PostingQuery, StoreError,
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

/// One page of movements as of a size plus one row, in reference order: each movement's
/// reference, its status then and the last entry below the size that changed it (both
/// `NULL` for a movement declared at or after it, which the caller drops).
///
/// A movement not changed since the size answers from its row; only the few changed since
/// (found through `movements_last_entry`) look up their last history line below the size,
/// one primary-key seek each. So a page costs its rows, whatever the history's length.
pub(crate) fn movement_statuses(
    dialect: Dialect,
    query: &MovementStatusQuery,
) -> Result<Sql, StoreError> {
    check_limit(query.limit)?;
    let mut sql = Sql::new(dialect, "");
    let at = to_sql_index(query.at)?;
    let at_1 = sql.bind(Param::Int(at));
    let at_2 = sql.bind(Param::Int(at));
    let at_3 = sql.bind(Param::Int(at));
    let at_4 = sql.bind(Param::Int(at));
    sql.push(&format!(
        "SELECT m.reference, \
           CASE WHEN m.last_entry_index < {at_1} THEN m.status ELSE \
             (SELECT h.status FROM movement_history h WHERE h.reference = m.reference \
              AND h.entry_index < {at_2} ORDER BY h.entry_index DESC LIMIT 1) END, \
           CASE WHEN m.last_entry_index < {at_3} THEN m.last_entry_index ELSE \
             (SELECT MAX(h.entry_index) FROM movement_history h \
              WHERE h.reference = m.reference AND h.entry_index < {at_4}) END, \
           m.last_entry_index \
         FROM movements m WHERE TRUE"
    ));
    if let Some(after) = &query.after {
        let placeholder = sql.bind(Param::Text(after.clone()));
        sql.push(&format!(" AND m.reference > {placeholder}"));
    }
    sql.push(" ORDER BY m.reference");
    sql.limit(query.limit + 1);
    Ok(sql)
}

/// A scanned line of [`movement_statuses`]: the reference, then the status and last entry
/// as of the size (`None` for a movement declared at or after it), and the row's last entry
/// now.
pub(crate) type ScannedStatus = (String, Option<String>, Option<u64>, u64);

/// Cuts scanned lines to a page (the cursor is the last line scanned, kept or not) and
/// keeps the movements that existed at the size. A movement without a recorded status
/// below the size means the size predates the recorded statuses.
pub(crate) fn movement_status_page(
    rows: Vec<ScannedStatus>,
    query: &MovementStatusQuery,
) -> Result<crate::Page<crate::MovementStatusRow, String>, StoreError> {
    let page = page(rows, query.limit, |row| row.0.clone());
    let mut items = Vec::with_capacity(page.items.len());
    for (reference, status, last_entry_index, last_now) in page.items {
        let Some(last_entry_index) = last_entry_index else { continue };
        let Some(status) = status else {
            return Err(StoreError::InvalidQuery(format!(
                "the status of movement {reference} at size {} was not recorded: the size \
                 predates the figures this store keeps",
                query.at
            )));
        };
        let changed_since = (last_now >= query.at).then_some(last_now);
        items.push(crate::MovementStatusRow { reference, status, last_entry_index, changed_since });
    }
    Ok(crate::Page { items, next: page.next })
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
