//! The monitors' voice: `GET /v1/mission` (the mandate, whether it has ended, the votes on
//! it, the open automatic incidents, the latest signed reports and the totals),
//! `GET /v1/contests` (the open contests, a page at a time, with how long each has waited),
//! `GET /v1/observations` (the monitors' observations, newest first, from the store's
//! projection: the core keeps only their counts)
//! and `GET /v1/reports/{day}` (a day's figures: the core's running figures while the day
//! is open, the signed entry's once the mission signed it), with `/page` and `/pdf` (the
//! same figures as a web page and a PDF in one of the four languages, see
//! [`crate::daily_report`]). All read from the core's state, which keeps only what is open
//! or recent; a signed report is read from its entry.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::{Path, Query};
use super::governance::no_charter;
use super::paging::Paging;
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_core::monitoring::{AutomaticCause, Contester};
use passage_core::statement::{FigureLine, Statement, Timestamp};
use passage_store::Store as _;
use serde::{Deserialize, Serialize};
use std::ops::Bound;
use utoipa::{IntoParams, ToSchema};

/// Most contests in one page: 500 lines of about 300 bytes of JSON, some 150 KB.
pub const CONTEST_PAGE_MAX: u32 = 500;
const PAGING: Paging = Paging { default: 50, max: CONTEST_PAGE_MAX };
/// Most open automatic incidents `GET /v1/mission` lists (the newest); their number is
/// given in full.
pub const MISSION_INCIDENTS_MAX: usize = 100;
/// Most signed reports `GET /v1/mission` lists (the latest): two weeks.
pub const MISSION_REPORTS_MAX: usize = 14;

/// The routes of the monitors' voice.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/mission", get(mission))
        .route("/v1/contests", get(contests))
        .route("/v1/observations", get(observations))
        .route("/v1/reports/{day}", get(report))
        .route("/v1/reports/{day}/page", get(report_page))
        .route("/v1/reports/{day}/pdf", get(report_pdf))
}

/// The mandate and what the mission's work left open.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MissionView {
    /// The monitoring mission's party, if the charter has one.
    pub party: Option<String>,
    /// When the mandate starts (ms), if the charter says.
    pub mandate_starts_ms: Option<u64>,
    /// When it ends (ms), if it has an end.
    pub mandate_ends_ms: Option<u64>,
    /// Whether it has ended by the log's time: the mission's keys can no longer act.
    pub mandate_ended: bool,
    /// The log's time (ms) the answer reflects.
    pub time_ms: u64,
    /// The parties' pending votes on a new end.
    pub mandate_votes: Vec<MandateVoteView>,
    /// How many contests are open.
    pub open_contests: u64,
    /// How many automatic incidents are open.
    pub open_automatic_incidents: u64,
    /// The newest open automatic incidents (at most 100).
    pub automatic_incidents: Vec<AutomaticIncidentView>,
    /// The latest signed reports (at most 14), latest first.
    pub signed_reports: Vec<SignedReportView>,
    /// Counts since the charter.
    pub totals: MonitoringTotalsView,
}

/// A party's vote on the mandate's end.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MandateVoteView {
    /// The party.
    pub party: String,
    /// The end it voted for (ms), none for no end.
    pub ends_ms: Option<u64>,
}

/// An open automatic incident.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct AutomaticIncidentView {
    /// Its number.
    pub number: u64,
    /// `contest_unanswered` or `long_hold`.
    pub cause: String,
    /// The unanswered contest, for `contest_unanswered`.
    pub contest: Option<u64>,
    /// The held movement, for `long_hold`.
    pub mrn: Option<String>,
    /// The post it is held at, for `long_hold`.
    pub post: Option<String>,
    /// When it was opened (ms).
    pub opened_at_ms: u64,
}

/// A signed daily report.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct SignedReportView {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// The entry that signed it.
    pub entry: u64,
}

/// Counts since the charter.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MonitoringTotalsView {
    /// Observations recorded.
    pub observations: u64,
    /// Dissents recorded.
    pub dissents: u64,
    /// Contests opened.
    pub contests_opened: u64,
    /// Contests answered.
    pub contests_answered: u64,
    /// Contests that passed their deadline unanswered.
    pub contests_overdue: u64,
    /// Contests the joint commission decided.
    pub contests_decided: u64,
    /// Automatic incidents opened.
    pub automatic_incidents: u64,
    /// Reports signed.
    pub reports_signed: u64,
}

/// Paging of the open contests.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContestPageQuery {
    /// Contests after this number (a page's `next`).
    pub after: Option<u64>,
    /// Page size, 1 to `CONTEST_PAGE_MAX` (500); 50 when absent.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// An open contest.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ContestView {
    /// Its number.
    pub number: u64,
    /// The entry contested.
    pub entry: u64,
    /// The kind of the act contested.
    pub act_kind: String,
    /// The party whose act it is, which must answer.
    pub party: String,
    /// The movement the act is about, if any.
    pub mrn: Option<String>,
    /// Who contested: a party's identifier, or `carrier:` and the carrier's.
    pub contester: String,
    /// The reason code.
    pub reason: String,
    /// When it was opened (ms).
    pub opened_at_ms: u64,
    /// Until when it may be answered in time (ms).
    pub answer_by_ms: u64,
    /// How long it has waited, to the log's time (ms).
    pub waited_ms: u64,
    /// The answer (`rejected` is the only one a contest stays open with), if any.
    pub answer: Option<String>,
    /// Whether it passed its deadline unanswered.
    pub overdue: bool,
    /// The entry that referred it to the joint commission, if referred.
    pub referred_entry: Option<u64>,
    /// The parties' votes: `party:decision`.
    pub votes: Vec<String>,
}

/// A page of open contests.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ContestPage {
    /// The contests, in number order.
    pub contests: Vec<ContestView>,
    /// The `after` of the next page, if there is one.
    pub next: Option<u64>,
}

/// One figure of a daily report.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct FigureView {
    /// The post, or none for the corridor as a whole.
    pub post: Option<String>,
    /// The figure (`arrivals`, `departures`, `inspections`, ...).
    pub figure: String,
    /// Its detail: the route's index for arrivals, lane × 3 + outcome for inspections.
    pub detail: u16,
    /// Its value.
    pub value: u64,
}

/// A day's report.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ReportView {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// The day as days since 1970-01-01: what a `sign_report` statement carries.
    pub day_number: u32,
    /// `open` (the day is not over), `to_sign` (over, not yet signed), `signed`, or
    /// `forgotten` (past the 62 days the core keeps figures for, never signed).
    pub status: String,
    /// The entry that signed it, once signed.
    pub signed_entry: Option<u64>,
    /// Every figure that is not zero, in the core's order: what a signature must list.
    pub figures: Vec<FigureView>,
}

fn figure_view(line: &FigureLine) -> FigureView {
    FigureView {
        post: line.post.map(|post| post.to_string()),
        figure: line.figure.as_str().to_owned(),
        detail: line.detail,
        value: line.value,
    }
}

fn day_text(day: u32) -> String {
    Timestamp::start_of_day(day).to_string()[..10].to_owned()
}

#[utoipa::path(
    get,
    path = "/v1/mission",
    tag = "monitoring",
    responses(
        (status = 200, description = "The mission's mandate, the open automatic incidents and the latest signed reports.", body = MissionView),
        (status = 404, description = "No charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn mission(AxumState(state): AxumState<AppState>) -> Result<Json<MissionView>, ApiError> {
    state
        .shared
        .read_state(|core| {
            let mandate = core.mandate();
            let book = core.monitors();
            let party_id = |party: usize| core.charter().parties[party].id.to_string();
            let post_id = |post| core.corridor().post(post).id.to_string();
            let totals = book.totals();
            MissionView {
                party: core.charter().mission().map(party_id),
                mandate_starts_ms: mandate.starts.map(|time| time.0),
                mandate_ends_ms: mandate.ends.map(|time| time.0),
                mandate_ended: mandate.ends.is_some_and(|ends| core.time() >= ends),
                time_ms: core.time().0,
                mandate_votes: book
                    .mandate_votes()
                    .iter()
                    .map(|(party, ends)| MandateVoteView {
                        party: party_id(*party),
                        ends_ms: ends.map(|time| time.0),
                    })
                    .collect(),
                open_contests: book.contests().count() as u64,
                open_automatic_incidents: book.automatic_incidents().count() as u64,
                automatic_incidents: book
                    .automatic_incidents()
                    .rev()
                    .take(MISSION_INCIDENTS_MAX)
                    .map(|incident| {
                        let (cause, contest, mrn, post) = match incident.cause {
                            AutomaticCause::ContestUnanswered { contest } => {
                                ("contest_unanswered", Some(contest), None, None)
                            }
                            AutomaticCause::LongHold { mrn, post } => {
                                ("long_hold", None, Some(mrn.to_string()), Some(post_id(post)))
                            }
                        };
                        AutomaticIncidentView {
                            number: incident.number,
                            cause: cause.to_owned(),
                            contest,
                            mrn,
                            post,
                            opened_at_ms: incident.opened_at.0,
                        }
                    })
                    .collect(),
                signed_reports: book
                    .signed_reports()
                    .take(MISSION_REPORTS_MAX)
                    .map(|(day, entry)| SignedReportView { day: day_text(day), entry })
                    .collect(),
                totals: MonitoringTotalsView {
                    observations: totals.observations,
                    dissents: totals.dissents,
                    contests_opened: totals.contests_opened,
                    contests_answered: totals.contests_answered,
                    contests_overdue: totals.contests_overdue,
                    contests_decided: totals.contests_decided,
                    automatic_incidents: totals.automatic_incidents,
                    reports_signed: totals.reports_signed,
                },
            }
        })
        .ok_or_else(no_charter)
        .map(Json)
}

#[utoipa::path(
    get,
    path = "/v1/contests",
    tag = "monitoring",
    params(ContestPageQuery),
    responses(
        (status = 200, description = "A page of the open contests, with how long each has waited.", body = ContestPage),
        (status = 400, description = "A bad cursor or limit (`bad_query`, `bad_limit`).", body = ErrorBody),
        (status = 404, description = "No charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn contests(
    AxumState(state): AxumState<AppState>,
    Query(page): Query<ContestPageQuery>,
) -> Result<Json<ContestPage>, ApiError> {
    let limit = PAGING.limit(page.limit)? as usize;
    let after = page.after.map_or(Bound::Unbounded, Bound::Excluded);
    state
        .shared
        .read_state(|core| {
            let party_id = |party: usize| core.charter().parties[party].id.to_string();
            let now = core.time();
            let mut lines = core.monitors().contests_after(after);
            let contests: Vec<ContestView> = lines
                .by_ref()
                .take(limit)
                .map(|contest| ContestView {
                    number: contest.number,
                    entry: contest.entry,
                    act_kind: contest.act.kind.as_str().to_owned(),
                    party: party_id(contest.act.party),
                    mrn: contest.act.mrn.map(|mrn| mrn.to_string()),
                    contester: match contest.contester {
                        Contester::Party(party) => party_id(party),
                        Contester::Carrier(carrier) => format!("carrier:{carrier}"),
                    },
                    reason: contest.reason.to_string(),
                    opened_at_ms: contest.opened_at.0,
                    answer_by_ms: contest.answer_by.0,
                    waited_ms: now.0.saturating_sub(contest.opened_at.0),
                    answer: contest.answer.map(|(answer, _, _)| answer.as_str().to_owned()),
                    overdue: contest.overdue,
                    referred_entry: contest.referred_entry,
                    votes: contest
                        .votes
                        .iter()
                        .map(|(party, decision)| format!("{}:{decision}", party_id(*party)))
                        .collect(),
                })
                .collect();
            let next = match lines.next() {
                Some(_) => contests.last().map(|contest| contest.number),
                None => None,
            };
            ContestPage { contests, next }
        })
        .ok_or_else(no_charter)
        .map(Json)
}

/// Most observations in one page: 500 of at most about 800 bytes of JSON (a 500-byte
/// summary and the place), some 400 KB.
pub const OBSERVATION_PAGE_MAX: u32 = 500;
const OBSERVATION_PAGING: Paging = Paging { default: 50, max: OBSERVATION_PAGE_MAX };

/// Paging of the observations, newest first.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ObservationPageQuery {
    /// Observations of entries before this one (a page's `next`); the newest when absent.
    pub before: Option<u64>,
    /// Page size, 1 to `OBSERVATION_PAGE_MAX` (500); 50 when absent.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// A monitor's observation: its public fields. The details and attachments are payloads
/// behind the entry's commitments, for the readers the regime names
/// (`GET /v1/entries/{index}/payloads`).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ObservationView {
    /// The `observe` entry.
    pub entry: u64,
    /// When it was sequenced (ms).
    pub observed_at_ms: u64,
    /// The post it was made at, or the post its segment starts at.
    pub post: String,
    /// The post the segment ends at, for an observation on a segment.
    pub segment_to: Option<String>,
    /// Metres from `post` along the segment, for an observation on a segment.
    pub position_m: Option<u64>,
    /// The public category.
    pub category: String,
    /// The monitor's public summary.
    pub summary: String,
    /// How many attachments (photographs, documents) it committed to.
    pub attachments: u32,
}

/// A page of observations, newest first.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ObservationPage {
    /// The observations, newest first.
    pub observations: Vec<ObservationView>,
    /// The `before` of the next (older) page, if there is one.
    pub next: Option<u64>,
}

#[utoipa::path(
    get,
    path = "/v1/observations",
    tag = "monitoring",
    params(ObservationPageQuery),
    responses(
        (status = 200, description = "A page of the monitors' observations, newest first.", body = ObservationPage),
        (status = 400, description = "A bad cursor or limit (`invalid_query`, `bad_limit`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn observations(
    AxumState(state): AxumState<AppState>,
    Query(page): Query<ObservationPageQuery>,
) -> Result<Json<ObservationPage>, ApiError> {
    let limit = OBSERVATION_PAGING.limit(page.limit)?;
    let found = state
        .store
        .observations(passage_store::ObservationQuery { before: page.before, limit })
        .await?;
    let observations = found
        .items
        .into_iter()
        .map(|row| ObservationView {
            entry: row.entry_index,
            observed_at_ms: u64::try_from(row.observed_at_ms).unwrap_or_default(),
            post: row.post,
            segment_to: row.segment_to,
            position_m: row.position_m.and_then(|metres| u64::try_from(metres).ok()),
            category: row.category,
            summary: row.summary,
            attachments: row.attachments,
        })
        .collect();
    Ok(Json(ObservationPage { observations, next: found.next }))
}

/// What the state says of a day, before a signed one is read from its entry.
enum DayState {
    Signed(u64),
    Kept { status: &'static str, figures: Vec<FigureLine> },
}

#[utoipa::path(
    get,
    path = "/v1/reports/{day}",
    tag = "monitoring",
    params(("day" = String, Path, description = "The day, `YYYY-MM-DD` (UTC).")),
    responses(
        (status = 200, description = "The day's figures: the core's while it keeps them, the signed ones once signed.", body = ReportView),
        (status = 400, description = "Not a day (`bad_day`).", body = ErrorBody),
        (status = 404, description = "No charter yet (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn report(
    AxumState(state): AxumState<AppState>,
    Path(text): Path<String>,
) -> Result<Json<ReportView>, ApiError> {
    report_view(&state, &text).await.map(|(view, _)| Json(view))
}

/// The language of a daily report's page or PDF.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportLanguageQuery {
    /// `hy`, `az`, `ru` or `en`; English when absent.
    pub language: Option<String>,
}

/// The Content-Security-Policy of a report's page: nothing but its own inline style sheet,
/// allowed by its hash; no script, no outside resource.
fn report_page_policy() -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash = sha2::Sha256::digest(passage_document::html::STYLE.as_bytes());
    format!(
        "default-src 'none'; style-src 'sha256-{}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        base64::engine::general_purpose::STANDARD.encode(hash)
    )
}

/// The report of `text` in the query's language, as a document.
async fn report_document(
    state: &AppState,
    text: &str,
    query: &ReportLanguageQuery,
) -> Result<passage_document::Document, ApiError> {
    let language = match query.language.as_deref() {
        None => passage_i18n::Language::English,
        Some(code) => passage_i18n::Language::from_code(code)
            .map_err(|e| ApiError::bad("bad_language", e.to_string()))?,
    };
    let (view, routes) = report_view(state, text).await?;
    crate::daily_report::document(&view, &routes, language)
        .map_err(|e| ApiError::Internal(format!("the daily report's texts: {e}")))
}

#[utoipa::path(
    get,
    path = "/v1/reports/{day}/page",
    tag = "monitoring",
    params(("day" = String, Path, description = "The day, `YYYY-MM-DD` (UTC)."), ReportLanguageQuery),
    responses(
        (status = 200, description = "The day's report as a web page in the language asked for: the same figures as `/v1/reports/{day}`.", content_type = "text/html"),
        (status = 400, description = "Not a day (`bad_day`), or a language the node has no texts in (`bad_language`).", body = ErrorBody),
        (status = 404, description = "No charter yet (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn report_page(
    AxumState(state): AxumState<AppState>,
    Path(text): Path<String>,
    Query(query): Query<ReportLanguageQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::http::header;
    use axum::response::IntoResponse as _;
    let document = report_document(&state, &text, &query).await?;
    let page = crate::daily_report::page(&document)
        .map_err(|e| ApiError::Internal(format!("the daily report's texts: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
            (header::CONTENT_SECURITY_POLICY, report_page_policy()),
        ],
        page,
    )
        .into_response())
}

#[utoipa::path(
    get,
    path = "/v1/reports/{day}/pdf",
    tag = "monitoring",
    params(("day" = String, Path, description = "The day, `YYYY-MM-DD` (UTC)."), ReportLanguageQuery),
    responses(
        (status = 200, description = "The day's report as a PDF in the language asked for: the same figures as `/v1/reports/{day}`.", content_type = "application/pdf"),
        (status = 400, description = "Not a day (`bad_day`), or a language the node has no texts in (`bad_language`).", body = ErrorBody),
        (status = 404, description = "No charter yet (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn report_pdf(
    AxumState(state): AxumState<AppState>,
    Path(text): Path<String>,
    Query(query): Query<ReportLanguageQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::http::header;
    use axum::response::IntoResponse as _;
    let document = report_document(&state, &text, &query).await?;
    let language = document.language.code();
    // Laying out a few pages and embedding the font takes milliseconds: off the runtime's
    // threads all the same, as every CPU-bound answer is.
    let bytes = tokio::task::spawn_blocking(move || passage_document::pdf::pdf(&document))
        .await
        .map_err(|e| ApiError::Internal(format!("the PDF task: {e}")))?
        .map_err(|e| ApiError::Internal(format!("the daily report's PDF: {e}")))?;
    // Shown in the browser; a reader saves it under this name (letters, digits and dashes
    // of the day as asked, whichever form of a day's start it was written in).
    let day: String = text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let name = format!("inline; filename=\"report-{day}.{language}.pdf\"");
    Ok((
        [(header::CONTENT_TYPE, "application/pdf".to_owned()), (header::CONTENT_DISPOSITION, name)],
        bytes,
    )
        .into_response())
}

/// The report of the day `text` names, with the corridor's routes (which an arrival's
/// detail indexes).
async fn report_view(state: &AppState, text: &str) -> Result<(ReportView, Vec<String>), ApiError> {
    let day = Timestamp::parse_utc(text)
        .filter(|time| time.0 % passage_core::statement::DAY_MS == 0)
        .map(Timestamp::day)
        .ok_or_else(|| ApiError::bad("bad_day", format!("`{text}` is not a day (YYYY-MM-DD)")))?;
    let (known, routes) = state
        .shared
        .read_state(|core| {
            let routes: Vec<String> =
                core.corridor().routes.iter().map(|route| route.id.to_string()).collect();
            if let Some(entry) = core.monitors().signed_report(day) {
                return (DayState::Signed(entry), routes);
            }
            let end = Timestamp::start_of_day(day).plus_ms(passage_core::statement::DAY_MS);
            let kept_until = end.plus_ms(passage_core::monitoring::DAY_FIGURES_KEPT_MS);
            let status = if core.time() < end {
                "open"
            } else if core.time() < kept_until {
                "to_sign"
            } else {
                "forgotten"
            };
            (DayState::Kept { status, figures: core.report_lines(day) }, routes)
        })
        .ok_or_else(no_charter)?;
    let (status, signed_entry, figures) = match known {
        DayState::Kept { status, figures } => (status, None, figures),
        DayState::Signed(entry) => {
            let stored = state.store.entry(entry).await?.ok_or_else(|| {
                ApiError::Internal(format!("signed report entry {entry} missing"))
            })?;
            let figures = passage_core::Entry::decode(&stored.bytes)
                .ok()
                .and_then(|decoded| decoded.statement.decode_statement().ok())
                .and_then(|recorded| match recorded.statement {
                    Statement::SignReport { figures, .. } => Some(figures),
                    _ => None,
                })
                .ok_or_else(|| {
                    ApiError::Internal(format!("entry {entry} is not the signed report"))
                })?;
            ("signed", Some(entry), figures)
        }
    };
    let view = ReportView {
        day: day_text(day),
        day_number: day,
        status: status.to_owned(),
        signed_entry,
        figures: figures.iter().map(figure_view).collect(),
    };
    Ok((view, routes))
}
