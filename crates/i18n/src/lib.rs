//! Every text a person reads, in Armenian, Azerbaijani (Latin script), Russian and English.
//!
//! The texts are Project Fluent files under `locales/<language>/`, one per area (`report.ftl`
//! for the simulator's reports, `mission.ftl` for the monitoring mission's daily report,
//! `dashboard.ftl` for the node's dashboard, `terminal.ftl` for its post terminal, `cli.ftl`
//! for what the `passage` command prints), compiled into
//! the binary so nothing is read from disk at run time. Each language has a glossary
//! (`locales/<language>/glossary.toml`) of the domain's terms; the tests check that every
//! message uses them, that every key exists in every language with the same placeables, and
//! that no key is unused.
//!
//! Rust callers format through [`Texts`]; the browser gets [`browser_texts`] (and
//! [`browser_area_texts`] for the terminal), the same
//! messages as JSON patterns in the small subset its reader understands (text, `{ $name }`
//! placeables, and a message that is one plural selector).

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;

pub mod number;

/// A language every text exists in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    /// Armenian (`hy`).
    Armenian,
    /// Azerbaijani in Latin script (`az`).
    AzerbaijaniLatin,
    /// Russian (`ru`).
    Russian,
    /// English (`en`).
    English,
}

impl Language {
    /// Every language, in the order reports list them.
    pub const ALL: [Language; 4] =
        [Language::Armenian, Language::AzerbaijaniLatin, Language::Russian, Language::English];

    /// The BCP 47 tag: `hy`, `az`, `ru`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Armenian => "hy",
            Language::AzerbaijaniLatin => "az",
            Language::Russian => "ru",
            Language::English => "en",
        }
    }

    /// The language by its tag (`az-Latn` is taken for `az`).
    pub fn from_code(code: &str) -> Result<Language, TextError> {
        match code.to_ascii_lowercase().as_str() {
            "hy" => Ok(Language::Armenian),
            "az" | "az-latn" => Ok(Language::AzerbaijaniLatin),
            "ru" => Ok(Language::Russian),
            "en" => Ok(Language::English),
            _ => {
                Err(TextError::UnknownLanguage(code.chars().take(LANGUAGE_TAG_CHARS_MAX).collect()))
            }
        }
    }

    /// The language's name in itself, for choosers.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::Armenian => "Հայերեն",
            Language::AzerbaijaniLatin => "Azərbaycanca",
            Language::Russian => "Русский",
            Language::English => "English",
        }
    }
}

/// An unknown tag is echoed back in the refusal cut to this many characters, so a long
/// argument cannot make a long message (tags we know are at most 7).
const LANGUAGE_TAG_CHARS_MAX: usize = 16;

/// An area of texts: one Fluent file per language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// The simulator's reports (`passage simulate search`).
    Report,
    /// The monitoring mission's daily report, rendered by the node as a page and a PDF.
    Mission,
    /// The node's dashboard, read by the browser.
    Dashboard,
    /// The node's post terminal, read by the browser.
    Terminal,
    /// What the `passage` command prints for a person (its machine output, `--json` and
    /// statement files, is not text).
    Cli,
}

impl Area {
    /// Every area.
    pub const ALL: [Area; 5] =
        [Area::Report, Area::Mission, Area::Dashboard, Area::Terminal, Area::Cli];

    /// The file's name under `locales/<language>/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Area::Report => "report.ftl",
            Area::Mission => "mission.ftl",
            Area::Dashboard => "dashboard.ftl",
            Area::Terminal => "terminal.ftl",
            Area::Cli => "cli.ftl",
        }
    }
}

/// The Fluent source of one area in one language, as compiled into the binary.
pub fn source(language: Language, area: Area) -> &'static str {
    macro_rules! files {
        ($($language:ident $code:literal),*) => {
            match (language, area) {
                $(
                    (Language::$language, Area::Report) => include_str!(concat!("../locales/", $code, "/report.ftl")),
                    (Language::$language, Area::Mission) => include_str!(concat!("../locales/", $code, "/mission.ftl")),
                    (Language::$language, Area::Dashboard) => include_str!(concat!("../locales/", $code, "/dashboard.ftl")),
                    (Language::$language, Area::Terminal) => include_str!(concat!("../locales/", $code, "/terminal.ftl")),
                    (Language::$language, Area::Cli) => include_str!(concat!("../locales/", $code, "/cli.ftl")),
                )*
            }
        };
    }
    files!(Armenian "hy", AzerbaijaniLatin "az", Russian "ru", English "en")
}

/// The glossary of one language, as compiled into the binary (TOML; see [`Glossary`]).
pub fn glossary_source(language: Language) -> &'static str {
    match language {
        Language::Armenian => include_str!("../locales/hy/glossary.toml"),
        Language::AzerbaijaniLatin => include_str!("../locales/az/glossary.toml"),
        Language::Russian => include_str!("../locales/ru/glossary.toml"),
        Language::English => include_str!("../locales/en/glossary.toml"),
    }
}

/// One language's glossary: each domain term (keyed by its English name in DESIGN.md's
/// vocabulary) with the word this language always uses for it.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// The terms, by English key (`post`, `movement`, ...).
    pub term: BTreeMap<String, GlossaryTerm>,
}

/// One term in one language.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    /// The term as a dictionary gives it.
    pub word: String,
    /// The stems of its inflected forms, lower case: a message that speaks of the term
    /// contains one of them (`перевозк` for перевозка, перевозки, перевозку ...).
    pub forms: Vec<String>,
    /// Why this word, and which it is not (the official usage it follows).
    #[serde(default)]
    pub note: String,
    /// Whole words that begin with a form but are not the term (English `posting`, an
    /// entry in the ledger, is not a `post`), or phrases that use the term's word in
    /// another sense (an `account's statement`).
    #[serde(default)]
    pub except: Vec<String>,
}

impl Glossary {
    /// The glossary of `language`.
    pub fn of(language: Language) -> Result<Glossary, TextError> {
        toml::from_str(glossary_source(language))
            .map_err(|e| TextError::Glossary { language: language.code(), reason: e.to_string() })
    }
}

/// Why a text could not be given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// No such language.
    #[error("no texts in language `{0}`; there are hy, az, ru and en")]
    UnknownLanguage(String),
    /// A translation file does not parse (a defect the tests catch).
    #[error("the {language} file {file} does not parse: {reason}")]
    Syntax {
        /// The language's tag.
        language: &'static str,
        /// The file.
        file: &'static str,
        /// The parser's words.
        reason: String,
    },
    /// A key is not in the language's files.
    #[error("no text `{key}` in language {language}")]
    Missing {
        /// The language's tag.
        language: &'static str,
        /// The key.
        key: String,
    },
    /// Formatting a message failed (an unknown variable, for example).
    #[error("the text `{key}` in language {language} does not format: {reason}")]
    Format {
        /// The language's tag.
        language: &'static str,
        /// The key.
        key: String,
        /// Fluent's words.
        reason: String,
    },
    /// A glossary does not parse.
    #[error("the {language} glossary does not parse: {reason}")]
    Glossary {
        /// The language's tag.
        language: &'static str,
        /// The parser's words.
        reason: String,
    },
    /// A dashboard message uses Fluent beyond what the browser's reader understands.
    #[error("the {language} dashboard text `{key}` uses more than the browser's reader knows")]
    BeyondBrowserSubset {
        /// The language's tag.
        language: &'static str,
        /// The key.
        key: String,
    },
}

/// The texts of one language, ready to format.
pub struct Texts {
    language: Language,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts").field("language", &self.language).finish_non_exhaustive()
    }
}

/// Arguments of a message: names and values (numbers select plural forms).
pub type Arguments<'a> = FluentArgs<'a>;

impl Texts {
    /// Every area's texts in `language`.
    pub fn new(language: Language) -> Result<Texts, TextError> {
        let tag: unic_langid::LanguageIdentifier = language
            .code()
            .parse()
            .map_err(|_| TextError::UnknownLanguage(language.code().into()))?;
        let mut bundle = FluentBundle::new(vec![tag]);
        // Unicode isolation marks around placeables would sit inside numbers and names that
        // readers copy; our placeables are numbers and names in the page's own direction.
        bundle.set_use_isolating(false);
        for area in Area::ALL {
            let resource = FluentResource::try_new(source(language, area).to_string()).map_err(
                |(_, errors)| TextError::Syntax {
                    language: language.code(),
                    file: area.file_name(),
                    reason: format!("{errors:?}"),
                },
            )?;
            bundle.add_resource(resource).map_err(|errors| TextError::Syntax {
                language: language.code(),
                file: area.file_name(),
                reason: format!("{errors:?}"),
            })?;
        }
        Ok(Texts { language, bundle })
    }

    /// The language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `key` with no arguments.
    pub fn text(&self, key: &str) -> Result<String, TextError> {
        self.format(key, None)
    }

    /// The message `key` with `arguments`.
    pub fn text_with(&self, key: &str, arguments: &Arguments<'_>) -> Result<String, TextError> {
        self.format(key, Some(arguments))
    }

    fn format(&self, key: &str, arguments: Option<&Arguments<'_>>) -> Result<String, TextError> {
        let missing = || TextError::Missing { language: self.language.code(), key: key.into() };
        let message = self.bundle.get_message(key).ok_or_else(missing)?;
        let pattern = message.value().ok_or_else(missing)?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, arguments, &mut errors);
        if !errors.is_empty() {
            return Err(TextError::Format {
                language: self.language.code(),
                key: key.into(),
                reason: format!("{errors:?}"),
            });
        }
        Ok(text.into_owned())
    }
}

/// Arguments from pairs, for short calls: `arguments([("count", 3.into())])`.
pub fn arguments<'a, const N: usize>(pairs: [(&'a str, FluentValue<'a>); N]) -> Arguments<'a> {
    let mut out = FluentArgs::new();
    for (name, value) in pairs {
        out.set(name, value);
    }
    out
}

/// One pattern in the browser's subset: text, `{name}` placeables and string literals.
fn browser_text(
    language: Language,
    key: &str,
    pattern: &ast::Pattern<&str>,
) -> Result<String, TextError> {
    let beyond = || TextError::BeyondBrowserSubset { language: language.code(), key: key.into() };
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression: ast::Expression::Inline(inline) } => {
                match inline {
                    ast::InlineExpression::VariableReference { id } => {
                        out.push('{');
                        out.push_str(id.name);
                        out.push('}');
                    }
                    ast::InlineExpression::StringLiteral { value } => out.push_str(value),
                    _ => return Err(beyond()),
                }
            }
            ast::PatternElement::Placeable { .. } => return Err(beyond()),
        }
    }
    Ok(out)
}

/// One message for the browser: a pattern string, or, for a message that is one plural
/// selector, `{"select": name, "default": category, "variants": {category: pattern}}`,
/// which the page resolves with `Intl.PluralRules`.
fn browser_message(
    language: Language,
    key: &str,
    pattern: &ast::Pattern<&str>,
) -> Result<serde_json::Value, TextError> {
    let beyond = || TextError::BeyondBrowserSubset { language: language.code(), key: key.into() };
    if let [
        ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        },
    ] = pattern.elements.as_slice()
    {
        let ast::InlineExpression::VariableReference { id } = selector else {
            return Err(beyond());
        };
        let mut out = serde_json::Map::new();
        let mut default = None;
        for variant in variants {
            let name = match &variant.key {
                ast::VariantKey::Identifier { name } => (*name).to_string(),
                ast::VariantKey::NumberLiteral { value } => (*value).to_string(),
            };
            if variant.default {
                default = Some(name.clone());
            }
            out.insert(name, browser_text(language, key, &variant.value)?.into());
        }
        return Ok(serde_json::json!({
            "select": id.name,
            "default": default.ok_or_else(beyond)?,
            "variants": out,
        }));
    }
    Ok(browser_text(language, key, pattern)?.into())
}

/// The dashboard's texts in `language` for the browser: key to message, where `{name}`
/// stands for an argument the page fills in (numbers and dates it formats with `Intl`).
pub fn browser_texts(language: Language) -> Result<BTreeMap<String, serde_json::Value>, TextError> {
    browser_area_texts(language, Area::Dashboard)
}

/// The texts of one area read by the browser (the dashboard, the post terminal), as
/// [`browser_texts`] gives the dashboard's.
pub fn browser_area_texts(
    language: Language,
    area: Area,
) -> Result<BTreeMap<String, serde_json::Value>, TextError> {
    let source = source(language, area);
    let resource =
        fluent_syntax::parser::parse(source).map_err(|(_, errors)| TextError::Syntax {
            language: language.code(),
            file: area.file_name(),
            reason: format!("{errors:?}"),
        })?;
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let key = message.id.name;
            let Some(value) = &message.value else { continue };
            out.insert(key.to_string(), browser_message(language, key, value)?);
        }
    }
    Ok(out)
}

/// Every message key of one area in one language, with the names of the variables each
/// shows (sorted; selectors are left out), for the tests that compare languages.
pub fn keys_and_variables(
    language: Language,
    area: Area,
) -> Result<BTreeMap<String, Vec<String>>, TextError> {
    let resource =
        fluent_syntax::parser::parse(source(language, area)).map_err(|(_, errors)| {
            TextError::Syntax {
                language: language.code(),
                file: area.file_name(),
                reason: format!("{errors:?}"),
            }
        })?;
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut variables = Vec::new();
            if let Some(value) = &message.value {
                collect_variables(value, &mut variables);
            }
            variables.sort();
            variables.dedup();
            out.insert(message.id.name.to_string(), variables);
        }
    }
    Ok(out)
}

fn collect_variables(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expression(expression, out);
        }
    }
}

fn collect_expression(expression: &ast::Expression<&str>, out: &mut Vec<String>) {
    match expression {
        ast::Expression::Inline(inline) => collect_inline(inline, out),
        // A selector only chooses a form (a plural, say); it is not shown, so a language
        // without that distinction need not name it.
        ast::Expression::Select { variants, .. } => {
            for variant in variants {
                collect_variables(&variant.value, out);
            }
        }
    }
}

fn collect_inline(inline: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
        ast::InlineExpression::Placeable { expression } => collect_expression(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                collect_inline(argument, out);
            }
        }
        _ => {}
    }
}

/// The plain text of every message of one area in one language (select expressions give
/// all their variants, joined by spaces), for the glossary test.
pub fn plain_texts(language: Language, area: Area) -> Result<BTreeMap<String, String>, TextError> {
    let resource =
        fluent_syntax::parser::parse(source(language, area)).map_err(|(_, errors)| {
            TextError::Syntax {
                language: language.code(),
                file: area.file_name(),
                reason: format!("{errors:?}"),
            }
        })?;
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut text = String::new();
            if let Some(value) = &message.value {
                plain_pattern(value, &mut text);
            }
            out.insert(message.id.name.to_string(), text);
        }
    }
    Ok(out)
}

fn plain_pattern(pattern: &ast::Pattern<&str>, out: &mut String) {
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Select { variants, .. } => {
                    for variant in variants {
                        out.push(' ');
                        plain_pattern(&variant.value, out);
                    }
                }
                ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                    if let ast::Expression::Select { variants, .. } = expression.as_ref() {
                        for variant in variants {
                            out.push(' ');
                            plain_pattern(&variant.value, out);
                        }
                    }
                }
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                    out.push_str(value);
                }
                ast::Expression::Inline(_) => out.push_str(" _ "),
            },
        }
    }
}
