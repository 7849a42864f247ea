//! An in-memory inverted index over the normalised words of every published entry, with
//! prefix, exact and typo matching and a score that puts name matches first.
//!
//! SQLite's FTS5 answered in a millisecond, but ranking with bm25 over every match cost
//! microseconds per matching row, and a two-letter prefix matches most of a 50,000-entry
//! directory. Here a search is a few sorted-list walks and one pass over a score array.

use crate::platform::search::{SearchQuery, TYPO_MIN_LEN, is_typo_of};
use std::collections::HashMap;

/// The weight of one query word's best match in a row; a name match outranks any match in
/// the description, and exact beats prefix beats typo within each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
enum Weight {
    BodyTypo = 1,
    BodyPrefix = 2,
    BodyExact = 3,
    NameTypo = 4,
    NamePrefix = 5,
    NameExact = 6,
}

/// A term's rows: anywhere, and in the name.
type Postings = (Vec<u32>, Vec<u32>);

#[derive(Debug, Default)]
pub struct TextIndex {
    rows: usize,
    /// Every distinct word, sorted, so that a prefix is a contiguous range.
    terms: Vec<String>,
    /// Per term: the rows whose name or text has it, ascending.
    anywhere: Vec<Vec<u32>>,
    /// Per term: the rows whose name has it, ascending.
    in_name: Vec<Vec<u32>>,
}

impl TextIndex {
    /// Indexes rows `0..` in the order given: each an entry's name and its other text, both
    /// already normalised (space-separated words, see [`crate::platform::search::index_text`]).
    pub fn build<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        // Postings grow in row order, so each list comes out sorted without a sort.
        let mut postings: HashMap<&'a str, Postings> = HashMap::new();
        let mut count = 0;
        for (row, (name, body)) in rows.into_iter().enumerate() {
            let row = row as u32;
            for (text, named) in [(name, true), (body, false)] {
                for word in text.split(' ').filter(|w| !w.is_empty()) {
                    let (anywhere, in_name) = postings.entry(word).or_default();
                    if anywhere.last() != Some(&row) {
                        anywhere.push(row);
                    }
                    if named && in_name.last() != Some(&row) {
                        in_name.push(row);
                    }
                }
            }
            count += 1;
        }
        let mut terms: Vec<(&str, Postings)> = postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut index = TextIndex {
            rows: count,
            ..TextIndex::default()
        };
        for (term, (anywhere, in_name)) in terms {
            index.terms.push(term.to_owned());
            index.anywhere.push(anywhere);
            index.in_name.push(in_name);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The rows that match every word of the query, ascending, each with its score (higher is
    /// better). `None` for an empty query, which every row matches.
    pub fn search(&self, query: &SearchQuery) -> Option<Vec<(u32, u32)>> {
        let (first, others) = query.words().split_first()?;
        // The first word's matches, then each other word keeps those it matches too: one pass
        // over the rows per word, and lists only as long as the matches.
        let mut best = vec![0u8; self.rows];
        self.best_weights(first, &mut best);
        let mut found: Vec<(u32, u32)> = best
            .iter()
            .enumerate()
            .filter(|&(_, &weight)| weight > 0)
            .map(|(row, &weight)| (row as u32, u32::from(weight)))
            .collect();
        for word in others {
            best.fill(0);
            self.best_weights(word, &mut best);
            found.retain_mut(|(row, score)| {
                let weight = best[*row as usize];
                *score += u32::from(weight);
                weight > 0
            });
        }
        Some(found)
    }

    /// For one query word: per row, the weight of its best match (0 for none), into `best`.
    fn best_weights(&self, word: &str, best: &mut [u8]) {
        let mut mark = |term: usize, name: Weight, body: Weight| {
            for &row in &self.anywhere[term] {
                let slot = &mut best[row as usize];
                *slot = (*slot).max(body as u8);
            }
            for &row in &self.in_name[term] {
                let slot = &mut best[row as usize];
                *slot = (*slot).max(name as u8);
            }
        };
        let start = self.terms.partition_point(|term| term.as_str() < word);
        for term in start..self.terms.len() {
            if !self.terms[term].starts_with(word) {
                break;
            }
            if self.terms[term] == word {
                mark(term, Weight::NameExact, Weight::BodyExact);
            } else {
                mark(term, Weight::NamePrefix, Weight::BodyPrefix);
            }
        }
        if word.len() >= TYPO_MIN_LEN {
            for term in 0..self.terms.len() {
                if is_typo_of(word, &self.terms[term]) {
                    mark(term, Weight::NameTypo, Weight::BodyTypo);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> TextIndex {
        TextIndex::build([
            ("disainistuudio", "graafiline disain johvi"),
            ("teater", "noorteteater kohtla jarve"),
            ("puidukoda", "disain moobel"),
            ("disain", "disain"),
        ])
    }

    fn rows(index: &TextIndex, q: &str) -> Vec<u32> {
        let mut found = index.search(&SearchQuery::parse(q)).unwrap();
        found.sort_by_key(|&(row, score)| (std::cmp::Reverse(score), row));
        found.into_iter().map(|(row, _)| row).collect()
    }

    #[test]
    fn name_exact_beats_name_prefix_beats_description() {
        assert_eq!(rows(&index(), "disain"), [3, 0, 2]);
    }

    #[test]
    fn every_word_must_match_somewhere() {
        assert_eq!(rows(&index(), "disain johvi"), [0]);
        assert_eq!(rows(&index(), "disain kohtla"), Vec::<u32>::new());
    }

    #[test]
    fn prefixes_and_typos_match_and_rank_below_exact() {
        assert_eq!(rows(&index(), "tea"), [1]);
        assert_eq!(rows(&index(), "teaater"), [1], "one edit away");
        assert_eq!(rows(&index(), "dizain"), [3, 0, 2], "typo in a long word");
        assert_eq!(
            rows(&index(), "tetr"),
            Vec::<u32>::new(),
            "too short for typos"
        );
    }

    proptest::proptest! {
        /// Any query over any names finds only rows there are, each once, and finds a row by
        /// its whole name.
        #[test]
        fn any_query_finds_only_rows_there_are(
            names in proptest::collection::vec("\\PC{1,40}", 1..20),
            raw in "\\PC{0,60}",
        ) {
            let indexed: Vec<String> =
                names.iter().map(|n| crate::platform::search::index_text(n)).collect();
            let index = TextIndex::build(indexed.iter().map(|n| (n.as_str(), "")));
            if let Some(found) = index.search(&SearchQuery::parse(&raw)) {
                let mut rows: Vec<u32> = found.iter().map(|&(row, _)| row).collect();
                rows.sort_unstable();
                rows.dedup();
                proptest::prop_assert_eq!(rows.len(), found.len(), "each row once");
                proptest::prop_assert!(rows.iter().all(|&row| (row as usize) < names.len()));
            }
            for (row, name) in names.iter().enumerate() {
                if let Some(found) = index.search(&SearchQuery::parse(name)) {
                    proptest::prop_assert!(
                        found.iter().any(|&(r, _)| r as usize == row),
                        "{name:?} is not found by its own name"
                    );
                }
            }
        }
    }

    #[test]
    fn an_empty_query_is_no_filter() {
        assert_eq!(index().search(&SearchQuery::parse(" -*- ")), None);
    }
}
