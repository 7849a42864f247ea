//! Text as people type it, made fit to store: whatever a browser, a spreadsheet or a script
//! sends, a stored text has `\n` line breaks only and no other control character, so that no
//! file written from it (iCalendar, CSV, a mail) can be split or forged by a stray CR. And text
//! as a CSV file carries it: never a formula a spreadsheet would run.

/// A multi-line text (a description): CR LF and a lone CR become `\n`, a tab a space, every
/// other control character goes; trimmed.
pub fn clean_text(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                clean.push('\n');
            }
            '\n' => clean.push('\n'),
            '\t' => clean.push(' '),
            // The line and paragraph separators read as line breaks too.
            '\u{2028}' | '\u{2029}' => clean.push('\n'),
            c if c.is_control() => {}
            c => clean.push(c),
        }
    }
    clean.trim().to_owned()
}

/// A one-line text (a name, a title): as [`clean_text`], with line breaks as spaces.
pub fn clean_line(text: &str) -> String {
    clean_text(text).replace('\n', " ")
}

/// Whether a spreadsheet would read `cell` as a formula (`=HYPERLINK(…)`, `+1+1`, `@SUM(…)`)
/// or a control sequence, also under the `'` that [`guard_cell`] puts before it.
fn needs_guard(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => needs_guard(&cell[1..]),
        _ => false,
    }
}

/// A cell as written to a CSV file: one a spreadsheet would run as a formula gets a leading
/// `'`, which makes it text (OWASP's advice against CSV injection).
pub fn guard_cell(cell: &str) -> String {
    if needs_guard(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A cell as read from a CSV file: the `'` of [`guard_cell`] taken off again, so an exported
/// file imports unchanged.
pub fn unguard_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// The start of a text, cut at a word boundary, with an ellipsis when cut.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(start, _)| start);
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':']))
}

/// JSON for a `<script type="application/ld+json">`, escaped so that no text in it can end
/// the script.
#[cfg(feature = "ssr")]
pub fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_newlines_and_other_control_characters_go() {
        assert_eq!(clean_text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(clean_text(" Feed test\rATTACH:x "), "Feed test\nATTACH:x");
        assert_eq!(
            clean_text("a\u{0}b\u{7}c\u{1b}[31m\u{7f}\u{85}d\te"),
            "abc[31md e"
        );
        assert_eq!(clean_text("rida\u{2028}teine"), "rida\nteine");
        assert_eq!(clean_text("Нарва — Jõhvi ✓"), "Нарва — Jõhvi ✓");
    }

    #[test]
    fn a_line_has_no_line_break_at_all() {
        assert_eq!(
            clean_line("Feed test\r\nATTACH:evil"),
            "Feed test ATTACH:evil"
        );
        assert_eq!(clean_line("\r\n Mari Maasikas \r\n"), "Mari Maasikas");
    }

    #[test]
    fn only_the_guard_is_taken_off_on_import() {
        for cell in [
            "=1+1", "+372", "-", "@x", "\tx", "'=x", "''=x", "'plain", "plain", "",
        ] {
            assert_eq!(unguard_cell(&guard_cell(cell)), cell, "{cell:?}");
        }
        assert_eq!(unguard_cell("'plain"), "'plain");
    }
}
