//! The corridor and regime files shipped with Passage, compiled in, so the node's demo,
//! the simulator and the tests start from the same data. Each is also a file under
//! `crates/core/corridors/`, to read and to copy for another corridor.

/// The default corridor: Horadiz - Aghband - Meghri/Agarak - Ordubad - Julfa - Nakhchivan.
pub const SYUNIK_CORRIDOR: &str = include_str!("../corridors/syunik.toml");
/// Cargo, monitored, risk-based selection: host-state customs decide, monitors attest.
pub const SYUNIK_REGIME_MONITORED: &str = include_str!("../corridors/syunik-regime-monitored.toml");
/// No checks: unrestricted passage, still recorded.
pub const SYUNIK_REGIME_NO_CHECKS: &str = include_str!("../corridors/syunik-regime-no-checks.toml");
/// Joint checks by customs and monitors.
pub const SYUNIK_REGIME_JOINT: &str = include_str!("../corridors/syunik-regime-joint.toml");
/// Checks by the host state's border guards only.
pub const SYUNIK_REGIME_BORDER_GUARDS: &str =
    include_str!("../corridors/syunik-regime-border-guards.toml");
/// A second, example corridor across Georgia.
pub const GEORGIA_CORRIDOR: &str = include_str!("../corridors/georgia-example.toml");
/// The example corridor's regime.
pub const GEORGIA_REGIME: &str = include_str!("../corridors/georgia-example-regime.toml");

/// A charter document from its three parts: the header (`[charter]`, `[[parties]]`,
/// `[[witnesses]]`, `[quorum]`), a corridor file and a regime file. The parts keep their
/// own tables, so joining them is concatenation; `Charter::from_toml` checks the result.
pub fn charter_document(header: &str, corridor: &str, regime: &str) -> String {
    let mut document = String::with_capacity(header.len() + corridor.len() + regime.len() + 2);
    for part in [header, corridor, regime] {
        document.push_str(part);
        if !part.ends_with('\n') {
            document.push('\n');
        }
    }
    document
}
