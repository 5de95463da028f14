//! The command line's own help (`passage --help`, `passage record seal-check --help`) in
//! the chosen language.
//!
//! Clap's command tree comes from the derive (`main.rs` and the argument structs), whose
//! doc comments stay the source of the English texts; here every about and help text of
//! the tree is replaced by its translation in `cli.ftl`, found by the command's path and
//! the argument's id:
//!
//! - `cli-help-passage-record-seal-check` (and `...-long` for a long about) for a command,
//! - `cli-help-passage-record-seal-check--post` (and `...--post-long`) for an argument,
//!   else `cli-help-arg--post` (and `cli-help-arg--post-long`), the text an argument id
//!   has wherever no command gives it one of its own (`--mrn`, `--post`, `--node`).
//!
//! Clap's own words come from the same files: the `--help` and `--version` flags, the
//! `help` subcommand, and the headings (`Usage:`, `Commands:`, `Arguments:`, `Options:`,
//! set only where the language's word is not clap's, so English is untouched). Clap's
//! error messages (an unknown flag, a missing argument) stay in its English.
//!
//! A test holds the English translation identical to the doc comments, and checks that
//! every command and argument has its text in every language and that no key is left over.

use clap::Command;
use passage_i18n::Texts;

/// What every key of a help text starts with.
pub const KEY_PREFIX: &str = "cli-help-";

/// The key of the text of the command at `path` (`["passage", "record", "seal-check"]`).
pub fn command_key(path: &[String]) -> String {
    format!("{KEY_PREFIX}{}", path.join("-"))
}

/// The key of the text an argument has in the command at `path`.
pub fn argument_key(path: &[String], id: &str) -> String {
    format!("{}--{id}", command_key(path))
}

/// The key of the text an argument id has wherever no command gives it its own.
pub fn shared_argument_key(id: &str) -> String {
    format!("{KEY_PREFIX}arg--{id}")
}

/// The key of the long form of the text at `key`.
pub fn long(key: &str) -> String {
    format!("{key}-long")
}

/// The whole command line, its texts in `texts`' language, built (clap's own flags and
/// `help` subcommand in place) and ready to parse.
pub fn command(texts: &Texts) -> Command {
    let mut command = localized(crate::Cli::command_tree(), texts, &mut vec!["passage".into()]);
    command.build();
    let heading = |key: &str, clap_word: &str| {
        // A heading is a `&'static str` to clap (without its `string` feature): each is
        // leaked once, a few words for the life of the process.
        text(texts, key)
            .filter(|word| word != clap_word)
            .map(|word| &*Box::leak(word.into_boxed_str()))
    };
    let headings = Headings {
        arguments: heading("cli-help-clap-arguments", "Arguments"),
        options: heading("cli-help-clap-options", "Options"),
        commands: heading("cli-help-clap-commands", "Commands"),
    };
    clap_words(command, texts, &headings)
}

/// The headings of a help page in the texts' language, where its word is not clap's.
struct Headings {
    /// Over the positional arguments.
    arguments: Option<&'static str>,
    /// Over the options.
    options: Option<&'static str>,
    /// Over the subcommands.
    commands: Option<&'static str>,
}

/// The text at `key`, or `None` when the files lack it (the test finds that; the person
/// then reads the English doc comment rather than a key).
fn text(texts: &Texts, key: &str) -> Option<String> {
    texts.text(key).ok()
}

/// `command` with the texts of its own about, its arguments and, recursively, its
/// subcommands replaced by their translations; `path` is its path of names.
fn localized(mut command: Command, texts: &Texts, path: &mut Vec<String>) -> Command {
    let key = command_key(path);
    if command.get_about().is_some()
        && let Some(about) = text(texts, &key)
    {
        command = command.about(about);
    }
    if command.get_long_about().is_some()
        && let Some(about) = text(texts, &long(&key))
    {
        command = command.long_about(about);
    }
    let ids: Vec<clap::Id> = command.get_arguments().map(|arg| arg.get_id().clone()).collect();
    for id in ids {
        let specific = argument_key(path, id.as_str());
        let shared = shared_argument_key(id.as_str());
        let find = |key: &str, shared: &str| text(texts, key).or_else(|| text(texts, shared));
        command = command.mut_arg(id, |mut arg| {
            if arg.get_help().is_some()
                && let Some(help) = find(&specific, &shared)
            {
                arg = arg.help(help);
            }
            if arg.get_long_help().is_some()
                && let Some(help) = find(&long(&specific), &long(&shared))
            {
                arg = arg.long_help(help);
            }
            arg
        });
    }
    let names: Vec<String> =
        command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        path.push(name.clone());
        command = command.mut_subcommand(&name, |sub| localized(sub, texts, path));
        path.pop();
    }
    command
}

/// Clap's words, in the texts' language: the texts of the `--help` and `--version` flags it
/// adds to every command, of its `help` subcommand, and the headings. Runs on the built
/// tree, where clap has added them.
fn clap_words(mut command: Command, texts: &Texts, headings: &Headings) -> Command {
    let word = |key: &str| text(texts, key);
    // clap's own texts for the flags it adds, in its words, and the keys of ours.
    let flag_texts = [
        ("Print help", "cli-help-clap-help"),
        ("Print help (see more with '--help')", "cli-help-clap-help-more"),
        ("Print help (see a summary with '-h')", "cli-help-clap-help-summary"),
        ("Print version", "cli-help-clap-version"),
        ("Print help for the subcommand(s)", "cli-help-clap-help-subcommand"),
    ];
    let ours = |clap_text: Option<String>| {
        let clap_text = clap_text?;
        let (_, key) = flag_texts.iter().find(|(theirs, _)| *theirs == clap_text)?;
        word(key)
    };
    let ids: Vec<clap::Id> = command.get_arguments().map(|arg| arg.get_id().clone()).collect();
    for id in ids {
        command = command.mut_arg(id, |mut arg| {
            if let Some(help) = ours(arg.get_help().map(ToString::to_string)) {
                arg = arg.help(help);
            }
            if let Some(help) = ours(arg.get_long_help().map(ToString::to_string)) {
                arg = arg.long_help(help);
            }
            let heading = if arg.is_positional() { headings.arguments } else { headings.options };
            if let (Some(heading), None) = (heading, arg.get_help_heading()) {
                arg = arg.help_heading(heading);
            }
            arg
        });
    }
    if command.get_about().is_some_and(|about| about.to_string() == CLAP_HELP_ABOUT)
        && let Some(about) = word("cli-help-clap-help-command")
    {
        command = command.about(about);
    }
    if let Some(heading) = headings.commands {
        command = command.subcommand_help_heading(heading);
    }
    if let Some(usage) = word("cli-help-clap-usage").filter(|usage| usage != "Usage:") {
        // Clap's default template, with the heading of the usage in the language's word.
        let template = format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        );
        command = command.help_template(template);
    }
    let names: Vec<String> =
        command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| clap_words(sub, texts, headings));
    }
    command
}

/// The about clap gives the `help` subcommand it adds.
const CLAP_HELP_ABOUT: &str = "Print this message or the help of the given subcommand(s)";

#[cfg(test)]
mod tests {
    use super::*;
    use passage_i18n::{Area, Language};
    use std::collections::BTreeSet;

    /// Every text of the tree, with the key it is found by: (key, text), in tree order.
    fn texts_of(command: &Command, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
        let key = command_key(path);
        if let Some(about) = command.get_about() {
            out.push((key.clone(), about.to_string()));
        }
        if let Some(about) = command.get_long_about() {
            out.push((long(&key), about.to_string()));
        }
        for arg in command.get_arguments() {
            let key = argument_key(path, arg.get_id().as_str());
            if let Some(help) = arg.get_help() {
                out.push((key.clone(), help.to_string()));
            }
            if let Some(help) = arg.get_long_help() {
                out.push((long(&key), help.to_string()));
            }
        }
        for sub in command.get_subcommands() {
            path.push(sub.get_name().to_owned());
            texts_of(sub, path, out);
            path.pop();
        }
    }

    fn all_texts(command: &Command) -> Vec<(String, String)> {
        let mut out = Vec::new();
        texts_of(command, &mut vec!["passage".into()], &mut out);
        out
    }

    /// Clap's help pages of every command of `command`, by path.
    fn pages(command: &mut Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_owned(), command.render_long_help().to_string()));
        out.push((format!("{path} -h"), command.render_help().to_string()));
        for sub in command.get_subcommands_mut() {
            let path = format!("{path} {}", sub.get_name());
            pages(sub, &path, out);
        }
    }

    #[test]
    fn the_english_help_is_the_doc_comments_word_for_word() {
        let english = Texts::new(Language::English).expect("the English texts");
        let mut derived = crate::Cli::command_tree();
        derived.build();
        let mut translated = command(&english);
        let (mut derived_pages, mut translated_pages) = (Vec::new(), Vec::new());
        pages(&mut derived, "passage", &mut derived_pages);
        pages(&mut translated, "passage", &mut translated_pages);
        assert_eq!(derived_pages.len(), translated_pages.len());
        for ((path, derived), (_, translated)) in derived_pages.iter().zip(&translated_pages) {
            assert_eq!(translated, derived, "`{path}` --help differs from the doc comments");
        }
    }

    #[test]
    fn every_command_and_argument_has_its_text_in_every_language_and_no_key_is_left_over() {
        let texts = all_texts(&crate::Cli::command_tree());
        let keys: Vec<&String> = texts.iter().map(|(key, _)| key).collect();
        let distinct: BTreeSet<&String> = keys.iter().copied().collect();
        assert_eq!(distinct.len(), keys.len(), "two commands or arguments share a key");
        for language in Language::ALL {
            let files = Texts::new(language).expect("the texts");
            let mut used = BTreeSet::new();
            for (key, english) in &texts {
                // An argument's own text, else the one its id has everywhere.
                let (_, id) = key.rsplit_once("--").unwrap_or((key, ""));
                let shared = if id.is_empty() {
                    None
                } else if let Some(id) = id.strip_suffix("-long") {
                    Some(long(&shared_argument_key(id)))
                } else {
                    Some(shared_argument_key(id))
                };
                let found = match files.text(key) {
                    Ok(text) => {
                        used.insert(key.clone());
                        text
                    }
                    Err(_) => {
                        let shared = shared.unwrap_or_else(|| panic!("{language:?} lacks `{key}`"));
                        used.insert(shared.clone());
                        files.text(&shared).unwrap_or_else(|_| {
                            panic!("{language:?} lacks `{key}` and `{shared}` ({english})")
                        })
                    }
                };
                assert!(!found.trim().is_empty(), "{language:?} `{key}` is empty");
                assert!(!found.contains(KEY_PREFIX), "{language:?} `{key}`: {found}");
            }
            let clap = [
                "cli-help-clap-help",
                "cli-help-clap-help-more",
                "cli-help-clap-help-summary",
                "cli-help-clap-version",
                "cli-help-clap-help-subcommand",
                "cli-help-clap-help-command",
                "cli-help-clap-arguments",
                "cli-help-clap-options",
                "cli-help-clap-commands",
                "cli-help-clap-usage",
            ];
            used.extend(clap.iter().map(|key| (*key).to_owned()));
            let in_files: BTreeSet<String> = passage_i18n::keys_and_variables(language, Area::Cli)
                .expect("the file parses")
                .into_keys()
                .filter(|key| key.starts_with(KEY_PREFIX))
                .collect();
            let left_over: Vec<&String> = in_files.difference(&used).collect();
            assert!(
                left_over.is_empty(),
                "{language:?} has help texts nothing uses: {left_over:?}"
            );
        }
    }

    #[test]
    fn the_help_reads_in_each_language() {
        for (language, about, flag, heading) in [
            (Language::Armenian, "Գրանցել գործողություն", "Տպել օգնությունը", "Օգտագործում:"),
            (Language::AzerbaijaniLatin, "Hərəkəti qeydə almaq", "Yardımı çap etmək", "İstifadə:"),
            (Language::Russian, "Записать действие", "Показать справку", "Использование:"),
        ] {
            let texts = Texts::new(language).expect("the texts");
            let mut command = command(&texts);
            let root = command.render_long_help().to_string();
            assert!(root.contains(about), "{language:?}:\n{root}");
            assert!(root.contains(heading), "{language:?}:\n{root}");
            let record = command.find_subcommand_mut("record").expect("record");
            let page = record.render_help().to_string();
            assert!(page.contains(flag), "{language:?}:\n{page}");
            for english in ["Usage:", "Options:", "Commands:", "Print help", "The movement."] {
                assert!(!page.contains(english), "{language:?} `{english}`:\n{page}");
            }
        }
    }
}
