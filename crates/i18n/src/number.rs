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

/// An exact amount given as a whole number of `10^-decimals` units (money in minor units:
/// 3090000 with 2 decimals is 30,900.00), written as [`format`] writes figures in
/// `language`. Integer arithmetic throughout, so no amount is rounded on its way to the
/// screen, however large.
pub fn format_scaled(units: i128, decimals: u32, language: Language) -> String {
    let (decimal_sign, group) = separators(language);
    let scale = 10u128.pow(decimals);
    let magnitude = units.unsigned_abs();
    let whole = (magnitude / scale).to_string();
    let mut out = String::new();
    if units < 0 {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    if decimals > 0 {
        out.push(decimal_sign);
        out.push_str(&format!("{:0width$}", magnitude % scale, width = decimals as usize));
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

    fn check_scaled(units: i128, decimals: u32, expect: [&str; 4]) {
        for (language, expect) in Language::ALL.into_iter().zip(expect) {
            let text = format_scaled(units, decimals, language);
            assert_eq!(text, expect, "{language:?}");
            let back = parse(&text, language).expect("a formatted amount parses");
            let exact = units as f64 / 10f64.powi(decimals as i32);
            assert!((back - exact).abs() <= exact.abs() * 1e-12, "{language:?}: {back}");
        }
    }

    #[test]
    fn amounts_are_written_exactly_in_each_language_s_way() {
        check_scaled(3_090_000, 2, ["30\u{a0}900,00", "30.900,00", "30\u{a0}900,00", "30,900.00"]);
        check_scaled(-5, 2, ["-0,05", "-0,05", "-0,05", "-0.05"]);
        check_scaled(0, 2, ["0,00", "0,00", "0,00", "0.00"]);
        check_scaled(
            1_234_567,
            0,
            ["1\u{a0}234\u{a0}567", "1.234.567", "1\u{a0}234\u{a0}567", "1,234,567"],
        );
        check_scaled(-100_000, 3, ["-100,000", "-100,000", "-100,000", "-100.000"]);
        // Past what a float holds exactly: every digit is kept.
        assert_eq!(
            format_scaled(i128::from(i64::MAX), 2, Language::English),
            "92,233,720,368,547,758.07"
        );
    }

    #[test]
    fn what_is_not_a_figure_does_not_parse() {
        assert_eq!(parse("12 apples", Language::English), None);
        assert_eq!(parse("", Language::Russian), None);
        assert_eq!(format(f64::NAN, 2, Language::Russian), "–");
    }
}
