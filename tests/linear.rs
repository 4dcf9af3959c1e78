//! Work in proportion to the input for every shape of hostile input (issue
//! 12): one huge paragraph, a manifest of many rows, deeply nested TimeML,
//! one endless sentence of dated clauses, many copies of one article. Work
//! is counted, never timed: the bytes this thread allocates (a global
//! allocator counts them) and the steps the library records where it walks
//! text in a loop (`chronicler::progress::work`). Each input is measured at
//! n and 4n; the work must grow about fourfold, not sixteenfold. Output
//! size is held to a documented multiple of the input.
//!
//! Builds run in a one-thread rayon pool so all their work is on the
//! thread that counts.

use chronicler::article::manifest::Manifest;
use chronicler::article::sentences;
use chronicler::output;
use chronicler::progress::work;
use chronicler::story::build::{BuildOptions, Input, Meta, analyse};
use chronicler::{Dct, DctSource, Document, Grammar};
use std::path::Path;

mod alloc {
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
static ALLOCATOR: alloc::Counting = alloc::Counting;

/// (steps, bytes allocated) of running `f` on this thread.
fn measure<T>(f: impl FnOnce() -> T) -> (u64, u64, T) {
    let (bytes, (steps, out)) = alloc::bytes(|| work::count(f));
    (steps, bytes, out)
}

/// `f` at size n and 4n: steps and allocations must grow less than 6.5
/// times (about 4 for linear work, 16 for quadratic).
fn assert_linear<T>(what: &str, n: usize, f: impl Fn(usize) -> T + Sync) {
    // On one pool thread, so that the work of rayon's loops is counted.
    let ((s1, b1), (s4, b4)) = one_thread(|| {
        // Warm up lazily built tables (the grammar, the datelines) first.
        let _ = f(1);
        let (s1, b1, _) = measure(|| f(n));
        let (s4, b4, _) = measure(|| f(4 * n));
        ((s1, b1), (s4, b4))
    });
    let steps = s4 as f64 / s1.max(1) as f64;
    let bytes = b4 as f64 / b1.max(1) as f64;
    assert!(
        steps < 6.5,
        "{what}: {s1} steps at n={n}, {s4} at 4n ({steps:.1}x, not about 4x)"
    );
    assert!(
        bytes < 6.5,
        "{what}: {b1} bytes allocated at n={n}, {b4} at 4n ({bytes:.1}x, not about 4x)"
    );
}

/// Runs `f` in a one-thread pool, so that rayon's work is counted here.
fn one_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool")
        .install(f)
}

fn article(id: &str, text: String) -> Input {
    Input {
        document: Document {
            id: id.into(),
            id_number: false,
            path: None,
            text,
            dct: Some(Dct::parse("2016-07-15", DctSource::Cli).unwrap()),
            page: None,
        },
        meta: Meta::default(),
    }
}

/// Sentences that all differ, none dated: `k` of them in one paragraph.
fn paragraph(k: usize) -> String {
    (0..k)
        .map(|i| format!("Officials in district {i} said the vote went ahead. "))
        .collect()
}

/// `sentences::split` counted the newlines from the start of the block for
/// every sentence: quadratic in a paragraph of many sentences.
#[test]
fn splitting_one_long_paragraph_is_linear() {
    let abbreviations = &Grammar::embedded().abbreviations;
    assert_linear("sentences::split", 2000, |k| {
        sentences::split(&paragraph(k), abbreviations).1.len()
    });
}

/// One "sentence" of many clauses that all name the same day (a page
/// without stops): the tagger looked back to the start of the line for
/// every expression, and the one event's terms placed every word among
/// every clause — both quadratic in the sentence.
#[test]
fn one_sentence_of_one_day_many_times_is_linear() {
    let g = Grammar::embedded();
    let opts = BuildOptions::default();
    assert_linear("one sentence naming one day many times", 200, |k| {
        let text = "The fire began on May 5, 2016, and ".repeat(k) + "it ended.";
        analyse(vec![article("r.txt", text)], &opts, g)
            .timeline
            .events
            .len()
    });
}

/// A manifest row's line was found by counting newlines from the top of
/// the file for every row: a million rows never finished.
#[test]
fn reading_a_large_manifest_is_linear() {
    assert_linear("manifest", 3000, |rows| {
        let mut text = String::from("file,published,source\n");
        for i in 0..rows {
            text.push_str(&format!("a{i}.txt,2016-07-15,Wire\n\n"));
        }
        Manifest::parse_lenient(Path::new("m.csv"), &text)
            .unwrap()
            .0
            .entries
            .len()
    });
}

/// Every XML event looked through the whole stack of open elements (46 s
/// for 2 MB of nested tags), and each nested TIMEX3 copied all the text
/// after its start.
#[test]
fn reading_deeply_nested_timeml_is_linear() {
    assert_linear("nested elements", 2000, |depth| {
        let xml = format!(
            "<TimeML><TEXT>{}word{}</TEXT></TimeML>",
            "<s>".repeat(depth),
            "</s>".repeat(depth)
        );
        chronicler::article::timeml::parse(&xml, Path::new("n.tml"))
            .map(|d| d.text.len())
            .unwrap_or(0)
    });
    assert_linear("nested TIMEX3", 1000, |depth| {
        let xml = format!(
            "<TimeML><TEXT>{}{}</TEXT></TimeML>",
            "<TIMEX3 type=\"DATE\" value=\"2016\">in 2016 ".repeat(depth),
            "</TIMEX3>".repeat(depth)
        );
        // Refused or read, the work must stay linear.
        let _ = chronicler::article::timeml::parse(&xml, Path::new("n.tml"));
    });
}

/// `build` on one huge paragraph (dated sentences, one block) took 40x
/// `tag`; its work now grows with the text.
#[test]
fn building_one_long_paragraph_is_linear() {
    let g = Grammar::embedded();
    let opts = BuildOptions::default();
    assert_linear("build of one paragraph", 300, |k| {
        let text: String = (0..k)
            .map(|i| format!("The council in district {i} voted on May 5, 2016. "))
            .collect();
        analyse(vec![article("p.txt", text)], &opts, g)
            .timeline
            .events
            .len()
    });
}

/// `build --html` runs the check: per sentence it scanned every mention of
/// the article and lowercased all the text before a duration, so one long
/// paragraph made work quadratic in its sentences.
#[test]
fn checking_one_long_paragraph_is_linear() {
    let g = Grammar::embedded();
    let opts = BuildOptions::default();
    assert_linear("check and page of one paragraph", 150, |k| {
        let text: String = (0..k)
            .map(|i| {
                format!(
                    "The talks in district {i} lasted five days, officials said on May {}, 2016. ",
                    1 + i % 28
                )
            })
            .collect();
        let story = analyse(vec![article("p.txt", text)], &opts, g);
        let report = chronicler::story::check::check_story(&story);
        output::html::page(&story.timeline, &report, None).len()
    });
}

/// `build --html` over many copies of one story took 30x plain `build`:
/// every assumption listed every other copy, and each copy's riding
/// statements were looked for among all events.
#[test]
fn checking_many_copies_of_one_story_is_linear() {
    let g = Grammar::embedded();
    let opts = BuildOptions::default();
    // Each copy names its outlet in every sentence, so that no sentence is
    // word for word in many articles; every other copy is undated, and its
    // date is inferred from the others.
    let story = |i: usize| {
        format!(
            "Kerry met Putin in Moscow on Thursday night, officials told outlet{i}.\n\n\
             The talks in February were long, the ministry told outlet{i}.\n\n\
             Lavrov will meet Kerry again on Monday in Geneva, outlet{i} learnt.\n"
        )
    };
    assert_linear("check and page of copies", 100, |copies| {
        let inputs: Vec<Input> = (0..copies)
            .map(|i| {
                let mut a = article(&format!("c{i}.txt"), story(i));
                if i % 2 == 1 {
                    a.document.dct = None;
                }
                a
            })
            .collect();
        let story = analyse(inputs, &opts, g);
        let report = chronicler::story::check::check_story(&story);
        output::html::page(&story.timeline, &report, None).len()
    });
}

/// One sentence of `k` dated clauses: every one of its `k` rows quoted the
/// whole sentence, so 92 KB of input made 830 MB of output. The timeline
/// files are at most [`output::timeline::MAX_OUTPUT_RATIO`] times the
/// input (plus a fixed allowance), and grow linearly.
#[test]
fn one_sentence_of_many_dated_clauses_makes_output_in_proportion() {
    let g = Grammar::embedded();
    let opts = BuildOptions::default();
    // Every clause on its own day, so every clause is a row of its own.
    let clause = |i: usize| {
        let day =
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(i as u64);
        format!(
            "the council of district {i} voted on {}, ",
            day.format("%B %-d, %Y")
        )
    };
    let size = |k: usize| {
        let text: String = (0..k).map(clause).collect::<String>() + "officials said.";
        let input = text.len();
        let t = analyse(vec![article("s.txt", text)], &opts, g).timeline;
        let written: usize = output::timeline::FILES
            .iter()
            .map(|name| output::timeline::render(name, &t, None).unwrap().len())
            .sum();
        (input, written)
    };
    for k in [50, 200, 800] {
        let (input, written) = one_thread(|| size(k));
        assert!(
            written <= output::timeline::MAX_OUTPUT_RATIO * input + 64 * 1024,
            "{k} clauses: {input} bytes in, {written} bytes out"
        );
    }
    assert_linear("one sentence of dated clauses", 100, |k| size(k).1);
    // The densest: a bare list of years, a row for every six bytes.
    let years = |k: usize| {
        let list: Vec<String> = (0..k).map(|i| (1000 + i).to_string()).collect();
        let text = format!("Officials said the council voted in {}.", list.join(", "));
        let input = text.len();
        let t = analyse(vec![article("y.txt", text)], &opts, g).timeline;
        let written: usize = output::timeline::FILES
            .iter()
            .map(|name| output::timeline::render(name, &t, None).unwrap().len())
            .sum();
        (input, written)
    };
    let (input, written) = one_thread(|| years(1000));
    assert!(
        written <= output::timeline::MAX_OUTPUT_RATIO * input + 64 * 1024,
        "1000 years: {input} bytes in, {written} bytes out"
    );
    assert_linear("one sentence listing years", 100, |k| years(k).1);
}
