//! The monitoring mission's daily report in a real browser, after the dashboard's checks and
//! in the same session: the mission's card listing the traffic's observation, the day under
//! way opened from the dashboard's link, in the
//! dashboard's language; then its page in every language, each with its own title and
//! headings from the translation files, no raw key, no error in the console, and the same
//! figures as `GET /v1/reports/{day}` (each written as that language writes numbers); then
//! its PDF in every language, shown by the browser, whose text (read back through the PDF's
//! own Unicode map, as a reader's search would) holds the page's figures and no raw key.
//!
//! Screenshots of every page and PDF are kept in `target/test-artefacts/report/`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use fantoccini::{Client, Locator};
use passage_i18n::{Language, Texts};

use crate::dashboard::{Driver, console_errors, poll};

/// Where the screenshots go: `target/test-artefacts/report/` of the workspace (or of
/// `CARGO_TARGET_DIR`).
fn artefacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    let folder = target.join("test-artefacts").join("report");
    std::fs::create_dir_all(&folder).expect("the artefacts' folder");
    folder
}

/// Saves what the browser shows, the whole page's height.
async fn keep_screenshot(client: &Client, name: &str) {
    let (width, height) = client.get_window_size().await.expect("the window's size");
    let script = "return document.documentElement ? document.documentElement.scrollHeight : 0;";
    let page = client.execute(script, vec![]).await.expect("the page's height");
    let page = page.as_u64().map_or(height, |page| page.clamp(height, 6000));
    client.set_window_size(width as u32, page as u32).await.expect("a taller window");
    let png = client.screenshot().await.expect("a screenshot");
    client.set_window_size(width as u32, height as u32).await.expect("the window's size");
    std::fs::write(artefacts().join(name), png).expect("the screenshot is written");
}

/// The figures of the page the browser shows: each `<data class="figure">`'s value and text.
async fn shown_figures(client: &Client) -> Vec<(String, String)> {
    let script = "return [...document.querySelectorAll('data.figure')].map((e) => [e.value, e.textContent]);";
    let figures = client.execute(script, vec![]).await.expect("the figures");
    serde_json::from_value(figures).expect("pairs of value and text")
}

pub(crate) async fn check_daily_report(client: &Client, driver: &Driver, base: &str) {
    // From the dashboard: the day under way, in the language the dashboard shows.
    client.goto(&format!("{base}/")).await.expect("the dashboard loads");
    // The mission's card lists the traffic's observation.
    crate::dashboard::wait_for_text(client, "observations-list", |text| {
        text.contains("Six trucks wait at the gate")
    })
    .await;
    let link = poll("the day's report on the dashboard", || async move {
        client.find(Locator::Css("#report-today a.report-page")).await.ok()
    })
    .await;
    let dashboard_language: String = serde_json::from_value(
        client.execute("return document.documentElement.lang;", vec![]).await.expect("its lang"),
    )
    .expect("a tag");
    link.click().await.expect("the link opens");
    let url = poll("the report's page", || async move {
        let url = client.current_url().await.ok()?;
        url.path().ends_with("/page").then_some(url)
    })
    .await;
    let lang: String = serde_json::from_value(
        client.execute("return document.documentElement.lang;", vec![]).await.expect("its lang"),
    )
    .expect("a tag");
    assert_eq!(lang, dashboard_language, "the report opens in the dashboard's language");
    let day = url
        .path_segments()
        .and_then(|mut segments| segments.nth(2))
        .expect("/v1/reports/{day}/page")
        .to_owned();

    let json: serde_json::Value = reqwest::get(format!("{base}/v1/reports/{day}"))
        .await
        .expect("the node answers")
        .json()
        .await
        .expect("JSON");
    let lines = json["figures"].as_array().expect("figures").clone();
    assert!(!lines.is_empty(), "the traffic counted something today: {json}");

    let mut first_values: Option<Vec<String>> = None;
    let mut page_figures = BTreeMap::new();
    for language in Language::ALL {
        let code = language.code();
        client
            .goto(&format!("{base}/v1/reports/{day}/page?language={code}"))
            .await
            .expect("the page loads");
        // The texts as strings: a Fluent bundle is not `Send`, and the test awaits.
        let (title, section_texts, note) = {
            let texts = Texts::new(language).expect("the texts");
            let title = texts
                .text_with(
                    "mission-report-title",
                    &passage_i18n::arguments([("day", day.clone().into())]),
                )
                .expect("the title");
            let sections: Vec<String> =
                ["mission-report-section-corridor", "mission-report-section-posts"]
                    .iter()
                    .map(|key| texts.text(key).expect("a heading"))
                    .collect();
            (title, sections, texts.text("mission-report-figures-note").expect("the note"))
        };
        let script = "return [document.documentElement.lang, document.querySelector('h1').textContent, \
            [...document.querySelectorAll('h2')].map((e) => e.textContent), document.body.innerText];";
        let shown = client.execute(script, vec![]).await.expect("the page's texts");
        let (lang, heading, sections, body): (String, String, Vec<String>, String) =
            serde_json::from_value(shown).expect("the page's texts");
        assert_eq!(lang, code);
        assert_eq!(heading, title, "{code}");
        assert!(!body.contains("mission-"), "{code} shows a key:\n{body}");
        for section in &sections {
            assert!(
                section_texts.contains(section),
                "{code}: the heading `{section}` is no text of its file"
            );
        }
        assert!(body.contains(&note), "{code}: no note");
        // Every figure of the JSON report, and the summary's five, as the language writes
        // them.
        let figures = shown_figures(client).await;
        assert_eq!(figures.len(), 5 + lines.len(), "{code}: {figures:?}");
        for (value, text) in &figures {
            let read = passage_i18n::number::parse(text, language)
                .unwrap_or_else(|| panic!("{code}: {text:?} is not a figure"));
            let plain: f64 = value.parse().expect("a number");
            assert!((read - plain).abs() < 1e-9, "{code}: {text:?} is not {value}");
        }
        for line in &lines {
            let figure = line["figure"].as_str().unwrap_or_default();
            if figure.ends_with("_ms") {
                continue; // Shown in hours.
            }
            let value = line["value"].as_u64().expect("a count").to_string();
            assert!(figures.iter().any(|(v, _)| *v == value), "{code}: {figure} {value}");
        }
        let mut values: Vec<String> = figures.iter().map(|(value, _)| value.clone()).collect();
        values.sort();
        match &first_values {
            None => first_values = Some(values),
            Some(first) => assert_eq!(first, &values, "{code}: other figures than Armenian"),
        }
        keep_screenshot(client, &format!("report.{code}.png")).await;
        page_figures.insert(language, figures);
    }

    for language in Language::ALL {
        let code = language.code();
        let address = format!("{base}/v1/reports/{day}/pdf?language={code}");
        let pdf = reqwest::get(&address).await.expect("the node answers");
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        let pdf = pdf.bytes().await.expect("the PDF");
        let text = pdf_text(&pdf);
        let joined = text.join("\n");
        let title = Texts::new(language)
            .expect("the texts")
            .text_with(
                "mission-report-title",
                &passage_i18n::arguments([("day", day.clone().into())]),
            )
            .expect("the title");
        assert!(joined.contains(&title), "{code}: no title in the PDF:\n{joined}");
        assert!(!joined.contains("mission-"), "{code}: a key in the PDF:\n{joined}");
        for (_, figure) in &page_figures[&language] {
            let figure = figure.replace('\u{a0}', " ");
            assert!(
                text.iter().any(|line| line.contains(figure.as_str())),
                "{code}: the page's figure {figure} is not in the PDF:\n{joined}"
            );
        }
        // The browser shows it (its own viewer), as a reader following the link sees it.
        client.goto(&address).await.expect("the PDF opens");
        let kind = poll("the PDF in the browser", || async move {
            let kind = client.execute("return document.contentType;", vec![]).await.ok()?;
            kind.as_str().filter(|kind| *kind == "application/pdf").map(str::to_owned)
        })
        .await;
        assert_eq!(kind, "application/pdf");
        // The viewer draws after the document loads; give it the time a reader would.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        keep_screenshot(client, &format!("report.{code}.pdf.png")).await;
    }
    // The browser asks for `/favicon.ico` for the PDF, which names no icon; the node has
    // none to give. Any other message is an error of the report.
    let errors: Vec<String> = console_errors(client, driver)
        .await
        .into_iter()
        .filter(|message| !message.contains("/favicon.ico "))
        .collect();
    assert!(errors.is_empty(), "the browser's console has errors: {errors:#?}");
}

/// The text a PDF written by `passage_document::pdf` shows, one string per text-showing
/// operator, read as a reader does: the strings of the page contents, each two bytes a
/// glyph, each glyph mapped to its character by the font's ToUnicode map.
fn pdf_text(pdf: &[u8]) -> Vec<String> {
    let mut glyphs: BTreeMap<u16, char> = BTreeMap::new();
    let mut contents: Vec<&[u8]> = Vec::new();
    let mut rest = pdf;
    let mut previous_end = 0usize;
    while let Some(start) = find(rest, b"stream\n") {
        let dictionary = &pdf[previous_end..previous_end + start];
        let body = &rest[start + b"stream\n".len()..];
        let end = find(body, b"\nendstream").expect("a stream ends");
        let stream = &body[..end];
        let dictionary_start = dictionary.windows(3).rposition(|w| w == b"obj").unwrap_or(0);
        let dictionary = &dictionary[dictionary_start..];
        if find(dictionary, b"/CMap").is_some() {
            read_cmap(stream, &mut glyphs);
        } else if find(dictionary, b"/Length1").is_none() {
            contents.push(stream);
        }
        let consumed = start + b"stream\n".len() + end + b"\nendstream".len();
        previous_end += consumed;
        rest = &rest[consumed..];
    }
    assert!(!glyphs.is_empty(), "the PDF has a ToUnicode map");
    let mut out = Vec::new();
    for stream in contents {
        for string in shown_strings(stream) {
            let text: String = string
                .chunks(2)
                .map(|pair| {
                    let glyph = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                    *glyphs.get(&glyph).unwrap_or(&'\u{fffd}')
                })
                .collect();
            // A no-break space may share the space's glyph, which the map gives as a space.
            out.push(text.replace('\u{a0}', " "));
        }
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The `<glyph> <unicode>` pairs of a ToUnicode CMap's `bfchar` sections.
fn read_cmap(stream: &[u8], glyphs: &mut BTreeMap<u16, char>) {
    let text = String::from_utf8_lossy(stream);
    let mut inside = false;
    for line in text.lines() {
        if line.ends_with("beginbfchar") {
            inside = true;
        } else if line.starts_with("endbfchar") {
            inside = false;
        } else if inside {
            let hex: Vec<&str> =
                line.split(['<', '>', ' ']).filter(|part| !part.is_empty()).collect();
            if let [glyph, unicode] = hex[..] {
                let glyph = u16::from_str_radix(glyph, 16).expect("a glyph");
                let units: Vec<u16> = (0..unicode.len() / 4)
                    .map(|i| u16::from_str_radix(&unicode[i * 4..i * 4 + 4], 16).expect("UTF-16"))
                    .collect();
                let character = char::decode_utf16(units).next().and_then(Result::ok);
                glyphs.insert(glyph, character.expect("one character"));
            }
        }
    }
}

/// The bytes of every string operand in a content stream: literal `( … )` strings (with
/// their escapes and balanced parentheses) and hexadecimal `< … >` strings.
fn shown_strings(stream: &[u8]) -> Vec<Vec<u8>> {
    let mut strings = Vec::new();
    let mut i = 0;
    while i < stream.len() {
        match stream[i] {
            b'(' => {
                let mut depth = 1;
                let mut bytes = Vec::new();
                i += 1;
                while i < stream.len() && depth > 0 {
                    match stream[i] {
                        b'\\' => {
                            i += 1;
                            match stream[i] {
                                b'n' => bytes.push(b'\n'),
                                b'r' => bytes.push(b'\r'),
                                b't' => bytes.push(b'\t'),
                                b'b' => bytes.push(0x08),
                                b'f' => bytes.push(0x0c),
                                digit @ b'0'..=b'7' => {
                                    let mut value = u32::from(digit - b'0');
                                    for _ in 0..2 {
                                        if matches!(stream.get(i + 1), Some(b'0'..=b'7')) {
                                            i += 1;
                                            value = value * 8 + u32::from(stream[i] - b'0');
                                        }
                                    }
                                    bytes.push(value as u8);
                                }
                                other => bytes.push(other),
                            }
                        }
                        b'(' => {
                            depth += 1;
                            bytes.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                bytes.push(b')');
                            }
                        }
                        other => bytes.push(other),
                    }
                    i += 1;
                }
                strings.push(bytes);
            }
            b'<' if stream.get(i + 1) != Some(&b'<') => {
                let end = i + find(&stream[i..], b">").expect("a hex string ends");
                let hex: Vec<u8> =
                    stream[i + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let bytes = hex
                    .chunks(2)
                    .map(|pair| {
                        u8::from_str_radix(std::str::from_utf8(pair).expect("ASCII"), 16)
                            .expect("hex")
                    })
                    .collect();
                strings.push(bytes);
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    strings
}
