//! Text normalisation and query building for the directory search. Server only.
//!
//! Everything that is indexed or searched goes through [`words`]: transliterated to Latin
//! (Cyrillic included, so "Нарва" and "narva" meet), diacritics folded ("Jõhvi" → "johvi"),
//! lower-cased and split into alphanumeric words. The FTS5 index therefore holds plain ASCII
//! words, and a query can only ever become quoted ASCII words: user input never reaches FTS5
//! syntax.

/// Queries longer than this are cut (in characters).
pub const MAX_QUERY_CHARS: usize = 200;
/// Words after this many are ignored: nobody types more, and each costs a typo lookup.
pub const MAX_QUERY_WORDS: usize = 8;
/// Words this long or longer also match index terms one edit away.
pub const TYPO_MIN_LEN: usize = 5;

/// The normalised words of a text.
pub fn words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A text as it is stored in the index: its normalised words, space-separated.
pub fn index_text(text: &str) -> String {
    words(text).join(" ")
}

/// A user's query, cut to size and normalised.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SearchQuery {
    words: Vec<String>,
}

impl SearchQuery {
    pub fn parse(raw: &str) -> Self {
        let cut: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        let mut words = words(&cut);
        words.dedup();
        words.truncate(MAX_QUERY_WORDS);
        Self { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The FTS5 MATCH expression: every word must match, as a prefix of an indexed word or as
    /// one of its `typo_variants` (index terms one edit away). Each alternative is quoted.
    pub fn fts_expression(&self, typo_variants: impl Fn(&str) -> Vec<String>) -> Option<String> {
        if self.words.is_empty() {
            return None;
        }
        let clauses: Vec<String> = self
            .words
            .iter()
            .map(|word| {
                let mut alternatives = vec![format!("\"{word}\"*")];
                if word.len() >= TYPO_MIN_LEN {
                    alternatives
                        .extend(typo_variants(word).into_iter().map(|v| format!("\"{v}\"")));
                }
                format!("({})", alternatives.join(" OR "))
            })
            .collect();
        Some(clauses.join(" AND "))
    }
}

/// How well a query word matches a word of a name: the ranking prefers exact over prefix over
/// typo matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordMatch {
    None,
    Typo,
    Prefix,
    Exact,
}

pub fn word_match(query_word: &str, text_word: &str) -> WordMatch {
    if query_word == text_word {
        WordMatch::Exact
    } else if text_word.starts_with(query_word) {
        WordMatch::Prefix
    } else if is_typo_of(query_word, text_word) {
        WordMatch::Typo
    } else {
        WordMatch::None
    }
}

/// One edit apart (insert, delete, substitute or swap two neighbours), for words of
/// [`TYPO_MIN_LEN`] letters or more.
pub fn is_typo_of(query_word: &str, term: &str) -> bool {
    query_word.len() >= TYPO_MIN_LEN
        && query_word.len().abs_diff(term.len()) <= 1
        && strsim::osa_distance(query_word, term) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estonian_letters_are_folded() {
        assert_eq!(words("Jõhvi"), ["johvi"]);
        assert_eq!(words("Narva-Jõesuu"), ["narva", "joesuu"]);
        assert_eq!(
            words("ŽUKOVSKI Šokolaad Äri Ülo"),
            ["zukovski", "sokolaad", "ari", "ulo"]
        );
    }

    #[test]
    fn cyrillic_is_transliterated_to_latin() {
        assert_eq!(words("Нарва"), ["narva"]);
        assert_eq!(words("Театр Силламяэ"), ["teatr", "sillamiae"]);
    }

    #[test]
    fn fts_syntax_in_user_input_is_only_text() {
        let query = SearchQuery::parse(r#""design" OR -video* NEAR(a b) col:umn AND (x) NOT"#);
        assert_eq!(
            query.words(),
            ["design", "or", "video", "near", "a", "b", "col", "umn"]
        );
        let expression = query.fts_expression(|_| Vec::new()).unwrap();
        // Every alternative is a quoted run of [a-z0-9]: nothing else reaches FTS5.
        for clause in expression.split(" AND ") {
            let inner = clause.trim_start_matches('(').trim_end_matches(')');
            assert!(inner.starts_with('"') && inner.ends_with("\"*"), "{clause}");
            assert!(
                inner
                    .trim_matches(|c| c == '"' || c == '*')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric())
            );
        }
        assert_eq!(
            SearchQuery::parse("\"*-:()\"").fts_expression(|_| Vec::new()),
            None
        );
    }

    #[test]
    fn long_queries_are_cut() {
        let long = "a".repeat(500);
        assert_eq!(SearchQuery::parse(&long).words()[0].len(), MAX_QUERY_CHARS);
        let many = "one two three four five six seven eight nine ten";
        assert_eq!(SearchQuery::parse(many).words().len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn long_words_take_typo_variants_and_short_ones_do_not() {
        let query = SearchQuery::parse("dizain tv");
        let expression = query
            .fts_expression(|word| vec![format!("{word}-variant")])
            .unwrap();
        assert_eq!(expression, r#"("dizain"* OR "dizain-variant") AND ("tv"*)"#);
    }

    #[test]
    fn one_edit_is_a_typo_for_long_words_only() {
        assert!(is_typo_of("dizain", "disain"));
        assert!(is_typo_of("muusica", "muusika"));
        assert!(is_typo_of("teatr", "teater"));
        assert!(is_typo_of("desing", "design"));
        assert!(!is_typo_of("disain", "disain"));
        assert!(!is_typo_of("dzain", "design"));
        assert!(!is_typo_of("film", "filk"));
    }

    #[test]
    fn exact_beats_prefix_beats_typo() {
        assert_eq!(word_match("disain", "disain"), WordMatch::Exact);
        assert_eq!(word_match("dis", "disain"), WordMatch::Prefix);
        assert_eq!(word_match("dizain", "disain"), WordMatch::Typo);
        assert_eq!(word_match("muusika", "film"), WordMatch::None);
        assert!(WordMatch::Exact > WordMatch::Prefix && WordMatch::Prefix > WordMatch::Typo);
    }
}
