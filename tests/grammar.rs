//! The readable grammar (`grammar/temporal.ebnf`) and the word lists
//! (`grammar/*.csv`) against the code that uses them:
//!
//! - every nom production in `chronicler::engine::tag::PRODUCTIONS` has a rule of the
//!   same name in the EBNF, and every EBNF rule with examples is a production;
//! - every `(* example: "…" *)` parses completely with its production;
//! - the EBNF is well formed (every rule used is defined, none twice);
//! - every embedded CSV loads, a malformed copy is refused with an error that
//!   names the file and line, and an edited copy changes what is tagged.

use chronicler::engine::grammar::{EBNF, FILES};
use chronicler::engine::tag::PRODUCTIONS;
use chronicler::{Dct, DctSource, Grammar, Mention, annotate};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

// ------------------------------------------------------------ EBNF reader

/// One rule of the EBNF: its name, the rules it refers to, and the examples
/// written right before it.
#[derive(Debug)]
struct Rule {
    name: String,
    refs: BTreeSet<String>,
    examples: Vec<String>,
    line: usize,
}

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Eq,
    Semi,
    Comment(String),
    /// A terminal, a special sequence or an operator.
    Other,
}

/// Splits ISO-14977-style EBNF into tokens, with the line each starts on.
fn tokens(src: &str) -> Result<Vec<(usize, Tok)>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // Reads up to and including `close`, counting lines.
    let until = |i: &mut usize,
                 line: &mut usize,
                 close: char,
                 what: &str,
                 start: usize|
     -> Result<(), String> {
        loop {
            if *i >= chars.len() {
                return Err(format!("line {start}: unterminated {what}"));
            }
            if chars[*i] == close {
                *i += 1;
                return Ok(());
            }
            if chars[*i] == '\n' {
                *line += 1;
            }
            *i += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let start = line;
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if chars[i..].starts_with(&['(', '*']) {
            // Comments nest, as in ISO 14977: "(* see (* example: … *) *)".
            i += 2;
            let mut depth = 1;
            let mut body = String::new();
            while depth > 0 {
                if i >= chars.len() {
                    return Err(format!("line {start}: unterminated comment"));
                }
                if chars[i..].starts_with(&['(', '*']) {
                    depth += 1;
                } else if chars[i..].starts_with(&['*', ')']) {
                    depth -= 1;
                    if depth == 0 {
                        i += 2;
                        break;
                    }
                }
                if chars[i] == '\n' {
                    line += 1;
                }
                body.push(chars[i]);
                i += 1;
            }
            out.push((start, Tok::Comment(body)));
        } else if c == '"' || c == '\'' || c == '?' {
            i += 1;
            let what = if c == '?' {
                "special sequence"
            } else {
                "terminal string"
            };
            until(&mut i, &mut line, c, what, start)?;
            out.push((start, Tok::Other));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                s.push(chars[i]);
                i += 1;
            }
            out.push((start, Tok::Ident(s)));
        } else if c == '=' {
            out.push((start, Tok::Eq));
            i += 1;
        } else if c == ';' {
            out.push((start, Tok::Semi));
            i += 1;
        } else {
            out.push((start, Tok::Other));
            i += 1;
        }
    }
    Ok(out)
}

/// The text of an `example: "…"` comment, if it is one.
fn example(comment: &str) -> Option<Result<String, String>> {
    let rest = comment.trim().strip_prefix("example:")?.trim();
    Some(
        match rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(ex) if !ex.is_empty() => Ok(ex.to_string()),
            _ => Err(format!(
                "expected (* example: \"…\" *), found (*{comment}*)"
            )),
        },
    )
}

/// Reads the rules of an EBNF text.
fn rules(src: &str) -> Result<Vec<Rule>, String> {
    let toks = tokens(src)?;
    let mut rules = Vec::new();
    let mut pending: Vec<(usize, String)> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        match &toks[k] {
            (line, Tok::Comment(c)) => {
                match example(c) {
                    Some(Ok(ex)) => pending.push((*line, ex)),
                    Some(Err(e)) => return Err(format!("line {line}: {e}")),
                    None if !pending.is_empty() => {
                        return Err(format!(
                            "line {line}: expected the rule right after its examples (line {}), found another comment",
                            pending[0].0
                        ));
                    }
                    None => {}
                }
                k += 1;
            }
            (line, Tok::Ident(name)) if toks.get(k + 1).map(|t| &t.1) == Some(&Tok::Eq) => {
                let mut refs = BTreeSet::new();
                k += 2;
                loop {
                    match toks.get(k) {
                        None => return Err(format!("line {line}: rule {name} has no closing ';'")),
                        Some((_, Tok::Semi)) => break,
                        Some((l, Tok::Eq)) => {
                            return Err(format!(
                                "line {l}: '=' inside rule {name} (missing ';' before it?)"
                            ));
                        }
                        Some((_, Tok::Ident(r))) => {
                            refs.insert(r.clone());
                        }
                        Some((_, Tok::Comment(c))) if example(c).is_some() => {
                            return Err(format!("line {line}: an example inside rule {name}"));
                        }
                        Some(_) => {}
                    }
                    k += 1;
                }
                k += 1;
                rules.push(Rule {
                    name: name.clone(),
                    refs,
                    examples: pending.drain(..).map(|(_, e)| e).collect(),
                    line: *line,
                });
            }
            (line, t) => {
                return Err(format!(
                    "line {line}: expected a rule `name = … ;` or a comment, found {t:?}"
                ));
            }
        }
    }
    if let Some((line, ex)) = pending.first() {
        return Err(format!(
            "line {line}: example {ex:?} is not followed by a rule"
        ));
    }
    Ok(rules)
}

fn ebnf_rules() -> Vec<Rule> {
    assert!(!EBNF.trim().is_empty(), "grammar/temporal.ebnf is empty");
    rules(EBNF).unwrap_or_else(|e| panic!("grammar/temporal.ebnf: {e}"))
}

#[test]
fn ebnf_reader_understands_its_notation() {
    let r = rules(
        "(* head *)\n(* example: \"a b\" *)\nx = \"x\" , y ; (* note *)\ny = ? words ? | 'q' ;\n",
    )
    .unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(
        (r[0].name.as_str(), r[0].examples.clone()),
        ("x", vec!["a b".to_string()])
    );
    assert_eq!(r[0].refs, BTreeSet::from(["y".to_string()]));
    assert!(r[1].examples.is_empty() && r[1].refs.is_empty());
    assert!(
        rules("x = \"x\"").is_err(),
        "a rule without ';' must be refused"
    );
    assert!(
        rules("(* example: \"a\" *)").is_err(),
        "an example without a rule must be refused"
    );
    assert!(
        rules("(* example: a *)\nx = y ;").is_err(),
        "an unquoted example must be refused"
    );
    assert!(
        rules("(* open\nx = y ;").is_err(),
        "an unterminated comment must be refused"
    );
    assert!(rules("(* outer (* inner *) still a comment *)\nx = y ;\ny = \"y\" ;").is_ok());
    assert!(
        rules("x = \"open ;").is_err(),
        "an unterminated terminal must be refused"
    );
}

// ------------------------------------------------------ (a) names agree

#[test]
fn every_production_has_an_ebnf_rule_and_back() {
    let rules = ebnf_rules();
    let code: BTreeSet<&str> = PRODUCTIONS.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(
        code.len(),
        PRODUCTIONS.len(),
        "a production name appears twice in PRODUCTIONS"
    );
    let defined: BTreeMap<&str, &Rule> = rules.iter().map(|r| (r.name.as_str(), r)).collect();
    let documented: BTreeSet<&str> = rules
        .iter()
        .filter(|r| !r.examples.is_empty())
        .map(|r| r.name.as_str())
        .collect();

    let mut problems = Vec::new();
    for name in &code {
        match defined.get(name) {
            None => problems.push(format!("production {name} (src/engine/tag/productions.rs) has no rule `{name} = … ;` in grammar/temporal.ebnf")),
            Some(r) if r.examples.is_empty() => problems.push(format!(
                "rule {name} (temporal.ebnf line {}) is a production but has no (* example: \"…\" *) before it",
                r.line
            )),
            Some(_) => {}
        }
    }
    for name in documented.difference(&code) {
        problems.push(format!(
            "rule {name} in grammar/temporal.ebnf has examples but no parser in chronicler::engine::tag::PRODUCTIONS"
        ));
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn ebnf_is_well_formed() {
    let rules = ebnf_rules();
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for r in &rules {
        if let Some(first) = seen.insert(r.name.as_str(), r.line) {
            problems.push(format!(
                "rule {} is defined twice (lines {first} and {})",
                r.name, r.line
            ));
        }
    }
    let used: BTreeSet<&str> = rules
        .iter()
        .flat_map(|r| r.refs.iter().map(String::as_str))
        .collect();
    for r in &rules {
        for name in &r.refs {
            if !seen.contains_key(name.as_str()) {
                problems.push(format!(
                    "rule {} (line {}) uses {name}, which is not defined",
                    r.name, r.line
                ));
            }
        }
        if r.examples.is_empty() && !used.contains(r.name.as_str()) {
            problems.push(format!(
                "helper rule {} (line {}) is used by no other rule",
                r.name, r.line
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

// ------------------------------------------------ (b) examples parse whole

#[test]
fn every_example_parses_completely_with_its_production() {
    let g = Grammar::embedded();
    let mut problems = Vec::new();
    let mut checked = 0;
    for r in ebnf_rules() {
        let Some((_, p, _)) = PRODUCTIONS.iter().find(|(n, _, _)| *n == r.name) else {
            continue; // reported by every_production_has_an_ebnf_rule_and_back
        };
        for ex in &r.examples {
            checked += 1;
            match p(g, ex) {
                Ok((rest, _)) if rest.trim().is_empty() => {}
                Ok((rest, spec)) => problems.push(format!(
                    "{}: {ex:?} leaves {rest:?} unparsed (parsed as {spec:?})",
                    r.name
                )),
                Err(e) => problems.push(format!("{}: {ex:?} does not parse: {e:?}", r.name)),
            }
        }
    }
    assert!(
        checked >= PRODUCTIONS.len(),
        "only {checked} examples checked"
    );
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

// ------------------------------------------------------ (c) word lists

fn write_all(dir: &Path, edit: impl Fn(&str, &str) -> String) {
    for (name, content) in FILES {
        std::fs::write(dir.join(name), edit(name, content)).unwrap();
    }
}

fn load_with(file: &str, content: &str) -> Result<Grammar, String> {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), |_, c| c.to_string());
    std::fs::write(dir.path().join(file), content).unwrap();
    Grammar::load_dir(dir.path()).map_err(|e| e.to_string())
}

fn line_count(s: &str) -> usize {
    s.trim_end_matches('\n').lines().count()
}

/// The error must name the file and the line, as `file:line:` or with the
/// words "line N".
fn assert_names(err: &str, file: &str, line: usize) {
    assert!(err.contains(file), "error {err:?} does not name {file}");
    assert!(
        err.contains(&format!("{file}:{line}:")) || err.contains(&format!("line {line}")),
        "error {err:?} does not name line {line} of {file}"
    );
}

#[test]
fn embedded_word_lists_load() {
    assert!(
        FILES.len() >= 12,
        "expected the word lists, found {} files",
        FILES.len()
    );
    for (name, content) in FILES {
        assert!(
            content.lines().count() >= 2,
            "{name} has a header and no rows"
        );
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("grammar")
                .join(name),
        )
        .unwrap_or_else(|e| panic!("grammar/{name}: {e}"));
        assert_eq!(
            &on_disk, content,
            "grammar/{name} differs from the embedded copy"
        );
    }
    let g = Grammar::embedded();
    assert_eq!(g.months.get("july"), Some(&7));
    assert_eq!(g.weekdays.get("friday"), Some(&5));
    // An unedited copy on disk loads too, and tags the same.
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), |_, c| c.to_string());
    let loaded = Grammar::load_dir(dir.path()).unwrap_or_else(|e| panic!("unedited copy: {e}"));
    let text = "Kerry met Putin late on Thursday and Lavrov on 15 July, 2016, the day before Bastille Day.";
    assert_eq!(tagged(text, &loaded), tagged(text, g));
    // An empty folder falls back to the embedded lists.
    let empty = tempfile::tempdir().unwrap();
    let fallback = Grammar::load_dir(empty.path()).unwrap_or_else(|e| panic!("empty folder: {e}"));
    assert_eq!(tagged(text, &fallback), tagged(text, g));
}

#[test]
fn month_that_is_not_a_number_names_file_and_line() {
    let content = FILES.iter().find(|(n, _)| *n == "months.csv").unwrap().1;
    let bad = content.replacen("7,july", "seven,july", 1);
    assert_ne!(bad, content, "months.csv has no row 7,july");
    let line = 1 + content.lines().position(|l| l.starts_with("7,")).unwrap();
    let err = load_with("months.csv", &bad).expect_err("a month numbered 'seven' must be refused");
    assert_names(&err, "months.csv", line);
}

#[test]
fn holiday_with_a_bad_rule_names_file_and_line() {
    let content = FILES.iter().find(|(n, _)| *n == "holidays.csv").unwrap().1;
    for rule in ["07-32", "13-01", "easter+x", "nth:11:8:4", "sometime"] {
        let bad = format!("{}\nKerry Day,{rule}\n", content.trim_end_matches('\n'));
        let err = load_with("holidays.csv", &bad)
            .expect_err(&format!("holiday rule {rule:?} must be refused"));
        assert_names(&err, "holidays.csv", line_count(&bad));
    }
}

#[test]
fn wrong_header_is_refused_in_every_file() {
    for (name, content) in FILES {
        let rows = content.split_once('\n').map_or("", |(_, r)| r);
        let bad = format!("this,is,not,the,header\n{rows}");
        let err = load_with(name, &bad)
            .expect_err(&format!("{name} with a wrong header must be refused"));
        assert_names(&err, name, 1);
    }
}

#[test]
fn row_with_too_many_fields_is_refused_in_every_file() {
    for (name, content) in FILES {
        let bad = format!("{}\na,b,c,d,e,f,g\n", content.trim_end_matches('\n'));
        let err =
            load_with(name, &bad).expect_err(&format!("{name} with a 7-field row must be refused"));
        assert_names(&err, name, line_count(&bad));
    }
}

#[test]
fn values_out_of_range_are_refused() {
    let cases = [
        ("weekdays.csv", "8,funday,fun"),
        ("numerals.csv", "umpteen,x,cardinal"),
        ("numerals.csv", "umpteen,5,lots"),
        ("parts_of_day.csv", "teatime,TE,16,17"),
        ("parts_of_day.csv", "teatime,AF,17,16"),
        ("units.csv", "moon,MOON,moons"),
        ("seasons.csv", "monsoon,SU,6,13"),
        ("modifiers.csv", "circa,ROUGHLY,before"),
        ("modifiers.csv", "circa,APPROX,beside"),
        ("deictics.csv", "anon,soonish,"),
        ("shifters.csv", "yonder,2,before"),
        ("sets.csv", "fortnightly,2W,"),
        ("timezones.csv", "xst,+25:00,"),
        ("timezones.csv", "xst,+01:00,Mars/Olympus"),
    ];
    for (name, row) in cases {
        let content = FILES.iter().find(|(n, _)| *n == name).unwrap().1;
        let bad = format!("{}\n{row}\n", content.trim_end_matches('\n'));
        let err = load_with(name, &bad).expect_err(&format!("{name}: row {row:?} must be refused"));
        assert_names(&err, name, line_count(&bad));
    }
}

// ---------------------------------------------- (d) edits change tagging

fn dct() -> Dct {
    Dct::parse("2016-07-15", DctSource::Cli).unwrap()
}

fn tagged(text: &str, g: &Grammar) -> Vec<(String, String)> {
    annotate(text, Some(&dct()), g)
        .into_iter()
        .map(|m: Mention| (m.text, m.timex.value))
        .collect()
}

fn pair(text: &str, value: &str) -> (String, String) {
    (text.to_string(), value.to_string())
}

#[test]
fn a_new_month_abbreviation_is_tagged_after_editing_months_csv() {
    let content = FILES.iter().find(|(n, _)| *n == "months.csv").unwrap().1;
    let text = "The talks were held on Jly. 15, 2016 in Moscow.";
    let before = tagged(text, Grammar::embedded());
    assert!(
        before.iter().all(|(t, _)| !t.contains("Jly")),
        "'Jly.' is not a month until it is added, found {before:?}"
    );

    let edited = content.replacen("7,july,jul\n", "7,july,jul|jly\n", 1);
    assert_ne!(edited, content, "months.csv has no row 7,july,jul");
    let g = load_with("months.csv", &edited).unwrap();
    assert_eq!(tagged(text, &g), vec![pair("Jly. 15, 2016", "2016-07-15")]);
}

#[test]
fn removing_an_abbreviation_stops_it_being_tagged() {
    let content = FILES.iter().find(|(n, _)| *n == "months.csv").unwrap().1;
    let text = "He arrived on Sept. 5, 2015.";
    assert_eq!(
        tagged(text, Grammar::embedded()),
        vec![pair("Sept. 5, 2015", "2015-09-05")]
    );

    let edited = content.replacen("sep|sept", "sep", 1);
    assert_ne!(edited, content, "months.csv has no 'sep|sept'");
    let g = load_with("months.csv", &edited).unwrap();
    assert!(
        tagged(text, &g).iter().all(|(t, _)| !t.contains("Sept")),
        "'Sept.' was removed from months.csv but is still tagged: {:?}",
        tagged(text, &g)
    );
}

#[test]
fn a_new_holiday_is_tagged_after_editing_holidays_csv() {
    let content = FILES.iter().find(|(n, _)| *n == "holidays.csv").unwrap().1;
    let text = "Officials in Moscow marked Diplomats Day with a reception.";
    assert_eq!(tagged(text, Grammar::embedded()), vec![]);

    let edited = format!("{}\ndiplomats day,02-10\n", content.trim_end_matches('\n'));
    let g = load_with("holidays.csv", &edited).unwrap();
    assert_eq!(tagged(text, &g), vec![pair("Diplomats Day", "2016-02-10")]);
}

/// The embedded datelines are indexed at their first lookup; a user's copy
/// is checked when it loads, so a bad zone is an error then, not later.
#[test]
fn an_edited_datelines_csv_is_checked_when_it_loads() {
    let content = FILES.iter().find(|(n, _)| *n == "datelines.csv").unwrap().1;
    let line = 1 + content
        .lines()
        .position(|l| l.starts_with("moscow,"))
        .expect("datelines.csv has no moscow row");
    let bad = content.replacen("Europe/Moscow", "Europe/Atlantis", 1);
    assert_ne!(bad, content, "the moscow row has no Europe/Moscow zone");
    let err = load_with("datelines.csv", &bad).expect_err("an unknown zone must be refused");
    assert_names(&err, "datelines.csv", line);

    let added = format!(
        "{}\nnew atlantis,Atlantis,Europe/Lisbon\n",
        content.trim_end_matches('\n')
    );
    let g = load_with("datelines.csv", &added).unwrap();
    let d = g.datelines.get("NEW ATLANTIS").expect("the added place");
    assert_eq!(
        (d.country.as_str(), d.zone.name()),
        ("Atlantis", "Europe/Lisbon")
    );
    assert_eq!(
        Grammar::embedded()
            .datelines
            .get("Moscow")
            .map(|d| d.zone.name()),
        Some("Europe/Moscow")
    );
    assert!(Grammar::embedded().datelines.get("New Atlantis").is_none());
}
