//! Text normalisation and the directory's text index. Server only.
//!
//! Everything that is indexed or searched goes through [`words`]: transliterated to Latin
//! (Cyrillic included, so "Нарва" and "narva" meet), diacritics folded ("Jõhvi" → "johvi"),
//! lower-cased and split into alphanumeric words. A query is only ever a list of such words,
//! looked up in [`index::TextIndex`]: no query language, so quotes, `*`, `-`, `:`,
//! parentheses, NEAR, AND, OR and NOT in user input are plain words.

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
    fn query_syntax_in_user_input_is_only_words() {
        let query = SearchQuery::parse(r#""design" OR -video* NEAR(a b) col:umn AND (x) NOT"#);
        assert_eq!(
            query.words(),
            ["design", "or", "video", "near", "a", "b", "col", "umn"]
        );
        assert!(SearchQuery::parse("\"*-:()\"").is_empty());
    }

    #[test]
    fn long_queries_are_cut() {
        let long = "a".repeat(500);
        assert_eq!(SearchQuery::parse(&long).words()[0].len(), MAX_QUERY_CHARS);
        let many = "one two three four five six seven eight nine ten";
        assert_eq!(SearchQuery::parse(many).words().len(), MAX_QUERY_WORDS);
    }

    proptest::proptest! {
        /// Any text a visitor can type, in any script: a few plain words, each normalised for good.
        #[test]
        fn any_query_is_a_few_normalised_words(raw in "\\PC{0,300}") {
            let query = SearchQuery::parse(&raw);
            proptest::prop_assert!(query.words().len() <= MAX_QUERY_WORDS);
            for word in query.words() {
                proptest::prop_assert!(
                    word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                    "{word:?}"
                );
                proptest::prop_assert_eq!(words(word), vec![word.clone()]);
            }
        }

        #[test]
        fn an_indexed_text_indexes_as_itself(text in proptest::prelude::any::<String>()) {
            let once = index_text(&text);
            proptest::prop_assert_eq!(index_text(&once), once);
        }
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
}
