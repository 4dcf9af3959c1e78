//! `chronicler timeline-eval` in the published set-up, on a topic written
//! for this test (tests/fixtures/timeline17/quake).

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

fn report(extra: &[&str]) -> Value {
    let out = cargo_bin_cmd!("chronicler")
        .args([
            "timeline-eval",
            "tests/fixtures/timeline17",
            "--format",
            "json",
        ])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn system<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str().unwrap().contains(name))
        .unwrap_or_else(|| panic!("no system {name}"))
}

#[test]
fn inputs_are_the_reference_span_and_n_and_k_come_from_it() {
    let r = report(&[]);
    let t = &r["topics"][0];
    assert_eq!(t["topic"], "quake");
    assert_eq!(
        (t["first"].as_str(), t["last"].as_str()),
        (Some("2010-01-12"), Some("2010-01-14"))
    );
    assert_eq!(
        t["articles"], 4,
        "2010-01-11 and 2010-01-20 are outside the span"
    );
    assert_eq!(t["dates"], 2);
    assert_eq!(t["per_date"], 2, "round(3 sentences / 2 dates)");
}

#[test]
fn the_publication_baseline_takes_the_busiest_days_ties_to_the_earlier() {
    let r = report(&[]);
    let b = system(&r, "publication count");
    // 2010-01-12 (two articles), then 2010-01-13 before 2010-01-14
    assert_eq!(
        b["timelines"][0]["picked"],
        serde_json::json!(["2010-01-12", "2010-01-13"])
    );
    assert_eq!(b["mean"]["date"]["f"], 0.5);
}

#[test]
fn chronicler_picks_n_days_in_span_with_entries_and_rouge() {
    let r = report(&["--loo"]);
    for name in [
        "shipped weights, in span",
        "leave-one-topic-out, in span",
        "in-sample fit, unrestricted",
    ] {
        let s = system(&r, name);
        let picked = s["timelines"][0]["picked"].as_array().unwrap();
        assert_eq!(picked.len(), 2, "{name}");
        assert!(
            picked.contains(&Value::from("2010-01-12")),
            "{name}: the quake day"
        );
        let scores = &s["timelines"][0]["scores"];
        for v in ["concat", "agreement", "align"] {
            for n in ["r1", "r2"] {
                let f = scores[v][n]["f"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&f), "{name} {v} {n}");
            }
        }
        // the quake entry shares words with the reference's
        assert!(
            scores["concat"]["r1"]["f"].as_f64().unwrap() > 0.2,
            "{name}"
        );
    }
    assert!(r["fitted"]["beta"].is_number());
}
