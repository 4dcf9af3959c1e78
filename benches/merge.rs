//! Merge alone: events per second at 10k, 100k and 1M synthetic events.
//!
//! The events are spread over ten years of days (plus one in ten at month
//! granularity), about as many per day as a big archive has, and carry 8
//! content terms drawn from a Zipf-like vocabulary of 50,000 words with a
//! few story words per day, so that similar events exist to be merged.
//!
//! Run with `cargo bench --bench merge` (the 1M case takes a while).

use chronicler::story::events::{Event, TextSpan};
use chronicler::story::merge;
use chronicler::{Granularity, Interval, Mention, Timex, TimexType};
use chrono::{Duration, NaiveDate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn events(n: usize) -> Vec<Event> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let base = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    let days = 3650;
    (0..n)
        .map(|i| {
            let day = rng.below(days) as i64;
            let date = base + Duration::days(day);
            let month = rng.below(10) == 0;
            let (start, end, granularity) = if month {
                let first = date - Duration::days(i64::from(chrono::Datelike::day0(&date)));
                (first, first + Duration::days(30), Granularity::Month)
            } else {
                (date, date + Duration::days(1), Granularity::Day)
            };
            let span = Interval {
                start: start.and_hms_opt(0, 0, 0).unwrap_or_default(),
                end: end.and_hms_opt(0, 0, 0).unwrap_or_default(),
            };
            let mention = Mention {
                start: 0,
                end: 10,
                byte_start: 0,
                byte_end: 10,
                text: "2016-07-15".into(),
                timex: Timex {
                    kind: TimexType::Date,
                    value: start.to_string(),
                    modifier: None,
                    quant: None,
                    freq: None,
                    interval: Some(span),
                    granularity,
                    zone: None,
                },
                parse: "numeric_date".into(),
                rule: "absolute".into(),
                assumptions: Vec::new(),
                role: None,
            };
            // Zipf-like: a few very common words, a long tail; plus the day's story words
            let mut terms: Vec<(String, f32)> = (0..6)
                .map(|_| {
                    let r = rng.below(50_000).max(1);
                    (format!("w{}", 50_000 / r), 1.0)
                })
                .collect();
            for k in 0..2 {
                terms.push((format!("story{day}-{}", rng.below(4) + k), 2.0));
            }
            Event {
                doc: i / 20,
                line: i % 20 + 1,
                sentence: TextSpan {
                    start: 0,
                    end: 40,
                    byte_start: (i % 20) * 40,
                    byte_end: (i % 20) * 40 + 40,
                    text: String::new(),
                },
                mention,
                also: Vec::new(),
                durations: Vec::new(),
                headline: String::new(),
                relation: None,
                caption: false,
                furniture: None,
                span,
                depends_on_dct: false,
                terms,
                named: Vec::new(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        let evs = events(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("events", n), &evs, |b, evs| {
            b.iter(|| merge::merge(black_box(evs)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
