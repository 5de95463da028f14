//! The translation files against each other, against their glossaries and against the
//! sources that use them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use passage_i18n::{Area, Glossary, Language, TextError, Texts};

/// Lower case for comparing words: Azerbaijani `İ` lowers to `i` and a combining dot,
/// which is dropped so `İnsident` contains `insident`.
fn lower(text: &str) -> String {
    text.to_lowercase().replace('\u{307}', "")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files whose text uses each area's keys.
fn users(area: Area) -> Vec<PathBuf> {
    let root = workspace();
    match area {
        Area::Report => vec![root.join("crates/cli/src/simulate/search_report.rs")],
        Area::Mission => vec![root.join("crates/node/src/daily_report.rs")],
        Area::Dashboard => vec![
            root.join("crates/node/dashboard/app.js"),
            root.join("crates/node/dashboard/index.html"),
        ],
        Area::Terminal => vec![
            root.join("crates/node/terminal/terminal.js"),
            root.join("crates/node/terminal/index.html"),
        ],
        Area::Cli => rust_files(&root.join("crates/cli/src")),
    }
}

/// Every `.rs` file under `folder`, sorted.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("reading {}: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

#[test]
fn every_key_exists_in_every_language_with_the_same_placeables() {
    for area in Area::ALL {
        let english = passage_i18n::keys_and_variables(Language::English, area).expect("English");
        assert!(!english.is_empty(), "{area:?} has no English texts");
        for language in Language::ALL {
            let other = passage_i18n::keys_and_variables(language, area).expect("parses");
            let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{language:?} {area:?} lacks {missing:?}");
            assert!(extra.is_empty(), "{language:?} {area:?} has keys English lacks: {extra:?}");
            for (key, variables) in &english {
                assert_eq!(
                    &other[key], variables,
                    "{language:?} {area:?} `{key}` shows other placeables than English"
                );
            }
        }
    }
}

#[test]
fn every_language_loads_and_a_missing_key_is_a_typed_refusal() {
    for language in Language::ALL {
        let texts = Texts::new(language).expect("the files parse");
        assert_eq!(
            texts.text("no-such-text"),
            Err(TextError::Missing { language: language.code(), key: "no-such-text".into() })
        );
        // A message formatted without an argument it needs is refused, not left with a hole.
        assert!(matches!(texts.text("report-title"), Err(TextError::Format { .. })));
        assert_eq!(Language::from_code(language.code()), Ok(language));
    }
    assert!(matches!(Language::from_code("fr"), Err(TextError::UnknownLanguage(_))));
}

/// Every `"key"` or `'key'` literal with one of `prefixes` in `text`.
fn quoted_keys(text: &str, prefixes: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for quote in ['"', '\''] {
        for (i, _) in text.match_indices(quote) {
            let rest = &text[i + 1..];
            if !prefixes.iter().any(|p| rest.starts_with(p)) {
                continue;
            }
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
            if let Some(end) = end
                && rest[end..].starts_with(quote)
            {
                out.insert(rest[..end].to_string());
            }
        }
    }
    out
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    for (area, prefixes) in [
        (Area::Report, &["report-"][..]),
        (Area::Mission, &["mission-"][..]),
        (Area::Dashboard, &["dashboard-"][..]),
        (Area::Terminal, &["terminal-"][..]),
        (Area::Cli, &["cli-"][..]),
    ] {
        let keys: BTreeSet<String> = passage_i18n::keys_and_variables(Language::English, area)
            .expect("English")
            .into_keys()
            .collect();
        let mut used = BTreeSet::new();
        for path in users(area) {
            used.extend(quoted_keys(&read(&path), prefixes));
        }
        // The command line's help texts are found by the command's path and the argument's
        // id, not written out in a source: the CLI's own test walks its command tree and
        // checks those keys both ways.
        let unused: Vec<_> =
            keys.difference(&used).filter(|key| !key.starts_with("cli-help-")).collect();
        // A literal that ends with `-` is a prefix of keys, not a key.
        let unknown: Vec<_> = used.difference(&keys).filter(|key| !key.ends_with('-')).collect();
        assert!(unused.is_empty(), "{area:?} keys no source uses: {unused:?}");
        assert!(unknown.is_empty(), "{area:?} keys the sources use but no file has: {unknown:?}");
    }
}

/// `text` without its spans in backquotes: code (`POST /draw`, `--post`, `log_key`) is the
/// same in every language, not a domain word to translate.
fn prose(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Whether `text` has a word that starts with `form` and is not one of `except`.
fn has_word_starting(text: &str, form: &str, except: &[String]) -> bool {
    // A phrase in `except` is another sense of the term's word (a statement of account
    // is not a signed statement): it is taken out of the text first.
    let mut text = text.to_owned();
    for phrase in except.iter().filter(|phrase| phrase.contains(' ')) {
        text = text.replace(phrase.as_str(), " ");
    }
    let text = text.as_str();
    if form.contains(' ') {
        return text
            .match_indices(form)
            .any(|(i, _)| text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()));
    }
    // Dots stay inside words so a file name (`frontier.json`) is one word.
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '.')
        .map(|word| word.trim_end_matches('.'))
        .any(|word| word.starts_with(form) && !except.iter().any(|e| e == word))
}

#[test]
fn every_glossary_names_the_same_terms() {
    let english: BTreeSet<String> =
        Glossary::of(Language::English).expect("English").term.into_keys().collect();
    for core in [
        "post",
        "movement",
        "checkpoint",
        "declaration",
        "seal",
        "lane",
        "monitor",
        "carrier",
        "regime",
        "incident",
        "guarantee",
        "witness",
        "entry",
    ] {
        assert!(english.contains(core), "the glossary lacks `{core}`");
    }
    for language in Language::ALL {
        let terms: BTreeSet<String> =
            Glossary::of(language).expect("parses").term.into_keys().collect();
        assert_eq!(terms, english, "{language:?}");
    }
}

#[test]
fn where_english_uses_a_term_every_language_uses_its_glossary_word() {
    let english_glossary = Glossary::of(Language::English).expect("English");
    let mut failures = Vec::new();
    for area in Area::ALL {
        let english: BTreeMap<String, String> = passage_i18n::plain_texts(Language::English, area)
            .expect("English")
            .into_iter()
            .map(|(k, v)| (k, lower(&prose(&v))))
            .collect();
        for language in Language::ALL {
            let glossary = Glossary::of(language).expect("parses");
            let texts = passage_i18n::plain_texts(language, area).expect("parses");
            for (key, english_text) in &english {
                let text = texts.get(key).map(|t| lower(t)).unwrap_or_default();
                for (term, english_term) in &english_glossary.term {
                    if !english_term
                        .forms
                        .iter()
                        .any(|form| has_word_starting(english_text, form, &english_term.except))
                    {
                        continue;
                    }
                    let Some(local) = glossary.term.get(term) else { continue };
                    if !local.forms.iter().any(|form| text.contains(&lower(form))) {
                        failures.push(format!(
                            "{language:?} `{key}` does not say {} for `{term}`",
                            local.word
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} texts stray from the glossary:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_browsers_texts_fit_its_reader() {
    for (language, area) in
        Language::ALL.into_iter().flat_map(|l| [(l, Area::Dashboard), (l, Area::Terminal)])
    {
        let texts = passage_i18n::browser_area_texts(language, area).expect("within the subset");
        let english = passage_i18n::browser_area_texts(Language::English, area).expect("English");
        assert_eq!(texts.len(), english.len(), "{language:?} {area:?}");
        for (key, message) in &texts {
            let patterns: Vec<&str> = match message {
                serde_json::Value::String(pattern) => vec![pattern.as_str()],
                serde_json::Value::Object(select) => select["variants"]
                    .as_object()
                    .expect("variants")
                    .values()
                    .filter_map(|v| v.as_str())
                    .collect(),
                other => panic!("{language:?} `{key}` is {other}"),
            };
            assert!(patterns.iter().all(|p| !p.trim().is_empty()), "{language:?} `{key}` is empty");
        }
    }
}
