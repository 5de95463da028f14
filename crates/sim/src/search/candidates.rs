//! Candidates: points of the space to evaluate, as a full grid where it fits the screening
//! budget, else a seeded Latin hypercube or random sample, the same for the same seed.

use crate::random::{Stream, Streams};

use super::space::{Levels, Sampling, Space};

/// One point of the space: a value for each parameter, in the space's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Its number, from 0, in the order generated.
    pub number: usize,
    /// The value of each parameter.
    pub values: Vec<toml::Value>,
}

/// How the candidates were drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Drawn {
    /// Every combination.
    Grid,
    /// A Latin hypercube.
    LatinHypercube,
    /// Independent uniform draws.
    Random,
}

/// The candidates of `space`, deterministic from its seed. Duplicates (lists sampled into
/// the same combination) are kept once, so there may be fewer than the budget.
#[must_use]
pub fn generate(space: &Space) -> (Drawn, Vec<Candidate>) {
    let budget = space.file.search.candidates;
    let grid = space.grid_size();
    let drawn = match space.file.search.sampling {
        Sampling::Auto if grid.is_some_and(|size| size <= budget) => Drawn::Grid,
        Sampling::Grid if grid.is_some() => Drawn::Grid,
        Sampling::Random => Drawn::Random,
        Sampling::Auto | Sampling::Grid | Sampling::LatinHypercube => Drawn::LatinHypercube,
    };
    let mut stream = Streams::new(space.file.search.seed, 0).stream("search/candidates");
    let points: Vec<Vec<toml::Value>> = match drawn {
        Drawn::Grid => {
            let size = grid.unwrap_or(0).min(budget);
            (0..size).map(|index| grid_point(&space.levels, index)).collect()
        }
        Drawn::LatinHypercube => {
            let strata: Vec<Vec<usize>> =
                space.levels.iter().map(|_| permutation(budget, &mut stream)).collect();
            (0..budget)
                .map(|i| {
                    space
                        .levels
                        .iter()
                        .zip(&strata)
                        .map(|(levels, strata)| {
                            #[allow(clippy::cast_precision_loss)]
                            let u = (strata[i] as f64 + stream.unit()) / budget as f64;
                            level_at(levels, u)
                        })
                        .collect()
                })
                .collect()
        }
        Drawn::Random => (0..budget)
            .map(|_| space.levels.iter().map(|levels| level_at(levels, stream.unit())).collect())
            .collect(),
    };
    let mut candidates: Vec<Candidate> = Vec::with_capacity(points.len());
    for values in points {
        if !candidates.iter().any(|c| c.values == values) {
            candidates.push(Candidate { number: candidates.len(), values });
        }
    }
    (drawn, candidates)
}

/// The grid's `index`-th point, the first parameter varying slowest.
fn grid_point(levels: &[Levels], mut index: usize) -> Vec<toml::Value> {
    let mut point = vec![toml::Value::Boolean(false); levels.len()];
    for (slot, level) in levels.iter().enumerate().rev() {
        let Levels::Discrete(values) = level else {
            unreachable!("a grid has only lists of values")
        };
        point[slot] = values[index % values.len()].clone();
        index /= values.len();
    }
    point
}

/// A uniformly random permutation of `0..n` (Fisher-Yates).
fn permutation(n: usize, stream: &mut Stream) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        // n is at most CANDIDATES_MAX, so the modulo's bias is below 2^-50.
        #[allow(clippy::cast_possible_truncation)]
        let j = (stream.next_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// The value at position `u` (0 to 1) of a parameter's levels.
fn level_at(levels: &Levels, u: f64) -> toml::Value {
    match levels {
        Levels::Discrete(values) => {
            #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
            #[allow(clippy::cast_sign_loss)]
            let index = ((u * values.len() as f64) as usize).min(values.len() - 1);
            values[index].clone()
        }
        Levels::Continuous { min, max } => toml::Value::Float(min + u * (max - min)),
    }
}

/// Why a value could not be set in a document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct PathError {
    /// The path.
    pub path: String,
    /// What is wrong.
    pub problem: String,
}

/// Keys that name an entry of a list of tables, tried in this order.
const ENTRY_KEYS: [&str; 5] = ["name", "account", "route", "lane", "id"];

/// Sets the field at dotted `path` inside `document` to `value`. A segment after a list of
/// tables picks the entry whose `name` (or `account`, `route`, `lane`, `id`) it is, or the
/// entry at that position from 0; a missing last key is added (an optional field).
pub fn set_path(
    document: &mut toml::Value,
    path: &str,
    value: toml::Value,
) -> Result<(), PathError> {
    let error = |problem: String| PathError { path: path.to_string(), problem };
    let segments: Vec<&str> = path.split('.').collect();
    let mut node = document;
    for (depth, segment) in segments.iter().enumerate() {
        let last = depth + 1 == segments.len();
        node = match node {
            toml::Value::Table(table) => {
                if last {
                    table.insert((*segment).to_string(), value);
                    return Ok(());
                }
                table.get_mut(*segment).ok_or_else(|| error(format!("no `{segment}` here")))?
            }
            toml::Value::Array(items) => {
                let by_key = items.iter().position(|item| {
                    ENTRY_KEYS
                        .iter()
                        .any(|key| item.get(key).and_then(toml::Value::as_str) == Some(*segment))
                });
                let index = by_key
                    .or_else(|| segment.parse::<usize>().ok().filter(|&i| i < items.len()))
                    .ok_or_else(|| error(format!("no entry `{segment}` (nor at that position)")))?;
                if last {
                    items[index] = value;
                    return Ok(());
                }
                &mut items[index]
            }
            _ => return Err(error(format!("`{segment}` is inside a value, not a table"))),
        };
    }
    Err(error("an empty path".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(space: &str, expect: &str) {
        let space = Space::from_toml(space).expect("a valid space");
        let (drawn, candidates) = generate(&space);
        let got = format!(
            "{drawn:?}: {}",
            candidates
                .iter()
                .map(|c| c.values.iter().map(ToString::to_string).collect::<Vec<_>>().join(","))
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert_eq!(got, expect);
    }

    const HEADER: &str = "[search]\nname = \"t\"\nseed = 7\n";
    const OBJECTIVE: &str =
        "[[objective]]\nmetric = \"m\"\ndirection = \"minimize\"\nindifference = 1\n";

    #[test]
    fn a_grid_when_it_fits_else_a_latin_hypercube() {
        let lists = "[[parameter]]\npath = \"a\"\nvalues = [1, 2]\n[[parameter]]\npath = \"b\"\nrange = { min = 0, max = 20, step = 10 }\n";
        check(
            &format!("{HEADER}candidates = 6\n{lists}{OBJECTIVE}"),
            "Grid: 1,0 1,10 1,20 2,0 2,10 2,20",
        );
        // Four candidates from a grid of six: each value of `b` is used at most twice and
        // each of `a` exactly twice (a Latin hypercube over the lists).
        let space = Space::from_toml(&format!("{HEADER}candidates = 4\n{lists}{OBJECTIVE}"))
            .expect("valid");
        let (drawn, candidates) = generate(&space);
        assert_eq!(drawn, Drawn::LatinHypercube);
        let a_ones = candidates.iter().filter(|c| c.values[0].as_integer() == Some(1)).count();
        assert!(candidates.len() <= 4 && a_ones <= 2, "{candidates:?}");
    }

    #[test]
    fn a_latin_hypercube_puts_one_point_in_each_stratum_and_repeats_with_its_seed() {
        let text = format!(
            "{HEADER}candidates = 10\n[[parameter]]\npath = \"x\"\nrange = {{ min = 0.0, max = 1.0 }}\n{OBJECTIVE}"
        );
        let space = Space::from_toml(&text).expect("valid");
        let (_, first) = generate(&space);
        let (_, again) = generate(&space);
        assert_eq!(first, again);
        let mut strata: Vec<usize> = first
            .iter()
            .map(|c| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let stratum = (c.values[0].as_float().expect("a float") * 10.0) as usize;
                stratum
            })
            .collect();
        strata.sort_unstable();
        assert_eq!(strata, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn paths_pick_entries_by_name_account_or_position() {
        let mut document: toml::Value = toml::from_str(
            "[[post]]\nname = \"east\"\n[[post.resource]]\nname = \"bay\"\ncapacity = 1\n[[tariff.split]]\naccount = \"AM\"\nbasis_points = 1\n",
        )
        .expect("toml");
        set_path(&mut document, "post.east.resource.bay.capacity", toml::Value::Integer(3))
            .expect("set");
        set_path(&mut document, "tariff.split.AM.basis_points", toml::Value::Integer(9))
            .expect("set");
        set_path(&mut document, "post.0.resource.0.shifts", toml::Value::Array(Vec::new()))
            .expect("set");
        assert_eq!(
            toml::to_string(&document).expect("toml").replace('\n', " "),
            "[[post]] name = \"east\"  [[post.resource]] capacity = 3 name = \"bay\" shifts = []  [[tariff.split]] account = \"AM\" basis_points = 9 "
        );
        let error = set_path(&mut document, "post.west.capacity", toml::Value::Integer(1))
            .expect_err("no west");
        assert_eq!(error.to_string(), "post.west.capacity: no entry `west` (nor at that position)");
    }
}
