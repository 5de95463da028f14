//! How the command writes the domain's values for a person, in the chosen language: money
//! and counts as that language writes numbers, a movement's status, a lane, a seal's
//! condition, an inspection's outcome, an incident's kind, a traffic class; and the width a
//! text takes on a terminal, by which columns line up.
//!
//! The node's answers name these values by their codes (`at_post`, `green`, `seal_broken`);
//! each code is read back into the core's type, so every value the core knows has its
//! words here (the `match`es are exhaustive), and a code this command does not know (from a
//! newer node) is shown as it came.

use crate::language::{language, tr};
use passage_core::charter::PartyKind;
use passage_core::regime::Lane;
use passage_core::statement::{
    IncidentKind, InspectionOutcome, OfficerRole, SealCondition, TrafficClass,
};
use passage_core::{Currency, MovementStatus};
use passage_i18n::number;

/// Money as every command's text shows it: major units, written as the chosen language
/// writes figures, and the currency (`30,900.00 AMD`, `30 900,00 AMD`).
pub fn money(amount_minor: i64, currency: &str) -> String {
    match Currency::parse(currency) {
        Ok(parsed) => {
            let digits = u32::from(parsed.minor_digits());
            format!("{} {parsed}", number::format_scaled(amount_minor.into(), digits, language()))
        }
        Err(_) => tr!(
            "cli-money-minor-units",
            amount = number::format_scaled(amount_minor.into(), 0, language()),
            currency = currency
        ),
    }
}

/// A count or a mass, grouped as the chosen language groups thousands.
pub fn count(value: u64) -> String {
    number::format_scaled(value.into(), 0, language())
}

/// The columns a text takes on a terminal: one per character, whatever its bytes (an
/// Armenian or Cyrillic letter is two bytes and one column). Rust's `{:<width$}` pads by
/// characters too, so widths from here line columns up.
pub fn width(text: &str) -> usize {
    text.chars().count()
}

/// The widest of `texts`, in columns.
pub fn widest<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts.into_iter().map(width).max().unwrap_or(0)
}

/// A movement's status, from the code the node's API names it by (`at_post`).
pub fn status_code(code: &str) -> String {
    MovementStatus::ALL
        .into_iter()
        .find(|status| passage_audit::compare::status_name(*status) == code)
        .map_or_else(|| code.to_owned(), status)
}

/// A movement's status in words.
pub fn status(status: MovementStatus) -> String {
    match status {
        MovementStatus::Declared => tr!("cli-status-declared"),
        MovementStatus::Accepted => tr!("cli-status-accepted"),
        MovementStatus::AtPost => tr!("cli-status-at-post"),
        MovementStatus::InTransit => tr!("cli-status-in-transit"),
        MovementStatus::AtDestination => tr!("cli-status-at-destination"),
        MovementStatus::Discharged => tr!("cli-status-discharged"),
        MovementStatus::Cancelled => tr!("cli-status-cancelled"),
        MovementStatus::Refused => tr!("cli-status-refused"),
        MovementStatus::Returned => tr!("cli-status-returned"),
        MovementStatus::Seized => tr!("cli-status-seized"),
        MovementStatus::Recovered => tr!("cli-status-recovered"),
    }
}

/// A unit's lane at a post, from its code; `pending` while the parties' draw is awaited.
pub fn lane_code(code: &str) -> String {
    if code == "pending" {
        return tr!("cli-lane-pending");
    }
    [Lane::Green, Lane::Yellow, Lane::Red]
        .into_iter()
        .find(|lane| lane.as_str() == code)
        .map_or_else(|| code.to_owned(), lane)
}

/// A lane in words.
pub fn lane(lane: Lane) -> String {
    match lane {
        Lane::Green => tr!("cli-lane-green"),
        Lane::Yellow => tr!("cli-lane-yellow"),
        Lane::Red => tr!("cli-lane-red"),
    }
}

/// What a seal check found, from its code.
pub fn seal_code(code: &str) -> String {
    match SealCondition::parse(code) {
        Some(SealCondition::Intact) => tr!("cli-seal-intact"),
        Some(SealCondition::Broken) => tr!("cli-seal-broken"),
        Some(SealCondition::Mismatch) => tr!("cli-seal-mismatch"),
        None => code.to_owned(),
    }
}

/// An inspection's outcome, from its code (the words of the mission's report).
pub fn outcome_code(code: &str) -> String {
    match InspectionOutcome::parse(code) {
        Some(InspectionOutcome::Conform) => tr!("mission-outcome-conform"),
        Some(InspectionOutcome::MinorDiscrepancy) => tr!("mission-outcome-minor"),
        Some(InspectionOutcome::MajorDiscrepancy) => tr!("mission-outcome-major"),
        None => code.to_owned(),
    }
}

/// An incident's kind, from its code.
pub fn incident_code(code: &str) -> String {
    IncidentKind::parse(code).map_or_else(|| code.to_owned(), incident)
}

/// An incident's kind in words.
pub fn incident(kind: IncidentKind) -> String {
    match kind {
        IncidentKind::Deviation => tr!("cli-incident-deviation"),
        IncidentKind::SealBroken => tr!("cli-incident-seal-broken"),
        IncidentKind::Transshipment => tr!("cli-incident-transshipment"),
        IncidentKind::Accident => tr!("cli-incident-accident"),
        IncidentKind::ImminentDanger => tr!("cli-incident-imminent-danger"),
        IncidentKind::Other => tr!("cli-incident-other"),
        IncidentKind::Overdue => tr!("cli-incident-overdue"),
    }
}

/// A traffic class, from its code (the post terminal's words).
pub fn traffic_class_code(code: &str) -> String {
    match TrafficClass::parse(code) {
        Some(TrafficClass::CargoRail) => tr!("terminal-class-cargo-rail"),
        Some(TrafficClass::CargoRoad) => tr!("terminal-class-cargo-road"),
        Some(TrafficClass::Passengers) => tr!("terminal-class-passengers"),
        None => code.to_owned(),
    }
}

/// What kind of party a charter names.
pub fn party_kind(kind: PartyKind) -> String {
    match kind {
        PartyKind::HostState => tr!("cli-party-host-state"),
        PartyKind::TransitingState => tr!("cli-party-transiting-state"),
        PartyKind::MonitoringMission => tr!("cli-party-monitoring-mission"),
        PartyKind::Other => tr!("cli-party-other"),
    }
}

/// An officer's role (the post terminal's words).
pub fn role(role: OfficerRole) -> String {
    match role {
        OfficerRole::Customs => tr!("terminal-role-customs"),
        OfficerRole::BorderGuard => tr!("terminal-role-border-guard"),
        OfficerRole::Monitor => tr!("terminal-role-monitor"),
    }
}

/// A list of names, or the word for none.
pub fn names(names: &[String]) -> String {
    if names.is_empty() { tr!("cli-none") } else { names.join(", ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_in_major_units_with_its_currency() {
        // Unit tests choose no language: English.
        assert_eq!(money(3_090_000, "AMD"), "30,900.00 AMD");
        assert_eq!(money(-150, "AZN"), "-1.50 AZN");
        assert_eq!(money(0, "AMD"), "0.00 AMD");
        assert_eq!(money(1234, "XYZ"), "1,234 XYZ (minor units)");
    }

    #[test]
    fn codes_are_told_in_words_and_unknown_ones_as_they_came() {
        assert_eq!(status_code("at_post"), "at a post");
        assert_eq!(status_code("discharged"), "discharged");
        assert_eq!(status_code("teleported"), "teleported");
        assert_eq!(lane_code("red"), "red");
        assert_eq!(lane_code("pending"), "pending");
        assert_eq!(seal_code("mismatch"), "mismatch");
        assert_eq!(incident_code("seal_broken"), "seals broken");
        assert_eq!(traffic_class_code("cargo_road"), "goods by road");
        assert_eq!(outcome_code("conform"), "goods conform");
    }

    #[test]
    fn widths_count_characters_not_bytes() {
        assert_eq!(width("перевозка"), 9);
        assert_eq!(width("փոխադրում"), 9);
        assert_eq!(width("İnsident"), 8);
        assert_eq!(widest(["a", "ընդունված", "bc"]), 9);
        assert_eq!(format!("{:<11}|", "ընդունված"), "ընդունված  |");
    }
}
