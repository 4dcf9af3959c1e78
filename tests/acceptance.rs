//! Acceptance: the expressions of the five seed articles (DCT 2016-07-15, a
//! Friday) resolve as a reader of the article would resolve them.
//!
//! Each row names a seed file, a sentence copied from it, the expression the
//! tagger must find in that sentence (the exact span, as TimeML marks it:
//! without a leading preposition or a trailing possessive) and its TIMEX3
//! type, value and mod. Each row checks that
//! - the sentence is still in the seed file (so the row fails if seeds change);
//! - annotating the sentence gives a mention with exactly that span, at the
//!   right Unicode-scalar offsets, with that type, value and mod;
//! - annotating the whole article gives the same mention at the sentence's
//!   offset plus the mention's, with the same value (the text before it
//!   holds curly quotes and apostrophes, so char and byte offsets differ).

use chronicler::{Dct, DctSource, Grammar, Mention, annotate};
use chrono::NaiveDate;
use std::path::PathBuf;

const DCT: &str = "2016-07-15";

fn dct() -> Dct {
    Dct::parse(DCT, DctSource::Cli).expect("the seeds' DCT parses")
}

/// The text of the seed file whose name starts with `prefix` ("001").
fn seed(prefix: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&format!("{prefix}_")) && name.ends_with(".txt")
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one seeds/{prefix}_*.txt, found {found:?}"
    );
    let path = found.pop().unwrap();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn describe(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "\n  {}..{} {:?} {} {} {:?} [{}] {}",
                m.start,
                m.end,
                m.text,
                m.timex.kind,
                m.timex.value,
                m.timex.modifier.map(|x| x.as_str()),
                m.parse,
                m.rule
            )
        })
        .collect()
}

/// Checks a mention's offsets against the text it was found in.
fn check_offsets(text: &str, m: &Mention) {
    assert!(
        m.start < m.end,
        "empty or reversed span {}..{} for {:?}",
        m.start,
        m.end,
        m.text
    );
    let by_chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
    assert_eq!(
        by_chars, m.text,
        "char offsets {}..{} do not select the mention's text",
        m.start, m.end
    );
    assert!(
        text.is_char_boundary(m.byte_start) && text.is_char_boundary(m.byte_end),
        "byte offsets {}..{} are not on char boundaries",
        m.byte_start,
        m.byte_end
    );
    assert_eq!(
        &text[m.byte_start..m.byte_end],
        m.text,
        "byte offsets do not select the mention's text"
    );
    assert_eq!(
        char_offset(text, m.byte_start),
        m.start,
        "byte_start and start disagree"
    );
    assert_eq!(
        char_offset(text, m.byte_end),
        m.end,
        "byte_end and end disagree"
    );
}

struct Row {
    seed: &'static str,
    sentence: &'static str,
    expr: &'static str,
    kind: &'static str,
    value: &'static str,
    modifier: Option<&'static str>,
}

/// Finds the row's mention in `text` at char offset `start`, or panics with
/// everything that was found.
fn mention_at<'m>(ms: &'m [Mention], start: usize, row: &Row, context: &str) -> &'m Mention {
    let expected_end = start + row.expr.chars().count();
    match ms
        .iter()
        .find(|m| m.start == start && m.end == expected_end && m.text == row.expr)
    {
        Some(m) => m,
        None => panic!(
            "{context}: expected a mention {:?} at chars {start}..{expected_end}, found:{}",
            row.expr,
            describe(ms)
        ),
    }
}

fn check_value(m: &Mention, row: &Row, context: &str) {
    let got = (
        m.timex.kind.as_str(),
        m.timex.value.as_str(),
        m.timex.modifier.map(|x| x.as_str()),
    );
    assert_eq!(
        got,
        (row.kind, row.value, row.modifier),
        "{context}: {:?} resolved to type/value/mod {got:?} (parse {}, rule {})",
        row.expr,
        m.parse,
        m.rule
    );
}

fn check(row: &Row) {
    let g = Grammar::embedded();
    let dct = dct();
    let doc = seed(row.seed);
    let at = doc.find(row.sentence).unwrap_or_else(|| {
        panic!(
            "seed {} no longer contains the sentence {:?}",
            row.seed, row.sentence
        )
    });
    let local = row
        .sentence
        .find(row.expr)
        .unwrap_or_else(|| panic!("the row's sentence does not contain {:?}", row.expr));

    // The sentence on its own.
    let ms = annotate(row.sentence, Some(&dct), g);
    for m in &ms {
        check_offsets(row.sentence, m);
    }
    let start = char_offset(row.sentence, local);
    let context = format!("seed {} sentence {:?}", row.seed, row.sentence);
    let m = mention_at(&ms, start, row, &context);
    check_value(m, row, &context);

    // The same sentence inside the whole article.
    let ms = annotate(&doc, Some(&dct), g);
    for m in &ms {
        check_offsets(&doc, m);
    }
    let start = char_offset(&doc, at) + start;
    let context = format!("seed {} (whole article)", row.seed);
    let m = mention_at(&ms, start, row, &context);
    check_value(m, row, &context);
}

macro_rules! rows {
    ($($name:ident: $seed:literal, $sentence:literal => $expr:literal, $kind:literal, $value:literal, $modifier:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check(&Row {
                    seed: $seed,
                    sentence: $sentence,
                    expr: $expr,
                    kind: $kind,
                    value: $value,
                    modifier: $modifier,
                });
            }
        )*
    };
}

rows! {
    // "Thursday night" → 2016-07-14TNI; the sentence has a curly apostrophe before it.
    thursday_night:
        "002", "Both sides termed Kerry’s talks on Thursday night with Russian President Vladimir Putin as productive and constructive, but Lavrov stressed that many issues still needed to be resolved."
        => "Thursday night", "TIME", "2016-07-14TNI", None;
    thursday_night_opening_a_sentence:
        "004", "Thursday night, a man driving a truck drove through a crowd of people celebrating Bastille Day along Nice’s seaside promenade, killing at least 84 people and injuring dozens of others."
        => "Thursday night", "TIME", "2016-07-14TNI", None;
    late_on_thursday:
        "001", "Kerry, who late on Thursday had talks with Russian President Vladimir Putin that focused on the conflict in Syria, said their talks had been productive, as well as \"extremely frank and very serious.\""
        => "late on Thursday", "DATE", "2016-07-14", Some("END");
    yesterday:
        "000", "Kerry's meeting with Lavrov -- which had been expected to finish earlier -- follows what the top US diplomat said were \"serious and frank\" talks with Putin yesterday."
        => "yesterday", "DATE", "2016-07-14", None;
    // "on Friday": the mention is "Friday".
    on_friday:
        "001", "MOSCOW (Reuters) - U.S. Secretary of State John Kerry on Friday told his Russian counterpart in Moscow that the attack in the French city of Nice showed the need to speed up international efforts to tackle terrorism, especially in Syria."
        => "Friday", "DATE", "2016-07-15", None;
    on_friday_with_a_duration_before_it:
        "002", "Russian Foreign Minister Sergey Lavrov and U.S. Secretary of State John Kerry held eight hours of intense negotiations on Friday, with this week’s terrorist attack in Nice, France, that killed 84 people as backdrop."
        => "Friday", "DATE", "2016-07-15", None;
    on_thursday:
        "001", "Dozens of people were killed on Thursday when a gunman drove a heavy truck at high speed into a crowd in Nice who were celebrating Bastille Day, France`s national holiday."
        => "Thursday", "DATE", "2016-07-14", None;
    last_september:
        "004", "Since Russia’s military intervention in the Syrian conflict last September, Washington has repeatedly accused the Kremlin of using its airpower to prop up the Assad regime rather than Russia’s stated goal of targeting terrorists."
        => "last September", "DATE", "2015-09", None;
    // The article's month is July, so last March is this year's.
    last_march:
        "004", "Despite Putin’s announcement last March that Russia had achieved its military objectives and would formally withdraw from Syria, Russian combat operations have continued."
        => "last March", "DATE", "2016-03", None;
    in_february:
        "003", "A landmark partial ceasefire they brokered in February - which did not include Islamic State or al-Nusra - has since all but collapsed amid continued heavy fighting."
        => "February", "DATE", "2016-02", None;
    mid_2014:
        "003", "Efforts to end the war have taken on greater urgency since the emergence of the Islamic State jihadist group, which seized control of large parts of Syria and Iraq in mid-2014."
        => "mid-2014", "DATE", "2014", Some("MID");
    in_2011:
        "003", "Syria's civil war erupted in 2011 when Assad brutally suppressed anti-government demonstrations and has evolved into catastrophe that has left more than 280,000 dead by official UN estimates."
        => "2011", "DATE", "2011", None;
    this_week:
        "004", "Just this week, U.S. officials accused Russia of bombing two rebel camps housing U.S.-backed rebels and their families; 135 people were reportedly killed in the attacks."
        => "this week", "DATE", "2016-W28", None;
    // "this week’s": the possessive (with a curly apostrophe) is not part of
    // the TIMEX3, as in TimeBank/AQUAINT ("<TIMEX3>…</TIMEX3>'s").
    this_week_before_a_curly_possessive:
        "002", "Russian Foreign Minister Sergey Lavrov and U.S. Secretary of State John Kerry held eight hours of intense negotiations on Friday, with this week’s terrorist attack in Nice, France, that killed 84 people as backdrop."
        => "this week", "DATE", "2016-W28", None;
    last_week:
        "004", "Russia officially counts its dead at 12, including two Russian helicopter pilots shot down by IS militants in Syria last week."
        => "last week", "DATE", "2016-W27", None;
    // Future tense: the coming Monday.
    monday_in_the_future:
        "002", "Kerry will meet Monday with European Union foreign ministers and inform them of the results of his talks in the Russian capital."
        => "Monday", "DATE", "2016-07-18", None;
    next_month:
        "003", "UN Syria envoy Staffan de Mistura urged Russia and the United States to push for a resumption of the talks next month."
        => "next month", "DATE", "2016-08", None;
    // "over the past three days": "over" means "during" here, not MORE_THAN,
    // and is not part of the TIMEX3.
    the_past_three_days:
        "002", "He said that over the past three days government forces had suffered numerous casualties in various suicide attacks carried out by the jihadists in Syria’s secondlargest city."
        => "the past three days", "DURATION", "P3D", None;
    eight_hours:
        "002", "Russian Foreign Minister Sergey Lavrov and U.S. Secretary of State John Kerry held eight hours of intense negotiations on Friday, with this week’s terrorist attack in Nice, France, that killed 84 people as backdrop."
        => "eight hours", "DURATION", "PT8H", None;
    five_year_old_conflict:
        "000", "US officials were careful not to call the talks a last chance for diplomacy to resolve the bloody five-year-old conflict, but they warned time was running out."
        => "five-year-old", "DURATION", "P5Y", None;
    day_month_comma_year:
        "003", "4 min read\n15 July, 2016"
        => "15 July, 2016", "DATE", "2016-07-15", None;
    month_day_comma_year:
        "004", "Russian Foreign Minister Sergei Lavrov (L) and U.S. Secretary of State John Kerry (C) observe a moment of silence for the attack victims of Nice during a meeting in Moscow, Russia, July 15, 2016."
        => "July 15, 2016", "DATE", "2016-07-15", None;
    june_18:
        "004", "Syrian President Bashar al-Assad shakes hands with Russian Defense Minister Sergei Shoigu in Damascus, June 18, 2016."
        => "June 18, 2016", "DATE", "2016-06-18", None;
    bastille_day:
        "001", "Dozens of people were killed on Thursday when a gunman drove a heavy truck at high speed into a crowd in Nice who were celebrating Bastille Day, France`s national holiday."
        => "Bastille Day", "DATE", "2016-07-14", None;
    bastille_day_after_thursday_night:
        "004", "Thursday night, a man driving a truck drove through a crowd of people celebrating Bastille Day along Nice’s seaside promenade, killing at least 84 people and injuring dozens of others."
        => "Bastille Day", "DATE", "2016-07-14", None;
}

/// "the early hours of Friday morning": on the article's Friday, and over
/// before 06:00 that day, whatever part-of-day code the value carries.
#[test]
fn the_early_hours_of_friday_morning() {
    let sentence = "Asked about this proposal on a conference call with reporters, Kremlin spokesman Dmitry Peskov said military cooperation had not been directly discussed at the meeting between Putin and Kerry, which lasted until the early hours of Friday morning.";
    let expr = "the early hours of Friday morning";
    let doc = seed("001");
    assert!(
        doc.contains(sentence),
        "seed 001 no longer contains the sentence"
    );
    let ms = annotate(sentence, Some(&dct()), Grammar::embedded());
    let local = sentence.find(expr).unwrap();
    let start = char_offset(sentence, local);
    let m = ms
        .iter()
        .find(|m| m.start == start && m.text == expr)
        .unwrap_or_else(|| panic!("no mention {expr:?} at {start}, found:{}", describe(&ms)));
    check_offsets(sentence, m);
    assert!(
        m.timex.value.starts_with("2016-07-15"),
        "{expr:?} resolved to {} (rule {})",
        m.timex.value,
        m.rule
    );
    let day = NaiveDate::from_ymd_opt(2016, 7, 15).unwrap();
    let midnight = day.and_hms_opt(0, 0, 0).unwrap();
    let six = day.and_hms_opt(6, 0, 0).unwrap();
    let iv = m
        .timex
        .interval
        .unwrap_or_else(|| panic!("{expr:?} ({}) has no interval", m.timex.value));
    assert!(
        midnight <= iv.start && iv.start < iv.end && iv.end <= six,
        "{expr:?} ({}) has interval [{}, {}), expected one within [2016-07-15T00:00, 2016-07-15T06:00)",
        m.timex.value,
        iv.start,
        iv.end
    );
}

/// Every mention in every seed article, with and without a DCT, has offsets
/// that select its text (the articles hold curly quotes, dashes and
/// apostrophes, so char and byte offsets differ).
#[test]
fn offsets_in_whole_seed_articles() {
    let g = Grammar::embedded();
    let dct = dct();
    let mut total = 0;
    let mut non_ascii = 0;
    for prefix in ["000", "001", "002", "003", "004"] {
        let doc = seed(prefix);
        if !doc.is_ascii() {
            non_ascii += 1;
        }
        for d in [Some(&dct), None] {
            let ms = annotate(&doc, d, g);
            for w in ms.windows(2) {
                assert!(
                    w[0].end <= w[1].start,
                    "seed {prefix}: mentions overlap or are out of order: {:?} {}..{} and {:?} {}..{}",
                    w[0].text,
                    w[0].start,
                    w[0].end,
                    w[1].text,
                    w[1].start,
                    w[1].end
                );
            }
            for m in &ms {
                check_offsets(&doc, m);
            }
            total += ms.len();
        }
    }
    assert!(total > 20, "only {total} mentions in the five seeds");
    assert!(
        non_ascii >= 2,
        "the seeds no longer hold non-ASCII text to test offsets on"
    );
}
