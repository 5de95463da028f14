//! The domain core: corridor, charter, regime, statements, movements, fees and ledger,
//! as a deterministic state machine. Pure: no IO, no clock.
//!
//! Every other part of Passage drives this crate. The node decodes and verifies a signed
//! statement, then folds it into the state with the entry's index, time and the root of the
//! tree before it ([`fold`]); recovery, followers, the auditor and the tests replay entries
//! through the same fold. The statement encoding is the log's wire format: `ENCODING.md`
//! documents it byte for byte, and how the entries fold.
//!
//! ```text
//! entry 0: Statement::Charter --State::genesis--> State
//! entry n: (ApplyContext, signer, Recorded) --State::apply--> Ok(events) | Err(Refusal)
//! both:    (Option<State>, index, entry, root before) --fold::apply_entry--> the one of the two that applies
//! ```
//!
//! Invariants the tests hold: a refused statement changes nothing; replaying the same
//! entries gives the same [`State::digest`]; the ledger sums to zero; no departure from a
//! controlled post without release; no discharge with an open incident; selection lanes
//! are a pure function of public data ([`selection::lane_on_arrival`]).
//!
//! With the `testing` feature, a `Scenario` builds a signed charter from the shipped
//! corridor and regime files, enrols officers and registers carriers:
//!
//! ```
//! # #[cfg(feature = "testing")] {
//! use passage_core::testing::{self, Scenario};
//! use passage_core::{Event, statement::Statement};
//!
//! let mut scenario = Scenario::syunik();
//! let truck = testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 18_000);
//! let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
//! // A monitor may not release: the refusal says why, and changes nothing.
//! let post = testing::ident("AM-MEGHRI-E");
//! let refusal = scenario.submit("monitor@AM-MEGHRI-E", Statement::Release { mrn, post });
//! assert_eq!(refusal.map_err(|refusal| refusal.code()), Err("role_not_allowed"));
//! let events = scenario.complete(mrn);
//! assert!(events.iter().any(|event| matches!(event, Event::Discharged { .. })));
//! // Anyone holding the log reaches the same state.
//! assert_eq!(scenario.replay().digest(), scenario.state.digest());
//! # }
//! ```

pub mod charter;
pub mod corridor;
pub mod corridors;
pub mod digest;
pub mod draw;
pub mod encoding;
mod fast_map;
pub mod fold;
pub mod guarantee;
pub mod ids;
pub mod ledger;
pub mod monitoring;
pub mod movement;
pub mod outcome;
pub mod regime;
pub mod selection;
pub mod signed;
pub mod state;
pub mod statement;
#[cfg(feature = "testing")]
pub mod testing;

pub use charter::Charter;
pub use corridor::{Corridor, DocumentError};
pub use encoding::DecodeError;
pub use ids::{AmountMinor, ContainerNumber, CountryCode, Currency, HsCode, IdError, Ident, Mrn};
pub use ledger::{Account, Ledger};
pub use movement::{Movement, MovementStatus};
pub use outcome::{Event, Refusal, RefusalClass};
pub use regime::{Lane, Regime};
pub use signed::{Entry, SignedStatement, SignerKey, verify_signatures};
pub use state::{ApplyContext, MOVEMENT_BLOCK, State};
pub use statement::{Commitment, PublicKey, Statement, Timestamp};
