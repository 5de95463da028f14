//! Numbers written as each language writes them: the decimal sign and the thousands
//! separator (CLDR's: `12,345.6` in English, `12 345,6` in Armenian and Russian with a
//! no-break space, `12.345,6` in Azerbaijani), and back, so tests can compare figures
//! across languages.

use crate::Language;

/// The no-break space that separates thousands in Armenian and Russian, so a figure never
/// breaks across lines.
const NO_BREAK_SPACE: char = '\u{a0}';

/// The decimal sign and the thousands separator of `language`.
pub fn separators(language: Language) -> (char, char) {
    match language {
        Language::English => ('.', ','),
        Language::Armenian | Language::Russian => (',', NO_BREAK_SPACE),
        Language::AzerbaijaniLatin => (',', '.'),
    }
}

/// `value` with `decimals` places, thousands grouped, in `language`'s way. A value that is
/// not finite is written `–` (the figure does not exist).
pub fn format(value: f64, decimals: usize, language: Language) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let (decimal_sign, group) = separators(language);
    let plain = format!("{:.decimals$}", value.abs());
    let (whole, fraction) = match plain.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (plain.as_str(), None),
    };
    let mut out = String::new();
    // A value that rounds to zero is written without a sign: "-0.0" is not a figure.
    let is_zero = plain.chars().all(|c| c == '0' || c == '.');
    if value < 0.0 && !is_zero {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push(decimal_sign);
        out.push_str(fraction);
    }
    out
}

/// Reads a figure written by [`format`] in `language`; `None` if it is not one.
pub fn parse(text: &str, language: Language) -> Option<f64> {
    let (decimal_sign, group) = separators(language);
    let mut plain = String::new();
    for c in text.trim().chars() {
        if c == group {
            continue;
        }
        if c == decimal_sign {
            plain.push('.');
        } else if c.is_ascii_digit() || c == '-' {
            plain.push(c);
        } else {
            return None;
        }
    }
    plain.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: f64, decimals: usize, expect: [&str; 4]) {
        for (language, expect) in Language::ALL.into_iter().zip(expect) {
            let text = format(value, decimals, language);
            assert_eq!(text, expect, "{language:?}");
            let back = parse(&text, language).expect("a formatted figure parses");
            let step = 10f64.powi(-(decimals as i32));
            assert!((back - value).abs() <= step / 2.0 + 1e-9, "{language:?}: {back} vs {value}");
        }
    }

    #[test]
    fn figures_are_grouped_and_pointed_as_each_language_writes_them() {
        check(
            1234567.891,
            1,
            ["1\u{a0}234\u{a0}567,9", "1.234.567,9", "1\u{a0}234\u{a0}567,9", "1,234,567.9"],
        );
        check(-1234.5, 0, ["-1\u{a0}234", "-1.234", "-1\u{a0}234", "-1,234"]);
        check(999.0, 2, ["999,00", "999,00", "999,00", "999.00"]);
        check(-0.0004, 3, ["0,000", "0,000", "0,000", "0.000"]);
        check(0.0, 0, ["0", "0", "0", "0"]);
    }

    #[test]
    fn what_is_not_a_figure_does_not_parse() {
        assert_eq!(parse("12 apples", Language::English), None);
        assert_eq!(parse("", Language::Russian), None);
        assert_eq!(format(f64::NAN, 2, Language::Russian), "–");
    }
}
