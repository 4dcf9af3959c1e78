//! Leave-one-document-out check of the narrative thresholds
//! (`chronicler::engine::narrative::Thresholds`) on a development corpus.
//!
//! ```sh
//! cargo run --release --example narrative_loo -- ../shared/corpora/wikiwars-dev [../shared/corpora/tbaq]
//! ```
//!
//! For every setting of the grid below it tags each document of the first
//! corpus and keeps its TempEval-3 counts. Then, for each document in turn,
//! it picks the setting with the best value F1 on the *other* documents and
//! scores the held-out document with it; the held-out counts added up give
//! the leave-one-out value F1, an estimate of what the thresholds give on
//! documents they were not chosen on. A second corpus of news (TBAQ) limits
//! the choice to settings that get as many of its values right as reading
//! every document as a report does: narrating must not cost news. It also
//! prints the defaults' score and the best allowed setting on all
//! documents (an optimistic figure).

use chronicler::engine::narrative::{Reference, ReferenceMode, Thresholds};
use chronicler::eval::tempeval::{self, Counts, GoldDocument};
use chronicler::*;
use std::path::Path;

const FAR: &[i32] = &[2, 3, 5, 8, 12];
const RATIO: &[u32] = &[1, 2, 3, 5, 8];
const BACK: &[i64] = &[0, 30, 90, 180, 270];

fn load(dir: &str) -> Vec<GoldDocument> {
    tempeval::load_gold_lenient(Path::new(dir), Default::default())
        .into_iter()
        .filter_map(|r| r.ok().map(|(d, _)| d))
        .collect()
}

fn per_document(docs: &[GoldDocument], t: Thresholds) -> Vec<Counts> {
    let reference = Reference {
        mode: ReferenceMode::Auto,
        thresholds: t,
    };
    let report = tempeval::evaluate_with(docs, Grammar::embedded(), false, reference);
    report.documents.iter().map(|d| d.counts).collect()
}

fn total<'a>(counts: impl Iterator<Item = &'a Counts>) -> Counts {
    let mut c = Counts::default();
    counts.for_each(|x| c.add(x));
    c
}

fn value_f1(c: &Counts) -> f64 {
    100.0 * c.scores().value_f1
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: narrative_loo DEV_CORPUS [NEWS_CORPUS]");
        std::process::exit(2);
    };
    let docs = load(&dir);
    let mut grid = Vec::new();
    for &far_years in FAR {
        for &doc_ratio in RATIO {
            for &back_days in BACK {
                grid.push(Thresholds {
                    far_years,
                    doc_ratio,
                    back_days,
                });
            }
        }
    }
    // With a news corpus, only settings that keep its values as reading
    // every document as a report (`--reference dct`) does may be chosen.
    let allowed: Vec<bool> = match args.next() {
        None => vec![true; grid.len()],
        Some(news) => {
            let news_docs = load(&news);
            let report = tempeval::evaluate_with(
                &news_docs,
                Grammar::embedded(),
                false,
                Reference::new(ReferenceMode::Dct),
            );
            let floor = report.total.counts.value_correct;
            println!(
                "{news}: {} documents, {} values right reading every one as a report",
                news_docs.len(),
                floor
            );
            grid.iter()
                .map(|&t| total(per_document(&news_docs, t).iter()).value_correct >= floor)
                .collect()
        }
    };
    // counts[setting][document]
    let counts: Vec<Vec<Counts>> = grid.iter().map(|&t| per_document(&docs, t)).collect();
    let default = Thresholds::default();
    println!(
        "{dir}: {} documents, {} settings, {} keep the news values",
        docs.len(),
        grid.len(),
        allowed.iter().filter(|a| **a).count()
    );
    let best_of = |skip: Option<usize>| {
        counts
            .iter()
            .enumerate()
            .filter(|(s, _)| allowed[*s])
            .map(|(s, per_doc)| {
                let kept = per_doc.iter().enumerate().filter(|(j, _)| Some(*j) != skip);
                (s, value_f1(&total(kept.map(|x| x.1))))
            })
            // the first of equals, in the grid's order
            .fold((0, f64::MIN), |acc, x| if x.1 > acc.1 { x } else { acc })
    };
    let mut held_out = Counts::default();
    for k in 0..docs.len() {
        let (best, _) = best_of(Some(k));
        held_out.add(&counts[best][k]);
        let t = grid[best];
        println!(
            "  held out {:<26} chose far {:>2} ratio {} back {:>3}: value F1 {:.2}",
            docs[k].id,
            t.far_years,
            t.doc_ratio,
            t.back_days,
            value_f1(&counts[best][k])
        );
    }
    println!("leave-one-out value F1: {:.2}", value_f1(&held_out));
    if let Some(d) = grid.iter().position(|t| *t == default) {
        println!(
            "defaults (far {} ratio {} back {}): value F1 {:.2} on all documents{}",
            default.far_years,
            default.doc_ratio,
            default.back_days,
            value_f1(&total(counts[d].iter())),
            if allowed[d] {
                ""
            } else {
                " (changes news values)"
            }
        );
    }
    let (best, f1) = best_of(None);
    let t = grid[best];
    println!(
        "best on all documents (optimistic): far {} ratio {} back {}: value F1 {f1:.2}",
        t.far_years, t.doc_ratio, t.back_days
    );
}
