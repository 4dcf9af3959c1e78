//! More properties of the tagger and resolver, beyond tests/properties.rs
//! (which checks that spans lie inside the text, on char boundaries):
//!
//! * resolving is deterministic: the same text and DCT give the same
//!   mentions every time, on any thread;
//! * a document's mentions are the same whether it is tagged alone or inside
//!   a batch of others (`chronicler tag` on JSON lines, streamed on several
//!   threads);
//! * the work grows linearly with the input: long runs of digits, dates,
//!   month names and "May May May …" of length n and 4n are tagged whole,
//!   their mention counts scale by 4 and so does the work, counted as bytes
//!   allocated (no quadratic rescans, no give-up limits). Nothing here is
//!   timed; see the README for measured times.

use chronicler::{Dct, DctSource, Grammar, Mention, annotate};
use proptest::prelude::*;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// Words and numbers the productions react to.
const WORDS: &[&str] = &[
    "May",
    "may",
    "March",
    "march",
    "June",
    "Monday",
    "Friday",
    "night",
    "morning",
    "yesterday",
    "today",
    "tomorrow",
    "last",
    "next",
    "this",
    "week",
    "weeks",
    "month",
    "year",
    "years",
    "ago",
    "later",
    "earlier",
    "the",
    "on",
    "in",
    "of",
    "since",
    "until",
    "from",
    "to",
    "and",
    "said",
    "will",
    "early",
    "mid-",
    "late",
    "three",
    "two",
    "first",
    "1",
    "5",
    "15",
    "31",
    "2015",
    "2016",
    "1990s",
    "10:30",
    "a.m.",
    "p.m.",
    "2016-07-15",
    "15/07/2016",
    "Q3",
    "Christmas",
    "summer",
    "every",
    "décembre",
    "Привет",
    "😀",
];

const SEPARATORS: &[&str] = &[" ", " ", " ", ", ", ". ", "\n", "-", "/", "’s "];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(WORDS),
            prop::sample::select(SEPARATORS),
        ),
        0..30,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

fn dct() -> impl Strategy<Value = Option<Dct>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec![
            "2016-07-15",
            "2016-02-29T23:59 Europe/Moscow",
            "2000-01-01",
            "1999-12-31T09:30:00-05:00",
            "2024-12-30",
        ])
        .prop_map(|s| Dct::parse(s, DctSource::Cli).ok()),
    ]
}

/// The fields of a mention that a reader sees.
fn key(m: &Mention) -> String {
    serde_json::to_string(m).expect("mentions serialise")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// The same text and DCT resolve to the same mentions, again and on
    /// another thread (no hidden state, no hash-order dependence).
    #[test]
    fn resolving_is_deterministic(text in text(), dct in dct()) {
        let g = Grammar::embedded();
        let first = annotate(&text, dct.as_ref(), g);
        prop_assert_eq!(&annotate(&text, dct.as_ref(), g), &first);
        let (t, d) = (text.clone(), dct.clone());
        let other = std::thread::spawn(move || annotate(&t, d.as_ref(), Grammar::embedded()))
            .join()
            .expect("annotate does not panic");
        prop_assert_eq!(&other, &first);
        // Tagging other texts in between changes nothing either.
        let _ = annotate("On Monday, May 5, 2016, three weeks ago", dct.as_ref(), g);
        prop_assert_eq!(&annotate(&text, dct.as_ref(), g), &first);
    }
}

/// `chronicler tag - args…` on `input`; the records by id, in output order.
fn tag_jsonl(input: &str, args: &[&str]) -> Vec<(String, Vec<Value>)> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("chronicler"))
        .arg("tag")
        .arg("-")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let bytes = input.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().expect("finishes");
    feeder.join().expect("feeder").expect("writes stdin");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON");
            let id = v["id"].as_str().expect("id").to_string();
            let mentions = v["mentions"].as_array().expect("mentions").clone();
            (id, mentions)
        })
        .collect()
}

fn record(id: &str, text: &str, dct: Option<&str>) -> String {
    let mut v = serde_json::json!({ "id": id, "text": text });
    if let Some(d) = dct {
        v["dct"] = Value::from(d);
    }
    format!("{v}\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Each document's mentions are the same alone and inside a batch, and
    /// the batch keeps input order (tagged in parallel with --threads 2).
    #[test]
    fn alone_or_in_a_batch_gives_the_same_mentions(
        docs in prop::collection::vec(
            (text(), prop::option::of(prop::sample::select(vec!["2016-07-15", "2001-09-11"]))),
            1..6,
        )
    ) {
        let batch: String = docs
            .iter()
            .enumerate()
            .map(|(i, (t, d))| record(&format!("d{i}"), t, *d))
            .collect();
        let together = tag_jsonl(&batch, &["--threads", "2", "--dct", "2010-01-01"]);
        prop_assert_eq!(together.len(), docs.len());
        for (i, (t, d)) in docs.iter().enumerate() {
            let alone = tag_jsonl(&record(&format!("d{i}"), t, *d), &["--threads", "1", "--dct", "2010-01-01"]);
            prop_assert_eq!(&together[i].0, &format!("d{i}"));
            prop_assert_eq!(&together[i].1, &alone[0].1, "document d{} differs in the batch", i);
            // And the library agrees with the command line.
            let dct = Dct::parse(d.unwrap_or("2010-01-01"), DctSource::Cli).ok();
            let lib: Vec<Value> = annotate(t, dct.as_ref(), Grammar::embedded())
                .iter()
                .map(|m| serde_json::from_str(&key(m)).expect("JSON"))
                .collect();
            prop_assert_eq!(lib.len(), alone[0].1.len());
        }
    }
}

// ---- linear growth ----------------------------------------------------------------
//
// Work is counted, not timed: a global allocator counts the bytes this
// thread allocates. A tagger that rescans the text before each mention
// allocates (and works) quadratically; a linear one allocates about 4 times
// as much for 4 times the input.

mod work {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    pub struct Counting;

    thread_local! {
        static BYTES: Cell<u64> = const { Cell::new(0) };
    }

    // SAFETY: forwards to the system allocator; only counts.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = BYTES.try_with(|b| b.set(b.get() + layout.size() as u64));
            // SAFETY: the caller's layout is passed on unchanged.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` came from `System.alloc` with this layout.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let _ = BYTES.try_with(|b| b.set(b.get() + new_size as u64));
            // SAFETY: as for `alloc` and `dealloc`.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// Bytes this thread allocated while running `f`.
    pub fn bytes<T>(f: impl FnOnce() -> T) -> (u64, T) {
        let before = BYTES.with(Cell::get);
        let out = f();
        (BYTES.with(Cell::get) - before, out)
    }
}

#[global_allocator]
static ALLOCATOR: work::Counting = work::Counting;

/// Runs that tempt a backtracking parser or a rescanning resolver.
const RUNS: &[&str] = &[
    "May ",
    "May May May June ",
    "2016 ",
    "1 ",
    "12345678901234567890",
    "May 5, 2016, ",
    "5 May 2016 ",
    "2016-07-15 ",
    "15/07/2016 ",
    "Monday, ",
    "last week and ",
    "three years ago ",
    "10:30 a.m. ",
    "early mid-late ",
    "the the of the ",
    "January February March April May June July August September October November December ",
];

/// (bytes allocated, mentions) for `unit` repeated `n` times, by `f`.
fn measure(unit: &str, n: usize, f: fn(&str) -> usize) -> (u64, usize) {
    let text = unit.repeat(n);
    work::bytes(|| f(&text))
}

fn scan(text: &str) -> usize {
    chronicler::engine::tag::scan(text, Grammar::embedded()).len()
}

fn annotate_all(text: &str) -> usize {
    let dct = Dct::parse("2016-07-15", DctSource::Cli).ok();
    annotate(text, dct.as_ref(), Grammar::embedded()).len()
}

/// Each run at n and 4n repetitions: the count of results must grow
/// fourfold (give or take the two ends) and so must the work, within 1.6x.
fn assert_linear(units: &[&str], n: usize, f: fn(&str) -> usize) {
    for unit in units {
        let (small_work, small) = measure(unit, n, f);
        let (large_work, large) = measure(unit, 4 * n, f);
        assert!(
            large + 8 >= 4 * small && large <= 4 * small + 8,
            "{unit:?}: {small} results at n={n} but {large} at 4n"
        );
        let ratio = large_work as f64 / small_work.max(1) as f64;
        assert!(
            ratio < 6.5,
            "{unit:?}: {small_work} bytes of work at n={n}, {large_work} at 4n ({ratio:.1}x, not about 4x)"
        );
    }
}

/// The tagger (nom productions) on long runs: linear work and counts.
#[test]
fn tagging_long_runs_is_linear() {
    assert_linear(RUNS, 300, scan);
}

/// Tagging and resolving, sentence by sentence: linear.
#[test]
fn resolving_many_sentences_is_linear() {
    let sentences: Vec<String> = RUNS
        .iter()
        .map(|u| format!("It was {}then. ", u.trim_end()))
        .collect();
    let units: Vec<&str> = sentences.iter().map(String::as_str).collect();
    assert_linear(&units, 150, annotate_all);
}

/// Tagging and resolving one endless sentence full of dates: the resolver
/// reads the tense within a bounded window around each mention, so the work
/// stays linear (it was quadratic when it rescanned the whole sentence).
#[test]
fn resolving_one_long_sentence_is_linear() {
    assert_linear(RUNS, 150, annotate_all);
}

/// A run with no mention at all still has to be read to the end: a date
/// after a long run of digits or months is found.
#[test]
fn a_date_after_a_long_run_is_found() {
    let dct = Dct::parse("2016-07-15", DctSource::Cli).ok();
    for run in [
        "9".repeat(200_000),
        "May ".repeat(20_000),
        "- ".repeat(100_000),
    ] {
        let text = format!("{run} It happened on 5 June 2015.");
        let ms = annotate(&text, dct.as_ref(), Grammar::embedded());
        let last = ms.last().expect("a mention");
        assert_eq!(last.timex.value, "2015-06-05", "after {:?}…", &run[..8]);
    }
}
