//! Syndicated copies are evidence, not furniture (issue #12): the same wire
//! story run by several outlets is one statement cited by all of them,
//! while a line a site puts alone on every page (a promotion) is furniture.

use chronicler::story::timeline::Timeline;
use chronicler::{BuildOptions, Grammar, build};
use std::fs;
use std::path::Path;

/// The wire story every outlet runs, word for word.
const WIRE: &str = "Rebels took the port of Brega on Monday after a day of heavy fighting, a spokesman said.\n\
The army withdrew to the west on Tuesday, leaving behind dozens of tanks.\n\
Talks between the two sides are due to resume in Cairo on Friday.\n";

const OUTLETS: [&str; 5] = ["herald", "courier", "gazette", "tribune", "chronicle"];

fn build_folder(dir: &Path, opts: &BuildOptions) -> Timeline {
    build(&[dir.to_path_buf()], opts, Grammar::embedded()).expect("the build runs")
}

/// Each outlet's page: its own opening and closing lines around the wire copy.
fn write_outlets(dir: &Path, extra: &str) {
    for (i, outlet) in OUTLETS.iter().enumerate() {
        let text = format!(
            "Date: 2011-03-16\n\n{outlet} staff report, page {i}.\n{WIRE}{extra}The {outlet} will follow the story.\n"
        );
        fs::write(dir.join(format!("{outlet}.txt")), text).expect("write");
    }
}

#[test]
fn five_outlets_running_the_same_wire_story_give_rows_citing_all_five() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_outlets(dir.path(), "");
    let t = build_folder(dir.path(), &BuildOptions::default());
    for (words, day) in [
        ("Rebels took the port of Brega", "2011-03-14"),
        ("The army withdrew to the west", "2011-03-15"),
        ("Talks between the two sides", "2011-03-18"),
    ] {
        let rows: Vec<_> = t
            .events
            .iter()
            .filter(|r| r.citations.iter().any(|c| c.sentence.text.contains(words)))
            .collect();
        assert_eq!(rows.len(), 1, "one row for {words:?}: {rows:#?}");
        let row = rows[0];
        assert_eq!(row.date, day, "{words}");
        assert_eq!(row.sources, 5, "{words}: {:?}", row.documents);
        let cited: Vec<&str> = row.documents.iter().map(String::as_str).collect();
        for outlet in OUTLETS {
            assert!(
                cited.contains(&format!("{outlet}.txt").as_str()),
                "{words}: {outlet} is not cited ({cited:?})"
            );
        }
    }
}

#[test]
fn a_promotion_alone_on_every_page_is_furniture_kept_only_on_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let promo = "Watch our special report on Libya on Sunday at 9pm.\n";
    // Each page carries the promotion between its own lines, not in the wire copy.
    for (i, outlet) in OUTLETS.iter().enumerate() {
        let text = format!(
            "Date: 2011-03-16\n\nThe {outlet} sent a reporter to Benghazi on Monday, story {i}.\n{promo}The {outlet} reporter returned on Tuesday.\n"
        );
        fs::write(dir.path().join(format!("{outlet}.txt")), text).expect("write");
    }
    let t = build_folder(dir.path(), &BuildOptions::default());
    assert!(
        !t.events
            .iter()
            .any(|r| r.headline.contains("special report")),
        "the promotion became a row"
    );
    // The pages' own statements are still there, from every page.
    let own: std::collections::BTreeSet<&str> = t
        .events
        .iter()
        .flat_map(|r| &r.citations)
        .filter(|c| c.sentence.text.contains("sent a reporter"))
        .map(|c| c.document.as_str())
        .collect();
    assert_eq!(own.len(), 5, "{own:?}");
    let kept = build_folder(
        dir.path(),
        &BuildOptions {
            include_furniture: true,
            ..BuildOptions::default()
        },
    );
    let row = kept
        .events
        .iter()
        .find(|r| r.headline.contains("special report"))
        .expect("kept for auditing");
    assert_eq!(row.sources, 5);
    assert!(
        row.citations
            .iter()
            .all(|c| c.furniture.as_deref().is_some_and(
                |f| f.starts_with("site widget (found word for word in 5 of 5 articles")
            )),
        "{:?}",
        row.citations[0].furniture
    );
}
