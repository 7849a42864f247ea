//! A message's HTML part, the same in the mail and in the coordinator's preview: a column
//! that reads well on a phone and in Outlook (inline styles only, no images, nothing that
//! tracks).

use crate::i18n::Lang;
use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};

/// The HTML of a plain-text message: its paragraphs, its web and mail addresses as links.
pub fn from_text(lang: Lang, subject: &str, body: &str) -> String {
    let paragraphs: String = body
        .trim()
        .split("\n\n")
        .map(|paragraph| {
            let lines: Vec<String> = paragraph.lines().map(linked).collect();
            format!(
                "<p style=\"margin:0 0 16px\">{}</p>\n",
                lines.join("<br>\n")
            )
        })
        .collect();
    document(lang, subject, &paragraphs)
}

/// A whole HTML message around `fragment`, which must already be safe HTML.
pub fn document(lang: Lang, subject: &str, fragment: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n<body style=\"margin:0;padding:0;background:#ffffff\">\n\
         <div style=\"max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;\
         font-size:16px;line-height:1.5;color:#1a1a1a\">\n{fragment}</div>\n</body>\n</html>\n",
        lang = attribute(lang.code()),
        title = text(subject),
    )
}

/// A line of text as HTML, its web and mail addresses as links.
fn linked(line: &str) -> String {
    linkify::LinkFinder::new()
        .spans(line)
        .map(|span| match span.kind() {
            Some(linkify::LinkKind::Url) => format!(
                "<a href=\"{}\" style=\"color:#0b5394\">{}</a>",
                attribute(span.as_str()),
                text(span.as_str())
            ),
            Some(linkify::LinkKind::Email) => format!(
                "<a href=\"mailto:{}\" style=\"color:#0b5394\">{}</a>",
                attribute(span.as_str()),
                text(span.as_str())
            ),
            _ => text(span.as_str()).into_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_escapes_the_text_and_links_its_addresses() {
        let html = from_text(
            Lang::Ru,
            "<Тема>",
            "Здравствуйте,\n\nсм. https://loomeklaster.ee/ru/events?a=1&b=2 или <script>.\nПишите: info@loomeklaster.ee",
        );
        assert!(html.contains("<html lang=\"ru\">"));
        assert!(html.contains("<title>&lt;Тема&gt;</title>"));
        assert!(html.contains(
            "<a href=\"https://loomeklaster.ee/ru/events?a=1&amp;b=2\" style=\"color:#0b5394\">https://loomeklaster.ee/ru/events?a=1&amp;b=2</a>"
        ));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("href=\"mailto:info@loomeklaster.ee\""));
        assert_eq!(html.matches("<p ").count(), 2, "{html}");
        assert!(!html.contains("<img"), "nothing that tracks");
    }
}
