//! The regime: the rules in force, as data. Phase (traffic classes allowed), who records
//! which act at which post, inspection selection, tariffs and their split, time limits.
//! Read from TOML (see `corridors/regime-monitored.toml`) and validated against the
//! corridor and the charter's parties.

use crate::corridor::{Corridor, DocumentError, PostIndex, invalid, parse_ident};
use crate::ids::{AmountMinor, CountryCode, Currency, Ident};
use crate::statement::{OfficerRole, TrafficClass};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Most selection rules in a regime.
pub const SELECTION_RULES_MAX: usize = 256;
/// Most accounts a fee is split between.
pub const SPLIT_ACCOUNTS_MAX: usize = 16;
/// Parts per million: the unit of random selection rates.
pub const PPM: u32 = 1_000_000;
/// Basis points in a whole: the unit of revenue shares.
pub const BASIS_POINTS: u32 = 10_000;
/// Most engagement rates in a regime: one per HS heading (about 1,200 in HS 2022) with
/// room for subheadings, while a regime document stays under its size limit anyway.
pub const ENGAGEMENT_RATES_MAX: usize = 2_048;
/// The longest period a regime may give for answering an enquiry: the seven months after
/// which NCTS starts recovery (UCC: 7 months of non-arrival), rounded up to 213 days.
pub const ENQUIRY_ANSWER_DAYS_MAX: u32 = 213;
/// The period for answering an enquiry when a regime does not say: 28 days. An
/// assumption: NCTS practice gives the holder 28 days to answer IE140, but the exact
/// timer is not in the sources this project relies on.
pub const ENQUIRY_ANSWER_DAYS_DEFAULT: u32 = 28;
const DAY_MS: u64 = 86_400_000;

/// An ASYCUDA-style selection lane, from lightest to heaviest control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    /// Seal check only.
    Green = 0,
    /// Documentary check.
    Yellow = 1,
    /// Physical inspection.
    Red = 2,
}

impl Lane {
    /// The word used in files and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Green => "green",
            Lane::Yellow => "yellow",
            Lane::Red => "red",
        }
    }

    fn parse(text: &str) -> Option<Lane> {
        match text {
            "green" => Some(Lane::Green),
            "yellow" => Some(Lane::Yellow),
            "red" => Some(Lane::Red),
            _ => None,
        }
    }
}

/// How controls are chosen at controlled posts: the arrangements negotiators compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Checks {
    /// Lanes by rule and random draw (ASYCUDA style).
    Selected,
    /// No checks: every unit is green and no seal check is required before release.
    None,
    /// Every unit is red.
    All,
}

/// An act that the regime assigns to roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Act {
    /// Accept a declaration.
    Accept,
    /// Refuse a declaration.
    RefuseDeclaration,
    /// Cancel a movement (officer side).
    Cancel,
    /// Record an arrival at a post.
    Arrive,
    /// Record a seal check.
    SealCheck,
    /// Record an inspection result.
    Inspect,
    /// Release at a post.
    Release,
    /// Hold at a post.
    Hold,
    /// Record a departure from a post.
    Depart,
    /// Report an incident.
    ReportIncident,
    /// Close an incident.
    CloseIncident,
    /// Discharge a movement.
    Discharge,
    /// Record a carrier's payment or refund.
    RecordPayment,
    /// Attest an earlier entry about a movement.
    Attest,
}

impl Act {
    /// Every act.
    pub const ALL: [Act; 14] = [
        Act::Accept,
        Act::RefuseDeclaration,
        Act::Cancel,
        Act::Arrive,
        Act::SealCheck,
        Act::Inspect,
        Act::Release,
        Act::Hold,
        Act::Depart,
        Act::ReportIncident,
        Act::CloseIncident,
        Act::Discharge,
        Act::RecordPayment,
        Act::Attest,
    ];

    /// What the act does, for messages ("release a movement at a post").
    pub fn description(self) -> &'static str {
        match self {
            Act::Accept => "accept a declaration",
            Act::RefuseDeclaration => "refuse a declaration",
            Act::Cancel => "cancel a movement",
            Act::Arrive => "record an arrival",
            Act::SealCheck => "record a seal check",
            Act::Inspect => "record an inspection",
            Act::Release => "release a movement",
            Act::Hold => "hold a movement",
            Act::Depart => "record a departure",
            Act::ReportIncident => "report an incident",
            Act::CloseIncident => "close an incident",
            Act::Discharge => "discharge a movement",
            Act::RecordPayment => "record a payment or refund",
            Act::Attest => "attest an act",
        }
    }

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Accept => "accept",
            Act::RefuseDeclaration => "refuse_declaration",
            Act::Cancel => "cancel",
            Act::Arrive => "arrive",
            Act::SealCheck => "seal_check",
            Act::Inspect => "inspect",
            Act::Release => "release",
            Act::Hold => "hold",
            Act::Depart => "depart",
            Act::ReportIncident => "report_incident",
            Act::CloseIncident => "close_incident",
            Act::Discharge => "discharge",
            Act::RecordPayment => "record_payment",
            Act::Attest => "attest",
        }
    }
}

/// One grant of an act: a role, of one party or of any (written `customs:AM` or
/// `monitor` in the regime file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Grant {
    /// The role.
    pub role: OfficerRole,
    /// The party whose officers hold it; any party's if none.
    pub party: Option<Ident>,
}

/// Who may record an act: a list of grants.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Grants(Vec<Grant>);

impl Grants {
    /// Whether an officer with `role` of `party` may record the act.
    pub fn allows(&self, role: OfficerRole, party: &Ident) -> bool {
        self.0.iter().any(|grant| grant.role == role && grant.party.is_none_or(|p| p == *party))
    }

    /// Whether any officer with `role` (of some party) may record the act.
    pub fn allows_role(&self, role: OfficerRole) -> bool {
        self.0.iter().any(|grant| grant.role == role)
    }

    /// The grants, in file order.
    pub fn grants(&self) -> &[Grant] {
        &self.0
    }

    /// The roles granted, in file order.
    pub fn roles(&self) -> impl Iterator<Item = OfficerRole> + '_ {
        self.0.iter().map(|grant| grant.role)
    }

    /// Whether no one may record the act.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A selection rule: units whose goods, carrier and origin all match go to `lane` at least.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectionRule {
    /// The lane.
    pub lane: Lane,
    /// HS code prefix (chapter, heading or subheading digits), if the rule names goods.
    pub hs_prefix: Option<Vec<u8>>,
    /// The HS edition the prefix is written in; codes of other editions do not match
    /// (HS 2028 renumbers some of HS 2022). Any edition if none.
    pub hs_edition: Option<u16>,
    /// The carrier, if the rule names one.
    pub carrier: Option<Ident>,
    /// The country of origin, if the rule names one.
    pub origin: Option<CountryCode>,
}

/// Inspection selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Random red rate, parts per million.
    pub random_red_ppm: u32,
    /// Random yellow rate, parts per million (drawn after red).
    pub random_yellow_ppm: u32,
    /// The lane a unit goes to when its seals are broken or mismatched.
    pub seal_failure_lane: Lane,
    /// Rules, in file order.
    pub rules: Vec<SelectionRule>,
}

/// When the transit fee is assessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssessOn {
    /// When the movement is released at the tariff's post.
    Release(PostIndex),
    /// When the movement is discharged.
    Discharge,
}

/// The transit fee per unit, in minor units of one currency, and its split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tariff {
    /// The currency.
    pub currency: Currency,
    /// When it is assessed.
    pub assess_on: AssessOn,
    /// Per wagon.
    pub per_wagon: AmountMinor,
    /// Per 20-foot container.
    pub per_container_20ft: AmountMinor,
    /// Per 40-foot container.
    pub per_container_40ft: AmountMinor,
    /// Per 45-foot container.
    pub per_container_45ft: AmountMinor,
    /// Per truck.
    pub per_truck: AmountMinor,
    /// Per tonne of gross mass (pro rata by kilogram, rounded half up).
    pub per_tonne: AmountMinor,
    /// Per tonne-kilometre (gross mass times the route's length on `territory`).
    pub per_tonne_km: AmountMinor,
    /// Per passenger.
    pub per_passenger: AmountMinor,
    /// Whose territory the tonne-kilometres are counted on (all of the route if none).
    pub territory: Option<Ident>,
    /// Accounts and their shares in basis points (summing to 10,000); rounding remainders
    /// go to the first.
    pub split: Vec<(Ident, u32)>,
    /// The party whose treasury receives each revenue account's remittances (by the
    /// account's name), for the accounts whose share says `treasury`. Only that party's
    /// authority may remit the account; an account with none is never remitted.
    pub treasuries: BTreeMap<Ident, Ident>,
}

/// Whether a declaration must name a guarantee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuaranteeRequirement {
    /// A declaration may name a guarantee; one that does not is accepted unsecured.
    Optional,
    /// A declaration that names no guarantee is refused.
    Required,
}

/// An engagement rate: goods whose HS code starts with `hs_prefix` engage `per_tonne`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngagementRate {
    /// HS code digits (chapter, heading or subheading).
    pub hs_prefix: Vec<u8>,
    /// Minor units per tonne of gross mass (the duties and taxes the goods would bear).
    pub per_tonne: AmountMinor,
}

/// What a declaration engages of its guarantee, and how enquiries run. The goods' values
/// are confidential (only commitments enter the log), so the core cannot compute ad valorem
/// duties: rates are specific, per tonne of gross mass by HS code, as the duties and taxes
/// a tonne of such goods would bear.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuaranteeRules {
    /// Whether a declaration must name a guarantee.
    pub requirement: GuaranteeRequirement,
    /// Minor units per tonne for goods no rate names.
    pub per_tonne: AmountMinor,
    /// Rates by HS prefix; the longest matching prefix applies.
    pub rates: Vec<EngagementRate>,
    /// How long the holder and the office of destination have to answer an enquiry.
    pub enquiry_answer_ms: u64,
}

impl Default for GuaranteeRules {
    fn default() -> GuaranteeRules {
        GuaranteeRules {
            requirement: GuaranteeRequirement::Optional,
            per_tonne: AmountMinor::ZERO,
            rates: Vec::new(),
            enquiry_answer_ms: u64::from(ENQUIRY_ANSWER_DAYS_DEFAULT) * DAY_MS,
        }
    }
}

impl GuaranteeRules {
    /// The per-tonne rate for goods with HS code digits `digits`.
    pub fn rate_for(&self, digits: &[u8]) -> AmountMinor {
        self.rates
            .iter()
            .filter(|rate| digits.starts_with(&rate.hs_prefix))
            .max_by_key(|rate| rate.hs_prefix.len())
            .map_or(self.per_tonne, |rate| rate.per_tonne)
    }
}

/// The regime in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regime {
    /// Its name.
    pub name: String,
    /// Traffic classes allowed in this phase.
    pub traffic_classes: Vec<TrafficClass>,
    /// How controls are chosen.
    pub checks: Checks,
    /// Posts where units are selected and a release is needed before departure.
    pub controlled_posts: Vec<PostIndex>,
    /// Which roles may record each act.
    pub acts: BTreeMap<Act, Grants>,
    /// Inspection selection.
    pub selection: Selection,
    /// The tariff.
    pub tariff: Tariff,
    /// Time limits in milliseconds per route (index) and traffic class.
    pub time_limits: BTreeMap<(usize, TrafficClass), u64>,
    /// Which officers may read confidential payloads (the clear data behind a statement's
    /// commitments) from a node: the `[confidential] read` list, or the grants of
    /// `inspect` when the regime has no such section. A carrier may always read the
    /// payloads of its own movements.
    pub confidential_read: Grants,
    /// The parties whose authorities may read the mission's own confidential payloads (an
    /// observation's details and attachments, a signed report's narrative): the
    /// `[confidential] mission_read` list, none without it. The mission's monitors and its
    /// authority always may; no officer of another party, and no carrier, ever may.
    pub mission_read: Vec<Ident>,
    /// Guarantees: what declarations engage, and the enquiry period.
    pub guarantee: GuaranteeRules,
    /// Contests: the reason codes, the answer deadline, the hold threshold.
    pub contests: ContestRules,
}

/// Most reason codes a regime lists for contests.
pub const CONTEST_REASONS_MAX: usize = 64;
/// The longest answer deadline or hold threshold a regime may set: 90 days, in hours.
pub const CONTEST_HOURS_MAX: u32 = 90 * 24;

/// How contests run (the regime's `[contests]` section).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestRules {
    /// The reason codes a contest may give.
    pub reasons: Vec<Ident>,
    /// How long the party whose officer made a contested act has to answer.
    pub answer_ms: u64,
    /// A hold longer than this opens an automatic incident.
    pub hold_threshold_ms: u64,
}

impl Default for ContestRules {
    /// Without a `[contests]` section: the usual reasons, three days to answer, and a
    /// day's hold opens an incident.
    fn default() -> ContestRules {
        let reasons =
            ["held_too_long", "wrong_lane", "seal_recorded_wrongly", "fee_wrong", "other"];
        ContestRules {
            reasons: reasons.iter().map(|code| Ident::parse(code).expect("a valid code")).collect(),
            answer_ms: 72 * 3_600_000,
            hold_threshold_ms: 24 * 3_600_000,
        }
    }
}

impl Regime {
    /// Whether an officer with `role` of `party` may record `act`.
    pub fn allows(&self, act: Act, role: OfficerRole, party: &Ident) -> bool {
        self.acts.get(&act).is_some_and(|grants| grants.allows(role, party))
    }

    /// Whether officers with `role` (of some party) may record `act`.
    pub fn allows_role(&self, act: Act, role: OfficerRole) -> bool {
        self.acts.get(&act).is_some_and(|grants| grants.allows_role(role))
    }

    /// Whether anyone may record `act`.
    pub fn allows_anyone(&self, act: Act) -> bool {
        self.acts.get(&act).is_some_and(|grants| !grants.is_empty())
    }

    /// Whether `post` is a controlled post.
    pub fn is_controlled(&self, post: PostIndex) -> bool {
        self.controlled_posts.contains(&post)
    }

    /// The time limit for a route and class, in milliseconds.
    pub fn time_limit_ms(&self, route: usize, class: TrafficClass) -> Option<u64> {
        self.time_limits.get(&(route, class)).copied()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRegime {
    regime: RawRegimeHeader,
    acts: BTreeMap<String, Vec<String>>,
    selection: RawSelection,
    tariff: RawTariff,
    #[serde(default)]
    time_limits: Vec<RawTimeLimit>,
    confidential: Option<RawConfidential>,
    guarantee: Option<RawGuarantee>,
    contests: Option<RawContests>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContests {
    reasons: Vec<String>,
    answer_hours: u32,
    hold_threshold_hours: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGuarantee {
    requirement: String,
    #[serde(default)]
    per_tonne: i64,
    #[serde(default)]
    rates: Vec<RawEngagementRate>,
    enquiry_answer_days: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEngagementRate {
    hs_prefix: String,
    per_tonne: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfidential {
    read: Vec<String>,
    #[serde(default)]
    mission_read: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegimeHeader {
    name: String,
    traffic_classes: Vec<String>,
    checks: String,
    controlled_posts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelection {
    random_red_ppm: u32,
    random_yellow_ppm: u32,
    seal_failure_lane: String,
    #[serde(default)]
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    lane: String,
    hs_prefix: Option<String>,
    hs_edition: Option<u16>,
    carrier: Option<String>,
    origin: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTariff {
    currency: String,
    assess_on: String,
    assess_at: Option<String>,
    #[serde(default)]
    per_wagon: i64,
    #[serde(default)]
    per_container_20ft: i64,
    #[serde(default)]
    per_container_40ft: i64,
    #[serde(default)]
    per_container_45ft: i64,
    #[serde(default)]
    per_truck: i64,
    #[serde(default)]
    per_tonne: i64,
    #[serde(default)]
    per_tonne_km: i64,
    #[serde(default)]
    per_passenger: i64,
    territory: Option<String>,
    split: Vec<RawShare>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShare {
    account: String,
    basis_points: u32,
    treasury: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeLimit {
    route: String,
    traffic_class: String,
    hours: u32,
}

const DOCUMENT: &str = "regime";

/// The largest rate per unit, in minor units. With at most 999 units, 10^12 tonnes and
/// 10^7 km the products stay far inside i128 and the sums inside i64 after rounding
/// checks, which assessment asserts.
pub const RATE_MINOR_MAX: i64 = 1_000_000_000_000;

impl Regime {
    /// Parses and validates a regime file against the corridor and the parties' ids.
    pub fn from_toml(
        text: &str,
        corridor: &Corridor,
        parties: &[Ident],
    ) -> Result<Regime, DocumentError> {
        let raw: RawRegime = toml::from_str(text).map_err(|error| DocumentError::Syntax {
            document: DOCUMENT,
            message: error.to_string(),
        })?;
        Regime::from_raw(raw, corridor, parties)
    }

    pub(crate) fn from_raw(
        raw: RawRegime,
        corridor: &Corridor,
        parties: &[Ident],
    ) -> Result<Regime, DocumentError> {
        let find_post = |subject: &str, text: &str| -> Result<PostIndex, DocumentError> {
            let id = parse_ident(DOCUMENT, subject, text)?;
            corridor.post_index(&id).ok_or_else(|| {
                invalid(DOCUMENT, subject, format!("post `{text}` is not in the corridor"))
            })
        };
        let mut traffic_classes = Vec::new();
        for text in &raw.regime.traffic_classes {
            let class = TrafficClass::parse(text).ok_or_else(|| {
                invalid(
                    DOCUMENT,
                    "traffic_classes",
                    format!("`{text}` is not one of cargo_rail, cargo_road, passengers"),
                )
            })?;
            if !traffic_classes.contains(&class) {
                traffic_classes.push(class);
            }
        }
        let checks = match raw.regime.checks.as_str() {
            "selected" => Checks::Selected,
            "none" => Checks::None,
            "all" => Checks::All,
            other => {
                return Err(invalid(
                    DOCUMENT,
                    "checks",
                    format!("`{other}` is not one of selected, none, all"),
                ));
            }
        };
        let mut controlled_posts = Vec::new();
        for text in &raw.regime.controlled_posts {
            let post = find_post("controlled_posts", text)?;
            if !controlled_posts.contains(&post) {
                controlled_posts.push(post);
            }
        }
        let mut acts = BTreeMap::new();
        for (name, roles) in &raw.acts {
            let act =
                Act::ALL.iter().copied().find(|act| act.as_str() == name).ok_or_else(|| {
                    invalid(DOCUMENT, format!("acts.{name}"), "is not an act Passage knows")
                })?;
            acts.insert(act, parse_grants(&format!("acts.{name}"), roles, parties)?);
        }
        for act in Act::ALL {
            if !acts.contains_key(&act) {
                return Err(invalid(
                    DOCUMENT,
                    "acts",
                    format!(
                        "does not say who may `{}` (list the roles, or [] for no one)",
                        act.as_str()
                    ),
                ));
            }
        }
        let selection = parse_selection(raw.selection)?;
        let tariff = parse_tariff(raw.tariff, parties, &find_post)?;
        if let AssessOn::Release(post) = tariff.assess_on
            && !controlled_posts.contains(&post)
        {
            return Err(invalid(
                DOCUMENT,
                "tariff.assess_at",
                format!(
                    "post {} is not a controlled post, so nothing is released there",
                    corridor.post(post).id
                ),
            ));
        }
        let mut time_limits = BTreeMap::new();
        for limit in raw.time_limits {
            let subject = format!("time limit for route {}", limit.route);
            let route_id = parse_ident(DOCUMENT, &subject, &limit.route)?;
            let route = corridor
                .route_index(&route_id)
                .ok_or_else(|| invalid(DOCUMENT, &subject, "the route is not in the corridor"))?;
            let class = TrafficClass::parse(&limit.traffic_class).ok_or_else(|| {
                invalid(
                    DOCUMENT,
                    &subject,
                    format!("`{}` is not a traffic class", limit.traffic_class),
                )
            })?;
            if limit.hours == 0 || limit.hours > 24 * 366 {
                return Err(invalid(DOCUMENT, subject, "hours must be from 1 to 8,784 (a year)"));
            }
            if time_limits.insert((route, class), u64::from(limit.hours) * 3_600_000).is_some() {
                return Err(invalid(DOCUMENT, subject, "is given twice for the same class"));
            }
        }
        // Without a `[confidential]` section, the officers who may record an inspection
        // (who see the goods anyway) may read the payloads.
        let confidential_read = match &raw.confidential {
            Some(section) => parse_grants("confidential.read", &section.read, parties)?,
            None => acts.get(&Act::Inspect).cloned().unwrap_or_default(),
        };
        let mut mission_read: Vec<Ident> = Vec::new();
        for text in raw.confidential.iter().flat_map(|section| &section.mission_read) {
            let subject = "confidential.mission_read";
            let party = parse_ident(DOCUMENT, subject, text)?;
            if !parties.contains(&party) {
                return Err(invalid(
                    DOCUMENT,
                    subject,
                    format!("`{text}` is not a party of the charter"),
                ));
            }
            if mission_read.contains(&party) {
                return Err(invalid(DOCUMENT, subject, format!("`{text}` is listed twice")));
            }
            mission_read.push(party);
        }
        let guarantee = match raw.guarantee {
            None => GuaranteeRules::default(),
            Some(section) => parse_guarantee(section)?,
        };
        let contests = match raw.contests {
            None => ContestRules::default(),
            Some(section) => parse_contests(section)?,
        };
        Ok(Regime {
            name: raw.regime.name,
            traffic_classes,
            checks,
            controlled_posts,
            acts,
            selection,
            tariff,
            time_limits,
            confidential_read,
            mission_read,
            guarantee,
            contests,
        })
    }
}

/// Parses a list of grants (`customs:AM`, `monitor`) named by `subject` in messages.
fn parse_grants(
    subject: &str,
    roles: &[String],
    parties: &[Ident],
) -> Result<Grants, DocumentError> {
    let mut grants = Vec::new();
    for text in roles {
        let (role_text, party) = match text.split_once(':') {
            None => (text.as_str(), None),
            Some((role, party)) => {
                let party = parse_ident(DOCUMENT, subject, party)?;
                if !parties.contains(&party) {
                    return Err(invalid(
                        DOCUMENT,
                        subject,
                        format!("`{text}` names party {party}, which is not in the charter"),
                    ));
                }
                (role, Some(party))
            }
        };
        let role = OfficerRole::parse(role_text).ok_or_else(|| {
            invalid(
                DOCUMENT,
                subject,
                format!(
                    "`{text}` is not one of customs, border_guard, monitor (optionally \
                     with a party, as in customs:AM)"
                ),
            )
        })?;
        let grant = Grant { role, party };
        if !grants.contains(&grant) {
            grants.push(grant);
        }
    }
    Ok(Grants(grants))
}

fn parse_selection(raw: RawSelection) -> Result<Selection, DocumentError> {
    if raw.random_red_ppm.saturating_add(raw.random_yellow_ppm) > PPM {
        return Err(invalid(
            DOCUMENT,
            "selection",
            "random_red_ppm plus random_yellow_ppm exceeds 1,000,000 (100%)",
        ));
    }
    if raw.rules.len() > SELECTION_RULES_MAX {
        return Err(invalid(DOCUMENT, "selection.rules", format!("at most {SELECTION_RULES_MAX}")));
    }
    let lane = |subject: &str, text: &str| {
        Lane::parse(text).ok_or_else(|| {
            invalid(DOCUMENT, subject, format!("`{text}` is not one of green, yellow, red"))
        })
    };
    let mut rules = Vec::with_capacity(raw.rules.len());
    for (number, rule) in raw.rules.into_iter().enumerate() {
        let subject = format!("selection rule {}", number + 1);
        let hs_prefix = match rule.hs_prefix {
            None => None,
            Some(text) => {
                if text.is_empty() || text.len() > 10 || !text.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid(DOCUMENT, subject, "hs_prefix must be 1 to 10 digits"));
                }
                Some(text.into_bytes())
            }
        };
        if let Some(edition) = rule.hs_edition {
            if !crate::ids::HS_EDITIONS.contains(&edition) {
                return Err(invalid(
                    DOCUMENT,
                    subject,
                    format!(
                        "hs_edition {edition} is not one of 2002, 2007, 2012, 2017, 2022, 2028"
                    ),
                ));
            }
            if hs_prefix.is_none() {
                return Err(invalid(DOCUMENT, subject, "hs_edition needs an hs_prefix"));
            }
        }
        let carrier = match rule.carrier {
            None => None,
            Some(text) => Some(parse_ident(DOCUMENT, &subject, &text)?),
        };
        let origin = match rule.origin {
            None => None,
            Some(text) => Some(
                CountryCode::parse(&text).map_err(|error| invalid(DOCUMENT, &subject, error))?,
            ),
        };
        if hs_prefix.is_none() && carrier.is_none() && origin.is_none() {
            return Err(invalid(
                DOCUMENT,
                subject,
                "names no goods, carrier or origin; use the random rates for blanket selection",
            ));
        }
        rules.push(SelectionRule {
            lane: lane(&subject, &rule.lane)?,
            hs_prefix,
            hs_edition: rule.hs_edition,
            carrier,
            origin,
        });
    }
    Ok(Selection {
        random_red_ppm: raw.random_red_ppm,
        random_yellow_ppm: raw.random_yellow_ppm,
        seal_failure_lane: lane("selection.seal_failure_lane", &raw.seal_failure_lane)?,
        rules,
    })
}

fn parse_tariff(
    raw: RawTariff,
    parties: &[Ident],
    find_post: &dyn Fn(&str, &str) -> Result<PostIndex, DocumentError>,
) -> Result<Tariff, DocumentError> {
    let currency = Currency::parse(&raw.currency)
        .map_err(|error| invalid(DOCUMENT, "tariff.currency", error))?;
    let assess_on = match (raw.assess_on.as_str(), &raw.assess_at) {
        ("release", Some(post)) => AssessOn::Release(find_post("tariff.assess_at", post)?),
        ("release", None) => {
            return Err(invalid(
                DOCUMENT,
                "tariff",
                "assess_on = \"release\" needs assess_at (a post)",
            ));
        }
        ("discharge", None) => AssessOn::Discharge,
        ("discharge", Some(_)) => {
            return Err(invalid(
                DOCUMENT,
                "tariff",
                "assess_at applies only to assess_on = \"release\"",
            ));
        }
        (other, _) => {
            return Err(invalid(
                DOCUMENT,
                "tariff.assess_on",
                format!("`{other}` is not release or discharge"),
            ));
        }
    };
    let rate = |name: &str, value: i64| {
        if (0..=RATE_MINOR_MAX).contains(&value) {
            Ok(AmountMinor(value))
        } else {
            Err(invalid(
                DOCUMENT,
                format!("tariff.{name}"),
                format!("{value} is not from 0 to {RATE_MINOR_MAX} minor units"),
            ))
        }
    };
    let territory = match raw.territory {
        None => None,
        Some(text) => {
            let party = parse_ident(DOCUMENT, "tariff.territory", &text)?;
            if !parties.contains(&party) {
                return Err(invalid(
                    DOCUMENT,
                    "tariff.territory",
                    format!("`{text}` is not a party"),
                ));
            }
            Some(party)
        }
    };
    if raw.split.is_empty() || raw.split.len() > SPLIT_ACCOUNTS_MAX {
        return Err(invalid(
            DOCUMENT,
            "tariff.split",
            format!("must name 1 to {SPLIT_ACCOUNTS_MAX} accounts"),
        ));
    }
    let mut split: Vec<(Ident, u32)> = Vec::with_capacity(raw.split.len());
    let mut treasuries = BTreeMap::new();
    for share in &raw.split {
        let account = parse_ident(DOCUMENT, "tariff.split", &share.account)?;
        if split.iter().any(|(existing, _)| *existing == account) {
            return Err(invalid(DOCUMENT, "tariff.split", format!("names {account} twice")));
        }
        if let Some(text) = &share.treasury {
            let party = parse_ident(DOCUMENT, "tariff.split.treasury", text)?;
            if !parties.contains(&party) {
                return Err(invalid(
                    DOCUMENT,
                    "tariff.split.treasury",
                    format!("`{text}` is not a party"),
                ));
            }
            treasuries.insert(account, party);
        }
        split.push((account, share.basis_points));
    }
    let total: u64 = split.iter().map(|(_, points)| u64::from(*points)).sum();
    if total != u64::from(BASIS_POINTS) {
        return Err(invalid(
            DOCUMENT,
            "tariff.split",
            format!("shares sum to {total} basis points; they must sum to 10000"),
        ));
    }
    Ok(Tariff {
        currency,
        assess_on,
        per_wagon: rate("per_wagon", raw.per_wagon)?,
        per_container_20ft: rate("per_container_20ft", raw.per_container_20ft)?,
        per_container_40ft: rate("per_container_40ft", raw.per_container_40ft)?,
        per_container_45ft: rate("per_container_45ft", raw.per_container_45ft)?,
        per_truck: rate("per_truck", raw.per_truck)?,
        per_tonne: rate("per_tonne", raw.per_tonne)?,
        per_tonne_km: rate("per_tonne_km", raw.per_tonne_km)?,
        per_passenger: rate("per_passenger", raw.per_passenger)?,
        territory,
        split,
        treasuries,
    })
}

fn parse_contests(raw: RawContests) -> Result<ContestRules, DocumentError> {
    if raw.reasons.is_empty() || raw.reasons.len() > CONTEST_REASONS_MAX {
        return Err(invalid(
            DOCUMENT,
            "contests.reasons",
            format!("must list 1 to {CONTEST_REASONS_MAX} codes"),
        ));
    }
    let mut reasons = Vec::with_capacity(raw.reasons.len());
    for text in &raw.reasons {
        let code = parse_ident(DOCUMENT, "contests.reasons", text)?;
        if reasons.contains(&code) {
            return Err(invalid(DOCUMENT, "contests.reasons", format!("`{text}` is listed twice")));
        }
        reasons.push(code);
    }
    let hours = |subject: &str, hours: u32| {
        if (1..=CONTEST_HOURS_MAX).contains(&hours) {
            Ok(u64::from(hours) * 3_600_000)
        } else {
            Err(invalid(DOCUMENT, subject, format!("{hours} is not from 1 to {CONTEST_HOURS_MAX}")))
        }
    };
    Ok(ContestRules {
        reasons,
        answer_ms: hours("contests.answer_hours", raw.answer_hours)?,
        hold_threshold_ms: hours("contests.hold_threshold_hours", raw.hold_threshold_hours)?,
    })
}

fn parse_guarantee(raw: RawGuarantee) -> Result<GuaranteeRules, DocumentError> {
    let requirement = match raw.requirement.as_str() {
        "optional" => GuaranteeRequirement::Optional,
        "required" => GuaranteeRequirement::Required,
        other => {
            return Err(invalid(
                DOCUMENT,
                "guarantee.requirement",
                format!("`{other}` is not optional or required"),
            ));
        }
    };
    let rate = |subject: &str, value: i64| {
        if (0..=RATE_MINOR_MAX).contains(&value) {
            Ok(AmountMinor(value))
        } else {
            Err(invalid(
                DOCUMENT,
                subject,
                format!("{value} is not from 0 to {RATE_MINOR_MAX} minor units"),
            ))
        }
    };
    if raw.rates.len() > ENGAGEMENT_RATES_MAX {
        return Err(invalid(
            DOCUMENT,
            "guarantee.rates",
            format!("at most {ENGAGEMENT_RATES_MAX}"),
        ));
    }
    let mut rates: Vec<EngagementRate> = Vec::with_capacity(raw.rates.len());
    for (number, entry) in raw.rates.into_iter().enumerate() {
        let subject = format!("guarantee rate {}", number + 1);
        let text = &entry.hs_prefix;
        if text.is_empty() || text.len() > 10 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(DOCUMENT, subject, "hs_prefix must be 1 to 10 digits"));
        }
        let hs_prefix = text.clone().into_bytes();
        if rates.iter().any(|existing| existing.hs_prefix == hs_prefix) {
            return Err(invalid(DOCUMENT, subject, format!("hs_prefix {text} is given twice")));
        }
        rates.push(EngagementRate { hs_prefix, per_tonne: rate(&subject, entry.per_tonne)? });
    }
    let days = raw.enquiry_answer_days.unwrap_or(ENQUIRY_ANSWER_DAYS_DEFAULT);
    if days == 0 || days > ENQUIRY_ANSWER_DAYS_MAX {
        return Err(invalid(
            DOCUMENT,
            "guarantee.enquiry_answer_days",
            format!("{days} is not from 1 to {ENQUIRY_ANSWER_DAYS_MAX}"),
        ));
    }
    Ok(GuaranteeRules {
        requirement,
        per_tonne: rate("guarantee.per_tonne", raw.per_tonne)?,
        rates,
        enquiry_answer_ms: u64::from(days) * DAY_MS,
    })
}
