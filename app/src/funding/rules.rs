//! The call form read into a call, each refused field named with its reason: lengths, choices
//! from the lists, amounts (the most at least the least), deadlines that name one instant (a
//! time in the spring gap or the autumn fold is refused), a rule the calendar can expand.

use crate::error::Problem;
use crate::funding::deadlines::{Rule, RuleProblem};
use crate::funding::form::CallForm;
use crate::funding::model::Call;
use crate::platform::vocabulary::{KINDS, Lists, find};
use crate::shared::text::{clean_line, clean_text};
use crate::shared::time::{LocalTimeProblem, local_instant, parse_date};
use crate::shared::{FieldProblem, Localized};
use jiff::civil::{Date, DateTime, Time};

const LINE_CHARS: usize = 200;
const SUMMARY_CHARS: usize = 4000;
const URL_CHARS: usize = 500;
const CONTACT_CHARS: usize = 300;
/// The most single deadlines a call lists.
pub const MOST_DEADLINES: usize = 24;
/// The largest amount typed, in euros.
const MOST_EUROS: i64 = 1_000_000_000;

/// The form as a call (id 0, a draft), or every problem found.
pub fn validate(form: &CallForm, vocabulary: &Lists) -> Result<Call, Vec<FieldProblem>> {
    let problems = std::cell::RefCell::new(Vec::new());
    let refuse = |field: &str, problem: Problem| {
        problems.borrow_mut().push(FieldProblem {
            field: field.to_owned(),
            problem,
        })
    };
    let line = |field: &str, text: &str, most: usize| -> Option<String> {
        let text = clean_line(text);
        if text.chars().count() > most {
            refuse(field, Problem::TooLong);
        }
        (!text.is_empty()).then_some(text)
    };
    let funder = line("funder", &form.funder, LINE_CHARS);
    let programme = line("programme", &form.programme, LINE_CHARS);
    let titles = [
        line("title_et", &form.title_et, LINE_CHARS),
        line("title_ru", &form.title_ru, LINE_CHARS),
        line("title_en", &form.title_en, LINE_CHARS),
    ];
    let contact = line("contact", &form.contact, CONTACT_CHARS);
    let url = line("url", &form.url, URL_CHARS);
    if funder.is_none() {
        refuse("funder", Problem::Required);
    }
    if titles.iter().all(Option::is_none) {
        refuse("title_et", Problem::TitleInOneLanguage);
    }
    let [title_et, title_ru, title_en] = titles;
    let summary = |field: &str, text: &str| {
        let text = clean_text(text);
        if text.chars().count() > SUMMARY_CHARS {
            refuse(field, Problem::TooLong);
        }
        (!text.is_empty()).then_some(text)
    };
    let summaries = (
        summary("summary_et", &form.summary_et),
        summary("summary_ru", &form.summary_ru),
        summary("summary_en", &form.summary_en),
    );
    if let Some(url) = &url
        && !crate::shared::identifiers::is_web_address(url)
    {
        refuse("url", Problem::NotAWebAddress);
    }
    let funder_entry = form.funder_entry.trim();
    if !funder_entry.is_empty() && !crate::shared::identifiers::is_slug(funder_entry) {
        refuse("funder_entry", Problem::UnknownChoice);
    }

    let chosen = |field: &str, codes: &[String], known: &dyn Fn(&str) -> bool, problem| {
        let mut kept: Vec<String> = Vec::new();
        for code in codes.iter().take(100) {
            if !known(code) {
                refuse(field, problem);
            } else if !kept.contains(code) {
                kept.push(code.clone());
            }
        }
        kept
    };
    let kinds = chosen(
        "kinds",
        &form.kinds,
        &|code| KINDS.contains(&code),
        Problem::UnknownChoice,
    );
    let sectors = chosen(
        "sectors",
        &form.sectors,
        &|code| find(&vocabulary.sectors, code).is_some(),
        Problem::UnknownSector,
    );
    let municipalities = chosen(
        "municipalities",
        &form.municipalities,
        &|code| find(&vocabulary.municipalities, code).is_some(),
        Problem::UnknownMunicipality,
    );

    let euros = |field: &str, text: &str, most: i64, problem: Problem| -> Option<i64> {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() {
            return None;
        }
        match text.parse::<i64>() {
            Ok(n) if (0..=most).contains(&n) => Some(n),
            _ => {
                refuse(field, problem);
                None
            }
        }
    };
    let amount_min = euros(
        "amount_min",
        &form.amount_min,
        MOST_EUROS,
        Problem::NotAWholeNumber,
    );
    let amount_max = euros(
        "amount_max",
        &form.amount_max,
        MOST_EUROS,
        Problem::NotAWholeNumber,
    );
    if let (Some(min), Some(max)) = (amount_min, amount_max)
        && max < min
    {
        refuse("amount_max", Problem::MaxBelowMin);
    }
    let self_financing = euros(
        "self_financing",
        &form.self_financing,
        100,
        Problem::NotAPercentage,
    );

    let opens_on = match form.opens_on.trim() {
        "" => None,
        text => match parse_date(text) {
            Ok(date) => Some(date),
            Err(problem) => {
                refuse("opens_on", problem.problem().0);
                None
            }
        },
    };

    let mut deadlines = Vec::new();
    for text in form
        .deadlines
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        if deadlines.len() == MOST_DEADLINES {
            refuse("deadlines", Problem::TooLong);
            break;
        }
        match deadline(text) {
            Ok(deadline) => deadlines.push(deadline),
            Err(problem) => {
                refuse("deadlines", problem);
                break;
            }
        }
    }
    deadlines.sort();
    deadlines.dedup();

    let rule = match form.rule_days.trim() {
        "" => None,
        days => match rule(days, &form.rule_time, form.rule_next_working_day) {
            Ok(rule) => Some(rule),
            Err((field, problem)) => {
                refuse(field, problem);
                None
            }
        },
    };

    let problems = problems.into_inner();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Call {
        funder: funder.unwrap_or_default(),
        funder_slug: (!funder_entry.is_empty()).then(|| funder_entry.to_owned()),
        programme,
        title: Localized::new(title_et, title_ru, title_en),
        summary: Localized::new(summaries.0, summaries.1, summaries.2),
        kinds,
        sectors,
        municipalities,
        amount_min,
        amount_max,
        self_financing,
        url,
        contact,
        opens_on,
        deadlines,
        rule,
        ..Call::default()
    })
}

/// A single deadline: `YYYY-MM-DD HH:MM` or `DD.MM.YYYY HH:MM`, the time 23:59 when left
/// out; refused when the clocks skip or repeat it.
fn deadline(text: &str) -> Result<DateTime, Problem> {
    let mut parts = text.split_whitespace();
    let day = parts.next().unwrap_or_default();
    let time = match parts.next() {
        None => Time::new(23, 59, 0, 0).expect("23:59 is a time"),
        Some(time) => time.parse::<Time>().map_err(|_| Problem::NotATime)?,
    };
    if parts.next().is_some() {
        return Err(Problem::NotADate);
    }
    let day = match day.split('.').collect::<Vec<_>>()[..] {
        [d, m, y] => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => day.to_owned(),
    };
    let date = parse_date(&day).map_err(|problem| problem.problem().0)?;
    let deadline = date.to_datetime(time);
    match local_instant(deadline) {
        Ok(_) => Ok(deadline),
        Err(LocalTimeProblem::Ambiguous) => Err(Problem::AmbiguousTime),
        Err(_) => Err(Problem::InTimeGap),
    }
}

/// A rule from its days (`20.02 20.05`, commas allowed), time and shift.
fn rule(days: &str, time: &str, next_working_day: bool) -> Result<Rule, (&'static str, Problem)> {
    let mut codes = Vec::new();
    for day in days.split([' ', ',', ';']).filter(|d| !d.is_empty()) {
        let Some((d, m)) = day.trim_end_matches('.').split_once('.') else {
            return Err(("rule_days", Problem::NotADate));
        };
        codes.push(format!("{m:0>2}-{d:0>2}"));
    }
    let time = time.trim();
    let time = if time.is_empty() { "23:59" } else { time };
    let shift = if next_working_day {
        " next-working-day"
    } else {
        ""
    };
    let time = match time.parse::<Time>() {
        Ok(time) => format!("{:02}:{:02}", time.hour(), time.minute()),
        Err(_) => return Err(("rule_time", Problem::NotATime)),
    };
    Rule::parse(&format!("{} @ {time}{shift}", codes.join(" "))).map_err(|problem| match problem {
        RuleProblem::Shape | RuleProblem::NotADay => ("rule_days", Problem::NotADate),
        RuleProblem::TooManyDays => ("rule_days", Problem::TooLong),
        RuleProblem::ClockChange => ("rule_time", Problem::InTimeGap),
    })
}

/// The form that edits `call`.
pub fn form_of(call: &Call) -> CallForm {
    use crate::i18n::Lang;
    let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
    let number = |value: Option<i64>| value.map(|n| n.to_string()).unwrap_or_default();
    CallForm {
        funder: call.funder.clone(),
        funder_entry: call.funder_slug.clone().unwrap_or_default(),
        programme: text(call.programme.as_deref()),
        title_et: text(call.title.get(Lang::Et)),
        title_ru: text(call.title.get(Lang::Ru)),
        title_en: text(call.title.get(Lang::En)),
        summary_et: text(call.summary.get(Lang::Et)),
        summary_ru: text(call.summary.get(Lang::Ru)),
        summary_en: text(call.summary.get(Lang::En)),
        kinds: call.kinds.clone(),
        sectors: call.sectors.clone(),
        municipalities: call.municipalities.clone(),
        amount_min: number(call.amount_min),
        amount_max: number(call.amount_max),
        self_financing: number(call.self_financing),
        url: text(call.url.as_deref()),
        contact: text(call.contact.as_deref()),
        opens_on: call.opens_on.map(|d| d.to_string()).unwrap_or_default(),
        deadlines: call
            .deadlines
            .iter()
            .map(|d| d.strftime("%Y-%m-%d %H:%M").to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        rule_days: call
            .rule
            .as_ref()
            .map(|rule| {
                rule.days
                    .iter()
                    .map(|(month, day)| format!("{day:02}.{month:02}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
        rule_time: call.rule.as_ref().map_or_else(
            || "23:59".to_owned(),
            |rule| rule.time.strftime("%H:%M").to_string(),
        ),
        rule_next_working_day: call.rule.as_ref().is_none_or(|rule| rule.next_working_day),
    }
}

/// A new round of `call`: the same call with its past single deadlines dropped.
pub fn next_round(call: &Call, today: Date) -> CallForm {
    let mut form = form_of(call);
    form.deadlines = call
        .deadlines
        .iter()
        .filter(|d| d.date() >= today)
        .map(|d| d.strftime("%Y-%m-%d %H:%M").to_string())
        .collect::<Vec<_>>()
        .join("\n");
    form.opens_on = String::new();
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::PerLang;
    use crate::platform::vocabulary::Term;

    fn lists() -> Lists {
        let term = |code: &str| Term {
            code: code.to_owned(),
            label: PerLang {
                et: code.to_owned(),
                ru: code.to_owned(),
                en: code.to_owned(),
            },
        };
        Lists {
            sectors: vec![term("design"), term("music")],
            municipalities: vec![term("narva"), term("johvi")],
            event_types: Vec::new(),
        }
    }

    fn form() -> CallForm {
        CallForm {
            funder: "Kultuurkapital".into(),
            title_et: "Ida-Virumaa ekspertgrupp".into(),
            ..CallForm::blank()
        }
    }

    fn problems(form: &CallForm) -> Vec<(String, Problem)> {
        validate(form, &lists())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect()
    }

    #[test]
    fn a_rule_and_single_deadlines_are_read_in_either_way_of_writing_dates() {
        let mut form = form();
        form.rule_days = "20.02, 20.05 20.08 20.11".into();
        form.deadlines = "2027-03-01 12:00\n15.04.2027\n\n".into();
        form.amount_min = "1 000".into();
        form.amount_max = "20000".into();
        form.sectors = vec!["music".into(), "music".into()];
        let call = validate(&form, &lists()).unwrap();
        assert_eq!(
            call.rule.unwrap().code(),
            "02-20 05-20 08-20 11-20 @ 23:59 next-working-day"
        );
        assert_eq!(
            call.deadlines,
            [
                jiff::civil::date(2027, 3, 1).at(12, 0, 0, 0),
                jiff::civil::date(2027, 4, 15).at(23, 59, 0, 0)
            ]
        );
        assert_eq!(
            (call.amount_min, call.amount_max),
            (Some(1000), Some(20000))
        );
        assert_eq!(call.sectors, ["music"]);
    }

    #[test]
    fn each_refused_field_says_why() {
        let mut form = form();
        form.title_et.clear();
        form.funder = " ".into();
        form.amount_min = "5000".into();
        form.amount_max = "100".into();
        form.self_financing = "120".into();
        form.deadlines = "2027-03-28 03:30".into();
        form.rule_days = "30.02".into();
        form.url = "javascript:alert(1)".into();
        form.sectors = vec!["knitting".into()];
        form.kinds = vec!["company".into(), "guild".into()];
        let found = problems(&form);
        for expected in [
            ("funder", Problem::Required),
            ("title_et", Problem::TitleInOneLanguage),
            ("amount_max", Problem::MaxBelowMin),
            ("self_financing", Problem::NotAPercentage),
            ("deadlines", Problem::InTimeGap),
            ("rule_days", Problem::NotADate),
            ("url", Problem::NotAWebAddress),
            ("sectors", Problem::UnknownSector),
            ("kinds", Problem::UnknownChoice),
        ] {
            assert!(
                found.contains(&(expected.0.to_owned(), expected.1)),
                "{expected:?} in {found:?}"
            );
        }
        let mut fold = self::form();
        fold.deadlines = "2027-10-31 03:30".into();
        assert_eq!(
            problems(&fold),
            [("deadlines".to_owned(), Problem::AmbiguousTime)]
        );
        let mut clock = self::form();
        clock.rule_days = "20.02".into();
        clock.rule_time = "03:15".into();
        assert_eq!(
            problems(&clock),
            [("rule_time".to_owned(), Problem::InTimeGap)]
        );
        let mut far = self::form();
        far.deadlines = "9999-01-01".into();
        assert_eq!(
            problems(&far),
            [("deadlines".to_owned(), Problem::DateOutOfRange)]
        );
    }

    #[test]
    fn a_stored_call_reads_back_into_the_same_form() {
        let mut form = form();
        form.rule_days = "20.02 20.05".into();
        form.deadlines = "2027-03-01 12:00".into();
        form.municipalities = vec!["narva".into()];
        form.amount_max = "5000".into();
        let call = validate(&form, &lists()).unwrap();
        assert_eq!(form_of(&call), form);
    }
}
