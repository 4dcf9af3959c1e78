//! Arithmetic: ages ("the five-year-old conflict") against dated
//! outbreaks ([`Kind::Age`], a note), lengths against the start and end the
//! sentence gives ([`Kind::Arithmetic`], a finding) or against "since" a date
//! ([`Kind::DurationSince`], a note).

use super::analysis::{Analysis, display, is_dating};
use super::report::{Finding, Kind};
use crate::engine::tense::CLAUSE_WORDS;
use crate::engine::timex::{Granularity, Mention, TimexType};
use crate::story::terms;
use chrono::{NaiveDate, NaiveDateTime};

/// "P5Y" → (5, 'Y'); "PT8H" → (8, 'h'); "PT2M" → (2, 'm').
pub(super) fn duration_parts(v: &str) -> Option<(f64, char)> {
    let (time, body) = match v.strip_prefix("PT") {
        Some(b) => (true, b),
        None => (false, v.strip_prefix('P')?),
    };
    let unit = body.chars().last()?;
    let n: f64 = body[..body.len() - unit.len_utf8()].parse().ok()?;
    let unit = match (time, unit) {
        (false, u @ ('Y' | 'M' | 'W' | 'D')) => u,
        (true, 'H') => 'h',
        (true, 'M') => 'm',
        (true, 'S') => 's',
        _ => return None,
    };
    Some((n, unit))
}

pub(super) fn unit_days(u: char) -> f64 {
    match u {
        'Y' => 365.25,
        'M' => 30.44,
        'W' => 7.0,
        'D' => 1.0,
        'h' => 1.0 / 24.0,
        'm' => 1.0 / 1440.0,
        _ => 1.0 / 86400.0,
    }
}

pub(super) fn unit_name(u: char, n: f64) -> &'static str {
    let one = n == 1.0;
    match (u, one) {
        ('Y', true) => "year",
        ('Y', false) => "years",
        ('M', true) => "month",
        ('M', false) => "months",
        ('W', true) => "week",
        ('W', false) => "weeks",
        ('D', true) => "day",
        ('D', false) => "days",
        ('h', true) => "hour",
        ('h', false) => "hours",
        ('m', true) => "minute",
        ('m', false) => "minutes",
        (_, true) => "second",
        _ => "seconds",
    }
}

pub(super) fn in_units(days: f64, u: char) -> String {
    let n = days / unit_days(u);
    let n = (n * 10.0).round() / 10.0;
    format!("{n} {}", unit_name(u, n))
}

/// A duration's length in days.
pub(super) fn duration_days(v: &str) -> Option<f64> {
    let (n, u) = duration_parts(v)?;
    Some(n * unit_days(u))
}

pub(super) fn plain_words(s: &str) -> Vec<String> {
    terms::words(s)
        .iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .collect()
}

/// The noun phrase right after byte `at`: "conflict", "Syrian civil war".
pub(super) fn noun_after(text: &str, at: usize) -> Vec<String> {
    let rest = &text[at..];
    let stop = rest
        .find(|c: char| {
            matches!(
                c,
                ',' | '.' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '\n'
            )
        })
        .unwrap_or(rest.len());
    let mut out: Vec<String> = Vec::new();
    for w in terms::words(&rest[..stop]).iter().take(4) {
        let lower = w.text.to_lowercase();
        if terms::is_stopword(&lower) || CLAUSE_WORDS.contains(&lower.as_str()) {
            break;
        }
        // "a 7-year drilling ban BP has …": a name after a lowercase noun
        // starts the next sentence of an unpunctuated headline, not the phrase
        let capital = |x: &str| x.chars().next().is_some_and(char::is_uppercase);
        if capital(w.text) && out.last().is_some_and(|p| !capital(p)) {
            break;
        }
        out.push(w.text.to_string());
    }
    out
}

/// Words that name the same kind of thing count as one.
pub(super) fn family(w: &str) -> String {
    let lower = w.to_lowercase();
    let w = lower.trim_end_matches("'s").trim_end_matches('’');
    match w {
        "war" | "wars" | "conflict" | "conflicts" | "fighting" | "crisis" | "uprising"
        | "revolt" | "revolution" | "insurgency" | "rebellion" | "civil-war" => "war".into(),
        "syrian" | "syria" => "syria".into(),
        other => terms::stem(other),
    }
}

/// True when the sentence's `words` say the thing `head` names started:
/// "the civil war erupted", "the outbreak of the war".
pub(super) fn starts_near(words: &[String], head: &str) -> bool {
    const TIED: &[&str] = &[
        "against", "of", "to", "for", "on", "with", "over", "from", "in",
    ];
    words.iter().enumerate().any(|(k, w)| {
        if !is_start_word(w) {
            return false;
        }
        // "the civil war erupted": the head just before, as the subject — not
        // "protests against his 41-year rule erupted".
        let subject = (k.saturating_sub(3)..k).any(|h| {
            family(&words[h]) == head
                && words[h.saturating_sub(4)..h]
                    .iter()
                    .all(|x| !TIED.contains(&x.as_str()) && !x.contains("-year"))
        });
        // "the outbreak of the war": the head just after a start noun.
        let object = words[k + 1..(k + 4).min(words.len())]
            .iter()
            .any(|x| family(x) == head);
        subject || object
    })
}

/// Heads of "N-year" phrases that are not ages ("a five-year plan", "the
/// five-year anniversary", "a 10-year high").
pub(super) const NOT_AGES: &[&str] = &[
    "anniversary",
    "high",
    "low",
    "plan",
    "deal",
    "term",
    "contract",
    "sentence",
    "agreement",
    "bond",
    "note",
    "period",
    "program",
    "programme",
    "budget",
    "ban",
    "moratorium",
    "span",
    "window",
    "horizon",
    "extension",
    "lease",
    "loan",
];

/// The phrase after "N-year" can make it an age: no length word ("a
/// 7-year offshore drilling ban") anywhere in it.
pub(super) fn can_be_age(phrase: &[String]) -> bool {
    !phrase
        .iter()
        .any(|w| NOT_AGES.contains(&w.to_lowercase().as_str()))
}

pub(super) fn is_start_word(w: &str) -> bool {
    matches!(
        w,
        "erupted"
            | "began"
            | "begun"
            | "started"
            | "broke"
            | "outbreak"
            | "launched"
            | "erupt"
            | "beginning"
            | "start"
            | "began,"
            | "sparked"
            | "triggered"
    )
}

impl<'s> Analysis<'s> {
    /// "The five-year-old conflict" against the year the conflict broke out.
    pub(super) fn ages(&self, conflicts: &mut Vec<Finding>, consistent: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            let Some(dct) = &doc.dct else { continue };
            for m in &doc.mentions {
                if m.timex.kind != TimexType::Duration || !m.text.contains('-') {
                    continue;
                }
                let Some((n, unit)) = duration_parts(&m.timex.value) else {
                    continue;
                };
                if unit != 'Y' || n < 1.0 {
                    continue;
                }
                let phrase = noun_after(doc.text, m.byte_end);
                let Some(head) = phrase.last().map(|w| family(w)) else {
                    continue;
                };
                if !can_be_age(&phrase) {
                    continue;
                }
                let Some((sd, start)) = self.start_of(&head, &phrase, d, dct.date) else {
                    continue;
                };
                let Some(iv) = start.timex.interval else {
                    continue;
                };
                let years = |t: NaiveDateTime| (dct.date - t.date()).num_days() as f64 / 365.25;
                let (lo, hi) = (years(iv.end).max(0.0), years(iv.start));
                let ok = n >= lo.floor() && n <= hi.ceil();
                let elapsed = if (hi - lo) < 1.5 {
                    format!("{:.0}–{:.0} years", lo.floor(), hi.ceil())
                } else {
                    format!("{:.1}–{:.1} years", lo, hi)
                };
                let phrase_text = phrase.join(" ");
                let f = Finding {
                    kind: Kind::Age,
                    title: format!(
                        "“{} {phrase_text}” against “{}” ({}){}",
                        m.text,
                        start.text,
                        display(start),
                        if ok {
                            ": consistent"
                        } else {
                            ": does not add up"
                        }
                    ),
                    detail: format!(
                        "{} is dated {}; from {} to then is {elapsed}, and the text says {n} year{}.{}",
                        self.docs[d].id,
                        dct.date,
                        display(start),
                        if n == 1.0 { "" } else { "s" },
                        if ok {
                            ""
                        } else {
                            " Either the age or the date it started is wrong."
                        }
                    ),
                    cites: vec![self.cite_mention(d, m), self.cite_mention(sd, start)],
                    calibration: "",
                };
                if ok {
                    consistent.push(f);
                } else {
                    conflicts.push(f);
                }
            }
        }
    }

    /// The dated start ("erupted in 2011") of the thing `head` names, in any article.
    pub(super) fn start_of(
        &self,
        head: &str,
        phrase: &[String],
        from_doc: usize,
        before: NaiveDate,
    ) -> Option<(usize, &Mention)> {
        let mut best: Option<(usize, usize, &Mention)> = None;
        for (d, doc) in self.docs.iter().enumerate() {
            for m in &doc.mentions {
                let Some(iv) = m.timex.interval else { continue };
                if !is_dating(m)
                    || iv.start.date() >= before
                    || m.timex.granularity < Granularity::Year
                {
                    continue;
                }
                let Some(s) = doc.sentence_at(m.byte_start) else {
                    continue;
                };
                let words: Vec<String> = plain_words(&doc.text[s.start..s.end]);
                if !starts_near(&words, head) {
                    continue;
                }
                let shared = phrase
                    .iter()
                    .filter(|p| words.iter().any(|w| family(w) == family(p)))
                    .count();
                // Prefer other articles' statements of the start, then the most shared words.
                let score = shared * 2 + usize::from(d != from_doc);
                if best.is_none_or(|(bs, _, _)| score > bs) {
                    best = Some((score, d, m));
                }
            }
        }
        best.map(|(_, d, m)| (d, m))
    }

    /// Durations that contradict the start and end (or "since") of the same sentence.
    pub(super) fn durations(&self, conflicts: &mut Vec<Finding>, consistent: &mut Vec<Finding>) {
        for (d, doc) in self.docs.iter().enumerate() {
            for s in &doc.sentences {
                let ms = doc.mentions_in(s);
                let durs: Vec<&Mention> = ms
                    .iter()
                    .copied()
                    .filter(|m| m.timex.kind == TimexType::Duration && !m.text.contains('-'))
                    .collect();
                if durs.len() != 1 {
                    continue;
                }
                let dur = durs[0];
                // "lasted five days", "for 16 years": a measure, not a rate ("a day").
                // The words just before it (not the whole text before it).
                let mut from = dur.byte_start.saturating_sub(64);
                while !doc.text.is_char_boundary(from) {
                    from -= 1;
                }
                let before = doc.text[from..dur.byte_start].trim_end().to_lowercase();
                let measures = [
                    "for", "lasted", "lasting", "last", "lasts", "took", "spanning", "spanned",
                    "spent", "over", "during",
                ]
                .iter()
                .any(|w| {
                    before.ends_with(w)
                        && !before[..before.len() - w.len()]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric)
                });
                if !measures {
                    continue;
                }
                let Some((n, unit)) = duration_parts(&dur.timex.value) else {
                    continue;
                };
                let Some(days) = duration_days(&dur.timex.value) else {
                    continue;
                };
                let start = ms.iter().find(|m| m.parse.starts_with("range/start"));
                let end = ms.iter().find(|m| m.parse.starts_with("range/end"));
                let (lo, hi, sides, what, kind) = match (start, end) {
                    (Some(a), Some(b)) => {
                        let (Some(x), Some(y)) = (a.timex.interval, b.timex.interval) else {
                            continue;
                        };
                        (
                            (y.start - x.start).num_hours() as f64 / 24.0,
                            (y.end - x.start).num_hours() as f64 / 24.0,
                            vec![*a, *b],
                            format!("from {} to {}", display(a), display(b)),
                            Kind::Arithmetic,
                        )
                    }
                    _ => {
                        // "for 16 years, since 2000": since the date, up to the article date.
                        let Some(dct) = &doc.dct else { continue };
                        let since = ms.iter().find(|m| {
                            is_dating(m)
                                && m.timex.interval.is_some()
                                && doc.text[..m.byte_start]
                                    .trim_end()
                                    .to_lowercase()
                                    .ends_with("since")
                        });
                        let Some(since) = since else { continue };
                        let Some(x) = since.timex.interval else {
                            continue;
                        };
                        let now = dct.date.and_hms_opt(0, 0, 0).unwrap_or_default();
                        (
                            (now - x.end).num_hours().max(0) as f64 / 24.0,
                            (now - x.start).num_hours() as f64 / 24.0,
                            vec![*since],
                            format!(
                                "since {} up to the article date {}",
                                display(since),
                                dct.date
                            ),
                            Kind::DurationSince,
                        )
                    }
                };
                let u = unit_days(unit);
                let ok = days >= lo - u / 2.0 && days <= hi + u / 2.0;
                let span = if (hi - lo).abs() < f64::EPSILON {
                    in_units(lo, unit)
                } else {
                    format!("{} to {}", in_units(lo, unit), in_units(hi, unit))
                };
                let mut cites = vec![self.cite_mention(d, dur)];
                cites.extend(sides.iter().map(|m| self.cite_mention(d, m)));
                let f = Finding {
                    kind,
                    title: format!(
                        "“{}” {what}{}",
                        dur.text,
                        if ok {
                            ": consistent"
                        } else {
                            ": does not add up"
                        }
                    ),
                    detail: format!(
                        "The sentence says {} ({n} {}), and {what} is {span}.{}",
                        dur.text,
                        unit_name(unit, n),
                        if ok {
                            ""
                        } else {
                            " The duration or one of the dates is wrong."
                        }
                    ),
                    cites,
                    calibration: "",
                };
                if ok {
                    consistent.push(f);
                } else {
                    conflicts.push(f);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(duration_parts("P5Y"), Some((5.0, 'Y')));
        assert_eq!(duration_parts("PT8H"), Some((8.0, 'h')));
        assert_eq!(duration_parts("P2D"), Some((2.0, 'D')));
        assert_eq!(duration_parts("PXY"), None);
        assert_eq!(duration_days("P1W"), Some(7.0));
    }
    #[test]
    fn nouns_after_an_age() {
        let t = "the bloody five-year-old conflict, but they";
        let at = t.find("conflict").unwrap() - 1;
        assert_eq!(noun_after(t, at), vec!["conflict"]);
        let t = "during the five-year Syrian civil war.";
        let at = t.find(" Syrian").unwrap();
        assert_eq!(noun_after(t, at), vec!["Syrian", "civil", "war"]);
        assert_eq!(family("conflict"), family("war"));
    }

    /// Phrases after "N-year": what each is read as, and whether it can be
    /// an age (no length word such as "ban" or "plan" in it).
    #[test]
    fn lengths_and_run_on_headlines_are_not_ages() {
        let table: &[(&str, &[&str], bool)] = &[
            (
                "Firm faces 7-year offshore drilling ban Firm has already paid",
                &["offshore", "drilling", "ban"],
                false,
            ),
            (
                "a 10-year fishing moratorium.",
                &["fishing", "moratorium"],
                false,
            ),
            (
                "a five-year recovery plan, which",
                &["recovery", "plan"],
                false,
            ),
            ("the six-year-old war in Yemen", &["war"], true),
            (
                "the five-year Syrian civil war.",
                &["Syrian", "civil", "war"],
                true,
            ),
        ];
        for (t, want, age) in table {
            let at = t.find("-year").unwrap() + t[t.find("-year").unwrap()..].find(' ').unwrap();
            let got = noun_after(t, at);
            assert_eq!(&got, want, "{t:?}");
            assert_eq!(can_be_age(&got), *age, "{t:?}");
        }
    }
}
