//! The node's OpenAPI 3.1 document, generated from the handlers' and bodies' annotations
//! and served at `GET /v1/openapi.json` ([`crate::api::operations`]). A copy is committed
//! as `crates/node/openapi.json`; a test fails when the code's document differs from it
//! (regenerate with `UPDATE_OPENAPI=1 cargo test -p passage-node --test node openapi`).

use crate::api::{
    accounts, errors, governance, guarantees, incidents, log, monitoring, movements, operations,
    payloads, statements, statistics,
};
use crate::{confidential, projection};
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};

/// The document's root: every route of [`crate::api::app`], its bodies and its errors.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Passage node API",
        description = "Signed statements in; entries with proofs, movements, accounts, \
                       statistics, incidents and the log (c2sp.org/tlog-tiles) out. \
                       Confidential payloads are read with signed requests \
                       (see docs/API.md). Every error answers with an `ErrorBody`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    paths(
        statements::submit,
        statements::submit_batch,
        log::entry,
        log::receipt,
        payloads::entry_payloads,
        movements::search_movements,
        movements::movement,
        movements::movement_statuses,
        payloads::movement_payloads,
        accounts::balances,
        accounts::statement_of_account,
        governance::corridor,
        governance::regime,
        governance::regime_proposals,
        governance::policy,
        governance::key,
        statistics::statistics,
        statistics::statistics_per_period,
        incidents::incidents,
        guarantees::guarantee,
        guarantees::enquiries,
        monitoring::mission,
        monitoring::contests,
        monitoring::observations,
        monitoring::report,
        monitoring::report_page,
        monitoring::report_pdf,
        operations::openapi,
        operations::health,
        operations::ready,
        log::checkpoint,
        log::tile,
    ),
    components(schemas(
        errors::ErrorBody,
        confidential::AttachedPayload,
        confidential::RevealedPayload,
        projection::MovementView,
        projection::VisitView,
        projection::UnitView,
        projection::IncidentView,
        // Named by the `order` query parameter of `GET /v1/movements`.
        movements::MovementSearchOrder,
    )),
    modifiers(&RequestSignatures),
    tags(
        (name = "statements", description = "Submit signed statements."),
        (name = "log", description = "Entries, proofs, checkpoints and tiles."),
        (name = "confidential", description = "Payloads behind commitments, for the roles the regime names; signed requests."),
        (name = "movements", description = "Movements and their history."),
        (name = "accounts", description = "Balances and statements of account."),
        (name = "rules", description = "The corridor and the regime in force."),
        (name = "statistics", description = "Figures derived from the log."),
        (name = "incidents", description = "Open and closed incidents."),
        (name = "guarantees", description = "Guarantees, what movements engage of them, and open enquiries."),
        (name = "monitoring", description = "The mission's mandate, open contests, automatic incidents and daily reports."),
        (name = "operations", description = "Health, readiness and this document."),
    )
)]
pub struct ApiDoc;

/// Names the request-signature headers as a security scheme (the signature itself is
/// described in docs/API.md: OpenAPI has no scheme for signed requests).
struct RequestSignatures;

impl utoipa::Modify for RequestSignatures {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "request_signature",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                confidential::HEADER_SIGNATURE,
                "Ed25519 signature over the request, with the headers passage-key, \
                 passage-timestamp and passage-nonce; see docs/API.md.",
            ))),
        );
    }
}

/// The document as the node serves it.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The document, pretty-printed with a final newline: the committed file's form.
pub fn document_json() -> String {
    let mut text = document().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}
