//! One row per group of statements that report the same happening: its
//! date (the best-supported value), headline, sources and citations, and how
//! far it rests on article dates that were inferred.

use crate::article::document::{Dct, DctSource, Document};
use crate::engine::timex::{Granularity, Mention, TimexMod};
use crate::story::events::{self, Event};
use crate::story::happen::{dates_it, happening_day};
use crate::story::timeline::{Citation, DctStatus, Dispute, Expression, Row, display_date};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashSet};

pub fn source_name(s: &DctSource) -> &'static str {
    match s {
        DctSource::Cli => "cli",
        DctSource::Manifest => "manifest",
        DctSource::Document => "document",
        DctSource::Page(_) => "page metadata",
        DctSource::Folder(_) => "folder",
        DctSource::Inferred(_) => "inferred",
    }
}

/// How an article date was found: the page field, the folder, or the
/// inference.
pub fn dct_basis(s: &DctSource) -> Option<String> {
    match s {
        DctSource::Inferred(b) | DctSource::Folder(b) | DctSource::Page(b) => Some(b.clone()),
        _ => None,
    }
}

pub fn dct_string(d: &Dct) -> String {
    match d.time {
        Some(t) => format!("{}T{}", d.date.format("%Y-%m-%d"), t.format("%H:%M")),
        None => d.date.format("%Y-%m-%d").to_string(),
    }
}

const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// The value that dates a group: among expressions that date (rather than
/// bound) the event, the most precise; among those, the one most articles
/// give. Its modifier is kept only when all of them agree on it.
fn choose_date<'a>(events: &'a [Event], members: &[usize]) -> (&'a Mention, Option<TimexMod>) {
    let mention_of = |i: usize| &events[i].mention;
    let best_rank = members
        .iter()
        .map(|&i| {
            (
                events[i].relation.is_none(),
                mention_of(i).timex.granularity,
            )
        })
        .max()
        .unwrap_or((true, Granularity::None));
    let candidates: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            (
                events[i].relation.is_none(),
                mention_of(i).timex.granularity,
            ) == best_rank
        })
        .collect();
    let mut support: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for &i in &candidates {
        support
            .entry(mention_of(i).timex.value.as_str())
            .or_default()
            .insert(events[i].doc);
    }
    let value = support
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .map(|(v, _)| *v)
        .unwrap_or("");
    let with_value: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| mention_of(i).timex.value == value)
        .collect();
    let mut mods: Vec<Option<TimexMod>> = with_value
        .iter()
        .map(|&i| mention_of(i).timex.modifier)
        .collect();
    mods.dedup();
    let modifier = if mods.len() == 1 { mods[0] } else { None };
    let pick = with_value
        .iter()
        .copied()
        .find(|&i| mention_of(i).timex.modifier == modifier)
        .or_else(|| with_value.first().copied())
        .unwrap_or(members[0]);
    (mention_of(pick), modifier)
}

/// The statements among `cited` (event indices, in citation order) that
/// date their happening to another day than `day`, by day.
fn disputes(
    events: &[Event],
    cited: &[usize],
    day: Option<NaiveDate>,
    docs: &[&Document],
) -> Vec<Dispute> {
    let Some(day) = day else {
        return Vec::new();
    };
    let mut by_day: BTreeMap<NaiveDate, (BTreeSet<String>, Vec<usize>)> = BTreeMap::new();
    for (k, &i) in cited.iter().enumerate() {
        let e = &events[i];
        if !dates_it(e) {
            continue;
        }
        if let Some(d) = e.day()
            && d != day
        {
            let entry = by_day.entry(d).or_default();
            entry.0.insert(docs[e.doc].id.clone());
            entry.1.push(k);
        }
    }
    by_day
        .into_iter()
        .map(|(d, (documents, citations))| Dispute {
            date: d.format("%Y-%m-%d").to_string(),
            documents: documents.into_iter().collect(),
            citations,
        })
        .collect()
}

fn citation(e: &Event, doc: &Document) -> Citation {
    let dct = doc.dct.as_ref();
    Citation {
        document: doc.id.clone(),
        line: e.line,
        sentence: e.sentence.clone(),
        expression: Expression::from(&e.mention),
        also: e.also.iter().map(Expression::from).collect(),
        durations: e.durations.iter().map(Expression::from).collect(),
        headline: e.headline.clone(),
        relation: e.relation.clone(),
        caption: e.caption,
        dct: dct.map(dct_string),
        dct_source: dct.map_or("none", |d| source_name(&d.source)).to_string(),
        dct_basis: dct.and_then(|d| match &d.source {
            DctSource::Page(field) => Some(field.clone()),
            _ => None,
        }),
        depends_on_dct: e.depends_on_dct,
        furniture: e.furniture.clone(),
    }
}

/// Words that follow an opening participle in a clause cut from its
/// sentence ("Helping more than …", "Including what …", "Killing at least …")
/// rather than a verb after a subject ("Fighting erupted", "Beijing said").
const CLAUSE_AFTER_PARTICIPLE: &[&str] = &[
    "more",
    "what",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "at",
    "up",
    "that",
    "it",
    "them",
    "him",
    "some",
    "many",
    "several",
    "dozens",
    "hundreds",
    "thousands",
];

/// The headline of the member that shares most words with the others,
/// preferring article text to captions, statements the row's time dates to
/// ones that only name it ("with this week's attack in Nice as backdrop"),
/// headlines that start as a sentence (a capital, not "50 miles offshore,
/// since …"), that do not point back ("It was …", [`points_back`]), that
/// date the row's day rather than name its month (a day's row headed "The
/// rig caught fire and sank" from "… last month" says it sank that day) and
/// headlines of 5–24 words.
///
/// [`points_back`]: crate::story::events::points_back
fn choose_headline(events: &[Event], members: &[usize], row_grain: Granularity) -> String {
    let sample: Vec<usize> = members.iter().copied().take(60).collect();
    // A day's row (`row_grain`, the granularity of the expression that
    // dates the row) is headed by a statement of that day, not one that
    // only names its month ("… sank following an explosion last month").
    let grain = row_grain.min(Granularity::Day);
    let score = |i: usize| -> (bool, bool, bool, bool, bool, bool, bool, bool, i64) {
        let e = &events[i];
        let words = e.headline.split_whitespace().count();
        let shared: f32 = sample
            .iter()
            .filter(|&&j| j != i)
            .map(|&j| {
                e.terms
                    .iter()
                    .filter(|(t, _)| events[j].terms.iter().any(|(u, _)| u == t))
                    .map(|(_, w)| *w)
                    .sum::<f32>()
            })
            .sum();
        // "50 miles (80km) offshore, since …": a clause, not a sentence
        let opening = e.headline.trim_start_matches(['"', '“', '‘', '\'']);
        // "And led to the pollution of …": a clause cut from the middle
        // (a sentence's own opening "And" is gone by now)
        let mut opening_words = opening.split_whitespace();
        let (first, second) = (opening_words.next(), opening_words.next());
        // "Helping more than 350 British nationals depart Libya",
        // "Including what a witness described as …": a participle's clause
        let participle = first.is_some_and(|w| w.len() > 5 && w.ends_with("ing"))
            && second.is_some_and(|w| CLAUSE_AFTER_PARTICIPLE.contains(&w));
        let sentence = opening.starts_with(|c: char| c.is_uppercase())
            && !matches!(first, Some("And" | "Or" | "Also" | "Which"))
            && !participle;
        // "It was 4:30 a.m. Monday in Ras Lanuf, and I had hoped …": a
        // reporter's own account, outside quotation marks, is colour
        let first_person = !e.headline.starts_with(['"', '“'])
            && e.headline
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .any(|w| matches!(w, "I" | "I'm" | "I've" | "I'd" | "my" | "My" | "me"));
        (
            !e.caption,
            e.relation.is_none(),
            e.named.is_empty(),
            sentence,
            !first_person,
            // "It was ruled a homicide": the thing is named in the sentence before
            !crate::story::events::points_back(&e.headline),
            e.mention.timex.granularity >= grain,
            (5..=24).contains(&words),
            (shared * 1000.0) as i64,
        )
    };
    sample
        .iter()
        .copied()
        .max_by(|&a, &b| score(a).cmp(&score(b)).then(b.cmp(&a)))
        .map(|i| events[i].headline.clone())
        .unwrap_or_default()
}

/// The row of the events `members` (indices into `events`), whose
/// documents are `docs` (by the events' `doc` index). When the members
/// date the happening to several days, the row takes the day most articles
/// give ([`happening_day`]) and lists the others as disputed.
pub fn make_row(events: &[Event], members: &[usize], docs: &[&Document]) -> Row {
    let mut seen = HashSet::new();
    let mut cites: Vec<(String, usize, usize, usize, Citation)> = Vec::new();
    for &i in members {
        let e = &events[i];
        let d = docs[e.doc];
        if seen.insert((e.doc, e.sentence.byte_start, e.mention.byte_start)) {
            cites.push((
                d.id.clone(),
                e.sentence.start,
                e.mention.start,
                i,
                citation(e, d),
            ));
        }
    }
    cites.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    let cited: Vec<usize> = cites.iter().map(|c| c.3).collect();
    let citations: Vec<Citation> = cites.into_iter().map(|c| c.4).collect();

    // The happening's day; members dated to other days are disputed and do
    // not date or name the row.
    let day = happening_day(events, members);
    let on_day = |i: usize| day.is_none() || events[i].day().is_none_or(|d| Some(d) == day);
    let disputed = disputes(events, &cited, day, docs);
    let dating: Vec<usize> = members.iter().copied().filter(|&i| on_day(i)).collect();
    let members_all = members;
    let members: &[usize] = if dating.is_empty() {
        members_all
    } else {
        &dating
    };
    let documents: Vec<String> = citations
        .iter()
        .map(|c| c.document.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let sources = documents.len();

    let (m, modifier) = choose_date(events, members);
    let dated = !m.timex.value.is_empty() && m.timex.interval.is_some();
    let interval = if dated { m.timex.interval } else { None };
    let nominal = events::dating_span(m).unwrap_or(events[members[0]].span);

    // Article dates the row depends on.
    let mut given = false;
    let mut inferred = false;
    let mut basis = BTreeSet::new();
    for &i in members_all {
        let e = &events[i];
        if !e.depends_on_dct {
            continue;
        }
        match docs[e.doc].dct.as_ref().map(|d| &d.source) {
            Some(DctSource::Inferred(b)) => {
                inferred = true;
                basis.insert(format!("{}: {b}", docs[e.doc].id));
            }
            Some(DctSource::Page(b)) => {
                given = true;
                basis.insert(format!("{}: page metadata ({b})", docs[e.doc].id));
            }
            Some(_) => given = true,
            None => {}
        }
    }
    let dct = match (given, inferred) {
        (true, true) => DctStatus::PartlyInferred,
        (false, true) => DctStatus::Inferred,
        (true, false) => DctStatus::Given,
        (false, false) => DctStatus::NotNeeded,
    };

    let mut confidence = 1.0 - 0.5f64.powi(sources as i32);
    if inferred {
        confidence *= if given { 0.9 } else { 0.8 };
    }
    let guessed = m
        .assumptions
        .iter()
        .any(|a| !a.starts_with("article date inferred"));
    if guessed {
        confidence *= 0.9;
    }
    if members_all.iter().all(|&i| events[i].caption) {
        confidence *= 0.8;
    }
    if !dated {
        confidence *= 0.5;
    }
    let confidence = (confidence * 100.0).round() / 100.0;

    let granularity = if dated {
        m.timex.granularity
    } else {
        Granularity::None
    };
    Row {
        id: String::new(),
        date: if dated {
            m.timex.value.clone()
        } else {
            String::new()
        },
        modifier: if dated {
            modifier.map(|x| x.as_str().to_string())
        } else {
            None
        },
        start: interval.map(|i| i.start.format(STAMP).to_string()),
        end: interval.map(|i| i.end.format(STAMP).to_string()),
        granularity,
        display_date: if dated {
            display_date(&m.timex.value, modifier, granularity, interval)
        } else {
            "undated".to_string()
        },
        headline: choose_headline(events, members, m.timex.granularity),
        sources,
        documents,
        dct,
        dct_basis: basis.into_iter().collect(),
        confidence,
        citations,
        disputed,
        why: None,
        sort_key: (
            nominal.start,
            interval.map_or(nominal.start, |i| i.start),
            granularity,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tag::Grammar;

    /// The row made of `texts`' statements (one document each, all of 8 May
    /// 2010, one dated statement each).
    fn row_of(texts: &[&str]) -> Row {
        let g = Grammar::embedded();
        let dct = Dct::parse("2010-05-08", DctSource::Cli).unwrap();
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document {
                id: format!("{i}.txt"),
                id_number: false,
                path: None,
                text: (*t).into(),
                dct: Some(dct.clone()),
                page: None,
            })
            .collect();
        let mut events = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            let ms = crate::engine::annotate(&d.text, d.dct.as_ref(), g);
            events.extend(events::extract(i, d, &ms, None, g));
        }
        assert_eq!(events.len(), texts.len(), "{events:#?}");
        let members: Vec<usize> = (0..events.len()).collect();
        let refs: Vec<&Document> = docs.iter().collect();
        make_row(&events, &members, &refs)
    }

    #[test]
    fn a_reporters_own_account_does_not_head_a_row() {
        let row = row_of(&[
            "At dawn on 7 May I watched air strikes hit the oil town of Ras Lanuf as warplanes bombed government targets.",
            "Warplanes bombed Ras Lanuf on 7 May.",
            "Air strikes hit the oil town on 7 May.",
        ]);
        assert!(row.headline.starts_with("Air strikes"), "{}", row.headline);
    }

    #[test]
    fn a_days_row_is_headed_by_a_statement_of_that_day() {
        // the month's statement shares the most words with the others, but
        // it does not say the rig sank on 28 April
        let row = row_of(&[
            "The Deepwater rig caught fire and sank at the well site after an explosion last month.",
            "Crews fought a fire on the Deepwater rig on 28 April.",
            "An explosion shook the well site on 28 April.",
        ]);
        assert_eq!(row.date, "2010-04-28");
        assert!(!row.headline.contains("sank"), "{}", row.headline);
    }

    #[test]
    fn a_clause_cut_from_its_sentence_does_not_head_a_row() {
        // (the statements, the first shares the most words with the others;
        // how a headline must not start)
        let cases: &[(&[&str], &str)] = &[
            (
                &[
                    "The explosion on the rig killed 11 workers, injured 17 more and set off a fire that burned for two days across the platform and the crew quarters, and led to oil leaking from the Deepwater well before engineers capped the leaking well on 7 May.",
                    "Engineers sealed the Deepwater blowout on 7 May.",
                    "Oil stopped leaking from the well when it was capped on 7 May.",
                ],
                "And ",
            ),
            (
                &[
                    "Helping more than 350 British nationals and 25 others leave Libya by sea and air on 7 May.",
                    "British nationals were taken out by warships on 7 May.",
                    "Evacuation flights by air and sea left Libya on 7 May.",
                ],
                "Helping",
            ),
        ];
        for (texts, not) in cases {
            let row = row_of(texts);
            assert!(!row.headline.starts_with(not), "{}", row.headline);
        }
    }

    #[test]
    fn a_headline_that_points_back_is_not_preferred() {
        // the pronoun's headline shares the most words with the others
        let row = row_of(&[
            "It was ruled a homicide by the Los Angeles coroner on 7 May after the propofol tests.",
            "The coroner ruled the death a homicide on 7 May.",
            "The Los Angeles coroner tests on 7 May found propofol.",
        ]);
        assert!(row.headline.starts_with("The "), "{}", row.headline);
    }

    #[test]
    fn a_headline_that_starts_as_a_sentence_is_preferred_to_a_clause() {
        let row = row_of(&[
            "Oil has leaked from the well, 50 miles offshore, since an explosion destroyed the Deepwater rig on 20 April, killing 11 workers and injuring many more.",
            "50 miles offshore, since an explosion destroyed the Deepwater rig on 20 April, killing 11 workers, the Deepwater well has leaked oil.",
            "The Deepwater rig explosion on 20 April killed 11 workers.",
        ]);
        assert!(
            row.headline.starts_with(|c: char| c.is_uppercase()),
            "{}",
            row.headline
        );
    }
}
