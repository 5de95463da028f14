//! Guarantees: `GET /v1/guarantees/{guarantee}` (a guarantee's reference amount, what is
//! engaged and called, what remains, and the movements that engage it, a page at a time)
//! and `GET /v1/enquiries` (the open enquiries), read from the core's state: the live
//! engagements and enquiries it keeps, never a walk of the history.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::{Path, Query};
use super::governance::no_charter;
use super::paging::Paging;
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_core::{Ident, Mrn};
use serde::{Deserialize, Serialize};
use std::ops::Bound;
use utoipa::{IntoParams, ToSchema};

/// Most engagements or enquiries in one page: 500 lines of about 60 bytes of JSON each,
/// some 30 KB, as the other lists' pages.
pub const GUARANTEE_PAGE_MAX: u32 = 500;
const PAGING: Paging = Paging { default: 50, max: GUARANTEE_PAGE_MAX };

/// The routes of guarantees.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/guarantees/{guarantee}", get(guarantee))
        .route("/v1/enquiries", get(enquiries))
}

/// Paging of a guarantee's engagements or of the enquiries.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GuaranteePage {
    /// Lines after this MRN (a page's `next`).
    #[param(pattern = "^[0-9]{2}[A-Z]{2}[0-9A-Z]{14}$")]
    pub after: Option<String>,
    /// Page size (1 to 500; 50 when absent).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// One movement's engagement.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct EngagementView {
    /// The movement.
    pub mrn: String,
    /// The amount engaged, in minor units.
    pub amount_minor: i64,
}

/// A guarantee as its holder and guarantor see it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct GuaranteeView {
    /// Its reference.
    pub guarantee: String,
    /// The guarantor that issued it.
    pub guarantor: String,
    /// The holder (a carrier).
    pub holder: String,
    /// `comprehensive` or `individual`.
    pub cover: String,
    /// Currency.
    pub currency: String,
    /// The reference amount, in minor units.
    pub reference_amount_minor: i64,
    /// What live movements engage, in minor units.
    pub engaged_minor: i64,
    /// What recoveries called, in minor units.
    pub called_minor: i64,
    /// What remains to engage, in minor units.
    pub remaining_minor: i64,
    /// How many movements engage it.
    pub engagement_count: u64,
    /// A page of them, in MRN order.
    pub engagements: Vec<EngagementView>,
    /// The `after` of the next page, if there is one.
    pub next: Option<String>,
}

/// An open enquiry.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct EnquiryView {
    /// The movement.
    pub mrn: String,
    /// The entry that opened it.
    pub opened_entry: u64,
    /// Until when it may be answered (ms).
    pub answer_by_ms: u64,
    /// The entry of the answer, once given.
    pub answered_entry: Option<u64>,
}

/// A page of open enquiries.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct EnquiryPage {
    /// The enquiries, in MRN order.
    pub enquiries: Vec<EnquiryView>,
    /// The `after` of the next page, if there is one.
    pub next: Option<String>,
}

fn after_mrn(after: Option<&str>) -> Result<Bound<Mrn>, ApiError> {
    match after {
        None => Ok(Bound::Unbounded),
        Some(text) => Mrn::parse(text).map(Bound::Excluded).map_err(|error| {
            ApiError::bad("bad_cursor", format!("`after` is an MRN from a page's `next`: {error}"))
        }),
    }
}

#[utoipa::path(
    get,
    path = "/v1/guarantees/{guarantee}",
    tag = "guarantees",
    params(("guarantee" = String, Path, description = "The guarantee's reference: 1 to 32 letters, digits and `-_.:/`.", pattern = "^[A-Za-z0-9._:/-]{1,32}$"), GuaranteePage),
    responses(
        (status = 200, description = "The guarantee, with a page of the movements that engage it.", body = GuaranteeView),
        (status = 400, description = "A bad reference, cursor or limit (`bad_guarantee`, `bad_cursor`, `bad_limit`).", body = ErrorBody),
        (status = 404, description = "No such guarantee, or no charter yet (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn guarantee(
    AxumState(state): AxumState<AppState>,
    Path(reference): Path<String>,
    Query(page): Query<GuaranteePage>,
) -> Result<Json<GuaranteeView>, ApiError> {
    let id = Ident::parse(&reference).map_err(|error| {
        ApiError::bad(
            "bad_guarantee",
            format!("`{reference}` is not a guarantee reference: {error}"),
        )
    })?;
    let limit = PAGING.limit(page.limit)? as usize;
    let after = after_mrn(page.after.as_deref())?;
    state
        .shared
        .read_state(|core| {
            let guarantee = core
                .guarantees()
                .guarantee(&id)
                .ok_or_else(|| ApiError::NotFound(format!("no guarantee {id} was issued")))?;
            let mut lines = guarantee.engagements.range((after, Bound::Unbounded));
            let engagements: Vec<EngagementView> = lines
                .by_ref()
                .take(limit)
                .map(|(mrn, amount)| EngagementView {
                    mrn: mrn.to_string(),
                    amount_minor: amount.0,
                })
                .collect();
            let next = match lines.next() {
                Some(_) => engagements.last().map(|line| line.mrn.clone()),
                None => None,
            };
            Ok(GuaranteeView {
                guarantee: guarantee.id.to_string(),
                guarantor: guarantee.guarantor.to_string(),
                holder: guarantee.holder.to_string(),
                cover: guarantee.cover.as_str().to_owned(),
                currency: guarantee.currency.to_string(),
                reference_amount_minor: guarantee.reference_amount.0,
                engaged_minor: guarantee.engaged.0,
                called_minor: guarantee.called.0,
                remaining_minor: guarantee.remaining().0,
                engagement_count: guarantee.engagements.len() as u64,
                engagements,
                next,
            })
        })
        .ok_or_else(no_charter)?
        .map(Json)
}

#[utoipa::path(
    get,
    path = "/v1/enquiries",
    tag = "guarantees",
    params(GuaranteePage),
    responses(
        (status = 200, description = "A page of the open enquiries into overdue movements.", body = EnquiryPage),
        (status = 400, description = "A bad cursor or limit (`bad_cursor`, `bad_limit`).", body = ErrorBody),
        (status = 404, description = "No charter yet (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn enquiries(
    AxumState(state): AxumState<AppState>,
    Query(page): Query<GuaranteePage>,
) -> Result<Json<EnquiryPage>, ApiError> {
    let limit = PAGING.limit(page.limit)? as usize;
    let after = after_mrn(page.after.as_deref())?;
    state
        .shared
        .read_state(|core| {
            let mut lines = core.guarantees().enquiries_after(after);
            let enquiries: Vec<EnquiryView> = lines
                .by_ref()
                .take(limit)
                .map(|(mrn, enquiry)| EnquiryView {
                    mrn: mrn.to_string(),
                    opened_entry: enquiry.opened_entry,
                    answer_by_ms: enquiry.answer_by.0,
                    answered_entry: enquiry.answer.map(|(entry, _)| entry),
                })
                .collect();
            let next = match lines.next() {
                Some(_) => enquiries.last().map(|line| line.mrn.clone()),
                None => None,
            };
            EnquiryPage { enquiries, next }
        })
        .ok_or_else(no_charter)
        .map(Json)
}
