//! Search space files: the parameters to vary (ranges or lists), the objectives with their
//! direction and indifference, the screening and confirmation budgets, and the stated
//! assumptions behind the costs, read from TOML with errors that name the field.
//!
//! The format is documented field by field in `scenarios/README.md` ("Searching for
//! regimes"); the types below mirror it.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Most bytes a space file may have; real ones are a few kilobytes.
pub const SPACE_BYTES_MAX: usize = 1 << 20;
/// Most parameters one search varies: a Latin hypercube covers each of them evenly, but a
/// negotiator can no longer read a frontier over more.
pub const PARAMETERS_MAX: usize = 16;
/// Most values one parameter takes (a list, or a range divided by its step).
pub const PARAMETER_VALUES_MAX: usize = 256;
/// Most objectives: the frontier of more is most of the candidates.
pub const OBJECTIVES_MAX: usize = 12;
/// Most candidates one search screens.
pub const CANDIDATES_MAX: usize = 4_096;
/// Most replications one candidate gets, screening and refinement together.
pub const REPLICATIONS_PER_CANDIDATE_MAX: u64 = 1_000;
/// Most replications one search runs in all: a thousand candidates at a hundred each.
pub const REPLICATIONS_TOTAL_MAX: u64 = 100_000;
/// Most parties the report shows side by side (carriers come on top).
pub const PARTIES_MAX: usize = 8;

/// A space file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpaceFile {
    /// Name, seed, sampling and budgets.
    pub search: SearchHeader,
    /// The scenario and regime every candidate starts from (a corridor search).
    #[serde(default)]
    pub base: Option<Base>,
    /// What varies.
    #[serde(default, rename = "parameter")]
    pub parameters: Vec<Parameter>,
    /// What the frontier trades off.
    #[serde(rename = "objective")]
    pub objectives: Vec<Objective>,
    /// The parties whose figures the report shows side by side.
    #[serde(default, rename = "party")]
    pub parties: Vec<Party>,
    /// The stated assumptions behind costs: wages, equipment, the value of time.
    #[serde(default)]
    pub assumptions: Assumptions,
}

/// Name, seed, sampling and budgets.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchHeader {
    /// Short name, used in reports and file names.
    pub name: String,
    /// What the search is for.
    #[serde(default)]
    pub description: String,
    /// Seed of the candidates' sample and of every replication's random streams.
    #[serde(default)]
    pub seed: u64,
    /// How candidates are drawn from the space.
    #[serde(default)]
    pub sampling: Sampling,
    /// Screening budget: most candidates evaluated (the whole grid when it is smaller).
    #[serde(default = "default_candidates")]
    pub candidates: usize,
    /// Replications every candidate gets at screening (at least 2, for an interval).
    #[serde(default = "default_replications")]
    pub replications: u64,
    /// Most replications for one candidate, added to those near the frontier until their
    /// comparisons settle.
    #[serde(default = "default_replications_max")]
    pub replications_max: u64,
    /// Most replications the whole search runs, screening and refinement together
    /// (default: every candidate at `replications_max`).
    #[serde(default)]
    pub replications_total_max: Option<u64>,
    /// Whether screening runs the model alone or with the core in the loop; the frontier
    /// is always confirmed with the core.
    #[serde(default)]
    pub screening: Screening,
}

fn default_candidates() -> usize {
    64
}
fn default_replications() -> u64 {
    3
}
fn default_replications_max() -> u64 {
    12
}

/// How candidates are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sampling {
    /// The full grid when every parameter is a list and the grid fits the budget, a
    /// Latin hypercube otherwise.
    #[default]
    Auto,
    /// Every combination of every parameter's values.
    Grid,
    /// A seeded Latin hypercube: each parameter's range cut into as many strata as
    /// candidates, each stratum used once.
    LatinHypercube,
    /// Independent uniform draws, seeded.
    Random,
}

/// What screening runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Screening {
    /// The core in the loop: the regime's lanes, fees and limits (slower, exact).
    #[default]
    Core,
    /// The queueing model alone, selecting by the scenario's own rules: faster, blind to
    /// parameters of the regime file (a space that varies them must screen with the core).
    Model,
}

/// The scenario and regime every candidate starts from.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Base {
    /// The scenario file, relative to the space file.
    pub scenario: String,
    /// A regime file (the core's format), relative to the space file.
    #[serde(default)]
    pub regime: Option<String>,
    /// Instead of `regime`: a regime the simulator ships (`monitored`, `joint`, ...).
    #[serde(default)]
    pub core: Option<String>,
    /// Days simulated per replication, instead of the scenario's (a search runs many).
    #[serde(default)]
    pub days: Option<u32>,
    /// Warm-up days, instead of the scenario's.
    #[serde(default)]
    pub warmup_days: Option<u32>,
}

/// Which document a parameter edits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// The scenario: lanes and scanners (resource capacities), opening hours (shifts),
    /// demand, checks and their selection.
    #[default]
    Scenario,
    /// The regime file: inspection rates, controlled posts, acts, tariff and its split,
    /// time limits.
    Regime,
}

/// One parameter and the values it takes.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// The document it edits.
    #[serde(default)]
    pub document: Document,
    /// The field, as a dotted path: a segment after a list of tables picks the entry by
    /// `name` (or `account`, `route`, `lane`), or by position from 0.
    pub path: String,
    /// The values to try, of any TOML type.
    #[serde(default)]
    pub values: Vec<toml::Value>,
    /// Instead of `values`: a range; with `step`, the whole steps from `min` to `max`.
    #[serde(default)]
    pub range: Option<Range>,
    /// Edits to make together with this one: for each, a path and the values in the same
    /// order as this parameter's (a tariff's two split shares move together).
    #[serde(default)]
    pub with: Vec<Companion>,
}

/// A field that moves with a parameter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Companion {
    /// The document it edits (default: the parameter's).
    #[serde(default)]
    pub document: Option<Document>,
    /// The field.
    pub path: String,
    /// One value per value of the parameter.
    pub values: Vec<toml::Value>,
}

/// A range of numbers.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// Step between values; whole numbers throughout give whole-number values.
    #[serde(default)]
    pub step: Option<f64>,
}

/// Whether an objective is better low or high.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Lower is better (transit time, cost).
    Minimize,
    /// Higher is better (revenue, detection).
    Maximize,
}

/// One objective.
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// The figure, by name (`transit_mean_hours.truck`, `staff_cost_per_year.host`, ...).
    pub metric: String,
    /// Better low or high.
    pub direction: Direction,
    /// The smallest difference worth discussing, in the figure's unit: differences within
    /// it count as none. Above zero.
    pub indifference: f64,
}

/// A party whose figures the report shows.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Short key used in figure names (`host`, `transit`, `monitor`).
    pub key: String,
    /// Name in reports.
    #[serde(default)]
    pub name: String,
    /// The ledger's revenue accounts (or the model tariff's split names) it receives.
    #[serde(default)]
    pub revenue_accounts: Vec<String>,
    /// The `by` of the checks whose resources it staffs and equips.
    #[serde(default)]
    pub staffs: Vec<String>,
}

/// A figure with where it comes from.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    /// The value.
    pub value: f64,
    /// Its source, or `assumption` with the reasoning.
    pub source: String,
}

/// The stated assumptions behind the money figures.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// ISO 4217 code of every cost and of revenue in reports (default USD).
    #[serde(default)]
    pub currency: Option<String>,
    /// Units of `currency` per unit of each fee currency (`AMD`), where they differ.
    #[serde(default)]
    pub exchange: BTreeMap<String, Sourced>,
    /// A truck-hour of the carrier's time, in `currency`.
    #[serde(default)]
    pub truck_hour_value: Option<Sourced>,
    /// A train-hour, in `currency`.
    #[serde(default)]
    pub train_hour_value: Option<Sourced>,
    /// An officer's hour, per `by` of the checks (`host`, `monitor`), in `currency`.
    #[serde(default)]
    pub wage_per_staff_hour: BTreeMap<String, Sourced>,
    /// Staff per server and equipment cost, per resource name (at any post).
    #[serde(default, rename = "resource")]
    pub resources: Vec<ResourceCost>,
}

/// What one server of a resource costs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceCost {
    /// The resource's name, at every post that has one.
    pub name: String,
    /// Officers per server while it is open (default 1).
    #[serde(default = "default_staff")]
    pub staff_per_server: f64,
    /// Equipment cost per server per year (depreciation and upkeep), in `currency`.
    #[serde(default)]
    pub equipment_per_server_per_year: Option<Sourced>,
}

fn default_staff() -> f64 {
    1.0
}

/// The values one parameter takes.
#[derive(Clone, Debug, PartialEq)]
pub enum Levels {
    /// A finite list.
    Discrete(Vec<toml::Value>),
    /// Any number between two bounds.
    Continuous {
        /// Lowest.
        min: f64,
        /// Highest.
        max: f64,
    },
}

/// A validated space.
#[derive(Clone, Debug)]
pub struct Space {
    /// The file it came from.
    pub file: SpaceFile,
    /// Per parameter, its values.
    pub levels: Vec<Levels>,
    /// Most replications in all.
    pub replications_total_max: u64,
}

/// Why a space file cannot be used.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SpaceError {
    /// The file is too large.
    #[error("the space file has {0} bytes; at most {SPACE_BYTES_MAX} are accepted")]
    TooLarge(usize),
    /// Not TOML, or not the format (the message names the field).
    #[error("the space file does not parse: {0}")]
    Parse(String),
    /// A field's value is out of range.
    #[error("{field}: {problem}")]
    Invalid {
        /// The field, as a path in the file.
        field: String,
        /// What is wrong and what is expected.
        problem: String,
    },
}

fn invalid(field: impl Into<String>, problem: impl Into<String>) -> SpaceError {
    SpaceError::Invalid { field: field.into(), problem: problem.into() }
}

impl Space {
    /// Parses and validates a space file's text.
    pub fn from_toml(text: &str) -> Result<Space, SpaceError> {
        if text.len() > SPACE_BYTES_MAX {
            return Err(SpaceError::TooLarge(text.len()));
        }
        let file: SpaceFile =
            toml::from_str(text).map_err(|error| SpaceError::Parse(error.to_string()))?;
        Space::from_file(file)
    }

    /// Validates a parsed space.
    pub fn from_file(file: SpaceFile) -> Result<Space, SpaceError> {
        let header = &file.search;
        if header.candidates == 0 || header.candidates > CANDIDATES_MAX {
            return Err(invalid(
                "search.candidates",
                format!("must lie between 1 and {CANDIDATES_MAX}, got {}", header.candidates),
            ));
        }
        if header.replications < 2 || header.replications > header.replications_max {
            return Err(invalid(
                "search.replications",
                format!(
                    "must be at least 2 (an interval needs two) and at most search.replications_max ({})",
                    header.replications_max
                ),
            ));
        }
        if header.replications_max > REPLICATIONS_PER_CANDIDATE_MAX {
            return Err(invalid(
                "search.replications_max",
                format!("must be at most {REPLICATIONS_PER_CANDIDATE_MAX}"),
            ));
        }
        let screening_total = header.replications.saturating_mul(header.candidates as u64);
        let total = header
            .replications_total_max
            .unwrap_or_else(|| header.replications_max.saturating_mul(header.candidates as u64));
        if total > REPLICATIONS_TOTAL_MAX {
            return Err(invalid(
                "search.replications_total_max",
                format!(
                    "the search may run at most {REPLICATIONS_TOTAL_MAX} replications, got {total} (lower search.candidates or search.replications_max)"
                ),
            ));
        }
        if total < screening_total {
            return Err(invalid(
                "search.replications_total_max",
                format!(
                    "must cover screening: {} candidates times {} replications is {screening_total}",
                    header.candidates, header.replications
                ),
            ));
        }
        if file.parameters.len() > PARAMETERS_MAX {
            return Err(invalid("parameter", format!("at most {PARAMETERS_MAX} parameters")));
        }
        if file.objectives.is_empty() || file.objectives.len() > OBJECTIVES_MAX {
            return Err(invalid("objective", format!("needs 1 to {OBJECTIVES_MAX} objectives")));
        }
        for (i, objective) in file.objectives.iter().enumerate() {
            if !(objective.indifference.is_finite() && objective.indifference > 0.0) {
                return Err(invalid(
                    format!("objective {} ({}).indifference", i + 1, objective.metric),
                    "must be a number above zero: the smallest difference worth discussing",
                ));
            }
            if file.objectives[..i].iter().any(|o| o.metric == objective.metric) {
                return Err(invalid(
                    format!("objective {} ({})", i + 1, objective.metric),
                    "names a figure already named",
                ));
            }
        }
        if file.parties.len() > PARTIES_MAX {
            return Err(invalid("party", format!("at most {PARTIES_MAX} parties")));
        }
        for (i, party) in file.parties.iter().enumerate() {
            if party.key.is_empty()
                || !party.key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(invalid(
                    format!("party {}.key", i + 1),
                    "must be letters, digits, `-` or `_` (it is part of figure names)",
                ));
            }
            if party.key == "carriers" || file.parties[..i].iter().any(|p| p.key == party.key) {
                return Err(invalid(
                    format!("party {}.key", i + 1),
                    format!("`{}` is taken (carriers are always reported)", party.key),
                ));
            }
        }
        let mut levels = Vec::new();
        for (i, parameter) in file.parameters.iter().enumerate() {
            let field = format!("parameter {} ({})", i + 1, parameter.path);
            levels.push(parameter_levels(&field, parameter)?);
            if parameter.path.is_empty() || parameter.path.split('.').any(str::is_empty) {
                return Err(invalid(&field, "path must be dotted names like post.east.capacity"));
            }
            for companion in &parameter.with {
                let Levels::Discrete(values) = &levels[i] else {
                    return Err(invalid(
                        format!("{field}.with"),
                        "only a parameter with a list of values can move others with it",
                    ));
                };
                if companion.values.len() != values.len() {
                    return Err(invalid(
                        format!("{field}.with ({})", companion.path),
                        format!(
                            "needs one value per value of the parameter ({}), got {}",
                            values.len(),
                            companion.values.len()
                        ),
                    ));
                }
            }
        }
        for (name, sourced) in file
            .assumptions
            .wage_per_staff_hour
            .iter()
            .chain(&file.assumptions.exchange)
            .map(|(k, v)| (k.as_str(), v))
            .chain(file.assumptions.truck_hour_value.iter().map(|v| ("truck_hour_value", v)))
            .chain(file.assumptions.train_hour_value.iter().map(|v| ("train_hour_value", v)))
        {
            if !(sourced.value.is_finite() && sourced.value >= 0.0) || sourced.source.is_empty() {
                return Err(invalid(
                    format!("assumptions.{name}"),
                    "needs a value not below zero and a source (or `assumption: why`)",
                ));
            }
        }
        Ok(Space { levels, replications_total_max: total, file })
    }

    /// How many candidates the full grid has, if every parameter is a list.
    #[must_use]
    pub fn grid_size(&self) -> Option<usize> {
        self.levels.iter().try_fold(1usize, |size, levels| match levels {
            Levels::Discrete(values) => size.checked_mul(values.len()),
            Levels::Continuous { .. } => None,
        })
    }
}

fn parameter_levels(field: &str, parameter: &Parameter) -> Result<Levels, SpaceError> {
    match (&parameter.range, parameter.values.is_empty()) {
        (Some(_), false) | (None, true) => {
            Err(invalid(field, "give either `values` (a list) or `range`, not both"))
        }
        (None, false) => {
            if parameter.values.len() > PARAMETER_VALUES_MAX {
                return Err(invalid(field, format!("at most {PARAMETER_VALUES_MAX} values")));
            }
            Ok(Levels::Discrete(parameter.values.clone()))
        }
        (Some(range), true) => {
            let Range { min, max, step } = *range;
            if !(min.is_finite() && max.is_finite() && min <= max) {
                return Err(invalid(format!("{field}.range"), "needs finite min <= max"));
            }
            let Some(step) = step else {
                return Ok(Levels::Continuous { min, max });
            };
            if !(step.is_finite() && step > 0.0) {
                return Err(invalid(format!("{field}.range.step"), "must be above zero"));
            }
            let count = ((max - min) / step + 1e-9).floor() + 1.0;
            if count > PARAMETER_VALUES_MAX as f64 {
                return Err(invalid(
                    format!("{field}.range"),
                    format!("gives {count} values; at most {PARAMETER_VALUES_MAX}"),
                ));
            }
            let whole = [min, max, step].iter().all(|v| v.fract() == 0.0 && v.abs() < 9.0e15);
            // The count is at most PARAMETER_VALUES_MAX, checked above.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let values = (0..count as usize)
                .map(|k| {
                    #[allow(clippy::cast_precision_loss)]
                    let value = min + step * k as f64;
                    if whole {
                        #[allow(clippy::cast_possible_truncation)]
                        toml::Value::Integer(value as i64)
                    } else {
                        toml::Value::Float(value)
                    }
                })
                .collect();
            Ok(Levels::Discrete(values))
        }
    }
}
