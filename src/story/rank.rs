//! Which days matter: the evidence of the whole collection for each day,
//! and the `--top N` selection of the best-supported days.

use crate::engine::timex::Granularity;
use crate::story::timeline::Row;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Keeps the `n` days best supported across articles, each with its best
/// row (most sources, then highest confidence), best day first. Only rows
/// dated to a day or finer compete. `published` counts the build's articles by the day they
/// appeared ([`publication_days`]). See [`rank_days`] for how days are ranked.
pub fn top(rows: Vec<Row>, n: usize, published: &BTreeMap<NaiveDate, usize>) -> Vec<Row> {
    let mut by_day: BTreeMap<NaiveDate, Vec<Row>> = BTreeMap::new();
    for r in rows {
        if r.granularity >= Granularity::Day {
            by_day.entry(r.sort_key.0.date()).or_default().push(r);
        }
    }
    let evidence: Vec<(NaiveDate, DayEvidence)> = by_day
        .iter()
        .map(|(&day, rows)| (day, DayEvidence::of(day, rows, published)))
        .collect();
    rank_days(&evidence)
        .into_iter()
        .take(n)
        .filter_map(|(day, _)| {
            by_day.remove(&day)?.into_iter().max_by(|a, b| {
                a.sources
                    .cmp(&b.sources)
                    .then(a.confidence.total_cmp(&b.confidence))
                    .then(b.headline.cmp(&a.headline))
            })
        })
        .collect()
}

/// How many articles of a build appeared on each day.
pub fn publication_days<I: IntoIterator<Item = NaiveDate>>(dates: I) -> BTreeMap<NaiveDate, usize> {
    let mut days = BTreeMap::new();
    for d in dates {
        *days.entry(d).or_insert(0) += 1;
    }
    days
}

/// How many articles published more than this many days after a day still
/// recall it: past the first week a mention is the story's memory, not its
/// follow-up.
pub const FOLLOW_UP_DAYS: i64 = 7;

/// Three kinds of evidence that a day mattered, each a count of distinct
/// articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayEvidence {
    /// Articles that appeared that day (the day's own coverage).
    pub published: usize,
    /// Articles of the following week that date a statement to it.
    pub follow_up: usize,
    /// Later articles that date a statement to it, and articles without a
    /// date of their own.
    pub recalled: usize,
}

impl DayEvidence {
    /// The evidence for `day`, whose rows are `rows` (with the coarser
    /// mentions content merged into them: "last week's vote"). Mentions by
    /// articles that appeared before it (plans, schedules) and by articles of
    /// the day itself (already counted as its coverage) add nothing.
    pub fn of(day: NaiveDate, rows: &[Row], published: &BTreeMap<NaiveDate, usize>) -> Self {
        let mut follow_up: BTreeSet<&str> = BTreeSet::new();
        let mut recalled: BTreeSet<&str> = BTreeSet::new();
        for c in rows.iter().flat_map(|r| &r.citations) {
            let lag = c
                .dct
                .as_deref()
                .and_then(|d| d.get(..10))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|p| (p - day).num_days());
            match lag {
                Some(1..=FOLLOW_UP_DAYS) => {
                    follow_up.insert(c.document.as_str());
                }
                Some(l) if l > FOLLOW_UP_DAYS => {
                    recalled.insert(c.document.as_str());
                }
                None => {
                    recalled.insert(c.document.as_str());
                }
                Some(_) => {}
            }
        }
        DayEvidence {
            published: published.get(&day).copied().unwrap_or(0),
            follow_up: follow_up.len(),
            recalled: recalled.len(),
        }
    }
}

/// The constant of reciprocal rank fusion (Cormack, Clarke & Büttcher 2009).
pub const FUSION_K: f64 = 60.0;

/// Days, best first, with their fused scores. Each kind of
/// [`DayEvidence`] ranks the days on its own (equal counts share a rank);
/// a day scores the sum over the three rankings of `1 / (FUSION_K + rank)`,
/// rank counted from 1. Fusing ranks rather than adding counts needs no
/// weights between kinds whose scales differ from story to story (a burst
/// of daily coverage, a few retrospectives). Ties go to the day with more
/// articles in all, then to the earlier day.
pub fn rank_days(evidence: &[(NaiveDate, DayEvidence)]) -> Vec<(NaiveDate, f64)> {
    let views: [fn(&DayEvidence) -> usize; 3] = [|e| e.published, |e| e.follow_up, |e| e.recalled];
    let mut scores = vec![0.0f64; evidence.len()];
    for view in views {
        let mut order: Vec<usize> = (0..evidence.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(view(&evidence[i].1)));
        let mut rank = 0;
        for (k, &i) in order.iter().enumerate() {
            if k > 0 && view(&evidence[order[k - 1]].1) != view(&evidence[i].1) {
                rank = k;
            }
            scores[i] += 1.0 / (FUSION_K + rank as f64 + 1.0);
        }
    }
    let total = |e: &DayEvidence| e.published + e.follow_up + e.recalled;
    let mut ranked: Vec<(NaiveDate, f64, usize)> = evidence
        .iter()
        .zip(scores)
        .map(|((d, e), s)| (*d, s, total(e)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    ranked.into_iter().map(|(d, s, _)| (d, s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::events::TextSpan;
    use crate::story::timeline::{Citation, DctStatus, Expression};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A day row citing `(document, article date)` pairs.
    fn row_on(day: &str, cites: &[(&str, Option<&str>)]) -> Row {
        row_with(day, day, cites)
    }

    /// A row of `day` whose citations' expressions have the value `value`.
    fn row_with(day: &str, value: &str, cites: &[(&str, Option<&str>)]) -> Row {
        let at = date(day).and_hms_opt(0, 0, 0).unwrap();
        let citations = cites
            .iter()
            .map(|(doc, dct)| Citation {
                document: doc.to_string(),
                line: 1,
                sentence: TextSpan {
                    start: 0,
                    end: 1,
                    byte_start: 0,
                    byte_end: 1,
                    text: "x".into(),
                },
                expression: Expression {
                    start: 0,
                    end: 1,
                    text: "x".into(),
                    kind: "DATE".into(),
                    value: value.into(),
                    modifier: None,
                    rule: "explicit date".into(),
                    assumptions: Vec::new(),
                },
                also: Vec::new(),
                durations: Vec::new(),
                headline: "x".into(),
                relation: None,
                caption: false,
                dct: dct.map(str::to_string),
                dct_source: "folder".into(),
                dct_basis: None,
                furniture: None,
                depends_on_dct: false,
            })
            .collect();
        Row {
            id: String::new(),
            date: day.into(),
            modifier: None,
            start: None,
            end: None,
            granularity: Granularity::Day,
            display_date: day.into(),
            headline: format!("on {day}"),
            sources: cites.len(),
            documents: Vec::new(),
            dct: DctStatus::Given,
            dct_basis: Vec::new(),
            confidence: 0.5,
            citations,
            sort_key: (at, at, Granularity::Day),
        }
    }

    #[test]
    fn day_evidence_counts_distinct_articles_by_when_they_appeared() {
        let rows = vec![
            row_on(
                "2010-04-20",
                &[
                    ("same-day", Some("2010-04-20")),
                    ("next-day", Some("2010-04-21")),
                    ("next-day", Some("2010-04-21")),
                    ("a-week-on", Some("2010-04-27")),
                    ("a-month-on", Some("2010-05-20T10:00")),
                    ("undated", None),
                    ("before", Some("2010-04-18")),
                ],
            ),
            row_on("2010-04-20", &[("a-month-on", Some("2010-05-20"))]),
            // "last month" merged into the day's row by its content.
            row_with("2010-04-20", "2010-04", &[("month", Some("2010-05-20"))]),
            row_with(
                "2010-04-20",
                "2010-04-20TNI",
                &[("night", Some("2010-06-01"))],
            ),
        ];
        let published = publication_days([date("2010-04-20"), date("2010-04-20")]);
        let e = DayEvidence::of(date("2010-04-20"), &rows, &published);
        assert_eq!(
            e,
            DayEvidence {
                published: 2,
                follow_up: 2,
                recalled: 4
            }
        );
    }

    #[test]
    fn days_rank_by_fused_ranks_then_articles_then_date() {
        let ev = |published, follow_up, recalled| DayEvidence {
            published,
            follow_up,
            recalled,
        };
        // A burst of coverage alone loses to a day every kind of evidence
        // backs, but beats a day one later article recalls.
        let ranked = rank_days(&[
            (date("2011-03-01"), ev(10, 0, 0)),
            (date("2011-03-02"), ev(2, 2, 2)),
            (date("2011-03-03"), ev(0, 0, 1)),
        ]);
        let days: Vec<NaiveDate> = ranked.iter().map(|(d, _)| *d).collect();
        assert_eq!(
            days,
            vec![date("2011-03-02"), date("2011-03-01"), date("2011-03-03")]
        );
        // Equal ranks: more articles first, then the earlier day.
        let ranked = rank_days(&[
            (date("2016-06-18"), ev(0, 0, 1)),
            (date("2016-07-14"), ev(0, 5, 0)),
            (date("2016-07-15"), ev(5, 0, 0)),
        ]);
        let days: Vec<NaiveDate> = ranked.iter().map(|(d, _)| *d).collect();
        assert_eq!(
            days,
            vec![date("2016-07-14"), date("2016-07-15"), date("2016-06-18")]
        );
    }

    #[test]
    fn top_keeps_the_best_row_of_the_best_days() {
        let rows = vec![
            row_on("2010-04-20", &[("a", Some("2010-04-21"))]),
            row_on(
                "2010-04-20",
                &[("b", Some("2010-04-22")), ("c", Some("2010-04-22"))],
            ),
            row_on("2010-04-25", &[("d", Some("2010-04-25"))]),
            // Only announced beforehand.
            row_on("2010-03-01", &[("e", Some("2010-02-25"))]),
        ];
        let published = publication_days([date("2010-04-25")]);
        let kept = top(rows, 2, &published);
        let days: Vec<(String, usize)> = kept.iter().map(|r| (r.date.clone(), r.sources)).collect();
        assert_eq!(
            days,
            vec![("2010-04-20".to_string(), 2), ("2010-04-25".to_string(), 1)]
        );
    }
}
