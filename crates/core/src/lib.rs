//! The domain core: corridor, charter, regime, statements, movements, fees and ledger,
//! as a deterministic state machine. Pure: no IO, no clock.
//!
//! Every other part of Passage drives this crate. The node decodes and verifies a signed
//! statement, then calls [`State::apply`] with the entry's index, time and selection seed;
//! the auditor and the simulator replay entries the same way. The statement encoding is
//! the log's wire format: `ENCODING.md` documents it byte for byte.
//!
//! ```text
//! entry 0: Statement::Charter --State::genesis--> State
//! entry n: (ApplyContext, signer, Statement) --State::apply--> Ok(events) | Err(Refusal)
//! ```

pub mod charter;
pub mod corridor;
pub mod digest;
pub mod encoding;
mod fast_map;
pub mod ids;
pub mod ledger;
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
pub use outcome::{Event, Refusal};
pub use regime::{Lane, Regime};
pub use signed::{Entry, SignedStatement};
pub use state::{ApplyContext, State};
pub use statement::{Commitment, PublicKey, Statement, Timestamp};
