//! `tag`'s JSON lines are written by hand for speed (`output::jsonl::
//! write_one`); they must be the bytes `serde_json` writes for the same
//! record, on real articles and on mentions that use every optional field
//! and strings that need escaping.

mod common;

use chronicler::engine::narrative::{Reference, ReferenceMode};
use chronicler::output::jsonl::{Record, write_one};
use chronicler::output::tagged::Tagged;
use chronicler::{Dct, DctSource, Document, Grammar, Mention, TimexMod};

fn line(t: &Tagged) -> (String, String) {
    let mut ours = Vec::new();
    write_one(&mut ours, t).unwrap();
    let serde = serde_json::to_string(&Record::from(t)).unwrap() + "\n";
    (String::from_utf8(ours).unwrap(), serde)
}

fn tagged(id: &str, id_number: bool, text: &str, dct: Option<&str>) -> Tagged {
    let dct = dct.map(|d| Dct::parse(d, DctSource::Cli).unwrap());
    let mentions = chronicler::engine::annotate_with(
        text,
        dct.as_ref(),
        Grammar::embedded(),
        Reference::new(ReferenceMode::Auto),
    );
    Tagged {
        document: Document {
            id: id.into(),
            id_number,
            path: None,
            text: text.into(),
            dct,
            page: None,
        },
        mentions,
    }
}

#[test]
fn lines_are_what_serde_writes_for_the_seeds() {
    let files = common::seed_files();
    let mut mentions = 0;
    for p in &files {
        let text = std::fs::read_to_string(p).unwrap();
        let t = tagged(&p.display().to_string(), false, &text, Some("2016-07-15"));
        mentions += t.mentions.len();
        let (ours, serde) = line(&t);
        assert_eq!(ours, serde, "{}", p.display());
    }
    assert!(mentions > 40, "only {mentions} mentions");
}

#[test]
fn lines_are_what_serde_writes_for_every_field_and_escape() {
    let text = "At 10:35 a.m. EST on \"Tuesday\" — every week, since early 2015 — \
                the \u{7}vote\u{1f} was held; about three days ago, Friday's quake.\n\
                Last updated at 14:59 GMT";
    for (id, number, dct) in [
        ("42", true, Some("2016-07-15T09:30:00")),
        ("a \"quoted\" \\ id\u{2028}", false, None),
        ("18446744073709551615", true, Some("2016-07-15")),
    ] {
        let mut t = tagged(id, number, text, dct);
        assert!(t.mentions.len() >= 4, "{:?}", t.mentions);
        // every optional field of a mention, and strings to escape
        let extra: Vec<Mention> = t
            .mentions
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.text = format!("\"{}\"\t\\\u{0}é", m.text);
                m.timex.modifier = Some(TimexMod::Before);
                m.timex.quant = Some("EVERY".into());
                m.timex.freq = Some("1X".into());
                m.timex.zone = Some("EST".into());
                m.assumptions = vec!["year \"supplied\"".into(), "past".into()];
                m
            })
            .collect();
        t.mentions.extend(extra);
        let (ours, serde) = line(&t);
        assert_eq!(ours, serde);
        assert!(ours.contains("\"mod\":\"BEFORE\"") && ours.contains("\"assumptions\":["));
    }
    let empty = tagged("empty", false, "", None);
    let (ours, serde) = line(&empty);
    assert_eq!(ours, serde);
}
