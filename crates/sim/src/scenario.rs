//! Scenario files: the corridor's demand, posts, checks, staff, irregularities and tariff,
//! read from TOML and validated into indexed form with errors a person can act on.
//!
//! Every duration in a scenario file is in minutes. The format is documented field by
//! field in `scenarios/README.md`; the types below mirror it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::random::{Distribution, DistributionError, Sampler};

/// Ticks per minute: the corridor simulates in milliseconds.
pub const TICKS_PER_MINUTE: f64 = 60_000.0;
/// Most bytes a scenario file may have; real ones are a few kilobytes.
pub const SCENARIO_BYTES_MAX: usize = 1 << 20;
/// Most traffic classes, flows, posts, resources per post and checks per post.
pub const CLASSES_MAX: usize = 32;
/// Most demand flows.
pub const FLOWS_MAX: usize = 256;
/// Most posts on a route.
pub const POSTS_MAX: usize = 32;
/// Most resources or checks at one post.
pub const PER_POST_MAX: usize = 64;
/// Longest horizon: ten years of days.
pub const DAYS_MAX: u32 = 3_660;
/// Most parties sharing the fees.
pub const PARTIES_MAX: usize = 16;
/// Most units a flow may send per day: ten times the whole Middle Corridor's trucks.
pub const UNITS_PER_DAY_MAX: f64 = 100_000.0;
/// Heaviest unit, in tonnes (a long heavy-haul train).
pub const TONNES_PER_UNIT_MAX: f64 = 100_000.0;
/// Most containers on one unit.
pub const CONTAINERS_PER_UNIT_MAX: u32 = 1_000;
/// Largest fee component, in minor units (ten million dollars at 100 per major unit).
/// With the limits above one unit's fee stays below 2^53, and a year's totals, summed
/// with saturation, far below 2^64 for any realistic scenario.
pub const FEE_MINOR_MAX: u64 = 1_000_000_000;

/// Latest a carrier contests a hold after it began, in minutes: 30 days, how long the
/// core keeps an act contestable.
pub const CONTEST_AFTER_MINUTES_MAX: f64 = 30.0 * 24.0 * 60.0;

/// A scenario as written in its file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Name, horizon and seed.
    pub scenario: Header,
    /// The regime in force: its name and what it stands for. Its rules are the checks.
    pub regime: RegimeHeader,
    /// Profiles and growth shared by all flows.
    #[serde(default)]
    pub demand: Demand,
    /// Traffic classes (truck, container train, ...).
    #[serde(rename = "class")]
    pub classes: Vec<Class>,
    /// Demand flows: units per day of a class from an origin along a route.
    #[serde(rename = "flow")]
    pub flows: Vec<Flow>,
    /// Posts, in the order of the route from east to west.
    #[serde(rename = "post")]
    pub posts: Vec<Post>,
    /// Travel times between consecutive posts, per class.
    #[serde(default, rename = "segment")]
    pub segments: Vec<Segment>,
    /// Fees and their split.
    pub tariff: Tariff,
    /// How the parties and carriers contest acts and answer contests, when the core is in
    /// the loop; the defaults when absent.
    #[serde(default)]
    pub contests: Contests,
}

/// Name, horizon and seed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Short name, used in reports.
    pub name: String,
    /// What the scenario represents and where its figures come from.
    #[serde(default)]
    pub description: String,
    /// Default seed; `--seed` overrides it.
    #[serde(default)]
    pub seed: u64,
    /// Days of arrivals simulated.
    pub days: u32,
    /// Days at the start whose consignments are not counted (the posts fill up).
    #[serde(default)]
    pub warmup_days: u32,
}

/// The regime's name and summary.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeHeader {
    /// Short name, used in reports and charts.
    pub name: String,
    /// What it means, in a sentence a negotiator recognises.
    #[serde(default)]
    pub description: String,
    /// The domain core's regime the simulation runs under (`monitored`, `joint`,
    /// `border-guards`, `no-checks`, `scanner-first`; see [`crate::core_loop::CORE_REGIMES`]).
    /// Without it the model runs alone, selecting by the checks' own rules.
    #[serde(default)]
    pub core: Option<String>,
    /// Instead of `core`: a regime file, relative to the scenario file, put in force
    /// through the core (proposed and approved under the charter's quorum).
    #[serde(default)]
    pub file: Option<String>,
}

/// Profiles and growth shared by all flows.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Yearly growth of every flow, as a fraction (0.05 is 5% a year), compounded continuously.
    #[serde(default)]
    pub growth_per_year: f64,
    /// Relative arrival intensity for each hour of the day (24 weights); flat if absent.
    #[serde(default)]
    pub daily_profile: Vec<f64>,
    /// Relative intensity for each day of the week, Monday first (7 weights); flat if absent.
    #[serde(default)]
    pub weekly_profile: Vec<f64>,
}

/// A traffic class.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    /// Name, referred to by flows and service times.
    pub name: String,
    /// `road` or `rail`.
    pub mode: Mode,
    /// Tonnes of cargo per unit (truck or train).
    pub tonnes_per_unit: f64,
    /// Containers per unit.
    #[serde(default)]
    pub containers_per_unit: u32,
    /// Queue priority at every post; lower is served first (default 128).
    #[serde(default = "default_priority")]
    pub priority: u8,
    /// Share of units whose seals were tampered with.
    #[serde(default)]
    pub tampered_share: f64,
    /// Share of units carrying contraband.
    #[serde(default)]
    pub contraband_share: f64,
}

fn default_priority() -> u8 {
    128
}

/// Road or rail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Trucks.
    Road,
    /// Trains.
    Rail,
}

/// Which way a flow runs along the posts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// First post to last.
    #[default]
    Forward,
    /// Last post to first.
    Backward,
}

/// A demand flow.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Traffic class.
    pub class: String,
    /// Where the units come from (a label for reports).
    pub origin: String,
    /// Where they go.
    #[serde(default)]
    pub destination: String,
    /// Mean units per day in the first year, before profiles.
    pub units_per_day: f64,
    /// Direction along the posts.
    #[serde(default)]
    pub direction: Direction,
    /// This flow's own hourly profile (24 weights), instead of the demand's.
    #[serde(default)]
    pub daily_profile: Vec<f64>,
    /// This flow's own weekly profile (7 weights, Monday first), instead of the demand's.
    #[serde(default)]
    pub weekly_profile: Vec<f64>,
}

/// A post: its resources and the checks made there, in order.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    /// Name.
    pub name: String,
    /// The post's identifier in the core's corridor (`AM-MEGHRI-E`); needed with a core regime.
    #[serde(default)]
    pub id: Option<String>,
    /// Desks, teams, scanners and bays.
    #[serde(default, rename = "resource")]
    pub resources: Vec<ResourceSpec>,
    /// Checks, in the order a unit meets them.
    #[serde(default, rename = "check")]
    pub checks: Vec<Check>,
}

/// A resource at a post.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceSpec {
    /// Name, referred to by checks.
    pub name: String,
    /// Servers available outside any shift.
    pub capacity: u32,
    /// Shifts that set another capacity for some hours of every day.
    #[serde(default)]
    pub shifts: Vec<Shift>,
}

/// Hours of the day with their own capacity.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// First hour (0-23).
    pub from_hour: u32,
    /// Hour it ends (1-24; a shift may wrap past midnight, 22 to 6).
    pub to_hour: u32,
    /// Servers during the shift.
    pub capacity: u32,
}

/// What a check looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Documents against the declaration.
    Document,
    /// Seals against the declaration.
    Seal,
    /// A non-intrusive scanner pass.
    Scan,
    /// Opening and inspecting the cargo; the only check that confirms a finding.
    Physical,
}

/// Which units a check applies to.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Selection {
    /// Every unit.
    All,
    /// A random share of units.
    Random {
        /// The share, 0 to 1.
        share: f64,
    },
    /// Units an earlier check flagged.
    Flagged,
    /// Flagged units and a random share of the rest.
    RandomOrFlagged {
        /// The share of unflagged units, 0 to 1.
        share: f64,
    },
}

/// Where on its route a unit meets a check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// At every post.
    #[default]
    Any,
    /// Only where the unit enters the corridor (its first post).
    Entry,
    /// Only where it leaves (its last post).
    Exit,
}

/// One check at a post.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Name, unique at the post.
    pub name: String,
    /// What it looks at.
    pub kind: CheckKind,
    /// The party that performs it (`host`, `transit`, `monitor`, ...).
    pub by: String,
    /// The resource it occupies.
    pub resource: String,
    /// Where on a unit's route the check applies (default: at every post).
    #[serde(default)]
    pub at: Stage,
    /// Which units it applies to.
    pub select: Selection,
    /// Service time per traffic class, in minutes; a class without one skips the check.
    pub service: BTreeMap<String, Distribution>,
    /// Probability of detecting a tampered unit.
    #[serde(default)]
    pub detects_tampered: f64,
    /// Probability of detecting a unit with contraband.
    #[serde(default)]
    pub detects_contraband: f64,
    /// Probability of flagging a clean unit.
    #[serde(default)]
    pub false_alarm: f64,
}

/// Travel between two consecutive posts.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// One post.
    pub from: String,
    /// The next post on the route.
    pub to: String,
    /// Travel time per class, in minutes; a class without one travels in no time.
    pub travel: BTreeMap<String, Distribution>,
}

/// The tariff: fees per unit, per tonne and per container, and their split.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tariff {
    /// ISO 4217 code.
    pub currency: String,
    /// Minor units per major unit (100 for USD).
    #[serde(default = "default_minor")]
    pub minor_per_major: u32,
    /// Fee per tonne, in minor units.
    #[serde(default)]
    pub per_tonne_minor: u64,
    /// Fee per container, in minor units.
    #[serde(default)]
    pub per_container_minor: u64,
    /// Fee per unit, in minor units.
    #[serde(default)]
    pub per_unit_minor: u64,
    /// Each party's share, in basis points; they must sum to 10,000.
    pub split: BTreeMap<String, u32>,
}

fn default_minor() -> u32 {
    100
}

/// How the simulated parties contest acts and answer contests (`[contests]`), applied
/// through the core with the reason codes and the answer deadline of the regime in force.
///
/// No source we have publishes how often a carrier or a transiting state contests an act at
/// a border post, or how often customs answer a complaint in time: every default below is
/// a stated assumption, not a measured rate, and is meant to be swept (`passage simulate
/// sweep --set contests.red_lane_share=0,0.05,0.2`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Contests {
    /// Share of holds that the held unit's carrier contests once the hold has lasted
    /// `hold_contested_after_minutes`. Assumption: half; a carrier whose truck is held for
    /// half a day has every reason to complain.
    pub held_share: f64,
    /// How long a hold lasts before its carrier contests it, in minutes. Assumption: 12
    /// hours, half the 24-hour threshold after which the core opens an incident itself
    /// (the regime's default `hold_threshold_hours`).
    pub hold_contested_after_minutes: f64,
    /// The reason code of a carrier's contest of a hold; the regime must list it.
    pub held_reason: String,
    /// Share of physical inspections of units in the red lane that the transiting state's
    /// authority contests. Assumption: 5%, about one in twenty, the share of offences
    /// that risk-managed controls find (3-4%, Kosovo's customs) plus a margin: a
    /// transiting state that follows its movements contests the inspections it doubts.
    pub red_lane_share: f64,
    /// The reason code of a contest of a red-lane inspection; the regime must list it.
    pub red_lane_reason: String,
    /// Share of contests the act's party answers within the regime's deadline, at a time
    /// drawn uniformly within it; the others are answered late, within as long again after
    /// the deadline, once the core has opened their automatic incident. Assumption: 80%.
    pub answered_in_time_share: f64,
    /// Share of answers that uphold the contest; the others reject it. Assumption: a
    /// quarter.
    pub upheld_share: f64,
    /// Share of rejected contests that the contester takes to the joint commission at
    /// once. Assumption: a fifth.
    pub referred_share: f64,
    /// Share of referred contests that the commission decides for the contester (every
    /// party's authority votes the same decision, so the charter's quorum decides); the
    /// others it decides for the act. Assumption: half.
    pub commission_upholds_share: f64,
}

impl Default for Contests {
    fn default() -> Contests {
        Contests {
            held_share: 0.5,
            hold_contested_after_minutes: 720.0,
            held_reason: "held_too_long".to_string(),
            red_lane_share: 0.05,
            red_lane_reason: "wrong_lane".to_string(),
            answered_in_time_share: 0.8,
            upheld_share: 0.25,
            referred_share: 0.2,
            commission_upholds_share: 0.5,
        }
    }
}

impl Contests {
    /// No one contests anything.
    #[must_use]
    pub fn none() -> Contests {
        Contests { held_share: 0.0, red_lane_share: 0.0, ..Contests::default() }
    }
}

/// Why a scenario cannot be used.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    /// The file is too large.
    #[error("the scenario has {0} bytes; at most {SCENARIO_BYTES_MAX} are accepted")]
    TooLarge(usize),
    /// The file is not valid TOML or does not match the format.
    #[error("the scenario does not parse: {0}")]
    Parse(String),
    /// A name refers to nothing.
    #[error("{place}: unknown {kind} `{name}`")]
    Unknown {
        /// Where the reference is.
        place: String,
        /// What kind of thing it names.
        kind: &'static str,
        /// The name.
        name: String,
    },
    /// A name is used twice.
    #[error("{kind} `{name}` is defined twice")]
    Duplicate {
        /// What kind of thing.
        kind: &'static str,
        /// The name.
        name: String,
    },
    /// A value is out of range.
    #[error("{place}: {problem}")]
    Invalid {
        /// Where.
        place: String,
        /// What is wrong and what is expected.
        problem: String,
    },
    /// A distribution is invalid.
    #[error("{place}: {source}")]
    Distribution {
        /// Where.
        place: String,
        /// What is wrong.
        source: DistributionError,
    },
}

fn invalid(place: impl Into<String>, problem: impl Into<String>) -> ScenarioError {
    ScenarioError::Invalid { place: place.into(), problem: problem.into() }
}

fn share(place: &str, value: f64) -> Result<f64, ScenarioError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(invalid(place, format!("a share must lie between 0 and 1, got {value}")))
    }
}

fn count_at_most<T>(place: &str, items: &[T], min: usize, max: usize) -> Result<(), ScenarioError> {
    if items.len() < min || items.len() > max {
        return Err(invalid(place, format!("needs {min} to {max} entries, got {}", items.len())));
    }
    Ok(())
}

/// A validated scenario, with names resolved to indices and distributions to samplers.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The file it came from, for reports.
    pub file: ScenarioFile,
    /// The demand's hourly arrival intensity over a week (168 factors averaging 1); flows
    /// without their own profiles use it.
    pub week_profile: Vec<f64>,
    /// Per flow: class index, the posts visited in order, and its weekly profile.
    pub flows: Vec<CompiledFlow>,
    /// Per post.
    pub posts: Vec<CompiledPost>,
    /// Travel samplers: `travel[from][class]` from post `from` to post `from + 1` (or
    /// back); `None` where no time is given.
    pub travel: Vec<Vec<Option<Sampler>>>,
    /// Party names in the order of the split.
    pub parties: Vec<String>,
}

/// A flow with its references resolved.
#[derive(Clone, Debug)]
pub struct CompiledFlow {
    /// Class index.
    pub class: usize,
    /// Posts in the order visited.
    pub route: Vec<usize>,
    /// Hourly arrival intensity over a week (168 factors averaging 1).
    pub week_profile: Vec<f64>,
}

/// A post with its references resolved.
#[derive(Clone, Debug)]
pub struct CompiledPost {
    /// Capacity of each resource for each hour of the day.
    pub capacity_by_hour: Vec<[u32; 24]>,
    /// Checks in order.
    pub checks: Vec<CompiledCheck>,
}

/// A check with its references resolved.
#[derive(Clone, Debug)]
pub struct CompiledCheck {
    /// Resource index at the post.
    pub resource: usize,
    /// Service sampler per class; `None` where the class skips the check.
    pub service: Vec<Option<Sampler>>,
}

impl Scenario {
    /// Parses and validates a scenario file's text.
    pub fn from_toml(text: &str) -> Result<Self, ScenarioError> {
        if text.len() > SCENARIO_BYTES_MAX {
            return Err(ScenarioError::TooLarge(text.len()));
        }
        let file: ScenarioFile =
            toml::from_str(text).map_err(|e| ScenarioError::Parse(e.to_string()))?;
        Self::from_file(file)
    }

    /// Validates a parsed scenario.
    pub fn from_file(file: ScenarioFile) -> Result<Self, ScenarioError> {
        let header = &file.scenario;
        if header.days == 0 || header.days > DAYS_MAX {
            return Err(invalid(
                "scenario.days",
                format!("must lie between 1 and {DAYS_MAX}, got {}", header.days),
            ));
        }
        if header.warmup_days >= header.days {
            return Err(invalid("scenario.warmup_days", "must be shorter than scenario.days"));
        }
        if file.regime.core.is_some() && file.regime.file.is_some() {
            return Err(invalid(
                "regime",
                "give either `core` (a regime the simulator ships) or `file`, not both",
            ));
        }
        count_at_most("class", &file.classes, 1, CLASSES_MAX)?;
        count_at_most("flow", &file.flows, 1, FLOWS_MAX)?;
        count_at_most("post", &file.posts, 1, POSTS_MAX)?;
        count_at_most(
            "tariff.split",
            &file.tariff.split.iter().collect::<Vec<_>>(),
            1,
            PARTIES_MAX,
        )?;

        let class_names = unique("class", file.classes.iter().map(|c| c.name.as_str()))?;
        for class in &file.classes {
            let place = format!("class `{}`", class.name);
            if !(class.tonnes_per_unit.is_finite()
                && (0.0..=TONNES_PER_UNIT_MAX).contains(&class.tonnes_per_unit))
            {
                return Err(invalid(
                    &place,
                    format!("tonnes_per_unit must lie between 0 and {TONNES_PER_UNIT_MAX}"),
                ));
            }
            if class.containers_per_unit > CONTAINERS_PER_UNIT_MAX {
                return Err(invalid(
                    &place,
                    format!("containers_per_unit must be at most {CONTAINERS_PER_UNIT_MAX}"),
                ));
            }
            share(&format!("{place}.tampered_share"), class.tampered_share)?;
            share(&format!("{place}.contraband_share"), class.contraband_share)?;
        }
        let class_index = |place: &str, name: &str| {
            class_names.iter().position(|c| c == name).ok_or_else(|| ScenarioError::Unknown {
                place: place.to_string(),
                kind: "class",
                name: name.to_string(),
            })
        };

        let demand = &file.demand;
        if !(demand.growth_per_year.is_finite() && demand.growth_per_year > -1.0) {
            return Err(invalid(
                "demand.growth_per_year",
                "must be a fraction above -1 (0.05 is 5% a year)",
            ));
        }
        let daily = profile("demand.daily_profile", &demand.daily_profile, 24)?;
        let weekly = profile("demand.weekly_profile", &demand.weekly_profile, 7)?;
        let week = |daily: &[f64], weekly: &[f64]| -> Vec<f64> {
            weekly.iter().flat_map(|d| daily.iter().map(move |h| d * h)).collect()
        };
        let week_profile = week(&daily, &weekly);

        let post_names = unique("post", file.posts.iter().map(|p| p.name.as_str()))?;
        let mut flows = Vec::new();
        for (i, flow) in file.flows.iter().enumerate() {
            let place = format!("flow {} ({} from {})", i + 1, flow.class, flow.origin);
            let class = class_index(&place, &flow.class)?;
            if !(flow.units_per_day.is_finite()
                && (0.0..=UNITS_PER_DAY_MAX).contains(&flow.units_per_day))
            {
                return Err(invalid(
                    &place,
                    format!("units_per_day must lie between 0 and {UNITS_PER_DAY_MAX}"),
                ));
            }
            let mut route: Vec<usize> = (0..file.posts.len()).collect();
            if flow.direction == Direction::Backward {
                route.reverse();
            }
            let flow_daily = if flow.daily_profile.is_empty() {
                daily.clone()
            } else {
                profile(&format!("{place}.daily_profile"), &flow.daily_profile, 24)?
            };
            let flow_weekly = if flow.weekly_profile.is_empty() {
                weekly.clone()
            } else {
                profile(&format!("{place}.weekly_profile"), &flow.weekly_profile, 7)?
            };
            flows.push(CompiledFlow {
                class,
                route,
                week_profile: week(&flow_daily, &flow_weekly),
            });
        }

        let mut posts = Vec::new();
        for post in &file.posts {
            count_at_most(
                &format!("post `{}`.resource", post.name),
                &post.resources,
                0,
                PER_POST_MAX,
            )?;
            count_at_most(&format!("post `{}`.check", post.name), &post.checks, 0, PER_POST_MAX)?;
            let resource_names =
                unique("resource", post.resources.iter().map(|r| r.name.as_str()))?;
            let mut capacity_by_hour = Vec::new();
            for resource in &post.resources {
                let mut hours = [resource.capacity; 24];
                for shift in &resource.shifts {
                    let place = format!("post `{}` resource `{}` shift", post.name, resource.name);
                    if shift.from_hour > 23
                        || shift.to_hour == 0
                        || shift.to_hour > 24
                        || shift.from_hour == shift.to_hour
                    {
                        return Err(invalid(
                            place,
                            "from_hour must be 0-23, to_hour 1-24, and they must differ",
                        ));
                    }
                    let mut h = shift.from_hour;
                    while h != shift.to_hour % 24 {
                        hours[h as usize] = shift.capacity;
                        h = (h + 1) % 24;
                    }
                }
                capacity_by_hour.push(hours);
            }
            unique("check", post.checks.iter().map(|c| c.name.as_str()))?;
            let mut checks = Vec::new();
            for check in &post.checks {
                let place = format!("post `{}` check `{}`", post.name, check.name);
                let resource = resource_names
                    .iter()
                    .position(|r| *r == check.resource)
                    .ok_or_else(|| ScenarioError::Unknown {
                        place: place.clone(),
                        kind: "resource",
                        name: check.resource.clone(),
                    })?;
                share(&format!("{place}.detects_tampered"), check.detects_tampered)?;
                share(&format!("{place}.detects_contraband"), check.detects_contraband)?;
                share(&format!("{place}.false_alarm"), check.false_alarm)?;
                if let Selection::Random { share: s } | Selection::RandomOrFlagged { share: s } =
                    check.select
                {
                    share(&format!("{place}.select.share"), s)?;
                }
                let mut service = vec![None; file.classes.len()];
                for (class, distribution) in &check.service {
                    let c = class_index(&format!("{place}.service"), class)?;
                    service[c] =
                        Some(Sampler::new(distribution, TICKS_PER_MINUTE).map_err(|source| {
                            ScenarioError::Distribution {
                                place: format!("{place}.service.{class}"),
                                source,
                            }
                        })?);
                }
                checks.push(CompiledCheck { resource, service });
            }
            posts.push(CompiledPost { capacity_by_hour, checks });
        }

        let mut travel = vec![vec![None; file.classes.len()]; file.posts.len()];
        for segment in &file.segments {
            let place = format!("segment {} to {}", segment.from, segment.to);
            let find = |name: &String| {
                post_names.iter().position(|p| p == name).ok_or_else(|| ScenarioError::Unknown {
                    place: place.clone(),
                    kind: "post",
                    name: name.clone(),
                })
            };
            let (from, to) = (find(&segment.from)?, find(&segment.to)?);
            if to != from + 1 {
                return Err(invalid(
                    &place,
                    "a segment joins a post to the next one in file order",
                ));
            }
            for (class, distribution) in &segment.travel {
                let c = class_index(&place, class)?;
                travel[from][c] =
                    Some(Sampler::new(distribution, TICKS_PER_MINUTE).map_err(|source| {
                        ScenarioError::Distribution {
                            place: format!("{place}.travel.{class}"),
                            source,
                        }
                    })?);
            }
        }

        let tariff = &file.tariff;
        if tariff.currency.len() != 3 || !tariff.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(invalid("tariff.currency", "must be an ISO 4217 code such as USD"));
        }
        for (field, value) in [
            ("tariff.per_tonne_minor", tariff.per_tonne_minor),
            ("tariff.per_container_minor", tariff.per_container_minor),
            ("tariff.per_unit_minor", tariff.per_unit_minor),
        ] {
            if value > FEE_MINOR_MAX {
                return Err(invalid(field, format!("must be at most {FEE_MINOR_MAX} minor units")));
            }
        }
        let total: u64 = tariff.split.values().map(|&bp| u64::from(bp)).sum();
        if total != 10_000 {
            return Err(invalid(
                "tariff.split",
                format!("shares are basis points and must sum to 10000, got {total}"),
            ));
        }
        let contests = &file.contests;
        for (field, value) in [
            ("contests.held_share", contests.held_share),
            ("contests.red_lane_share", contests.red_lane_share),
            ("contests.answered_in_time_share", contests.answered_in_time_share),
            ("contests.upheld_share", contests.upheld_share),
            ("contests.referred_share", contests.referred_share),
            ("contests.commission_upholds_share", contests.commission_upholds_share),
        ] {
            share(field, value)?;
        }
        // A hold is contested at most 30 days after it began: later the act is no longer
        // contestable (the core keeps acts that long).
        let after = contests.hold_contested_after_minutes;
        if !(after.is_finite() && (0.0..=CONTEST_AFTER_MINUTES_MAX).contains(&after)) {
            return Err(invalid(
                "contests.hold_contested_after_minutes",
                format!("must lie between 0 and {CONTEST_AFTER_MINUTES_MAX} (30 days)"),
            ));
        }
        let parties = tariff.split.keys().cloned().collect();
        Ok(Self { file, week_profile, flows, posts, travel, parties })
    }
}

fn unique<'a>(
    kind: &'static str,
    names: impl Iterator<Item = &'a str>,
) -> Result<Vec<String>, ScenarioError> {
    let mut seen: Vec<String> = Vec::new();
    for name in names {
        if seen.iter().any(|s| s == name) {
            return Err(ScenarioError::Duplicate { kind, name: name.to_string() });
        }
        seen.push(name.to_string());
    }
    Ok(seen)
}

/// Normalises a profile to average 1; an empty profile is flat.
fn profile(place: &str, weights: &[f64], len: usize) -> Result<Vec<f64>, ScenarioError> {
    if weights.is_empty() {
        return Ok(vec![1.0; len]);
    }
    if weights.len() != len {
        return Err(invalid(place, format!("needs {len} weights, got {}", weights.len())));
    }
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
        return Err(invalid(place, "weights must be numbers not below zero"));
    }
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return Err(invalid(place, "at least one weight must be above zero"));
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = sum / len as f64;
    Ok(weights.iter().map(|w| w / mean).collect())
}
