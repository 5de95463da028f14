//! The domain core in the loop: every act of the corridor model becomes the statements the
//! core takes, applied to a `passage_core::State` with the virtual time as the entry's time
//! and a selection seed from the replication's own stream, so the simulated regime is the
//! regime's rules and not a stand-in.
//!
//! The mapping, act by act (signers are the officers the regime allows for each act at the
//! post, as the core's `testing::Scenario` enrols them; signatures are skipped, since the
//! core never verifies them itself):
//!
//! - `Declared`: a declaration by the carrier (a truck with a sealed trailer, or a train of
//!   flat wagons each carrying a sealed forty-foot container) and its acceptance.
//! - `Arrived`: an arrival; at a controlled post the core gives every unit its lane.
//! - `Checked`: a seal check per sealed unit (broken on a finding); a documents inspection
//!   of each yellow unit (document checks); a physical inspection of each red unit not yet
//!   examined, or of every unit not green for a check made on all (scans and openings),
//!   with the outcome the model drew.
//! - `Released`, `Departed`: release at a controlled post, departure unless at destination.
//! - `Held`: a hold and an incident report.
//! - `FeeAssessed`: overdue incidents closed on arrival, then the discharge. The fee is the
//!   core's, assessed from the regime's tariff at release or discharge; each fee is paid at
//!   once (a payment statement), so carriers' balances return to zero.
//!
//! Contests, as the scenario's `[contests]` section draws them (each from its own stream,
//! so the draws of one kind do not shift the others'): the carrier of a unit still held
//! some hours after its hold contests the hold; the transiting state's authority contests
//! some physical inspections of red-lane units as they are made. The act's party (its
//! authority) answers each, in time or late, upholding or rejecting it; a rejected contest
//! may go to the joint commission, where every party's authority votes the same decision
//! until the charter's quorum decides it. What falls due after the last act of the run is
//! not applied. The core checks each of these acts (contestable, the regime's reason
//! codes, the answering party, the quorum) and opens the automatic incidents itself.
//!
//! Selection is the core's: a check whose scenario selection is not `all` applies exactly
//! when the lanes call for it (see [`CoreLoop::select`]). A refusal by the core, or a broken
//! invariant (ledger not summing to zero, a unit leaving a controlled post with a control
//! missing), is a simulator bug: the run stops and names the seed and replication.

use std::sync::OnceLock;

use passage_core::charter::PartyKind;
use passage_core::corridors::{
    SYUNIK_CORRIDOR, SYUNIK_REGIME_BORDER_GUARDS, SYUNIK_REGIME_JOINT, SYUNIK_REGIME_MONITORED,
    SYUNIK_REGIME_NO_CHECKS,
};
use passage_core::draw::{DrawProofs, VrfSecretKey};
use passage_core::ledger::Account;
use passage_core::monitoring::MonitoringEvent;
use passage_core::movement::{Movement, MovementStatus, Visit};
use passage_core::regime::{Act as CoreAct, Checks};
use passage_core::statement::{
    ContestAnswer, ContestDecision, HoldReason, IncidentKind, InspectionKind, InspectionOutcome,
    OfficerRole, Recorded, SealCondition, Statement, StatementKind, TrafficClass,
};
use passage_core::statement::{DOCUMENT_BYTES_MAX, EquipmentId};
use passage_core::testing::{self, ScenarioConfig};
use passage_core::{
    AmountMinor, ApplyContext, Commitment, Corridor, Event, Ident, Lane, Mrn, PublicKey, Refusal,
    Regime, State, Timestamp,
};

use crate::Time;
use crate::corridor::{self, Act, CorridorReport, Detail, Observer, Outcome, Refused};
use crate::declarations::{DeclarationTemplate, numbered_ident};
use crate::random::{Stream, Streams};
use crate::scenario::{CheckKind, Contests, Mode, Scenario, Selection, TICKS_PER_MINUTE};

/// The scanner-first regime, which the core does not ship: every unit red, the scan clears.
pub const SCANNER_FIRST_REGIME: &str =
    include_str!("../../../scenarios/regimes/scanner-first.toml");

/// The core regimes a scenario may name in `[regime] core`, by key.
pub const CORE_REGIMES: [(&str, &str); 5] = [
    ("monitored", SYUNIK_REGIME_MONITORED),
    ("joint", SYUNIK_REGIME_JOINT),
    ("border-guards", SYUNIK_REGIME_BORDER_GUARDS),
    ("no-checks", SYUNIK_REGIME_NO_CHECKS),
    ("scanner-first", SCANNER_FIRST_REGIME),
];

/// The core's corridor has the supervised transit westbound only; the simulation's traffic
/// runs both ways, so it adds the eastbound routes (same posts, reverse order).
const EASTBOUND_ROUTES: &str = r#"
# Added by the simulator: the supervised transit eastbound.
[[routes]]
id = "AM-TRANSIT-RAIL-EB"
name = "Agarak to Meghri by rail"
mode = "rail"
posts = ["AM-AGARAK-X", "AM-MEGHRI-E"]

[[routes]]
id = "AM-TRANSIT-ROAD-EB"
name = "Agarak to Meghri by road"
mode = "road"
posts = ["AM-AGARAK-X", "AM-MEGHRI-E"]
"#;

/// The Syunik corridor with routes both ways.
pub fn corridor_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| format!("{SYUNIK_CORRIDOR}\n{EASTBOUND_ROUTES}"))
}

/// Why a scenario cannot run with the core.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CoreSetupError {
    /// The scenario names no core regime.
    #[error("the scenario names no core regime: add `core = \"monitored\"` (or {keys}) to [regime]", keys = regime_keys())]
    NoRegime,
    /// The scenario names a regime the simulator does not know.
    #[error("unknown core regime `{0}`; known: {keys}", keys = regime_keys())]
    UnknownRegime(String),
    /// The scenario names a regime file, which the caller must read and pass in.
    #[error(
        "the scenario's regime file `{0}` was not read: pass its text (CoreSetup::with_regime)"
    )]
    RegimeFileNotRead(String),
    /// The regime document is not a valid regime for the corridor and charter.
    #[error("regime {label}: {problem}")]
    InvalidRegime {
        /// Where the regime came from.
        label: String,
        /// What is wrong, as the core's regime parser says it.
        problem: String,
    },
    /// The core refused to put the regime in force.
    #[error("regime {label} could not be put in force: {problem}")]
    RegimeRefused {
        /// Where the regime came from.
        label: String,
        /// The core's refusal.
        problem: String,
    },
    /// A post has no core identifier, or one the corridor does not have.
    #[error("post `{post}`: {problem}")]
    Post {
        /// The scenario's post.
        post: String,
        /// What is wrong.
        problem: String,
    },
    /// No route of the corridor runs through a flow's posts in its mode.
    #[error("flow {flow} ({class}): no route of the corridor runs {mode:?} through {posts}")]
    NoRoute {
        /// Flow number, from 1.
        flow: usize,
        /// Its class.
        class: String,
        /// Its mode.
        mode: Mode,
        /// Its posts, by core identifier.
        posts: String,
    },
    /// A rail class carries no containers.
    #[error("class `{0}`: a train declares its containers; set containers_per_unit to 1 or more")]
    NoContainers(String),
    /// The regime can demand a control that the scenario has no check for at a post.
    #[error(
        "post `{post}` ({class} at its {stage} post): the regime can call for {control}, but no check there makes it; add a {needed} check"
    )]
    MissingCheck {
        /// The scenario's post.
        post: String,
        /// The class.
        class: String,
        /// Where on the route (`first`, `last`, `middle`).
        stage: &'static str,
        /// The control the lanes may demand.
        control: &'static str,
        /// The check kinds that would make it.
        needed: &'static str,
    },
    /// The scenario contests acts with a reason code the regime does not list.
    #[error(
        "contests.{field} is `{reason}`, which is not one of the contest reasons regime {regime} lists ({listed}); name one of them, or set the share to 0"
    )]
    UnknownContestReason {
        /// The scenario's field.
        field: &'static str,
        /// The code given.
        reason: String,
        /// The regime's name.
        regime: String,
        /// The codes it lists.
        listed: String,
    },
    /// The regime lets no enrolled officer record an act the simulation needs.
    #[error("the regime lets no officer at {post} {act}")]
    NoOfficer {
        /// The post.
        post: String,
        /// The act, described.
        act: &'static str,
    },
}

fn regime_keys() -> String {
    CORE_REGIMES.map(|(key, _)| key).join(", ")
}

/// The core's westbound transit routes and the eastbound ones the simulator adds.
const MIRRORED_ROUTES: [(&str, &str); 2] =
    [("AM-TRANSIT-RAIL", "AM-TRANSIT-RAIL-EB"), ("AM-TRANSIT-ROAD", "AM-TRANSIT-ROAD-EB")];

/// `text` with the time limits of each westbound transit route given to its eastbound
/// twin too, where the regime sets none of its own for it: a regime's time limits apply
/// in both directions.
fn with_eastbound_limits(text: &str, regime: &Regime, corridor: &Corridor) -> String {
    let mut text = text.to_string();
    for (west, east) in MIRRORED_ROUTES {
        let index = |id: &str| Ident::parse(id).ok().and_then(|id| corridor.route_index(&id));
        let (Some(west_index), Some(east_index)) = (index(west), index(east)) else {
            continue;
        };
        for (&(route, class), &limit_ms) in &regime.time_limits {
            if route != west_index || regime.time_limit_ms(east_index, class).is_some() {
                continue;
            }
            let hours = limit_ms / 3_600_000;
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!(
                "\n# Added by the simulator: {west}'s time limit applies eastbound too.\n\
                 [[time_limits]]\nroute = \"{east}\"\ntraffic_class = \"{class}\"\nhours = {hours}\n",
                class = class.as_str(),
            ));
        }
    }
    text
}

/// Proposes `document` as the regime in force from now, signed by the first party's
/// authority, and has every other party approve it until the charter's quorum adopts it.
fn put_in_force(state: &mut State, document: &str) -> Result<(), String> {
    let parties: Vec<Ident> = state.charter().parties.iter().map(|party| party.id).collect();
    let now = state.time();
    let apply = |state: &mut State, party: Ident, statement: Statement| {
        let recorded = Recorded::new(now, statement);
        let signer = testing::public_key_for(&format!("authority:{party}"));
        // The same size limits as a node's: the statement must have an encoding.
        let id = recorded.id(&signer).map_err(|error| error.to_string())?;
        let index = state.next_entry_index();
        let ctx = ApplyContext {
            entry_index: index,
            time: now,
            leaf_hash: testing::stand_in_leaf(index),
        };
        state.apply(&ctx, &id, &signer, &recorded).map_err(|refusal| refusal.to_string())
    };
    let proposer = *parties.first().ok_or("the charter has no parties")?;
    let proposal = state.next_entry_index();
    let statement =
        Statement::ProposeRegime { effective_from: now, document: document.to_string() };
    apply(state, proposer, statement)?;
    for &party in &parties[1..] {
        if state.regime_entry() == proposal {
            break;
        }
        apply(state, party, Statement::ApproveRegime { proposal_entry: proposal })?;
    }
    if state.regime_entry() == proposal {
        Ok(())
    } else {
        Err("every party approved, but the charter's quorum did not adopt it".to_string())
    }
}

/// Why the core stopped a run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    /// The core refused a statement.
    #[error("the core refused a {kind} statement (entry {entry}): {refusal}")]
    Refused {
        /// What kind of statement.
        kind: StatementKind,
        /// The entry index it was given.
        entry: u64,
        /// The core's reason (boxed: refusals are large and rare).
        refusal: Box<Refusal>,
    },
    /// A statement has no encoding (it breaks a size limit), so no node would take it.
    #[error("a {kind} statement has no encoding: {reason}")]
    Encode {
        /// What kind of statement.
        kind: StatementKind,
        /// Why.
        reason: String,
    },
    /// An invariant the adapter checks broke.
    #[error("invariant broken: {0}")]
    Invariant(String),
}

/// One flow as the core sees it.
#[derive(Clone, Debug)]
struct FlowSpec {
    route: Ident,
    class: TrafficClass,
    carrier: PublicKey,
    containers: u32,
    mass_kg: u64,
    accept: PublicKey,
    discharge: PublicKey,
    close_incident: PublicKey,
}

/// Acts recorded at a post, in the order of [`POST_ACTS`].
const POST_ACTS: [CoreAct; 7] = [
    CoreAct::Arrive,
    CoreAct::SealCheck,
    CoreAct::Inspect,
    CoreAct::Release,
    CoreAct::Hold,
    CoreAct::Depart,
    CoreAct::ReportIncident,
];

fn post_act_index(act: CoreAct) -> usize {
    POST_ACTS.iter().position(|a| *a == act).expect("a post act")
}

/// Everything a replication needs from the core, built once per scenario: the state after
/// the charter, enrolments and carrier registrations, and the signer of each act.
#[derive(Clone, Debug)]
pub struct CoreSetup {
    genesis: State,
    regime_key: String,
    posts: Vec<Ident>,
    /// Per scenario post, per act of [`POST_ACTS`]: the officer, if the regime allows one.
    officers: Vec<[Option<PublicKey>; 7]>,
    /// Per scenario post: the monitor who attests inspections and releases there, if the
    /// regime lets monitors attest.
    attesters: Vec<Option<PublicKey>>,
    payment: Option<PublicKey>,
    flows: Vec<FlowSpec>,
    /// Per post, per check: its kind, and whether it applies to every unit.
    checks: Vec<Vec<(CheckKind, bool)>>,
    findings: Commitment,
    /// A fault to inject, for testing the refusal path.
    fault: Option<Fault>,
    /// The simulated witnesses' VRF keys, of the parties whose charter entry names one,
    /// in charter order: they resolve every draw as soon as it is pending.
    vrf_keys: Vec<VrfSecretKey>,
    /// How the parties contest, from the scenario.
    contests: ContestPlan,
}

/// The scenario's `[contests]`, checked against the regime and the charter.
#[derive(Clone, Debug)]
struct ContestPlan {
    behaviour: Contests,
    /// The reason of a carrier's contest of a hold (none when no hold is contested).
    held_reason: Option<Ident>,
    /// The reason of a contest of a red-lane inspection (none when none is contested).
    red_lane_reason: Option<Ident>,
    /// How long after a hold its carrier contests it, in ms.
    hold_contested_after_ms: u64,
    /// Each party's authority, in charter order: it answers for its party's acts and votes
    /// in the joint commission.
    authorities: Vec<PublicKey>,
    /// The transiting state (index in the charter) and its authority, if the charter has one.
    transit: Option<(usize, PublicKey)>,
}

impl ContestPlan {
    fn new(contests: &Contests, state: &State) -> Result<ContestPlan, CoreSetupError> {
        let regime = state.regime();
        let reason = |field: &'static str, share: f64, code: &str| {
            if share <= 0.0 {
                return Ok(None);
            }
            let unknown = || CoreSetupError::UnknownContestReason {
                field,
                reason: code.to_string(),
                regime: regime.name.clone(),
                listed: regime
                    .contests
                    .reasons
                    .iter()
                    .map(Ident::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let ident = Ident::parse(code).map_err(|_| unknown())?;
            if regime.contests.reasons.contains(&ident) { Ok(Some(ident)) } else { Err(unknown()) }
        };
        let charter = state.charter();
        let authorities: Vec<PublicKey> = charter
            .parties
            .iter()
            .map(|party| testing::public_key_for(&format!("authority:{}", party.id)))
            .collect();
        let transit = charter
            .parties
            .iter()
            .position(|party| party.kind == PartyKind::TransitingState)
            .map(|party| (party, authorities[party]));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let hold_contested_after_ms =
            (contests.hold_contested_after_minutes * TICKS_PER_MINUTE).round() as u64;
        Ok(ContestPlan {
            held_reason: reason("held_reason", contests.held_share, &contests.held_reason)?,
            red_lane_reason: reason(
                "red_lane_reason",
                contests.red_lane_share,
                &contests.red_lane_reason,
            )?,
            behaviour: contests.clone(),
            hold_contested_after_ms,
            authorities,
            transit,
        })
    }
}

/// A deliberate simulator bug, to test that a refusal stops the run with its seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Skip every seal check, so releases at controlled posts are refused.
    SkipSealChecks,
}

/// A regime document given at run time: the text of a regime file the caller read.
#[derive(Clone, Copy, Debug)]
pub struct RegimeDocument<'a> {
    /// Where it came from (its path), for messages and reports.
    pub label: &'a str,
    /// The regime file's text (the format of the core's `corridors/*regime*.toml`).
    pub text: &'a str,
}

impl CoreSetup {
    /// Builds the core's state for the regime `scenario` names in `[regime] core` and maps
    /// posts, flows and signers.
    pub fn new(scenario: &Scenario) -> Result<CoreSetup, CoreSetupError> {
        if let Some(path) = &scenario.file.regime.file {
            return Err(CoreSetupError::RegimeFileNotRead(path.clone()));
        }
        let key = scenario.file.regime.core.as_deref().ok_or(CoreSetupError::NoRegime)?;
        let regime = CORE_REGIMES
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, text)| *text)
            .ok_or_else(|| CoreSetupError::UnknownRegime(key.to_string()))?;
        CoreSetup::build(scenario, key, regime, None)
    }

    /// As [`CoreSetup::new`], with the regime `document` (a file given at run time, which
    /// replaces the scenario's `[regime] core` or `file`). The charter starts under the
    /// core's monitored regime; the document is then proposed by the host state's
    /// authority and approved by every other party the charter's quorum needs, so it is
    /// in force through the core's own governance before the first unit is declared.
    pub fn with_regime(
        scenario: &Scenario,
        document: RegimeDocument<'_>,
    ) -> Result<CoreSetup, CoreSetupError> {
        CoreSetup::build(scenario, document.label, SYUNIK_REGIME_MONITORED, Some(document))
    }

    fn build(
        scenario: &Scenario,
        key: &str,
        genesis_regime: &'static str,
        document: Option<RegimeDocument<'_>>,
    ) -> Result<CoreSetup, CoreSetupError> {
        let config = ScenarioConfig {
            corridor: corridor_text(),
            regime: genesis_regime,
            ..ScenarioConfig::syunik_with_regime(genesis_regime)
        };
        let core = testing::Scenario::new(&config);
        let mut state = core.state;
        let text = document.map_or(genesis_regime, |document| document.text);
        let invalid =
            |problem: String| CoreSetupError::InvalidRegime { label: key.to_string(), problem };
        if text.len() > DOCUMENT_BYTES_MAX {
            return Err(invalid(format!(
                "the regime file has {} bytes; a regime statement may carry at most {DOCUMENT_BYTES_MAX}",
                text.len()
            )));
        }
        let parties: Vec<Ident> = state.charter().parties.iter().map(|party| party.id).collect();
        let regime = Regime::from_toml(text, state.corridor(), &parties)
            .map_err(|error| invalid(error.to_string()))?;
        let both_ways = with_eastbound_limits(text, &regime, state.corridor());
        if document.is_some() || both_ways != text {
            put_in_force(&mut state, &both_ways).map_err(|problem| {
                CoreSetupError::RegimeRefused { label: key.to_string(), problem }
            })?;
        }
        let corridor = state.corridor();
        let mut posts = Vec::new();
        for post in &scenario.file.posts {
            let problem = |problem: &str| CoreSetupError::Post {
                post: post.name.clone(),
                problem: problem.to_string(),
            };
            let id = post.id.as_deref().ok_or_else(|| {
                problem("needs `id`, the post's identifier in the core's corridor")
            })?;
            let ident = Ident::parse(id).map_err(|error| problem(&error.to_string()))?;
            if corridor.post_index(&ident).is_none() {
                return Err(problem(&format!("the corridor has no post `{id}`")));
            }
            posts.push(ident);
        }
        let regime = state.regime();
        let officer_at = |act: CoreAct, post: &Ident| -> Option<PublicKey> {
            let index = corridor.post_index(post)?;
            let operator = corridor.post(index).authority;
            let grant = regime.acts.get(&act)?.grants().iter().find(|grant| {
                grant.role == OfficerRole::Monitor
                    || grant.party.is_none_or(|party| party == operator)
            })?;
            Some(testing::public_key_for(&testing::officer_name(grant.role, post.as_str())))
        };
        let officers =
            posts.iter().map(|post| POST_ACTS.map(|act| officer_at(act, post))).collect();
        let payment =
            corridor.posts.iter().find_map(|post| officer_at(CoreAct::RecordPayment, &post.id));
        let mut flows = Vec::new();
        for (number, (flow, compiled)) in
            scenario.file.flows.iter().zip(&scenario.flows).enumerate()
        {
            let class = &scenario.file.classes[compiled.class];
            let route_posts: Vec<Ident> = compiled.route.iter().map(|&p| posts[p]).collect();
            let traffic_class = match class.mode {
                Mode::Rail => TrafficClass::CargoRail,
                Mode::Road => TrafficClass::CargoRoad,
            };
            let route = corridor
                .routes
                .iter()
                .find(|route| {
                    route.mode.carries(traffic_class)
                        && route.posts.len() == route_posts.len()
                        && route
                            .posts
                            .iter()
                            .zip(&route_posts)
                            .all(|(&index, id)| corridor.post(index).id == *id)
                })
                .ok_or_else(|| CoreSetupError::NoRoute {
                    flow: number + 1,
                    class: flow.class.clone(),
                    mode: class.mode,
                    posts: route_posts.iter().map(Ident::as_str).collect::<Vec<_>>().join(" - "),
                })?;
            if class.mode == Mode::Rail && class.containers_per_unit == 0 {
                return Err(CoreSetupError::NoContainers(class.name.clone()));
            }
            let carrier_name =
                if class.mode == Mode::Rail { "CASPIAN-RAIL" } else { "ARAZ-TRUCKS" };
            let itinerary = |act: CoreAct, description: &'static str, backward: bool| {
                let mut order: Vec<&Ident> = route_posts.iter().collect();
                if backward {
                    order.reverse();
                }
                order.iter().find_map(|post| officer_at(act, post)).ok_or_else(|| {
                    CoreSetupError::NoOfficer { post: route.id.to_string(), act: description }
                })
            };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let mass_kg = (class.tonnes_per_unit * 1000.0).round().max(1.0) as u64;
            flows.push(FlowSpec {
                route: route.id,
                class: traffic_class,
                carrier: testing::public_key_for(&format!("carrier:{carrier_name}")),
                containers: class.containers_per_unit,
                mass_kg,
                accept: itinerary(CoreAct::Accept, "accept a declaration", false)?,
                discharge: itinerary(CoreAct::Discharge, "discharge a movement", true)?,
                close_incident: itinerary(CoreAct::CloseIncident, "close an incident", true)?,
            });
        }
        check_controls(scenario, &state, &posts)?;
        let contests = ContestPlan::new(&scenario.file.contests, &state)?;
        let checks = scenario
            .file
            .posts
            .iter()
            .map(|post| {
                post.checks
                    .iter()
                    .map(|check| (check.kind, check.select == Selection::All))
                    .collect()
            })
            .collect();
        let monitors_attest = state.regime().allows_role(CoreAct::Attest, OfficerRole::Monitor);
        let attesters = posts
            .iter()
            .map(|post| {
                let monitor = testing::officer_name(OfficerRole::Monitor, post.as_str());
                monitors_attest.then(|| testing::public_key_for(&monitor))
            })
            .collect();
        Ok(CoreSetup {
            regime_key: key.to_string(),
            attesters,
            posts,
            officers,
            payment,
            flows,
            checks,
            findings: testing::test_commitment("findings recorded by the officer"),
            fault: None,
            vrf_keys: state
                .charter()
                .vrf_keys()
                .map(|(party, _)| testing::vrf_key_for(state.charter().parties[party].id.as_str()))
                .collect(),
            contests,
            genesis: state,
        })
    }

    /// The regime's name, as the core knows it.
    #[must_use]
    pub fn regime_name(&self) -> &str {
        &self.genesis.regime().name
    }

    /// The state every replication starts from: the charter, officers and carriers.
    #[must_use]
    pub fn genesis(&self) -> &State {
        &self.genesis
    }

    /// The key the scenario named the regime by.
    #[must_use]
    pub fn regime_key(&self) -> &str {
        &self.regime_key
    }

    /// The same setup with a deliberate bug, for tests of the refusal path.
    #[must_use]
    pub fn with_fault(mut self, fault: Fault) -> CoreSetup {
        self.fault = Some(fault);
        self
    }
}

/// Checks that wherever the regime controls a post, the scenario has a check for each
/// control its lanes can demand (seals, documents, a physical examination), for every class
/// and stage that meets the post: a missing one would stop every run with a refusal.
fn check_controls(
    scenario: &Scenario,
    state: &State,
    posts: &[Ident],
) -> Result<(), CoreSetupError> {
    use crate::scenario::Stage;
    let regime = state.regime();
    let corridor = state.corridor();
    let selection = &regime.selection;
    let can_be = |lane: Lane| {
        regime.checks == Checks::All && lane == Lane::Red
            || regime.checks == Checks::Selected
                && (selection.seal_failure_lane == lane
                    || selection.rules.iter().any(|rule| rule.lane == lane)
                    || (lane == Lane::Red && selection.random_red_ppm > 0)
                    || (lane == Lane::Yellow && selection.random_yellow_ppm > 0))
    };
    let seals = regime.checks != Checks::None;
    let (red, yellow) = (can_be(Lane::Red), can_be(Lane::Yellow));
    for compiled in &scenario.flows {
        let class = compiled.class;
        let last = compiled.route.len() - 1;
        for (leg, &post) in compiled.route.iter().enumerate() {
            let controlled =
                corridor.post_index(&posts[post]).is_some_and(|index| regime.is_controlled(index));
            if !controlled {
                continue;
            }
            let kinds: Vec<(CheckKind, bool)> = scenario.file.posts[post]
                .checks
                .iter()
                .zip(&scenario.posts[post].checks)
                .filter(|(check, compiled)| {
                    compiled.service[class].is_some()
                        && match check.at {
                            Stage::Any => true,
                            Stage::Entry => leg == 0,
                            Stage::Exit => leg == last,
                        }
                })
                .map(|(check, _)| (check.kind, check.select == Selection::All))
                .collect();
            let has = |wanted: &[CheckKind]| kinds.iter().any(|(kind, _)| wanted.contains(kind));
            let examines_all = kinds
                .iter()
                .any(|(kind, all)| *all && matches!(kind, CheckKind::Scan | CheckKind::Physical));
            let missing = if seals && !has(&[CheckKind::Seal]) {
                Some(("a seal check", "seal"))
            } else if red && !has(&[CheckKind::Scan, CheckKind::Physical]) {
                Some(("a physical examination (red lane)", "scan or physical"))
            } else if yellow && !has(&[CheckKind::Document]) && !examines_all {
                Some(("a documents check (yellow lane)", "document"))
            } else {
                None
            };
            if let Some((control, needed)) = missing {
                return Err(CoreSetupError::MissingCheck {
                    post: scenario.file.posts[post].name.clone(),
                    class: scenario.file.classes[class].name.clone(),
                    stage: if leg == 0 {
                        "first"
                    } else if leg == last {
                        "last"
                    } else {
                        "middle"
                    },
                    control,
                    needed,
                });
            }
        }
    }
    Ok(())
}

/// One simulated unit as the adapter tracks it.
#[derive(Clone, Copy, Debug)]
struct Track {
    mrn: Mrn,
    /// Its place in the core's list of movements, which only grows.
    movement: u32,
    flow: u32,
    /// An earlier check flagged it and no physical inspection cleared it since (as in the
    /// model).
    flagged: bool,
}

/// The observer that applies every act to the core.
pub struct CoreLoop<'s> {
    setup: &'s CoreSetup,
    /// The core's state.
    pub state: State,
    seeds: Stream,
    time: Timestamp,
    events: Vec<Event>,
    /// Each flow's declaration, rewritten for every unit.
    templates: Vec<DeclarationTemplate>,
    /// Scratch lists reused across acts: the seals found, the units a check examines.
    seals: Vec<Ident>,
    targets: Vec<EquipmentId>,
    units: Vec<Track>,
    payments: Vec<(Ident, AmountMinor)>,
    /// Statements applied during the run.
    pub statements: u64,
    /// Overdue incidents the core raised.
    pub overdue: u64,
    /// Inspections and releases a monitor attested.
    pub attestations: u64,
    payment_serial: u64,
    /// The contests' draws, one stream per decision.
    contest_streams: ContestStreams,
    /// What the parties do later (contest a hold, answer a contest), by time and order.
    pending: std::collections::BTreeMap<(Timestamp, u64), Pending>,
    pending_serial: u64,
}

/// The streams of the contests' draws: each opportunity takes the same number of draws
/// whatever the shares, so a changed share changes only what it governs.
struct ContestStreams {
    held: Stream,
    red_lane: Stream,
    answer: Stream,
}

/// An act of a party that falls due later.
#[derive(Clone, Copy, Debug)]
enum Pending {
    /// The carrier contests a hold, if it is still under way.
    ContestHold { mrn: Mrn, entry: u64, carrier: PublicKey },
    /// The act's party answers a contest; a rejected one may go to the joint commission.
    Answer { contest: u64, contester: PublicKey, course: ContestCourse },
}

/// How a contest runs, drawn when it opens.
#[derive(Clone, Copy, Debug)]
struct ContestCourse {
    upheld: bool,
    referred: bool,
    commission_upholds: bool,
}

impl<'s> CoreLoop<'s> {
    /// A fresh state for one replication; selection seeds come from the `core/selection`
    /// stream of `streams`.
    #[must_use]
    pub fn new(setup: &'s CoreSetup, streams: &Streams) -> CoreLoop<'s> {
        let state = setup.genesis.clone();
        CoreLoop {
            setup,
            time: state.time(),
            state,
            seeds: streams.stream("core/selection"),
            events: Vec::new(),
            templates: setup
                .flows
                .iter()
                .map(|flow| {
                    DeclarationTemplate::new(flow.route, flow.class, flow.containers, flow.mass_kg)
                })
                .collect(),
            seals: Vec::new(),
            targets: Vec::new(),
            units: Vec::new(),
            payments: Vec::new(),
            statements: 0,
            overdue: 0,
            attestations: 0,
            payment_serial: 0,
            contest_streams: ContestStreams {
                held: streams.stream("core/contests/held"),
                red_lane: streams.stream("core/contests/red-lane"),
                answer: streams.stream("core/contests/answer"),
            },
            pending: std::collections::BTreeMap::new(),
            pending_serial: 0,
        }
    }

    fn schedule(&mut self, at: Timestamp, pending: Pending) {
        self.pending_serial += 1;
        self.pending.insert((at, self.pending_serial), pending);
    }

    /// Applies what falls due up to `until`, each at its own time, in time order.
    fn run_pending(&mut self, until: Timestamp) -> Result<(), CoreError> {
        while let Some((&(at, serial), _)) = self.pending.first_key_value() {
            if at > until {
                break;
            }
            let pending = self.pending.remove(&(at, serial)).expect("the first key");
            self.time = at;
            match pending {
                Pending::ContestHold { mrn, entry, carrier } => {
                    let held = self
                        .state
                        .movement(&mrn)
                        .and_then(Movement::current_visit)
                        .is_some_and(|visit| visit.held.is_some());
                    let reason = self.setup.contests.held_reason.expect("drawn only with a reason");
                    if held {
                        self.contest(carrier, entry, reason)?;
                    }
                }
                Pending::Answer { contest, contester, course } => {
                    self.answer(contest, contester, course)?;
                }
            }
        }
        Ok(())
    }

    /// `contester` contests act `entry` if the core still keeps it as another party's act,
    /// and draws how the contest will run.
    fn contest(
        &mut self,
        contester: PublicKey,
        entry: u64,
        reason: Ident,
    ) -> Result<(), CoreError> {
        if self.state.monitors().contestable_act(entry).is_none() {
            return Ok(());
        }
        self.apply(contester, Statement::Contest { entry, reason })?;
        let Some((contest, answer_by)) = self.events.iter().find_map(|event| match event {
            Event::Monitoring(MonitoringEvent::Contested { contest, answer_by, .. }) => {
                Some((*contest, *answer_by))
            }
            _ => None,
        }) else {
            return Err(CoreError::Invariant("a contest opened no contest".into()));
        };
        let behaviour = &self.setup.contests.behaviour;
        let stream = &mut self.contest_streams.answer;
        let in_time = stream.unit() < behaviour.answered_in_time_share;
        let within = stream.unit();
        let course = ContestCourse {
            upheld: stream.unit() < behaviour.upheld_share,
            referred: stream.unit() < behaviour.referred_share,
            commission_upholds: stream.unit() < behaviour.commission_upholds_share,
        };
        // In time: at a uniform point before the deadline. Late: within as long again after
        // it (the core has opened the automatic incident by then, at the first entry past
        // the deadline).
        let span = answer_by.0.saturating_sub(self.time.0);
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let offset = (within * span as f64) as u64;
        let at = if in_time {
            self.time.plus_ms(offset.min(span.saturating_sub(1)))
        } else {
            answer_by.plus_ms(1 + offset)
        };
        self.schedule(at, Pending::Answer { contest, contester, course });
        Ok(())
    }

    /// The act's party answers open contest `number` through its authority; a rejected
    /// contest referred goes to the joint commission, whose parties all vote one decision.
    fn answer(
        &mut self,
        number: u64,
        contester: PublicKey,
        course: ContestCourse,
    ) -> Result<(), CoreError> {
        let Some(contest) = self.state.monitors().contest(number) else {
            return Ok(());
        };
        if contest.answer.is_some() {
            return Ok(());
        }
        let party = contest.act.party;
        let answer = if course.upheld { ContestAnswer::Upheld } else { ContestAnswer::Rejected };
        let signer = self.setup.contests.authorities[party];
        let reasons = self.setup.findings;
        self.apply(signer, Statement::AnswerContest { contest: number, answer, reasons })?;
        if course.upheld || !course.referred {
            return Ok(());
        }
        self.apply(contester, Statement::ReferContest { contest: number })?;
        let decision = if course.commission_upholds {
            ContestDecision::ContestUpheld
        } else {
            ContestDecision::ActStands
        };
        for voter in 0..self.setup.contests.authorities.len() {
            if self.state.monitors().contest(number).is_none() {
                break;
            }
            let signer = self.setup.contests.authorities[voter];
            self.apply(signer, Statement::DecideContest { contest: number, decision })?;
        }
        if self.state.monitors().contest(number).is_some() {
            return Err(CoreError::Invariant(format!(
                "every party voted {decision} on contest {number}, but the quorum did not decide it"
            )));
        }
        Ok(())
    }

    /// Applies one statement, appending its events; its leaf hash is a stand-in drawn from
    /// the `core/selection` stream (the simulator keeps no log).
    fn apply_one(&mut self, signer: PublicKey, recorded: &Recorded) -> Result<(), CoreError> {
        let mut leaf_hash = [0u8; 32];
        for chunk in leaf_hash.chunks_exact_mut(8) {
            chunk.copy_from_slice(&self.seeds.next_u64().to_be_bytes());
        }
        let entry = self.state.next_entry_index();
        let ctx = ApplyContext { entry_index: entry, time: self.time, leaf_hash };
        // The statement's id, as a node would compute it from the signed bytes: the core
        // refuses a statement already in the log, so two identical acts are one here too.
        let id = recorded.id(&signer).map_err(|error| CoreError::Encode {
            kind: recorded.statement.kind(),
            reason: error.to_string(),
        })?;
        if let Err(refusal) = self.state.apply_into(&ctx, &id, &signer, recorded, &mut self.events)
        {
            return Err(CoreError::Refused {
                kind: recorded.statement.kind(),
                entry,
                refusal: Box::new(refusal),
            });
        }
        self.statements += 1;
        Ok(())
    }

    fn apply(&mut self, signer: PublicKey, statement: Statement) -> Result<(), CoreError> {
        self.apply_recorded(signer, &Recorded::new(self.time, statement))
    }

    fn apply_recorded(&mut self, signer: PublicKey, recorded: &Recorded) -> Result<(), CoreError> {
        self.events.clear();
        self.apply_one(signer, recorded)?;
        // The simulated witnesses answer at once: a pending draw is resolved by the next
        // entry, with every party's VRF proof over the tree that ends with the arrival.
        let pending: Vec<(u64, [u8; 32])> = self
            .events
            .iter()
            .filter_map(|event| match event {
                Event::DrawPending { tree_size, .. } => {
                    self.state.draws_pending().get(tree_size).map(|draw| (*tree_size, draw.root))
                }
                _ => None,
            })
            .collect();
        if !pending.is_empty() {
            let draws = pending
                .into_iter()
                .map(|(size, root)| DrawProofs {
                    size,
                    root,
                    proofs: self.setup.vrf_keys.iter().map(|key| key.prove(size, &root)).collect(),
                })
                .collect();
            let draw = Recorded::new(self.time, Statement::Draw { draws });
            self.apply_one(testing::public_key_for(testing::SEQUENCER_KEY_NAME), &draw)?;
        }
        for event in &self.events {
            match event {
                Event::FeeAssessed { carrier, amount, .. } if amount.0 > 0 => {
                    self.payments.push((*carrier, *amount));
                }
                Event::IncidentOpened { kind: IncidentKind::Overdue, .. } => self.overdue += 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// Pays every fee assessed so far, and checks that the ledger still sums to zero.
    fn settle(&mut self) -> Result<(), CoreError> {
        if self.payments.is_empty() {
            return Ok(());
        }
        let signer = self.setup.payment.ok_or_else(|| {
            CoreError::Invariant("a fee was assessed but no officer may record payments".into())
        })?;
        let currency = self.state.regime().tariff.currency;
        while let Some((carrier, amount)) = self.payments.pop() {
            self.payment_serial += 1;
            let reference = numbered_ident(b"PAY-", self.payment_serial, b"");
            self.apply(signer, Statement::RecordPayment { carrier, amount, currency, reference })?;
        }
        let total = self.state.ledger().total(currency);
        if total != 0 {
            return Err(CoreError::Invariant(format!("the ledger sums to {total}, not zero")));
        }
        Ok(())
    }

    fn officer(&self, post: usize, act: CoreAct) -> Option<PublicKey> {
        self.setup.officers[post][post_act_index(act)]
    }

    fn required_officer(&self, post: usize, act: CoreAct) -> Result<PublicKey, CoreError> {
        self.officer(post, act).ok_or_else(|| {
            CoreError::Invariant(format!(
                "the regime lets no officer at {} {}",
                self.setup.posts[post],
                act.description()
            ))
        })
    }

    fn track(&self, unit: u64) -> Track {
        self.units[usize::try_from(unit).expect("unit serials fit in memory")]
    }

    /// The unit's movement, by its place in the core's list (no lookup by MRN).
    fn movement(&self, unit: u64) -> &Movement {
        &self.state.movements()[self.track(unit).movement as usize]
    }

    /// The movement's current visit, if it is at `post` and the post is controlled.
    fn controlled_visit(&self, unit: u64, post: usize) -> Option<&Visit> {
        let movement = self.movement(unit);
        let visit = movement.current_visit()?;
        let here = self.state.corridor().post(visit.post).id == self.setup.posts[post];
        (here && visit.controlled && visit.departed_at.is_none()).then_some(visit)
    }

    fn declare(&mut self, unit: u64, flow: usize) -> Result<(), CoreError> {
        let spec = &self.setup.flows[flow];
        let (carrier, accept) = (spec.carrier, spec.accept);
        // The template is rewritten in place; it leaves `self` while the core applies it.
        let mut templates = std::mem::take(&mut self.templates);
        let applied = self.apply_recorded(carrier, templates[flow].fill(unit, self.time));
        self.templates = templates;
        applied?;
        let mrn = match self.events.last() {
            Some(Event::Declared { mrn }) => *mrn,
            other => {
                return Err(CoreError::Invariant(format!(
                    "a declaration ends with its MRN, not {other:?}"
                )));
            }
        };
        let index = usize::try_from(unit).expect("unit serials fit in memory");
        assert_eq!(index, self.units.len(), "units are declared in serial order");
        let movement = self.state.movements().len() - 1;
        assert_eq!(self.state.movements()[movement].mrn, mrn, "a new movement comes last");
        #[allow(clippy::cast_possible_truncation)]
        self.units.push(Track {
            mrn,
            movement: movement as u32,
            flow: flow as u32,
            flagged: false,
        });
        self.apply(accept, Statement::Accept { mrn })
    }

    fn seal_check(&mut self, unit: u64, post: usize, outcome: Outcome) -> Result<(), CoreError> {
        if self.setup.fault == Some(Fault::SkipSealChecks) {
            return Ok(());
        }
        let Some(signer) = self.officer(post, CoreAct::SealCheck) else {
            // No one records seals here; a controlled post that needs them refuses the
            // release, which stops the run.
            return Ok(());
        };
        let mrn = self.track(unit).mrn;
        let post_id = self.setup.posts[post];
        let broken = outcome != Outcome::Clear;
        // One seal list, moved into each statement and back out, serves every check.
        let mut seals = std::mem::take(&mut self.seals);
        let mut number = 0;
        for index in 0..self.movement(unit).declaration.equipment.len() {
            let equipment = &self.movement(unit).declaration.equipment[index];
            if equipment.seals.is_empty() {
                continue;
            }
            seals.clear();
            seals.extend_from_slice(&equipment.seals);
            // A finding breaks the first sealed unit's seals; the others are intact.
            let condition =
                if broken && number == 0 { SealCondition::Broken } else { SealCondition::Intact };
            number += 1;
            let recorded = Recorded::new(
                self.time,
                Statement::SealCheck {
                    mrn,
                    post: post_id,
                    equipment: equipment.id,
                    condition,
                    seals_found: seals,
                },
            );
            let applied = self.apply_recorded(signer, &recorded);
            let Statement::SealCheck { seals_found, .. } = recorded.statement else {
                unreachable!("built as a seal check above")
            };
            seals = seals_found;
            applied?;
        }
        self.seals = seals;
        Ok(())
    }

    /// Units of the current visit that a check of `kind` examines.
    ///
    /// A check that applies to every unit examines every unit the lanes let it; one that
    /// applies by the lanes examines what they call for: yellow units for documents, red
    /// units for a scan or an opening.
    fn targets(&self, unit: u64, post: usize, check: usize, targets: &mut Vec<EquipmentId>) {
        targets.clear();
        let (kind, all) = self.setup.checks[post][check];
        let Some(visit) = self.controlled_visit(unit, post) else {
            return;
        };
        let movement = self.movement(unit);
        let id = |index: u16| movement.declaration.equipment[usize::from(index)].id;
        let examined = |unit: &passage_core::movement::UnitControl| {
            unit.inspection.is_some_and(|(kind, _)| kind == InspectionKind::Physical)
        };
        match kind {
            CheckKind::Seal => {}
            CheckKind::Document => targets.extend(
                visit
                    .units
                    .iter()
                    .filter(|u| u.lane == Lane::Yellow && u.inspection.is_none())
                    .map(|u| id(u.equipment_index)),
            ),
            CheckKind::Scan | CheckKind::Physical => {
                targets.extend(
                    visit
                        .units
                        .iter()
                        .filter(|u| {
                            (u.lane == Lane::Red || all && u.lane != Lane::Green) && !examined(u)
                        })
                        .map(|u| id(u.equipment_index)),
                );
                // A suspect unit already examined (or only yellow) is examined once more.
                if targets.is_empty() && self.track(unit).flagged {
                    targets.extend(
                        visit
                            .units
                            .iter()
                            .find(|u| u.lane != Lane::Green)
                            .map(|u| id(u.equipment_index)),
                    );
                }
            }
        }
    }

    fn inspect(
        &mut self,
        unit: u64,
        post: usize,
        check: usize,
        outcome: Outcome,
    ) -> Result<(), CoreError> {
        let (kind, _) = self.setup.checks[post][check];
        let mut targets = std::mem::take(&mut self.targets);
        self.targets(unit, post, check, &mut targets);
        let inspected = self.inspect_targets(unit, post, kind, outcome, &targets);
        self.targets = targets;
        inspected
    }

    fn inspect_targets(
        &mut self,
        unit: u64,
        post: usize,
        kind: CheckKind,
        outcome: Outcome,
        targets: &[EquipmentId],
    ) -> Result<(), CoreError> {
        if targets.is_empty() {
            return Ok(());
        }
        let signer = self.required_officer(post, CoreAct::Inspect)?;
        let mrn = self.track(unit).mrn;
        let inspection_kind = if kind == CheckKind::Document {
            InspectionKind::Documents
        } else {
            InspectionKind::Physical
        };
        for (number, &equipment) in targets.iter().enumerate() {
            let outcome = match outcome {
                _ if number > 0 => InspectionOutcome::Conform,
                Outcome::Clear => InspectionOutcome::Conform,
                Outcome::Flagged => InspectionOutcome::MinorDiscrepancy,
                Outcome::Found => InspectionOutcome::MajorDiscrepancy,
            };
            let entry = self.state.next_entry_index();
            self.apply(
                signer,
                Statement::Inspection {
                    mrn,
                    post: self.setup.posts[post],
                    equipment,
                    kind: inspection_kind,
                    outcome,
                    findings: self.setup.findings,
                },
            )?;
            self.attest_last(mrn, post)?;
            if inspection_kind == InspectionKind::Physical {
                self.maybe_contest_red_lane(unit, equipment, entry)?;
            }
        }
        Ok(())
    }

    /// The transiting state's authority contests a share of the physical inspections of
    /// red-lane units, as they are made (not its own party's).
    fn maybe_contest_red_lane(
        &mut self,
        unit: u64,
        equipment: EquipmentId,
        entry: u64,
    ) -> Result<(), CoreError> {
        let contested =
            self.contest_streams.red_lane.unit() < self.setup.contests.behaviour.red_lane_share;
        let (Some(reason), Some((transit, authority))) =
            (self.setup.contests.red_lane_reason, self.setup.contests.transit)
        else {
            return Ok(());
        };
        let movement = self.movement(unit);
        let red = movement.equipment_index(&equipment).is_some_and(|index| {
            movement.current_visit().is_some_and(|visit| {
                visit
                    .units
                    .iter()
                    .any(|control| control.equipment_index == index && control.lane == Lane::Red)
            })
        });
        let others_act =
            self.state.monitors().contestable_act(entry).is_some_and(|act| act.party != transit);
        if contested && red && others_act {
            self.contest(authority, entry, reason)?;
        }
        Ok(())
    }

    /// The monitor at `post` attests the statement just applied (an inspection or a
    /// release), where the regime lets monitors attest.
    fn attest_last(&mut self, mrn: Mrn, post: usize) -> Result<(), CoreError> {
        let Some(monitor) = self.setup.attesters[post] else {
            return Ok(());
        };
        let entry = self.state.next_entry_index() - 1;
        self.apply(monitor, Statement::Attest { mrn, entry })?;
        self.attestations += 1;
        Ok(())
    }

    fn hold(&mut self, unit: u64, post: usize) -> Result<(), CoreError> {
        let mrn = self.track(unit).mrn;
        let post_id = self.setup.posts[post];
        if self.controlled_visit(unit, post).is_some() {
            let signer = self.required_officer(post, CoreAct::Hold)?;
            let entry = self.state.next_entry_index();
            self.apply(
                signer,
                Statement::Hold { mrn, post: post_id, reason: HoldReason::Inspection },
            )?;
            // The carrier contests a share of the holds still under way some hours later.
            let contested =
                self.contest_streams.held.unit() < self.setup.contests.behaviour.held_share;
            if contested && self.setup.contests.held_reason.is_some() {
                let carrier = self.setup.flows[self.track(unit).flow as usize].carrier;
                let at = self.time.plus_ms(self.setup.contests.hold_contested_after_ms);
                self.schedule(at, Pending::ContestHold { mrn, entry, carrier });
            }
        }
        if let Some(signer) = self.officer(post, CoreAct::ReportIncident) {
            self.apply(
                signer,
                Statement::ReportIncident {
                    mrn,
                    kind: IncidentKind::Other,
                    details: self.setup.findings,
                },
            )?;
        }
        Ok(())
    }

    fn depart(&mut self, unit: u64, post: usize) -> Result<(), CoreError> {
        if self.movement(unit).status == MovementStatus::AtDestination {
            // The last post: the discharge follows.
            return Ok(());
        }
        let signer = self.required_officer(post, CoreAct::Depart)?;
        let mrn = self.track(unit).mrn;
        self.apply(signer, Statement::Depart { mrn, post: self.setup.posts[post] })?;
        self.check_cleared(unit)
    }

    fn discharge(&mut self, unit: u64) -> Result<(), CoreError> {
        let track = self.track(unit);
        let spec = &self.setup.flows[track.flow as usize];
        let (close, discharge) = (spec.close_incident, spec.discharge);
        let open: Vec<u16> = self
            .movement(unit)
            .incidents
            .iter()
            .filter(|incident| incident.closed_entry.is_none())
            .map(|incident| incident.number)
            .collect();
        for incident in open {
            // Overdue on the way, arrived since: customs close it with their resolution.
            self.apply(
                close,
                Statement::CloseIncident {
                    mrn: track.mrn,
                    incident,
                    resolution: self.setup.findings,
                },
            )?;
        }
        self.apply(discharge, Statement::Discharge { mrn: track.mrn })?;
        self.check_cleared(unit)
    }

    /// The adapter's own reading of the core's rules: a unit leaving a controlled post was
    /// released, not held, its seals were checked and its lane's inspection was made.
    fn check_cleared(&self, unit: u64) -> Result<(), CoreError> {
        let movement = self.movement(unit);
        let Some(visit) = movement.visits.last().filter(|visit| visit.controlled) else {
            return Ok(());
        };
        let fail = |what: String| {
            Err(CoreError::Invariant(format!(
                "movement {} left a controlled post {what}",
                movement.mrn
            )))
        };
        if visit.released_at.is_none() || visit.held.is_some() {
            return fail("without release".into());
        }
        let seals_needed = self.state.regime().checks != Checks::None;
        for control in &visit.units {
            let equipment = &movement.declaration.equipment[usize::from(control.equipment_index)];
            let inspected = control.inspection.map(|(kind, _)| kind);
            let missing = match control.lane {
                _ if seals_needed && !equipment.seals.is_empty() && control.seal.is_none() => {
                    Some("a seal check")
                }
                Lane::Red if inspected != Some(InspectionKind::Physical) => {
                    Some("a physical inspection")
                }
                Lane::Yellow if inspected.is_none() => Some("a documents check"),
                _ => None,
            };
            if let Some(missing) = missing {
                return fail(format!("with {} lacking {missing}", equipment.id));
            }
        }
        Ok(())
    }

    /// Ledger revenue per account over `[from, ..)`, in minor units.
    #[must_use]
    pub fn fees_since(&self, from: Timestamp) -> std::collections::BTreeMap<String, u64> {
        let currency = self.state.regime().tariff.currency;
        let ledger = self.state.ledger();
        let mut fees = std::collections::BTreeMap::new();
        for ((account, balance_currency), _) in ledger.balances() {
            if let Account::Revenue(name) = account
                && *balance_currency == currency
            {
                let amount = ledger.balance_between(account, currency, from, Timestamp(u64::MAX));
                fees.insert(name.to_string(), u64::try_from(amount.0).unwrap_or(0));
            }
        }
        fees
    }
}

impl Observer for CoreLoop<'_> {
    type Error = CoreError;

    fn observe(&mut self, at: Time, act: &Act) -> Result<(), CoreError> {
        let now = testing::DAY_START.plus_ms(at.0);
        self.run_pending(now)?;
        self.time = now;
        match *act {
            Act::Declared { unit, flow } => self.declare(unit, flow)?,
            Act::Arrived { unit, post } => {
                let signer = self.required_officer(post, CoreAct::Arrive)?;
                let mrn = self.track(unit).mrn;
                self.apply(signer, Statement::Arrive { mrn, post: self.setup.posts[post] })?;
            }
            Act::Checked { unit, post, check, outcome } => {
                let (kind, _) = self.setup.checks[post][check];
                if kind == CheckKind::Seal {
                    self.seal_check(unit, post, outcome)?;
                } else {
                    self.inspect(unit, post, check, outcome)?;
                }
                let index = usize::try_from(unit).expect("unit serials fit in memory");
                let track = &mut self.units[index];
                if kind == CheckKind::Physical {
                    track.flagged = false;
                } else if outcome == Outcome::Flagged {
                    track.flagged = true;
                }
            }
            Act::Released { unit, post } => {
                if self.controlled_visit(unit, post).is_some() {
                    let signer = self.required_officer(post, CoreAct::Release)?;
                    let mrn = self.track(unit).mrn;
                    self.apply(signer, Statement::Release { mrn, post: self.setup.posts[post] })?;
                    self.attest_last(mrn, post)?;
                }
            }
            Act::Departed { unit, post } => self.depart(unit, post)?,
            Act::Held { unit, post } => self.hold(unit, post)?,
            Act::FeeAssessed { unit, .. } => self.discharge(unit)?,
        }
        self.settle()
    }

    /// The core's lanes decide every check whose scenario selection is not `all`: a
    /// document check applies when a unit is yellow and not yet checked; a scan or an
    /// opening when a unit is red and not yet examined, or when an earlier check flagged a
    /// unit the lanes allow to be examined; a seal check when the regime needs seals.
    fn select(&mut self, unit: u64, post: usize, check: usize) -> Option<bool> {
        let (kind, all) = self.setup.checks[post][check];
        if all {
            return None;
        }
        if self.controlled_visit(unit, post).is_none() {
            return Some(false);
        }
        let needed = match kind {
            CheckKind::Seal => self.state.regime().checks != Checks::None,
            CheckKind::Document | CheckKind::Scan | CheckKind::Physical => {
                let mut targets = std::mem::take(&mut self.targets);
                self.targets(unit, post, check, &mut targets);
                let any = !targets.is_empty();
                self.targets = targets;
                any
            }
        };
        Some(needed)
    }
}

/// What a replication with the core in the loop gives.
pub struct CoreRun {
    /// The figures; fees per party are the ledger's revenue accounts, for fees posted
    /// from the end of the warm-up on.
    pub report: CorridorReport,
    /// The core's state at the end.
    pub state: State,
}

/// Whether to take the state's digest at the end (it walks the whole state).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CoreOptions {
    /// Put the state digest in the report.
    pub digest: bool,
}

/// Runs one replication of `scenario` with every act applied by the core.
pub fn run(
    scenario: &Scenario,
    setup: &CoreSetup,
    seed: u64,
    replication: u64,
    detail: Detail,
    options: CoreOptions,
) -> Result<CoreRun, Refused<CoreError>> {
    let streams = Streams::new(seed, replication);
    let mut observer = CoreLoop::new(setup, &streams);
    let mut report = corridor::run(scenario, seed, replication, detail, &mut observer)?;
    let warmup_ms = u64::from(scenario.file.scenario.warmup_days) * 24 * 3_600_000;
    let currency = observer.state.regime().tariff.currency;
    report.fees_minor = observer.fees_since(testing::DAY_START.plus_ms(warmup_ms));
    report.fees_currency = currency.to_string();
    report.fees_minor_per_major = 10u32.pow(u32::from(currency.minor_digits()));
    let totals = *observer.state.monitors().totals();
    report.core = Some(crate::corridor::CoreFigures {
        regime: observer.state.regime().name.clone(),
        statements: observer.statements,
        overdue: observer.overdue,
        attestations: observer.attestations,
        contests: totals.contests_opened,
        contests_answered: totals.contests_answered,
        contests_overdue: totals.contests_overdue,
        contests_decided: totals.contests_decided,
        automatic_incidents: totals.automatic_incidents,
        digest: options.digest.then(|| hex(&observer.state.digest())),
    });
    Ok(CoreRun { report, state: observer.state })
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}
