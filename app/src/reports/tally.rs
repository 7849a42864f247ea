//! The counting behind a report, apart from the database: who took part, each once.

use crate::registrations::facts::{AGE_BANDS, EMPLOYMENT, Facts, GENDERS};
use crate::reports::Bar;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The smallest total the funder's questions are reported in: fewer could tell who answered.
pub const SMALLEST_TOTAL: i64 = 5;

/// An event held in the period.
#[derive(Clone, Debug)]
pub struct Held {
    pub id: i64,
    pub type_label: String,
    /// `YYYY-MM` of its first occurrence in the period.
    pub month: String,
}

/// Someone marked present.
#[derive(Clone, Debug)]
pub struct Present {
    pub event_id: i64,
    pub email: String,
    pub organisation: Option<String>,
}

/// A directory entry as a report groups by it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: i64,
    pub municipality: String,
    pub kind: String,
    /// How many people work there, labelled.
    pub size: String,
    pub sectors: Vec<String>,
}

/// The counts: people and enterprises once each, and the breakdowns (by distinct people).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub people: i64,
    pub enterprises: i64,
    pub by_type: Vec<Bar>,
    pub by_month: Vec<Bar>,
    pub by_municipality: Vec<Bar>,
    pub by_sector: Vec<Bar>,
    pub by_kind: Vec<Bar>,
    pub by_size: Vec<Bar>,
}

/// An organisation's name as it is compared: case, spaces and quotes do not count.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(|word| word.trim_matches(|c: char| "\"'«»„“”".contains(c)))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Counts `present` at the events `held` (others are left out). Organisations are found in
/// `directory` by [`name_key`]; one not there counts as an enterprise by its name, and under
/// `unlisted` in the breakdowns by organisation.
pub fn tally(
    held: &[Held],
    present: &[Present],
    directory: &HashMap<String, Entry>,
    unlisted: &str,
) -> Tally {
    let events: HashMap<i64, &Held> = held.iter().map(|event| (event.id, event)).collect();
    let mut people = HashSet::new();
    let mut enterprises = HashSet::new();
    // Each group's distinct people.
    let mut groups: [BTreeMap<String, HashSet<String>>; 6] = Default::default();
    let [
        by_type,
        by_month,
        by_municipality,
        by_sector,
        by_kind,
        by_size,
    ] = &mut groups;
    for person in present {
        let Some(event) = events.get(&person.event_id) else {
            continue;
        };
        let email = person.email.trim().to_lowercase();
        people.insert(email.clone());
        let add = |group: &mut BTreeMap<String, HashSet<String>>, label: &str| {
            group
                .entry(label.to_owned())
                .or_default()
                .insert(email.clone());
        };
        add(by_type, &event.type_label);
        add(by_month, &event.month);
        let key = person
            .organisation
            .as_deref()
            .map(name_key)
            .filter(|key| !key.is_empty());
        let entry = key.as_ref().and_then(|key| directory.get(key));
        match (&key, entry) {
            (_, Some(entry)) => {
                enterprises.insert(format!("entry:{}", entry.id));
                add(by_municipality, &entry.municipality);
                add(by_kind, &entry.kind);
                add(by_size, &entry.size);
                for sector in &entry.sectors {
                    add(by_sector, sector);
                }
            }
            (Some(key), None) => {
                enterprises.insert(format!("name:{key}"));
                add(by_municipality, unlisted);
                add(by_kind, unlisted);
                add(by_size, unlisted);
                add(by_sector, unlisted);
            }
            (None, None) => {}
        }
    }
    let bars = |group: &BTreeMap<String, HashSet<String>>, largest_first: bool| {
        let mut bars: Vec<Bar> = group
            .iter()
            .map(|(label, people)| Bar {
                label: label.clone(),
                value: people.len() as i64,
            })
            .collect();
        if largest_first {
            bars.sort_by(|a, b| b.value.cmp(&a.value).then_with(|| a.label.cmp(&b.label)));
        }
        bars
    };
    Tally {
        people: people.len() as i64,
        enterprises: enterprises.len() as i64,
        by_type: bars(by_type, true),
        by_month: bars(by_month, false),
        by_municipality: bars(by_municipality, true),
        by_sector: bars(by_sector, true),
        by_kind: bars(by_kind, true),
        by_size: bars(by_size, true),
    }
}

/// The answers to the funder's questions of the people in `answers` (email, answers; a later
/// answer of the same person counts instead of an earlier one): how many answered anything,
/// and for each question the count of each answer, then of those who left it unanswered.
pub fn facts_totals(answers: &[(String, Facts)]) -> (i64, [Vec<i64>; 3]) {
    let latest: HashMap<String, &Facts> = answers
        .iter()
        .map(|(email, facts)| (email.trim().to_lowercase(), facts))
        .collect();
    let count = |codes: &[&str], answer: fn(&Facts) -> &Option<String>| {
        let mut counts = vec![0; codes.len() + 1];
        for facts in latest.values() {
            let i = answer(facts)
                .as_deref()
                .and_then(|code| codes.iter().position(|c| *c == code))
                .unwrap_or(codes.len());
            counts[i] += 1;
        }
        counts
    };
    (
        latest.len() as i64,
        [
            count(&GENDERS, |f| &f.gender),
            count(&AGE_BANDS, |f| &f.age_band),
            count(&EMPLOYMENT, |f| &f.employment),
        ],
    )
}

/// `counts` as they may be reported: each under [`SMALLEST_TOTAL`] hidden (`None`), and when
/// that hides just one of them, the smallest shown one too, so that no hidden count is the
/// group's total less the shown ones.
pub fn suppressed(counts: &[i64]) -> Vec<Option<i64>> {
    let mut shown: Vec<Option<i64>> = counts
        .iter()
        .map(|&count| (count >= SMALLEST_TOTAL).then_some(count))
        .collect();
    if shown.iter().filter(|count| count.is_none()).count() == 1
        && let Some(smallest) = (0..shown.len())
            .filter(|&i| shown[i].is_some())
            .min_by_key(|&i| shown[i])
    {
        shown[smallest] = None;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(id: i64, type_label: &str, month: &str) -> Held {
        Held {
            id,
            type_label: type_label.into(),
            month: month.into(),
        }
    }

    fn present(event_id: i64, email: &str, organisation: Option<&str>) -> Present {
        Present {
            event_id,
            email: email.into(),
            organisation: organisation.map(str::to_owned),
        }
    }

    fn directory() -> HashMap<String, Entry> {
        [(
            "Narva Loomekoda OÜ",
            1,
            "Narva",
            "company",
            vec!["Design", "Crafts"],
        )]
        .into_iter()
        .map(|(name, id, municipality, kind, sectors)| {
            (
                name_key(name),
                Entry {
                    id,
                    municipality: municipality.into(),
                    kind: kind.into(),
                    size: "2–9 people".into(),
                    sectors: sectors.into_iter().map(str::to_owned).collect(),
                },
            )
        })
        .collect()
    }

    #[test]
    fn people_and_enterprises_count_once_across_events_and_months() {
        let held = [
            held(1, "Training", "2027-01"),
            held(2, "Training", "2027-02"),
            held(3, "Fair", "2027-02"),
        ];
        let present = [
            present(1, "mari@x.ee", Some("Narva Loomekoda OÜ")),
            present(2, "MARI@x.ee ", Some("narva  loomekoda oü")),
            present(3, "mari@x.ee", Some("„Narva Loomekoda OÜ”")),
            present(2, "jyri@x.ee", Some("Narva Loomekoda OÜ")),
            present(3, "oleg@x.ee", Some("Kohtla Keraamika")),
            present(3, "anna@x.ee", None),
            // An event outside the period.
            present(9, "pille@x.ee", Some("Sillamäe Sadam")),
        ];
        let tally = tally(&held, &present, &directory(), "not listed");
        assert_eq!(tally.people, 4, "Mari at three events is one person");
        assert_eq!(tally.enterprises, 2, "Loomekoda through two people is one");
        let bar = |label: &str, value| Bar {
            label: label.into(),
            value,
        };
        assert_eq!(tally.by_type, [bar("Fair", 3), bar("Training", 2)]);
        assert_eq!(tally.by_month, [bar("2027-01", 1), bar("2027-02", 4)]);
        assert_eq!(
            tally.by_municipality,
            [bar("Narva", 2), bar("not listed", 1)]
        );
        assert_eq!(
            tally.by_sector,
            [bar("Crafts", 2), bar("Design", 2), bar("not listed", 1)],
            "an entry in two sectors counts in each"
        );
        assert_eq!(tally.by_kind, [bar("company", 2), bar("not listed", 1)]);
        assert_eq!(tally.by_size, [bar("2–9 people", 2), bar("not listed", 1)]);
    }

    #[test]
    fn nobody_present_is_an_empty_report() {
        let tally = tally(&[held(1, "Training", "2027-01")], &[], &directory(), "-");
        assert_eq!(tally, Tally::default());
    }

    fn facts(gender: &str, age_band: &str, employment: &str) -> Facts {
        let answer = |code: &str| Some(code.to_owned()).filter(|c| !c.is_empty());
        Facts {
            gender: answer(gender),
            age_band: answer(age_band),
            employment: answer(employment),
        }
    }

    #[test]
    fn the_funders_totals_count_each_person_once_by_their_latest_answers() {
        let answers = [
            ("mari@x.ee".to_owned(), facts("woman", "18-29", "")),
            ("oleg@x.ee".to_owned(), facts("man", "", "unemployed")),
            // Mari again, a year older and employed now: her latest answers count.
            ("MARI@x.ee ".to_owned(), facts("woman", "30-54", "employed")),
        ];
        let (respondents, [genders, ages, employment]) = facts_totals(&answers);
        assert_eq!(respondents, 2);
        assert_eq!(genders, [1, 1, 0, 0], "woman, man, other, not answered");
        assert_eq!(ages, [0, 0, 1, 0, 1]);
        assert_eq!(employment, [1, 0, 1, 0, 0]);
    }

    #[test]
    fn totals_under_five_are_hidden_and_none_can_be_worked_out() {
        assert_eq!(suppressed(&[12, 7, 5]), [Some(12), Some(7), Some(5)]);
        assert_eq!(
            suppressed(&[12, 4, 0, 9]),
            [Some(12), None, None, Some(9)],
            "two hidden: neither follows from the total"
        );
        assert_eq!(
            suppressed(&[12, 3, 9, 6]),
            [Some(12), None, Some(9), None],
            "one hidden alone would be the total less the rest: the smallest shown goes too"
        );
        assert_eq!(suppressed(&[4, 3, 1]), [None, None, None]);
        assert_eq!(suppressed(&[5]), [Some(5)]);
        assert_eq!(suppressed(&[4]), [None], "nothing left to hide with it");
        assert_eq!(suppressed(&[]), Vec::<Option<i64>>::new());
        for counts in [[0, 1, 2, 3], [5, 6, 7, 8], [4, 5, 6, 7], [9, 9, 1, 0]] {
            let shown = suppressed(&counts);
            assert!(shown.iter().flatten().all(|&count| count >= SMALLEST_TOTAL));
            assert_ne!(
                shown.iter().filter(|c| c.is_none()).count(),
                1,
                "{counts:?}"
            );
        }
    }
}
