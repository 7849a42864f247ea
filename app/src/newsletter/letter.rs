//! An edition written out: for one language and one set of topics, as plain text and as HTML
//! (Markdown written by pulldown-cmark, raw HTML escaped, only web and mail links kept, no
//! images), with the reader's own links at the foot. The mail, the coordinator's preview and
//! the archive all come from here.

use crate::i18n::Lang;
use crate::newsletter::{EditionForm, Item, ThreeLangs, Topic, Topics};
use html_escape::{encode_double_quoted_attribute as attribute, encode_text as text};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// An edition's message to one subscriber, as the mailer sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The subscriber's language now (they may have changed it since the edition was queued).
    pub lang: Lang,
    /// The one-click unsubscribe address (`List-Unsubscribe`); none on the coordinator's test.
    pub unsubscribe: Option<String>,
}

/// An edition written for one language and set of topics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub subject: String,
    pub text: String,
    /// The HTML inside the message's body.
    pub fragment: String,
    /// Some of it is in another language than the reader's.
    pub fallback: bool,
}

/// The links at the foot of a message: the edition in the archive, and the reader's page.
pub struct Foot<'a> {
    pub archive: Option<&'a str>,
    pub manage: &'a str,
}

/// A Markdown text as safe HTML: raw HTML shown as text, links kept only to web and mail
/// addresses, images replaced by their description.
pub fn markdown(source: &str) -> String {
    let mut dropped_link = false;
    let events = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Image { .. }) => Event::Start(Tag::Emphasis),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Emphasis),
        Event::Start(Tag::Link { dest_url, .. }) if !is_safe_link(&dest_url) => {
            dropped_link = true;
            Event::Start(Tag::Emphasis)
        }
        Event::End(TagEnd::Link) if dropped_link => {
            dropped_link = false;
            Event::End(TagEnd::Emphasis)
        }
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Web and mail addresses only: no `javascript:`, `data:` or other schemes.
pub fn is_safe_link(link: &str) -> bool {
    let lower = link.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// An item's link as an address: a site path (`/events/…`) in the reader's language.
pub fn absolute(link: &str, origin: &str, lang: Lang) -> String {
    if link.starts_with('/') {
        format!("{origin}/{lang}{link}")
    } else {
        link.to_owned()
    }
}

/// The edition's topics in the order they are shown, with their items for `topics` (all
/// when `None`).
fn sections(form: &EditionForm, topics: Option<Topics>) -> Vec<(Topic, Vec<&Item>)> {
    Topic::ALL
        .into_iter()
        .filter(|topic| topics.is_none_or(|chosen| chosen.has(*topic)))
        .map(|topic| {
            let items = form
                .items
                .iter()
                .filter(|item| item.topic == topic)
                .collect();
            (topic, items)
        })
        .filter(|(_, items): &(Topic, Vec<&Item>)| !items.is_empty())
        .collect()
}

/// Writes `form` in `lang` for a reader of `topics` (every topic when `None`), with `foot`.
pub fn write(
    form: &EditionForm,
    lang: Lang,
    topics: Option<Topics>,
    origin: &str,
    foot: Option<&Foot<'_>>,
) -> Written {
    let texts = &lang.texts().newsletter;
    let mut fallback = false;
    let mut shown = |three: &ThreeLangs| -> String {
        match three.show(lang) {
            Some((text, in_lang)) => {
                fallback |= in_lang != lang;
                text.to_owned()
            }
            None => String::new(),
        }
    };
    let subject = {
        let subject = shown(&form.subject);
        if subject.is_empty() {
            texts.default_subject.to_owned()
        } else {
            subject
        }
    };
    let intro = shown(&form.intro);
    let mut plain = format!("{subject}\n\n");
    let mut html = format!("<h1>{}</h1>\n", text(&subject));
    if !intro.is_empty() {
        plain.push_str(&format!("{intro}\n\n"));
        html.push_str(&markdown(&intro));
    }
    for (topic, items) in sections(form, topics) {
        let label = topic.label(lang);
        plain.push_str(&format!("== {label} ==\n\n"));
        html.push_str(&format!("<h2>{}</h2>\n", text(label)));
        for item in items {
            let title = shown(&item.title);
            let body = shown(&item.text);
            let link = absolute(&item.link, origin, lang);
            plain.push_str(&format!("{title}\n"));
            if !body.is_empty() {
                plain.push_str(&format!("{body}\n"));
            }
            if !link.is_empty() {
                plain.push_str(&format!("{link}\n"));
            }
            plain.push('\n');
            if is_safe_link(&link) {
                html.push_str(&format!(
                    "<h3><a href=\"{}\">{}</a></h3>\n",
                    attribute(&link),
                    text(&title)
                ));
            } else {
                html.push_str(&format!("<h3>{}</h3>\n", text(&title)));
            }
            html.push_str(&markdown(&body));
        }
    }
    if fallback {
        plain.insert_str(0, &format!("({})\n\n", texts.fallback_note));
        html.insert_str(
            0,
            &format!("<p><em>{}</em></p>\n", text(texts.fallback_note)),
        );
    }
    if let Some(foot) = foot {
        plain.push_str("-- \n");
        html.push_str("<hr>\n<p style=\"font-size:14px;color:#444444\">");
        if let Some(archive) = foot.archive {
            plain.push_str(&format!("{}: {archive}\n", texts.view_in_browser));
            html.push_str(&format!(
                "<a href=\"{}\">{}</a><br>\n",
                attribute(archive),
                text(texts.view_in_browser)
            ));
        }
        plain.push_str(&format!(
            "{}\n{}: {}\n",
            texts.why_you_get_it, texts.manage_link, foot.manage
        ));
        html.push_str(&format!(
            "{}<br>\n<a href=\"{}\">{}</a></p>\n",
            text(texts.why_you_get_it),
            attribute(foot.manage),
            text(texts.manage_link)
        ));
    }
    Written {
        subject,
        text: plain,
        fragment: html,
        fallback,
    }
}

/// A subscriber as an edition is written for them.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Reader {
    pub id: i64,
    pub email: String,
    pub lang: String,
    pub topics: i64,
    pub generation: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three(et: &str, ru: &str, en: &str) -> ThreeLangs {
        ThreeLangs {
            et: et.into(),
            ru: ru.into(),
            en: en.into(),
        }
    }

    #[test]
    fn markdown_keeps_no_raw_html_scripts_or_images() {
        let html = markdown(
            "**Tere** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.example) ![pixel](https://track.example/p.gif)",
        );
        assert!(html.contains("<strong>Tere</strong>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(
            html.contains("<a href=\"https://a.example\">ok</a>"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn a_reader_gets_their_topics_in_their_language_and_is_told_of_fallbacks() {
        let form = EditionForm {
            subject: three("Uudised", "Новости", ""),
            intro: three("Tere!", "", ""),
            items: vec![
                Item {
                    topic: Topic::Events,
                    link: "/events/kohtumine".into(),
                    title: three("Kohtumine", "Встреча", "Meeting"),
                    text: three("", "", ""),
                },
                Item {
                    topic: Topic::Members,
                    link: "https://example.com".into(),
                    title: three("Uus liige", "", ""),
                    text: three("", "", ""),
                },
            ],
        };
        let written = write(
            &form,
            Lang::Ru,
            Some(Topics::of([Topic::Events])),
            "https://k.example",
            None,
        );
        assert_eq!(written.subject, "Новости");
        assert!(written.text.contains("Встреча"));
        assert!(
            written
                .text
                .contains("https://k.example/ru/events/kohtumine")
        );
        assert!(!written.text.contains("Uus liige"), "not their topic");
        assert!(written.fallback, "the introduction is in Estonian");
        let english = write(&form, Lang::En, None, "https://k.example", None);
        assert!(english.text.contains("Uus liige"), "every topic");
        assert!(english.fragment.contains("<h2>"));
    }
}
