//! The domain core: corridor, charter, regime, statements, movements, fees and ledger,
//! as a deterministic state machine. Pure: no IO, no clock.
