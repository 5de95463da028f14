//! A search over the corridor: candidates are edits of a base scenario and regime file,
//! evaluated by the corridor model (screening with the model alone or with the core) and
//! confirmed with the core in the loop; each candidate's figures include every party's
//! revenue, staff and equipment cost, the carriers' fees and waiting cost, and detection.
//!
//! Money is in the space's `assumptions.currency` per year: fees from the ledger (or the
//! model's tariff) converted at the stated exchange rate; staff cost as the hours each
//! resource is open, times its servers, staff per server and the wage of the party whose
//! checks use it; equipment per server per year; carriers' waiting cost as the hours a
//! unit spends at the posts (transit minus the mean travel between posts) times the value
//! of a truck-hour or a train-hour. Every one of these is a stated assumption in the space
//! file, with its source.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::core_loop::{self, CORE_REGIMES, CoreOptions, CoreSetup, RegimeDocument};
use crate::corridor::{self, CorridorReport, Detail, Unobserved};
use crate::scenario::{Mode, Scenario, TICKS_PER_MINUTE};
use crate::stats::Estimate;

use super::candidates::{self, Candidate, Drawn, set_path};
use super::frontier;
use super::space::{Document, Levels, Objective, Screening, Space};
use super::{Budget, Evaluation, Evaluator, Figures, SearchError, objective_samples};

/// Why a corridor search cannot start.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SetupError {
    /// The space has no `[base]`.
    #[error("the space needs a [base] with the scenario (and regime) every candidate starts from")]
    NoBase,
    /// The base names both or neither of `regime` and `core`, or an unknown `core`.
    #[error("base: {0}")]
    BaseRegime(String),
    /// The base scenario or regime is not TOML or not valid.
    #[error("base {document}: {problem}")]
    BaseDocument {
        /// Which.
        document: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// Screening with the model alone cannot see a regime parameter.
    #[error(
        "parameter `{0}` edits the regime file, which the model alone does not read: set search.screening = \"core\""
    )]
    RegimeParameterWithModel(String),
    /// A stated assumption the figures need is missing.
    #[error("assumptions: {0}")]
    MissingAssumption(String),
}

/// A candidate ready to run.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The scenario with the candidate's values.
    pub scenario: Scenario,
    /// The regime file with the candidate's values, as proposed to the core.
    pub regime_text: String,
    /// The core's setup under that regime, or why the core refuses it.
    pub setup: Result<CoreSetup, String>,
    /// Staff and equipment cost per year, per `by` of the checks.
    costs: BTreeMap<String, (f64, f64)>,
}

/// A corridor search: the space, its candidates and each one prepared.
#[derive(Debug)]
pub struct CorridorSearch {
    /// The space.
    pub space: Space,
    /// How the candidates were drawn.
    pub drawn: Drawn,
    /// The candidates.
    pub candidates: Vec<Candidate>,
    /// Each candidate ready, or why its values do not make a valid scenario.
    pub prepared: Vec<Result<Prepared, String>>,
    /// The base regime's name.
    pub base_regime_name: String,
}

/// The base documents, read by the caller.
#[derive(Clone, Copy, Debug)]
pub struct BaseTexts<'a> {
    /// The base scenario file's text.
    pub scenario: &'a str,
    /// The base regime file's text, when `[base] regime` names a file.
    pub regime: Option<&'a str>,
}

fn parse_document(document: &'static str, text: &str) -> Result<toml::Value, SetupError> {
    toml::from_str(text)
        .map_err(|error| SetupError::BaseDocument { document, problem: error.to_string() })
}

impl CorridorSearch {
    /// Draws the candidates of `space` and prepares each from the base documents.
    pub fn new(space: Space, base: BaseTexts<'_>) -> Result<CorridorSearch, SetupError> {
        let header = space.file.base.as_ref().ok_or(SetupError::NoBase)?;
        let regime_text = match (&header.regime, &header.core, base.regime) {
            (Some(_), None, Some(text)) => text,
            (None, Some(key), _) => CORE_REGIMES
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, text)| *text)
                .ok_or_else(|| SetupError::BaseRegime(format!("unknown core regime `{key}`")))?,
            (Some(path), None, None) => {
                return Err(SetupError::BaseRegime(format!(
                    "the regime file `{path}` was not read"
                )));
            }
            _ => {
                return Err(SetupError::BaseRegime(
                    "give either `regime` (a file) or `core` (a regime the simulator ships)"
                        .to_string(),
                ));
            }
        };
        if space.file.search.screening == Screening::Model
            && let Some(parameter) =
                space.file.parameters.iter().find(|p| p.document == Document::Regime)
        {
            return Err(SetupError::RegimeParameterWithModel(parameter.path.clone()));
        }
        let mut scenario = parse_document("scenario", base.scenario)?;
        for (path, value) in
            [("scenario.days", header.days), ("scenario.warmup_days", header.warmup_days)]
        {
            if let Some(value) = value {
                set_path(&mut scenario, path, toml::Value::Integer(i64::from(value))).map_err(
                    |error| SetupError::BaseDocument {
                        document: "scenario",
                        problem: error.to_string(),
                    },
                )?;
            }
        }
        let regime = parse_document("regime", regime_text)?;
        let base_regime_name = regime
            .get("regime")
            .and_then(|r| r.get("name"))
            .and_then(toml::Value::as_str)
            .unwrap_or("regime")
            .to_string();
        check_assumptions(&space, &scenario, &regime)?;
        let (drawn, candidates) = candidates::generate(&space);
        let prepared = candidates
            .par_iter()
            .map(|candidate| prepare(&space, &scenario, &regime, &base_regime_name, candidate))
            .collect();
        Ok(CorridorSearch { space, drawn, candidates, prepared, base_regime_name })
    }

    /// The replication budget of the space.
    #[must_use]
    pub fn budget(&self) -> Budget {
        let header = &self.space.file.search;
        Budget {
            replications: header.replications,
            replications_max: header.replications_max,
            replications_total_max: self.space.replications_total_max,
        }
    }

    /// Each parameter's setting in `candidate`, as `path = value` pairs.
    #[must_use]
    pub fn settings(&self, candidate: usize) -> Vec<(String, toml::Value)> {
        self.space
            .file
            .parameters
            .iter()
            .zip(&self.candidates[candidate].values)
            .map(|(parameter, value)| {
                let document = match parameter.document {
                    Document::Scenario => "scenario",
                    Document::Regime => "regime",
                };
                (format!("{document}:{}", parameter.path), value.clone())
            })
            .collect()
    }
}

/// Checks that the figures' assumptions are stated: a wage for every party that staffs a
/// check, an exchange rate for a fee currency other than the report's, the value of time
/// for each mode.
fn check_assumptions(
    space: &Space,
    scenario: &toml::Value,
    regime: &toml::Value,
) -> Result<(), SetupError> {
    let assumptions = &space.file.assumptions;
    let currency = report_currency(space);
    let mut fee_currencies = Vec::new();
    if let Some(code) =
        scenario.get("tariff").and_then(|t| t.get("currency")).and_then(|c| c.as_str())
    {
        fee_currencies.push(code.to_string());
    }
    if let Some(code) =
        regime.get("tariff").and_then(|t| t.get("currency")).and_then(|c| c.as_str())
    {
        fee_currencies.push(code.to_string());
    }
    for code in fee_currencies {
        if code != currency && !assumptions.exchange.contains_key(&code) {
            return Err(SetupError::MissingAssumption(format!(
                "exchange.{code}: fees are in {code}, reports in {currency}; state the rate"
            )));
        }
    }
    let tables = |key: &str| -> Vec<toml::Value> {
        scenario.get(key).and_then(toml::Value::as_array).cloned().unwrap_or_default()
    };
    for post in tables("post") {
        for check in post.get("check").and_then(toml::Value::as_array).into_iter().flatten() {
            if let Some(by) = check.get("by").and_then(toml::Value::as_str)
                && !assumptions.wage_per_staff_hour.contains_key(by)
            {
                return Err(SetupError::MissingAssumption(format!(
                    "wage_per_staff_hour.{by}: checks are made by `{by}`; state its officers' wage"
                )));
            }
        }
    }
    for class in tables("class") {
        let (mode, value) = match class.get("mode").and_then(toml::Value::as_str) {
            Some("rail") => ("train_hour_value", &assumptions.train_hour_value),
            _ => ("truck_hour_value", &assumptions.truck_hour_value),
        };
        if value.is_none() {
            return Err(SetupError::MissingAssumption(format!(
                "{mode}: the scenario has units of that mode; state the value of their time"
            )));
        }
    }
    Ok(())
}

fn report_currency(space: &Space) -> String {
    space.file.assumptions.currency.clone().unwrap_or_else(|| "USD".to_string())
}

fn prepare(
    space: &Space,
    scenario: &toml::Value,
    regime: &toml::Value,
    base_regime_name: &str,
    candidate: &Candidate,
) -> Result<Prepared, String> {
    let mut scenario = scenario.clone();
    let mut regime = regime.clone();
    for ((parameter, value), levels) in
        space.file.parameters.iter().zip(&candidate.values).zip(&space.levels)
    {
        let mut edit = |document: Document, path: &str, value: toml::Value| {
            let target = match document {
                Document::Scenario => &mut scenario,
                Document::Regime => &mut regime,
            };
            set_path(target, path, value).map_err(|error| format!("{document:?} {error}"))
        };
        edit(parameter.document, &parameter.path, value.clone())?;
        if let Levels::Discrete(values) = levels
            && let Some(index) = values.iter().position(|v| v == value)
        {
            for companion in &parameter.with {
                edit(
                    companion.document.unwrap_or(parameter.document),
                    &companion.path,
                    companion.values[index].clone(),
                )?;
            }
        }
    }
    // Each frontier regime gets a name of its own, so proposals can be told apart.
    let name =
        format!("{base_regime_name} ({} candidate {})", space.file.search.name, candidate.number);
    set_path(&mut regime, "regime.name", toml::Value::String(name))
        .map_err(|error| format!("regime {error}"))?;
    let scenario_text = toml::to_string(&scenario).map_err(|error| error.to_string())?;
    let regime_text = toml::to_string(&regime).map_err(|error| error.to_string())?;
    let scenario =
        Scenario::from_toml(&scenario_text).map_err(|error| format!("the scenario: {error}"))?;
    let costs = costs(space, &scenario);
    let setup = CoreSetup::with_regime(
        &scenario,
        RegimeDocument { label: &format!("candidate {}", candidate.number), text: &regime_text },
    )
    .map_err(|error| format!("the core refuses it: {error}"));
    Ok(Prepared { scenario, regime_text, setup, costs })
}

/// Staff and equipment cost per year for each `by` of the checks.
fn costs(space: &Space, scenario: &Scenario) -> BTreeMap<String, (f64, f64)> {
    let assumptions = &space.file.assumptions;
    let mut costs: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (post, compiled) in scenario.file.posts.iter().zip(&scenario.posts) {
        for (r, resource) in post.resources.iter().enumerate() {
            // The party of the first check that uses the resource staffs it.
            let Some(by) = post.checks.iter().find(|c| c.resource == resource.name).map(|c| &c.by)
            else {
                continue;
            };
            let spec = assumptions.resources.iter().find(|spec| spec.name == resource.name);
            let staff = spec.map_or(1.0, |spec| spec.staff_per_server);
            let server_hours_per_day: u32 = compiled.capacity_by_hour[r].iter().sum();
            let wage = assumptions.wage_per_staff_hour.get(by).map_or(0.0, |w| w.value);
            let staff_cost = f64::from(server_hours_per_day) * 365.0 * staff * wage;
            let servers = compiled.capacity_by_hour[r].iter().copied().max().unwrap_or(0);
            let equipment = spec
                .and_then(|spec| spec.equipment_per_server_per_year.as_ref())
                .map_or(0.0, |e| e.value * f64::from(servers));
            let entry = costs.entry(by.clone()).or_insert((0.0, 0.0));
            entry.0 += staff_cost;
            entry.1 += equipment;
        }
    }
    costs
}

/// Which runs evaluate candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runs {
    /// The model alone.
    Model,
    /// The core in the loop.
    Core,
}

/// Evaluates the candidates of a [`CorridorSearch`] one replication at a time.
pub struct CorridorEvaluator<'a> {
    /// The search.
    pub search: &'a CorridorSearch,
    /// Which runs.
    pub runs: Runs,
}

impl Evaluator for CorridorEvaluator<'_> {
    type Error = String;

    fn evaluate(&self, candidate: usize, replication: u64) -> Result<Figures, String> {
        let prepared = self.search.prepared[candidate].as_ref().map_err(Clone::clone)?;
        let seed = self.search.space.file.search.seed;
        let report = match self.runs {
            Runs::Model => {
                corridor::run(&prepared.scenario, seed, replication, Detail::default(), Unobserved)
                    .map_err(|refused| -> String { match refused.source {} })?
            }
            Runs::Core => {
                let setup = prepared.setup.as_ref().map_err(Clone::clone)?;
                core_loop::run(
                    &prepared.scenario,
                    setup,
                    seed,
                    replication,
                    Detail::default(),
                    CoreOptions::default(),
                )
                .map_err(|refused| format!("the core refused an act: {refused}"))?
                .report
            }
        };
        figures(&self.search.space, prepared, &report)
    }
}

/// A candidate's figures in one replication.
fn figures(space: &Space, prepared: &Prepared, report: &CorridorReport) -> Result<Figures, String> {
    let file = &prepared.scenario.file;
    let assumptions = &space.file.assumptions;
    let measured_days = f64::from(file.scenario.days - file.scenario.warmup_days);
    let per_year = 365.0 / measured_days;
    let mut figures = Figures::new();
    let mut put = |name: String, value: f64| {
        figures.insert(name, value);
    };
    let mut hours_total = 0.0;
    let mut released_total = 0u64;
    let mut waiting_cost = 0.0;
    let mut held = 0u64;
    for (c, class) in report.classes.iter().enumerate() {
        let spec = &file.classes[c];
        put(format!("transit_mean_hours.{}", class.class), class.transit_mean_hours);
        put(format!("transit_p95_hours.{}", class.class), class.transit_p95_hours);
        #[allow(clippy::cast_precision_loss)]
        let released = class.released as f64;
        hours_total += class.transit_mean_hours * released;
        released_total += class.released;
        held += class.held;
        // Mean travel between posts, which no regime changes: the rest is time at posts.
        let travel_hours: f64 = prepared
            .scenario
            .travel
            .iter()
            .take(file.posts.len().saturating_sub(1))
            .filter_map(|per_class| per_class[c].as_ref())
            .map(|sampler| sampler.mean_ticks() / TICKS_PER_MINUTE / 60.0)
            .sum();
        let value = match spec.mode {
            Mode::Road => &assumptions.truck_hour_value,
            Mode::Rail => &assumptions.train_hour_value,
        }
        .as_ref()
        .map_or(0.0, |v| v.value);
        let at_posts = (class.transit_mean_hours - travel_hours).max(0.0);
        put(format!("hours_at_posts.{}", class.class), at_posts);
        waiting_cost += released * per_year * at_posts * value;
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = if released_total > 0 { hours_total / released_total as f64 } else { 0.0 };
    put("transit_mean_hours".into(), mean);
    #[allow(clippy::cast_precision_loss)]
    let caught =
        if report.irregular > 0 { report.caught as f64 / report.irregular as f64 } else { 0.0 };
    put("caught_share".into(), caught);
    #[allow(clippy::cast_precision_loss)]
    {
        put(
            "physical_inspections_per_day".into(),
            report.physical_inspections as f64 / measured_days,
        );
        put("unfinished".into(), report.unfinished as f64);
        let overdue = report.core.as_ref().map_or(0, |core| core.overdue) as f64;
        let all_days = f64::from(file.scenario.days);
        put("overdue_per_year".into(), overdue * 365.0 / all_days);
        put("incidents_per_year".into(), held as f64 * per_year + overdue * 365.0 / all_days);
        put("held_per_year".into(), held as f64 * per_year);
    }
    // Fees, converted to the report's currency.
    let currency = report_currency(space);
    let rate = if report.fees_currency == currency {
        1.0
    } else {
        assumptions.exchange.get(&report.fees_currency).map(|r| r.value).ok_or_else(|| {
            format!("no exchange rate for {} in assumptions.exchange", report.fees_currency)
        })?
    };
    #[allow(clippy::cast_precision_loss)]
    let revenue =
        |minor: u64| minor as f64 / f64::from(report.fees_minor_per_major) * rate * per_year;
    let revenue_total: f64 = report.fees_minor.values().map(|&m| revenue(m)).sum();
    put("revenue_per_year".into(), revenue_total);
    let (staff_total, equipment_total) = prepared
        .costs
        .values()
        .fold((0.0, 0.0), |(s, e), (staff, equipment)| (s + staff, e + equipment));
    put("staff_cost_per_year".into(), staff_total);
    put("equipment_cost_per_year".into(), equipment_total);
    for party in &space.file.parties {
        let received: f64 = party
            .revenue_accounts
            .iter()
            .filter_map(|account| report.fees_minor.get(account))
            .map(|&m| revenue(m))
            .sum();
        let (staff, equipment) = party
            .staffs
            .iter()
            .filter_map(|by| prepared.costs.get(by))
            .fold((0.0, 0.0), |(s, e), (staff, equipment)| (s + staff, e + equipment));
        put(format!("revenue_per_year.{}", party.key), received);
        put(format!("staff_cost_per_year.{}", party.key), staff);
        put(format!("equipment_cost_per_year.{}", party.key), equipment);
        put(format!("net_per_year.{}", party.key), received - staff - equipment);
    }
    put("fees_paid_per_year.carriers".into(), revenue_total);
    put("waiting_cost_per_year.carriers".into(), waiting_cost);
    put("cost_per_year.carriers".into(), revenue_total + waiting_cost);
    Ok(figures)
}

/// A candidate left out, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeftOut {
    /// The candidate.
    pub candidate: usize,
    /// Why.
    pub reason: String,
}

/// One regime on the frontier, with the core's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrontierPoint {
    /// The candidate.
    pub candidate: usize,
    /// Its parameters' values, as `document:path` and value.
    pub settings: Vec<(String, toml::Value)>,
    /// The regime file, ready for `passage regime propose`.
    pub regime_text: String,
    /// Replications behind its figures.
    pub replications: usize,
    /// Every figure, as a mean with its 95% interval across replications.
    pub figures: BTreeMap<String, Estimate>,
}

/// What a corridor search reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchReport {
    /// The space's name.
    pub name: String,
    /// How the candidates were drawn.
    pub drawn: Drawn,
    /// Candidates drawn.
    pub candidates: usize,
    /// The objectives.
    pub objectives: Vec<Objective>,
    /// The currency of every money figure.
    pub currency: String,
    /// The parties reported, by key and name (carriers come on top).
    pub parties: Vec<(String, String)>,
    /// The frontier, confirmed with the core.
    pub frontier: Vec<FrontierPoint>,
    /// Candidates left out at screening (invalid, refused, failed).
    pub refused: Vec<LeftOut>,
    /// Screening frontier points dropped at confirmation: refused by the core, or
    /// dominated by another on the core's figures.
    pub dropped: Vec<LeftOut>,
    /// Pairs touching the frontier still unsettled when the budget ran out.
    pub unsettled_pairs: usize,
    /// Replications run at screening and refinement.
    pub replications_screening: u64,
    /// Replications run with the core to confirm (none when screening ran the core).
    pub replications_confirmation: u64,
    /// Refinement rounds.
    pub rounds: u32,
}

/// Runs the whole search: screening, refinement, confirmation with the core.
pub fn run(
    search: &CorridorSearch,
    progress: &(dyn Fn() + Sync),
) -> Result<SearchReport, SearchError> {
    let space = &search.space;
    let objectives = &space.file.objectives;
    let screening_runs = match space.file.search.screening {
        Screening::Core => Runs::Core,
        Screening::Model => Runs::Model,
    };
    let screener = CorridorEvaluator { search, runs: screening_runs };
    let outcome =
        super::search(objectives, search.candidates.len(), search.budget(), &screener, progress)?;
    let refused = outcome
        .evaluations
        .iter()
        .enumerate()
        .filter_map(|(candidate, evaluation)| match evaluation {
            Evaluation::Failed(reason) => Some(LeftOut { candidate, reason: reason.clone() }),
            Evaluation::Evaluated(_) => None,
        })
        .collect();
    // Confirmation: the frontier's points with the core in the loop, over the same
    // replications; when screening ran the core, its figures are the core's already.
    let mut confirmed: Vec<Evaluation> =
        vec![Evaluation::Failed("not on the screening frontier".into()); outcome.evaluations.len()];
    let mut replications_confirmation = 0;
    let confirmer = CorridorEvaluator { search, runs: Runs::Core };
    let members = &outcome.frontier.members;
    let mut dropped = Vec::new();
    if screening_runs == Runs::Core {
        for &m in members {
            confirmed[m] = outcome.evaluations[m].clone();
        }
    } else {
        let jobs: Vec<(usize, u64)> = members
            .iter()
            .flat_map(|&m| {
                let n = outcome.evaluations[m].figures().map_or(0, <[Figures]>::len) as u64;
                (0..n).map(move |r| (m, r))
            })
            .collect();
        let results: Vec<Result<Figures, String>> = jobs
            .par_iter()
            .map(|&(m, r)| {
                let result = confirmer.evaluate(m, r);
                progress();
                result
            })
            .collect();
        replications_confirmation = jobs.len() as u64;
        for &m in members {
            confirmed[m] = Evaluation::Evaluated(Vec::new());
        }
        for (&(m, r), result) in jobs.iter().zip(results) {
            match (&mut confirmed[m], result) {
                (Evaluation::Evaluated(figures), Ok(new)) => figures.push(new),
                (slot @ Evaluation::Evaluated(_), Err(reason)) => {
                    *slot = Evaluation::Failed(format!("replication {r}: {reason}"));
                }
                (Evaluation::Failed(_), _) => {}
            }
        }
        for &m in members {
            if let Evaluation::Failed(reason) = &confirmed[m] {
                dropped.push(LeftOut { candidate: m, reason: format!("under the core: {reason}") });
            }
        }
    }
    let samples = objective_samples(objectives, &confirmed)?;
    let final_frontier = frontier::frontier(objectives, &samples);
    for &m in members {
        if let Some(by) = final_frontier.dominated_by[m] {
            dropped.push(LeftOut {
                candidate: m,
                reason: format!("dominated by candidate {by} on the core's figures"),
            });
        }
    }
    let frontier = final_frontier
        .members
        .iter()
        .map(|&m| {
            let figures = confirmed[m].figures().unwrap_or_default();
            let names: Vec<&String> =
                figures.first().map(|f| f.keys().collect()).unwrap_or_default();
            let estimates = names
                .into_iter()
                .map(|name| {
                    let values: Vec<f64> =
                        figures.iter().map(|f| f.get(name).copied().unwrap_or(f64::NAN)).collect();
                    (name.clone(), Estimate::from_replications(&values))
                })
                .collect();
            let prepared = search.prepared[m].as_ref().expect("a confirmed candidate was prepared");
            FrontierPoint {
                candidate: m,
                settings: search.settings(m),
                regime_text: prepared.regime_text.clone(),
                replications: figures.len(),
                figures: estimates,
            }
        })
        .collect();
    Ok(SearchReport {
        name: space.file.search.name.clone(),
        drawn: search.drawn,
        candidates: search.candidates.len(),
        objectives: objectives.clone(),
        currency: report_currency(space),
        parties: space
            .file
            .parties
            .iter()
            .map(|p| {
                (p.key.clone(), if p.name.is_empty() { p.key.clone() } else { p.name.clone() })
            })
            .collect(),
        frontier,
        refused,
        dropped,
        unsettled_pairs: outcome.frontier.unsettled.len(),
        replications_screening: outcome.replications_run,
        replications_confirmation,
        rounds: outcome.rounds,
    })
}
