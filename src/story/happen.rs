//! One happening across days: joins the same-day clusters of
//! [`crate::story::merge`] that report the same happening on neighbouring
//! days ("the quake that struck on Tuesday" in one article, "Wednesday's
//! earthquake" in an article that placed it a day later), and coarse rows
//! ("the explosion in April") into the day they name.
//!
//! Units are the merge's clusters, visited biggest first (most articles,
//! then the earlier day). A unit dated to a day may join a happening whose
//! day is within [`LINK_DAYS`] of it; a unit of a coarser stretch (a week,
//! a month) a happening whose day lies inside the stretch, or else one of
//! the same stretch; a unit made only of references by name ("Wednesday's
//! earthquake") that links to nothing, a neighbouring happening of at least
//! [`NAMED_MIN_ARTICLES`] articles using at least [`NAME_COVERAGE`] of the
//! name. The link between a unit and a
//! happening is the highest
//! cosine between a statement of each **from different articles** (one
//! sentence that names two days, "Italy announced Monday that it will open a
//! consulate Tuesday", must not link its own two happenings) that do not
//! give different figures (when both give figures, one's must include the
//! other's: Monday's and Tuesday's "barrels a day" updates are two
//! happenings however alike their words). The unit joins
//! the best-linked happening at [`LINK_THRESHOLD`] or above, else starts one.
//!
//! A happening's day is the day most articles give it (ties: more
//! statements, then the earlier day), among statements that date it rather
//! than bound it ("until Friday"; see [`dates_it`]). Statements that date it otherwise stay
//! in the happening: [`crate::story::rows`] lists them as disputed, for
//! `check`.
//!
//! Map and reduce: the merge's clusters are made per day; this pass needs,
//! per cluster, only its day (or stretch), its articles' day votes and at
//! most [`LINK_SAMPLE`] statement vectors, so it runs as a second, small
//! pass over cluster summaries.

use crate::engine::timex::Mention;
use crate::story::events::Event;
use crate::story::merge::{NAME_COVERAGE, Vector, Vocabulary};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The cosine a pair of statements from different articles needs to link
/// two clusters. 0.6 was judged by hand on timeline17-dev samples (README,
/// "Evaluation").
pub const LINK_THRESHOLD: f32 = 0.6;
/// How many days apart two clusters of one happening may be.
pub const LINK_DAYS: i64 = 1;
/// The most statements of a cluster compared when linking.
pub const LINK_SAMPLE: usize = 64;
/// A reference by name alone ("Wednesday's earthquake") a day off joins
/// only a happening at least this many articles report: a generic name
/// ("Wednesday's fighting") next to a one-article report is as likely another
/// day's fighting.
pub const NAMED_MIN_ARTICLES: usize = 3;
/// The longest coarse stretch that may join a day inside it, in days.
pub const MAX_STRETCH_DAYS: i64 = 31;

/// The day a set of statements gives its happening: among the statements
/// dated to a day or finer that date it (bounds only when there are no
/// others), the day most articles give, then the one most statements give,
/// then the earliest. Leads alone ([`Event::is_lead`]) give the day of the
/// first article to lead with the news.
pub fn happening_day(events: &[Event], members: &[usize]) -> Option<NaiveDate> {
    let dating: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| events[i].day().is_some() && dates_it(&events[i]))
        .collect();
    let pool: Vec<usize> = if dating.is_empty() {
        members
            .iter()
            .copied()
            .filter(|&i| events[i].day().is_some())
            .collect()
    } else {
        dating
    };
    // Only leads: the news of the first article to lead with it (the
    // next morning's leads report the evening before)
    if pool.iter().all(|&i| events[i].is_lead()) {
        return pool.iter().filter_map(|&i| events[i].day()).min();
    }
    let mut votes: BTreeMap<NaiveDate, (BTreeSet<usize>, usize)> = BTreeMap::new();
    for i in pool {
        let v = votes.entry(events[i].day()?).or_default();
        v.0.insert(events[i].doc);
        v.1 += 1;
    }
    votes
        .into_iter()
        .max_by(|a, b| {
            (a.1.0.len(), a.1.1)
                .cmp(&(b.1.0.len(), b.1.1))
                .then(b.0.cmp(&a.0))
        })
        .map(|(d, _)| d)
}

/// True when a statement dates its happening rather than bounds it: no
/// "until", "since", "after" before its expression, or the expression names
/// the happening ("three days after Wednesday's earthquake" dates the quake).
/// An article's lead ([`Event::is_lead`]) names no date: it dates nothing
/// against the statements that do, and disputes none of them.
pub fn dates_it(e: &Event) -> bool {
    !e.is_lead() && (e.relation.is_none() || !e.named.is_empty())
}

/// What a unit (one merge cluster) is dated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum When {
    Day(NaiveDate),
    Stretch(NaiveDateTime, NaiveDateTime),
}

fn when_of(events: &[Event], group: &[usize]) -> When {
    match group.iter().find_map(|&i| events[i].day()) {
        Some(d) => When::Day(d),
        None => {
            let e = &events[group[0]];
            When::Stretch(e.span.start, e.span.end)
        }
    }
}

/// A happening being built.
struct Happening {
    groups: Vec<usize>,
    members: Vec<usize>,
    /// Statements compared when linking (at most [`LINK_SAMPLE`]).
    sample: Vec<usize>,
    day: Option<NaiveDate>,
    stretch: Option<(NaiveDateTime, NaiveDateTime)>,
}

/// The numbers a statement gives besides its dates ("1,000 barrels", "$2.6bn"), sorted.
pub fn figures(e: &Event) -> Vec<String> {
    figures_in(&e.sentence.text, e.sentence.byte_start, &e.mention, &e.also)
}

/// [`figures`] of a sentence `text` starting at byte `base` of its
/// article, dated by `mention` and `also`.
pub fn figures_in(text: &str, base: usize, mention: &Mention, also: &[Mention]) -> Vec<String> {
    let in_date = |a: usize, b: usize| {
        std::iter::once(mention)
            .chain(also)
            .any(|m| a < m.byte_end && b > m.byte_start)
    };
    let mut out: Vec<String> = crate::story::terms::words(text)
        .into_iter()
        .filter(|w| w.text.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !in_date(base + w.start, base + w.end))
        .map(|w| w.text.replace(',', ""))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Two statements that both give figures, neither all of the other's,
/// report different things (Monday's and Tuesday's barrels-a-day updates),
/// however alike their words.
pub fn figures_differ(a: &[String], b: &[String]) -> bool {
    let within = |x: &[String], y: &[String]| x.iter().all(|v| y.binary_search(v).is_ok());
    !a.is_empty() && !b.is_empty() && !within(a, b) && !within(b, a)
}

/// What linking compares: each statement's vector, figures, and the days
/// its sentence names.
pub struct Linker<'a> {
    events: &'a [Event],
    vectors: &'a [Vector],
    vocab: &'a Vocabulary,
    figures: Vec<Vec<String>>,
    /// The days each statement's sentence names (its own and its
    /// sentence-mates' in the same article).
    sentence_days: Vec<Vec<NaiveDate>>,
}

impl<'a> Linker<'a> {
    pub fn new(events: &'a [Event], vectors: &'a [Vector], vocab: &'a Vocabulary) -> Linker<'a> {
        let mut by_sentence: HashMap<(usize, usize), Vec<NaiveDate>> = HashMap::new();
        for e in events {
            if let Some(d) = e.day() {
                by_sentence
                    .entry((e.doc, e.sentence.byte_start))
                    .or_default()
                    .push(d);
            }
        }
        let sentence_days = events
            .iter()
            .map(|e| {
                by_sentence
                    .get(&(e.doc, e.sentence.byte_start))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        Linker {
            events,
            vectors,
            vocab,
            figures: events.iter().map(figures).collect(),
            sentence_days,
        }
    }

    /// A linker whose statements' [`figures`] and sentence days (the days
    /// each statement's sentence names: its own and its sentence-mates') were
    /// found before, by position. A windowed merge gives each statement the
    /// days of the mates it has seen, which are all that [`Linker::pair`]
    /// asks about for statements a few days apart.
    pub fn from_parts(
        events: &'a [Event],
        vectors: &'a [Vector],
        vocab: &'a Vocabulary,
        figures: Vec<Vec<String>>,
        sentence_days: Vec<Vec<NaiveDate>>,
    ) -> Linker<'a> {
        Linker {
            events,
            vectors,
            vocab,
            figures,
            sentence_days,
        }
    }

    /// The figures and sentence days back ([`Linker::from_parts`]).
    pub fn into_parts(self) -> (Vec<Vec<String>>, Vec<Vec<NaiveDate>>) {
        (self.figures, self.sentence_days)
    }

    /// How strongly statements `i` and `j` speak of one happening: their
    /// cosine, or 0 when they are of one article, give different figures,
    /// or one's sentence also names the other's day ("Witnesses saw Younis on
    /// Sunday and Monday", copied into two articles, is two statements in
    /// each, never one happening on two days).
    pub fn pair(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (&self.events[i], &self.events[j]);
        if a.doc == b.doc || figures_differ(&self.figures[i], &self.figures[j]) {
            return 0.0;
        }
        if let (Some(da), Some(db)) = (a.day(), b.day())
            && da != db
            && (self.sentence_days[i].contains(&db) || self.sentence_days[j].contains(&da))
        {
            return 0.0;
        }
        self.vectors[i].cosine(&self.vectors[j])
    }

    /// How much of the name a reference gives its happening ("Wednesday's
    /// earthquake": earthquake) the statements `b` use, by idf weight; the
    /// best over the references among `a`.
    pub fn name_share(&self, a: &[usize], b: &[usize]) -> f32 {
        let mut best = 0.0f32;
        for &i in a {
            let e = &self.events[i];
            let weights: Vec<(Option<u32>, f32)> = e
                .named
                .iter()
                .map(|t| match self.vocab.term(t) {
                    Some((id, idf)) => (Some(id), idf),
                    None => (None, 1.0),
                })
                .collect();
            let total: f32 = weights.iter().map(|(_, w)| w).sum();
            if total <= 0.0 {
                continue;
            }
            let found: f32 = weights
                .iter()
                .filter(|(id, _)| {
                    id.is_some_and(|id| {
                        b.iter().any(|&j| {
                            self.events[j].doc != e.doc
                                && self.vectors[j]
                                    .entries()
                                    .binary_search_by_key(&id, |x| x.0)
                                    .is_ok()
                        })
                    })
                })
                .map(|(_, w)| w)
                .sum();
            best = best.max(found / total);
        }
        best
    }

    /// The best [`Linker::pair`] between statements of `a` and of `b`; with
    /// `by_day`, only pairs of which one at least is dated to a day (clusters
    /// of two different days are not one happening because the merge gave
    /// both the same "in February" statement).
    pub fn link(&self, a: &[usize], b: &[usize], by_day: bool) -> f32 {
        let mut best = 0.0f32;
        for &i in a {
            for &j in b {
                if by_day && self.events[i].day().is_none() && self.events[j].day().is_none() {
                    continue;
                }
                best = best.max(self.pair(i, j));
            }
        }
        best
    }
}

/// Joins the merge's `groups` (event indices) into happenings; each comes
/// out with its event indices ascending, happenings ordered by their first
/// event.
pub fn happenings(
    events: &[Event],
    groups: Vec<Vec<usize>>,
    vocab: &Vocabulary,
    vectors: &[Vector],
) -> Vec<Vec<usize>> {
    happenings_with(events, groups, &Linker::new(events, vectors, vocab))
}

/// [`happenings`] comparing statements with `linker` (made over `events`).
pub fn happenings_with(
    events: &[Event],
    groups: Vec<Vec<usize>>,
    linker: &Linker,
) -> Vec<Vec<usize>> {
    let whens: Vec<When> = groups.iter().map(|g| when_of(events, g)).collect();
    let named_only = |m: &[usize]| m.iter().all(|&i| !events[i].named.is_empty());
    let articles: Vec<usize> = groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|&i| events[i].doc)
                .collect::<BTreeSet<_>>()
                .len()
        })
        .collect();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| {
        articles[b]
            .cmp(&articles[a])
            .then(whens[a].cmp(&whens[b]))
            .then(a.cmp(&b))
    });

    let mut built: Vec<Happening> = Vec::new();
    let mut by_day: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
    let mut by_stretch: HashMap<(NaiveDateTime, NaiveDateTime), Vec<usize>> = HashMap::new();
    for g in order {
        let unit: Vec<usize> = groups[g].iter().copied().take(LINK_SAMPLE).collect();
        let candidates: Vec<usize> = match whens[g] {
            When::Day(d) => (-LINK_DAYS..=LINK_DAYS)
                .filter_map(|k| by_day.get(&(d + Duration::days(k))))
                .flatten()
                .copied()
                .collect(),
            When::Stretch(start, end) => {
                let mut inside = Vec::new();
                if (end - start).num_days() <= MAX_STRETCH_DAYS {
                    let mut d = start.date();
                    while d.and_hms_opt(0, 0, 0).is_some_and(|t| t < end) {
                        inside.extend(by_day.get(&d).into_iter().flatten().copied());
                        let Some(next) = d.succ_opt() else { break };
                        d = next;
                    }
                }
                inside
            }
        };
        let best_of = |cands: &[usize]| {
            cands
                .iter()
                .map(|&h| {
                    // clusters of two different days link by a dated statement
                    let by_day = matches!(whens[g], When::Day(d) if built[h].day != Some(d));
                    (h, linker.link(&unit, &built[h].sample, by_day))
                })
                .filter(|&(_, s)| s >= LINK_THRESHOLD)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(h, _)| h)
        };
        let mut best = best_of(&candidates);
        if best.is_none()
            && let When::Stretch(start, end) = whens[g]
        {
            best = best_of(by_stretch.get(&(start, end)).map_or(&[][..], Vec::as_slice));
        }
        // A back-reference by name alone ("Wednesday's earthquake") a day
        // off joins the neighbouring happening that uses most of its name.
        if best.is_none() && matches!(whens[g], When::Day(_)) && named_only(&groups[g]) {
            best = candidates
                .iter()
                .filter(|&&h| !named_only(&built[h].members))
                .filter(|&&h| {
                    let docs: BTreeSet<usize> =
                        built[h].members.iter().map(|&i| events[i].doc).collect();
                    docs.len() >= NAMED_MIN_ARTICLES
                })
                .map(|&h| (h, linker.name_share(&unit, &built[h].sample)))
                .filter(|&(_, s)| s >= NAME_COVERAGE)
                .max_by(|a, b| {
                    a.1.total_cmp(&b.1)
                        .then(built[a.0].members.len().cmp(&built[b.0].members.len()))
                        .then(b.0.cmp(&a.0))
                })
                .map(|(h, _)| h);
        }
        match best {
            Some(h) => {
                let old = built[h].day;
                let hp = &mut built[h];
                hp.groups.push(g);
                hp.members.extend_from_slice(&groups[g]);
                for &i in &unit {
                    if hp.sample.len() >= LINK_SAMPLE {
                        break;
                    }
                    hp.sample.push(i);
                }
                if hp.day.is_some() || matches!(whens[g], When::Day(_)) {
                    hp.day = happening_day(events, &hp.members);
                }
                if old != hp.day {
                    if let Some(o) = old
                        && let Some(list) = by_day.get_mut(&o)
                    {
                        list.retain(|&x| x != h);
                    }
                    if let Some(d) = hp.day {
                        by_day.entry(d).or_default().push(h);
                    }
                    if old.is_none()
                        && let Some(s) = hp.stretch
                        && let Some(list) = by_stretch.get_mut(&s)
                    {
                        list.retain(|&x| x != h);
                    }
                }
            }
            None => {
                let h = built.len();
                let (day, stretch) = match whens[g] {
                    When::Day(d) => (Some(d), None),
                    When::Stretch(s, e) => (None, Some((s, e))),
                };
                match (day, stretch) {
                    (Some(d), _) => by_day.entry(d).or_default().push(h),
                    (None, Some(s)) => by_stretch.entry(s).or_default().push(h),
                    _ => {}
                }
                built.push(Happening {
                    groups: vec![g],
                    members: groups[g].clone(),
                    sample: unit,
                    day,
                    stretch,
                });
            }
        }
    }
    let mut out: Vec<Vec<usize>> = built
        .into_iter()
        .map(|h| {
            let mut m = h.members;
            m.sort_unstable();
            m.dedup();
            m
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::{Dct, DctSource, Document};

    /// The statements of articles `(date, text)`.
    fn events_of(articles: &[(&str, &str)]) -> Vec<Event> {
        let g = crate::engine::tag::Grammar::embedded();
        let mut out = Vec::new();
        for (i, (date, text)) in articles.iter().enumerate() {
            let dct = Dct::parse(date, DctSource::Cli).unwrap();
            let doc = Document {
                id: format!("d{i}"),
                id_number: false,
                path: None,
                text: text.to_string(),
                dct: Some(dct.clone()),
                page: None,
            };
            let mentions = crate::engine::annotate(text, Some(&dct), g);
            out.extend(crate::story::events::extract(i, &doc, &mentions, None, g));
        }
        out
    }

    fn joined(events: &[Event]) -> Vec<Vec<usize>> {
        let (vocab, vectors) = crate::story::merge::vectors(events);
        let groups = crate::story::merge::merge_using(events, &vocab, &vectors);
        happenings(events, groups, &vocab, &vectors)
    }

    #[test]
    fn neighbouring_days_of_one_happening_join_and_the_most_given_day_wins() {
        let events = events_of(&[
            (
                "2010-01-12",
                "A magnitude 7.0 earthquake struck Haiti on Tuesday, flattening much of the capital Port-au-Prince.",
            ),
            (
                "2010-01-13",
                "A magnitude 7.0 earthquake struck Haiti on Tuesday and flattened much of the capital Port-au-Prince.",
            ),
            (
                "2010-01-14",
                "The magnitude 7.0 earthquake that struck Haiti on Wednesday flattened much of the capital Port-au-Prince.",
            ),
        ]);
        assert_eq!(events.len(), 3);
        let days: Vec<String> = events
            .iter()
            .map(|e| e.day().unwrap().to_string())
            .collect();
        assert_eq!(days, vec!["2010-01-12", "2010-01-12", "2010-01-13"]);
        let h = joined(&events);
        assert_eq!(h, vec![vec![0, 1, 2]]);
        assert_eq!(
            happening_day(&events, &h[0]).map(|d| d.to_string()),
            Some("2010-01-12".to_string())
        );
    }

    #[test]
    fn the_same_words_days_apart_or_from_one_sentence_stay_apart() {
        let events = events_of(&[
            (
                "2010-01-12",
                "A magnitude 7.0 earthquake struck Haiti on Tuesday, flattening much of the capital Port-au-Prince.",
            ),
            (
                "2010-01-20",
                "A magnitude 6.1 earthquake struck Haiti on Wednesday, shaking much of the capital Port-au-Prince.",
            ),
            (
                "2010-01-20",
                "Italy announced on Monday that it will open a consulate in Port-au-Prince on Tuesday.",
            ),
        ]);
        let h = joined(&events);
        assert_eq!(h.len(), events.len(), "{h:?}");
    }

    #[test]
    fn daily_updates_with_other_figures_are_sequels_not_one_happening() {
        let events = events_of(&[
            (
                "2010-05-17",
                "BP said on Monday it was managing to funnel 1,000 barrels a day of oil from the blown well to a tanker ship.",
            ),
            (
                "2010-05-18",
                "BP said on Tuesday it was managing to funnel 2,000 barrels a day of oil from the blown well to a tanker ship.",
            ),
            (
                "2010-05-19",
                "On Monday BP was managing to funnel 1,000 barrels a day of oil from the blown well to a tanker ship.",
            ),
        ]);
        let h = joined(&events);
        // Monday's figure, told twice, is one happening; Tuesday's another.
        assert_eq!(h, vec![vec![0, 2], vec![1]], "{h:?}");
    }
}
