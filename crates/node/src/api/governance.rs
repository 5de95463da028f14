//! Governance: the corridor and the regime in force (`GET /v1/corridor`, `GET /v1/regime`),
//! the regime proposals with their status and approvals (`GET /v1/regimes/proposals`) and
//! what the log's enrolments give a key (`GET /v1/keys/{key}`), read from the core's state.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::{Path, Query};
use super::paging::Paging;
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_core::state::Holder;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The routes of governance.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/corridor", get(corridor))
        .route("/v1/regime", get(regime))
        .route("/v1/regimes/proposals", get(regime_proposals))
        .route(POLICY_PATH, get(policy))
        .route("/v1/keys/{key}", get(key))
}

/// Where the node serves the trust policy its charter implies.
pub const POLICY_PATH: &str = "/.well-known/passage-policy";

/// `GET /.well-known/passage-policy`: the trust policy (c2sp.org/tlog-policy) the charter
/// implies for this log, as `passage policy` prints it and `passage audit` and
/// `passage receipt verify` read it: the log's key, every witness the charter names (with
/// the URL this node reaches it at, when configured), one group per party that runs
/// witnesses, and the charter's quorum. An auditor compares it with the policy it was
/// given by the parties; it is not a reason to trust the node.
#[utoipa::path(
    get,
    path = "/.well-known/passage-policy",
    tag = "rules",
    responses(
        (status = 200, description = "The trust policy the charter implies (text, c2sp.org/tlog-policy).", body = String, content_type = "text/plain"),
        (status = 404, description = "The log holds no charter yet, or the node was not given its log key (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn policy(
    AxumState(state): AxumState<AppState>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse as _;
    let identity = state
        .identity
        .clone()
        .ok_or_else(|| ApiError::NotFound("this node was not given its log's key".into()))?;
    let text = state
        .shared
        .read_state(|core| {
            crate::publisher::charter_policy_text(
                core.charter(),
                &identity.log_key,
                &identity.witness_urls,
            )
        })
        .ok_or_else(no_charter)?
        .map_err(|error| ApiError::Internal(format!("the charter's policy: {error}")))?;
    Ok(([(axum::http::header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
}

/// The answer of a read of the core's state before entry 0 (404 `not_found`).
pub(crate) fn no_charter() -> ApiError {
    ApiError::NotFound("the log holds no charter yet".into())
}

/// What the log's enrolments give a key: who holds it, for which party, in which role and
/// at which posts. Enrolments are public statements, so this is public too; the post
/// terminal shows it to the key's holder before they sign anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KeyResponse {
    /// The key, 64 hex digits.
    pub key: String,
    /// `authority`, `officer`, `carrier` or `guarantor`.
    pub holder: String,
    /// The party: the authority's or officer's own, or the one that registered the carrier
    /// or enrolled the guarantor.
    pub party: String,
    /// The officer's role (`customs`, `border_guard`, `monitor`), for an officer.
    pub role: Option<String>,
    /// The posts an officer acts at, in the corridor's order.
    pub posts: Vec<String>,
    /// The carrier or guarantor, by identifier, for their keys.
    pub name: Option<String>,
    /// The entry that enrolled the key (0 for the charter's authority keys).
    pub since_entry: u64,
    /// The entry that revoked it, if revoked: it signs nothing from there on.
    pub revoked_at_entry: Option<u64>,
}

#[utoipa::path(
    get,
    path = "/v1/keys/{key}",
    tag = "rules",
    params(("key" = String, Path, description = "An Ed25519 public key, 64 hex digits.")),
    responses(
        (status = 200, description = "Who holds the key and what it may sign for.", body = KeyResponse),
        (status = 400, description = "Not 64 hex digits (`bad_key`).", body = ErrorBody),
        (status = 404, description = "No enrolment names the key, or the log holds no charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn key(
    AxumState(state): AxumState<AppState>,
    Path(text): Path<String>,
) -> Result<Json<KeyResponse>, ApiError> {
    let bytes = hex::decode(&text)
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| ApiError::bad("bad_key", "a key is 64 hexadecimal digits"))?;
    let key = passage_core::PublicKey(bytes);
    state
        .shared
        .read_state(|core| {
            let record = core.key(&key)?;
            let party = |index: usize| core.charter().parties[index].id.to_string();
            let (holder, party, role, posts, name) = match &record.holder {
                Holder::Authority { party: index } => {
                    ("authority", party(*index), None, vec![], None)
                }
                Holder::Officer { party: index, role, posts } => (
                    "officer",
                    party(*index),
                    Some(role.as_str().to_owned()),
                    posts.iter().map(|&post| core.corridor().post(post).id.to_string()).collect(),
                    None,
                ),
                Holder::Carrier { carrier } => {
                    let carrier = &core.carriers()[*carrier];
                    ("carrier", party(carrier.party), None, vec![], Some(carrier.id.to_string()))
                }
                Holder::Guarantor { guarantor } => {
                    let guarantor = &core.guarantees().guarantors()[*guarantor];
                    let id = Some(guarantor.id.to_string());
                    ("guarantor", party(guarantor.party), None, vec![], id)
                }
            };
            Some(KeyResponse {
                key: hex::encode(key.0),
                holder: holder.to_owned(),
                party,
                role,
                posts,
                name,
                since_entry: record.since_entry,
                revoked_at_entry: record.revoked_at_entry,
            })
        })
        .ok_or_else(no_charter)?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no enrolment names the key {text}")))
}

/// The corridor in force.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct CorridorResponse {
    /// Name.
    pub name: String,
    /// Posts: identifier, name, operating party.
    pub posts: Vec<PostView>,
    /// Routes: identifier and posts in order.
    pub routes: Vec<RouteView>,
}

/// A post.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PostView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Operating party.
    pub authority: String,
}

/// A route.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct RouteView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Post identifiers in order.
    pub posts: Vec<String>,
}

#[utoipa::path(
    get,
    path = "/v1/corridor",
    tag = "rules",
    responses(
        (status = 200, description = "The corridor in force.", body = CorridorResponse),
        (status = 404, description = "The log holds no charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn corridor(
    AxumState(state): AxumState<AppState>,
) -> Result<Json<CorridorResponse>, ApiError> {
    state
        .shared
        .read_state(|core| {
            let corridor = core.corridor();
            CorridorResponse {
                name: corridor.name.clone(),
                posts: corridor
                    .posts
                    .iter()
                    .map(|post| PostView {
                        id: post.id.to_string(),
                        name: post.name.clone(),
                        authority: post.authority.to_string(),
                    })
                    .collect(),
                routes: corridor
                    .routes
                    .iter()
                    .map(|route| RouteView {
                        id: route.id.to_string(),
                        name: route.name.clone(),
                        posts: route
                            .posts
                            .iter()
                            .map(|&post| corridor.post(post).id.to_string())
                            .collect(),
                    })
                    .collect(),
            }
        })
        .map(Json)
        .ok_or_else(no_charter)
}

/// The regime in force.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct RegimeResponse {
    /// Name.
    pub name: String,
    /// The entry that put it in force.
    pub since_entry: u64,
    /// Traffic classes allowed.
    pub traffic_classes: Vec<String>,
    /// Posts where the regime controls movements.
    pub controlled_posts: Vec<String>,
}

#[utoipa::path(
    get,
    path = "/v1/regime",
    tag = "rules",
    responses(
        (status = 200, description = "The regime in force.", body = RegimeResponse),
        (status = 404, description = "The log holds no charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn regime(AxumState(state): AxumState<AppState>) -> Result<Json<RegimeResponse>, ApiError> {
    state
        .shared
        .read_state(|core| {
            let regime = core.regime();
            RegimeResponse {
                name: regime.name.clone(),
                since_entry: core.regime_entry(),
                traffic_classes: regime.traffic_classes.iter().map(ToString::to_string).collect(),
                controlled_posts: regime
                    .controlled_posts
                    .iter()
                    .map(|&post| core.corridor().post(post).id.to_string())
                    .collect(),
            }
        })
        .map(Json)
        .ok_or_else(no_charter)
}

/// Most regime proposals on one page of `GET /v1/regimes/proposals`. Each proposal is an
/// entry signed by an authority, so a corridor has a handful a year; a page of 100 holds
/// decades of them.
pub const PROPOSALS_PAGE_MAX: u32 = 100;
/// Page size of `GET /v1/regimes/proposals` when the request names none.
pub const PROPOSALS_PAGE_DEFAULT: u32 = 20;
/// The page sizes of `GET /v1/regimes/proposals`.
const PROPOSALS_PAGING: Paging =
    Paging { default: PROPOSALS_PAGE_DEFAULT, max: PROPOSALS_PAGE_MAX };

/// Filters and page of `GET /v1/regimes/proposals`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalSearch {
    /// `pending`, `adopted` or `in_force`.
    pub status: Option<String>,
    /// The `next` cursor of the previous page: proposals after this entry.
    pub after: Option<u64>,
    /// Page size, 1 to `PROPOSALS_PAGE_MAX` (100); 20 by default.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// One regime proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProposalItem {
    /// The proposal's entry.
    pub entry: u64,
    /// The regime's name.
    pub name: String,
    /// When it takes effect once adopted (ms since 1970): the later of the time proposed
    /// and the adopting approval's time once adopted; 0 for "on adoption" while pending.
    pub effective_from_ms: u64,
    /// SHA-256 of the regime document's text, 64 hex digits (`passage regime show ENTRY`
    /// prints the document).
    pub document_sha256: String,
    /// Parties that approved, in order (the proposer's party first).
    pub approvals: Vec<String>,
    /// `pending` (waiting for approvals), `adopted` (approved by the quorum, not yet in
    /// force) or `in_force` (in force, or was until a later regime).
    pub status: String,
    /// Whether it is the regime in force now.
    pub current: bool,
}

/// A page of regime proposals.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalPage {
    /// Proposals in entry order.
    pub proposals: Vec<ProposalItem>,
    /// Cursor for the next page (`after=`), if there is one.
    pub next: Option<u64>,
}

fn proposal_status_code(status: passage_core::state::ProposalStatus) -> &'static str {
    use passage_core::state::ProposalStatus;
    match status {
        ProposalStatus::Pending => "pending",
        ProposalStatus::Adopted => "adopted",
        ProposalStatus::InForce => "in_force",
    }
}

#[utoipa::path(
    get,
    path = "/v1/regimes/proposals",
    tag = "rules",
    params(ProposalSearch),
    responses(
        (status = 200, description = "A page of regime proposals, pending, adopted and in force, in entry order.", body = ProposalPage),
        (status = 400, description = "A bad status or limit (`bad_status`, `bad_limit`, `invalid_query`).", body = ErrorBody),
        (status = 404, description = "The log holds no charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn regime_proposals(
    AxumState(state): AxumState<AppState>,
    Query(search): Query<ProposalSearch>,
) -> Result<Json<ProposalPage>, ApiError> {
    if let Some(status) = &search.status
        && !["pending", "adopted", "in_force"].contains(&status.as_str())
    {
        return Err(ApiError::bad(
            "bad_status",
            format!("status is `pending`, `adopted` or `in_force`, not `{status}`"),
        ));
    }
    let limit = PROPOSALS_PAGING.limit(search.limit)? as usize;
    state
        .shared
        .read_state(|core| {
            let parties = &core.charter().parties;
            let mut proposals: Vec<ProposalItem> = core
                .proposals()
                .filter(|proposal| search.after.is_none_or(|after| proposal.entry > after))
                .filter(|proposal| {
                    let code = proposal_status_code(proposal.status);
                    search.status.as_deref().is_none_or(|status| status == code)
                })
                .take(limit + 1)
                .map(|proposal| ProposalItem {
                    entry: proposal.entry,
                    name: proposal.regime.name.clone(),
                    effective_from_ms: proposal.effective_from.0,
                    document_sha256: hex::encode(proposal.document_hash),
                    approvals: proposal
                        .approvals
                        .iter()
                        .map(|&party| parties[party].id.to_string())
                        .collect(),
                    status: proposal_status_code(proposal.status).to_owned(),
                    current: proposal.status == passage_core::state::ProposalStatus::InForce
                        && proposal.entry == core.regime_entry(),
                })
                .collect();
            let next = (proposals.len() > limit).then(|| {
                proposals.truncate(limit);
                proposals.last().map(|proposal| proposal.entry)
            });
            ProposalPage { proposals, next: next.flatten() }
        })
        .map(Json)
        .ok_or_else(no_charter)
}
