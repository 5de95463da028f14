//! `passage simulate sweep`: one scenario with one parameter set to several values, run
//! with the same seed and compared, for the parameters nobody has measured (tampering
//! rates, detection probabilities, selection shares, fees).
//!
//! `--set class.truck.contraband_share=0.001,0.01,0.05` walks the scenario's TOML: a
//! segment after a list of tables (`class`, `flow`, `post`, `resource`, `check`) picks
//! the entry with that `name`, or the entry at that position counting from 0.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::language::tr;
use anyhow::{Context, bail};
use passage_sim::scenario::{SCENARIO_BYTES_MAX, Scenario};

use super::{RunOptions, simulate, write_comparison};

/// Most values one sweep takes; the report should stay readable.
const SWEEP_VALUES_MAX: usize = 12;
/// Deepest parameter path.
const PATH_SEGMENTS_MAX: usize = 8;

/// Arguments of `passage simulate sweep`.
#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// The scenario file.
    scenario: PathBuf,
    /// The parameter and its values: `PATH=V1,V2,...`, for example
    /// `post.east.check.scan.select.share=0.05,0.15,0.3`.
    #[arg(long = "set", value_name = "PATH=VALUES")]
    set: String,
    #[command(flatten)]
    options: RunOptions,
}

/// Runs `passage simulate sweep`.
pub fn run(args: &SweepArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.scenario)
        .with_context(|| tr!("cli-error-reading", what = args.scenario.display().to_string()))?;
    if text.len() > SCENARIO_BYTES_MAX {
        bail!(tr!(
            "cli-error-file-too-large",
            path = args.scenario.display().to_string(),
            most = SCENARIO_BYTES_MAX
        ));
    }
    let (path, values) = args.set.split_once('=').with_context(|| tr!("cli-sweep-set"))?;
    let segments: Vec<&str> = path.split('.').collect();
    let values: Vec<&str> = values.split(',').map(str::trim).filter(|v| !v.is_empty()).collect();
    if values.is_empty() || values.len() > SWEEP_VALUES_MAX {
        bail!(tr!("cli-sweep-values", most = SWEEP_VALUES_MAX, count = values.len()));
    }
    if segments.len() > PATH_SEGMENTS_MAX || segments.iter().any(|s| s.is_empty()) {
        bail!(tr!("cli-sweep-not-a-path", path = path));
    }
    let document: toml::Table = text
        .parse()
        .with_context(|| tr!("cli-in-file", path = args.scenario.display().to_string()))?;
    let base = Scenario::from_toml(&text)
        .with_context(|| tr!("cli-in-file", path = args.scenario.display().to_string()))?;
    let options = RunOptions {
        seed: Some(args.options.seed.unwrap_or(base.file.scenario.seed)),
        ..args.options.clone()
    };
    let mut outcomes = Vec::new();
    for (i, value) in values.iter().enumerate() {
        let mut edited = toml::Value::Table(document.clone());
        set(&mut edited, &segments, parse_value(value))
            .with_context(|| tr!("cli-sweep-setting", path = path))?;
        let edited_text = toml::to_string(&edited)?;
        let mut scenario = Scenario::from_toml(&edited_text)
            .with_context(|| tr!("cli-sweep-with", path = path, value = value.to_string()))?;
        // Name each run by its value so the tables and charts tell them apart.
        let label = format!("{} = {value}", segments.last().unwrap_or(&path));
        scenario.file.regime.name.clone_from(&label);
        scenario.file.scenario.name = format!("{}-{i}", scenario.file.scenario.name);
        let mut outcome =
            simulate(scenario, &args.scenario, &options, &format!("{path} = {value}"))?;
        // The core names its regime; a sweep of anything but the regime itself is told
        // apart by the value.
        if path != "regime.core" {
            outcome.summary.regime = label;
        }
        outcomes.push(outcome);
    }
    eprintln!(
        "{}",
        tr!("cli-sweep-of", path = path, scenario = args.scenario.display().to_string())
    );
    write_comparison(&outcomes, &options, "simulation-sweep")?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a value as a boolean, an integer, a float, or else a string.
fn parse_value(text: &str) -> toml::Value {
    if let Ok(b) = text.parse::<bool>() {
        toml::Value::Boolean(b)
    } else if let Ok(i) = text.parse::<i64>() {
        toml::Value::Integer(i)
    } else if let Ok(f) = text.parse::<f64>() {
        toml::Value::Float(f)
    } else {
        toml::Value::String(text.to_string())
    }
}

/// Sets the value at `path` inside `node`.
fn set(node: &mut toml::Value, path: &[&str], value: toml::Value) -> anyhow::Result<()> {
    let Some((head, rest)) = path.split_first() else { bail!(tr!("cli-sweep-empty-path")) };
    match node {
        toml::Value::Table(table) => {
            if rest.is_empty() {
                // A new key may be an optional field left out of the file; the scenario's
                // validation refuses anything that is not a field.
                table.insert((*head).to_string(), value);
                return Ok(());
            }
            let child =
                table.get_mut(*head).with_context(|| tr!("cli-sweep-no-key", key = *head))?;
            set(child, rest, value)
        }
        toml::Value::Array(items) => {
            let by_name = items
                .iter()
                .position(|item| item.get("name").and_then(toml::Value::as_str) == Some(*head));
            let index = match by_name {
                Some(index) => index,
                None => head
                    .parse::<usize>()
                    .ok()
                    .filter(|&i| i < items.len())
                    .with_context(|| tr!("cli-sweep-no-item", key = *head))?,
            };
            if rest.is_empty() {
                items[index] = value;
                return Ok(());
            }
            set(&mut items[index], rest, value)
        }
        _ => bail!(tr!("cli-sweep-inside-value", key = *head)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str, value: &str, expect: &str) {
        let mut doc = toml::Value::Table(
            "[[class]]\nname = \"truck\"\nshare = 0.1\n[[class]]\nname = \"train\"\nshare = 0.2\n[tariff]\nfee = 6\n"
                .parse()
                .expect("valid toml"),
        );
        let segments: Vec<&str> = path.split('.').collect();
        let got = match set(&mut doc, &segments, parse_value(value)) {
            Ok(()) => toml::to_string(&doc).expect("serializes").replace('\n', " "),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got.trim(), expect);
    }

    #[test]
    fn paths_pick_entries_by_name_or_position() {
        check(
            "class.train.share",
            "0.5",
            "[[class]] name = \"truck\" share = 0.1  [[class]] name = \"train\" share = 0.5  [tariff] fee = 6",
        );
        check(
            "class.0.share",
            "1",
            "[[class]] name = \"truck\" share = 1  [[class]] name = \"train\" share = 0.2  [tariff] fee = 6",
        );
        check(
            "tariff.fee",
            "7",
            "[[class]] name = \"truck\" share = 0.1  [[class]] name = \"train\" share = 0.2  [tariff] fee = 7",
        );
        check("class.ship.share", "1", "error: no item named `ship` (nor at that position)");
        check("tariff.fee.x", "1", "error: `x` is inside a value, not a table");
        check("demand.growth", "1", "error: no `demand` here");
    }
}
