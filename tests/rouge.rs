//! ROUGE-1.5.5 counts and stems against numbers ROUGE-1.5.5.pl gave for the
//! same text (tests/fixtures/rouge/README.md says how they were made).

use chronicler::eval::rouge::{Interner, counts, porter};

fn fixture() -> serde_json::Value {
    let text = std::fs::read_to_string("tests/fixtures/rouge/rouge155.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn stems_match_rouge_155() {
    let f = fixture();
    let stems = f["stems"].as_array().unwrap();
    assert!(stems.len() > 200);
    let wrong: Vec<String> = stems
        .iter()
        .filter_map(|p| {
            let (w, want) = (p[0].as_str().unwrap(), p[1].as_str().unwrap());
            let got = porter::stem(w);
            (got != want).then(|| format!("{w}: {got}, expected {want}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn counts_match_rouge_155() {
    let f = fixture();
    let pairs = f["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 40);
    let mut interner = Interner::default();
    for (k, p) in pairs.iter().enumerate() {
        let peer = interner.summary(&strings(&p["peer"]));
        let models: Vec<_> = p["models"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| interner.summary(&strings(m)))
            .collect();
        let models: Vec<_> = models.iter().collect();
        for (n, key) in [(1, "rouge1"), (2, "rouge2")] {
            let c = counts(&peer, &models, n);
            let want: Vec<u64> = p[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect();
            assert_eq!(vec![c.hits, c.peer, c.model], want, "pair {k}, {key}");
        }
    }
}
