//! The language of what the command prints for a person, and the texts in it.
//!
//! The language is chosen once, in `main`: `--lang` (or `PASSAGE_LANG`), else the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set, as POSIX orders them), else English.
//! A language asked for by name and unknown is refused; a locale in a language the texts
//! are not in (`fr_FR.UTF-8`, `C`) falls back to English, since a locale is a guess about
//! the reader, not a request. The texts are the `cli.ftl` files of `passage-i18n`, and a
//! refusal the node gives by code is told in the words the post terminal uses for it
//! (`terminal-refusal-*`), so each text is written once. Machine output (`--json`,
//! statement files, policies, receipts) is never translated.
//!
//! The chosen language is kept for the process, like its standard output: the texts are
//! printed from every command, and a handle threaded through each of them would say
//! nothing more. Nothing below `main` reads the environment for it.

use std::sync::OnceLock;

pub use passage_i18n::Arguments;
use passage_i18n::{Language, Texts};

/// The variable naming the language, as `--lang` does.
pub const LANGUAGE_VARIABLE: &str = "PASSAGE_LANG";

/// The language chosen in `main`; English when none was (a unit test).
static CHOSEN: OnceLock<Language> = OnceLock::new();

thread_local! {
    /// The texts in the chosen language, made on a thread's first text (a Fluent bundle
    /// is not shared between threads).
    static TEXTS: Texts = Texts::new(language())
        .unwrap_or_else(|error| panic!("the compiled-in texts do not load: {error}"));
}

/// Sets the language for the rest of the process; the first choice stands.
pub fn choose(language: Language) {
    let _ = CHOSEN.set(language);
}

/// The language texts are printed in.
pub fn language() -> Language {
    CHOSEN.get().copied().unwrap_or(Language::English)
}

/// `--lang` and `PASSAGE_LANG`: a language by its tag, refused when unknown.
pub fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text).map_err(|error| error.to_string())
}

/// The language a locale names (`ru_RU.UTF-8`, `hy_AM`, `az_AZ@latin`, `en`); `None` for
/// one the texts are not in, and for `C` and `POSIX`.
pub fn language_of_locale(locale: &str) -> Option<Language> {
    let tag = locale.split(['_', '.', '@', '-']).next().unwrap_or_default();
    if tag.is_empty() || tag == "C" || tag == "POSIX" {
        return None;
    }
    Language::from_code(tag).ok()
}

/// The language of the locale variables' values, `LC_ALL` first, then `LC_MESSAGES`,
/// then `LANG` (an empty one is not set); English when none names a language the texts
/// are in.
pub fn language_of_locales(
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
) -> Language {
    [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|value| !value.is_empty())
        .and_then(language_of_locale)
        .unwrap_or(Language::English)
}

/// `tr!("key")` or `tr!("key", name = value, ...)`: the message `key` in the chosen
/// language, each argument a text (`String`, `&str`) or a number (which also picks a plural
/// form). Each key is written out where it is used, so the translation files' tests find
/// every key a source uses.
macro_rules! tr {
    ($key:literal) => {
        $crate::language::text($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut arguments = $crate::language::Arguments::new();
        $(arguments.set(stringify!($name), $value);)+
        $crate::language::text_with($key, &arguments)
    }};
}
pub(crate) use tr;

/// The message `key` in the chosen language.
pub fn text(key: &str) -> String {
    format(key, None)
}

/// The message `key` with its arguments in the chosen language.
pub fn text_with(key: &str, arguments: &Arguments<'_>) -> String {
    format(key, Some(arguments))
}

fn format(key: &str, arguments: Option<&Arguments<'_>>) -> String {
    TEXTS.with(|texts| {
        let formatted = match arguments {
            Some(arguments) => texts.text_with(key, arguments),
            None => texts.text(key),
        };
        // Every key the sources use exists in every language with the same arguments
        // (passage-i18n's tests); a defect shows its key rather than nothing.
        formatted.unwrap_or_else(|error| {
            tracing::error!(%error, "a text is missing");
            key.to_owned()
        })
    })
}

/// Runs `f` with the texts in the chosen language (clap's help is made from them).
pub fn with_texts<R>(f: impl FnOnce(&Texts) -> R) -> R {
    TEXTS.with(f)
}

/// The language `--lang` names among the command's `arguments` (the program's name first),
/// read before clap parses them, so that the help clap prints is in it; `None` when there
/// is no `--lang` before a `--`, or it names no language (clap then refuses it).
pub fn language_of_arguments(arguments: &[std::ffi::OsString]) -> Option<Language> {
    let mut rest = arguments.iter().skip(1).map(|argument| argument.to_str());
    while let Some(argument) = rest.next() {
        match argument {
            Some("--") => return None,
            Some("--lang") => return rest.next().flatten().and_then(|v| parse_language(v).ok()),
            Some(argument) => {
                if let Some(value) = argument.strip_prefix("--lang=") {
                    return parse_language(value).ok();
                }
            }
            None => {}
        }
    }
    None
}

/// The person's words for the node's refusal `code` (`not_posted_here`), when there are
/// any: the post terminal's.
pub fn refusal(code: &str) -> Option<String> {
    let key = format!("terminal-refusal-{}", code.replace('_', "-"));
    TEXTS.with(|texts| texts.text(&key).ok())
}

/// Arguments from pairs of names and texts (numbers are given as text: they are indexes
/// and sizes, not quantities to write as a language writes them).
pub fn args<'a, const N: usize>(pairs: [(&'a str, String); N]) -> Arguments<'a> {
    let mut out = Arguments::new();
    for (name, value) in pairs {
        out.set(name, value);
    }
    out
}

/// A progress bar's style: `layout` with `{progress}` where the translated `sentence` goes,
/// the sentence carrying the bar's own fields (`{pos}`, `{len}`, ...) for the bar to fill
/// in. A translation that broke the template shows a plain bar rather than stop.
pub fn bar_style(layout: &str, sentence: &str) -> indicatif::ProgressStyle {
    indicatif::ProgressStyle::with_template(&layout.replace("{progress}", sentence))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_names_the_language_and_falls_back_to_english() {
        let check = |lc_all, lc_messages, lang, expected| {
            assert_eq!(
                language_of_locales(lc_all, lc_messages, lang),
                expected,
                "{lc_all:?} {lc_messages:?} {lang:?}"
            );
        };
        check(None, None, Some("ru_RU.UTF-8"), Language::Russian);
        check(Some("hy_AM.UTF-8"), None, Some("ru_RU.UTF-8"), Language::Armenian);
        check(Some(""), Some("az_AZ.UTF-8@latin"), Some("ru_RU"), Language::AzerbaijaniLatin);
        check(None, None, Some("C.UTF-8"), Language::English);
        check(None, None, Some("POSIX"), Language::English);
        check(None, None, Some("fr_FR.UTF-8"), Language::English);
        check(None, None, None, Language::English);
    }

    #[test]
    fn the_language_flag_is_read_before_clap_parses() {
        let check = |arguments: &[&str], expected: Option<Language>| {
            let arguments: Vec<std::ffi::OsString> =
                arguments.iter().map(std::ffi::OsString::from).collect();
            assert_eq!(language_of_arguments(&arguments), expected, "{arguments:?}");
        };
        check(&["passage", "--lang", "ru", "record", "--help"], Some(Language::Russian));
        check(&["passage", "record", "--lang=hy", "--help"], Some(Language::Armenian));
        check(&["passage", "audit", "x", "--", "--lang", "az"], None);
        check(&["passage", "--lang", "fr", "--help"], None);
        check(&["passage", "--help"], None);
    }

    #[test]
    fn a_language_asked_for_by_name_must_exist() {
        assert_eq!(parse_language("hy"), Ok(Language::Armenian));
        assert_eq!(parse_language("az-Latn"), Ok(Language::AzerbaijaniLatin));
        assert!(parse_language("fr").is_err_and(|error| error.contains("hy, az, ru and en")));
    }

    #[test]
    fn a_refusal_code_is_told_in_the_terminal_s_words_when_it_has_them() {
        assert_eq!(
            refusal("not_posted_here").as_deref(),
            Some("your key is not enrolled at this post.")
        );
        assert_eq!(refusal("no_such_code"), None);
    }
}
