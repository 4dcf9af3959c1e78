//! "Never panics" for the statements stage: dated statements and their
//! headlines are cut from text built of the pieces real pages glue together
//! (live pages' entry stamps, bylines, headings in capitals, bounds, leads).

use chronicler::story::events;
use chronicler::{Dct, DctSource, Document, Grammar, annotate};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "LIBYA , 6:49 p.m. ET , 1:49 a.m. local :",
    "TRIPOLI, LIBYA, 6:45 p.m. local",
    "ET , 1:49 a.m. local :",
    "By Michael Hirst and David Walker",
    "By the CNN Wire Staff",
    "NEW CAP FOR LEAKING OIL WELL",
    "US UN EU",
    "Tripoli , Libya -LRB- CNN -RRB- --",
    "Here is video of Gadhafi 's comments :",
    "Explosions were heard in Tripoli",
    "on Sunday",
    "early Sunday",
    "Tuesday also marked",
    "until at least Sunday",
    "and led to",
    "And",
    "Also",
    "last month",
    "on 10 July",
    "15 July , 2016",
    "The rig sank",
    "the well was capped",
    "officials said",
    "``",
    "''",
    "-LRB-",
    "-RRB-",
    ":",
    ",",
    ".",
    "\"",
    "It",
    "When engineers removed the cap",
];

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::sample::select(&[" ", " ", "\n", "", " . "][..]),
        ),
        0..30,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn statements_of_glued_page_text_never_panic(text in news_text()) {
        let g = Grammar::embedded();
        let dct = Dct::parse("2011-03-20", DctSource::Cli).expect("a DCT");
        let doc = Document {
            id: "d".into(),
            id_number: false,
            path: None,
            text: text.clone(),
            dct: Some(dct.clone()),
            page: None,
        };
        let mentions = annotate(&text, Some(&dct), g);
        for e in events::extract(0, &doc, &mentions, None, g) {
            // every headline is text of the sentence, never the stamp alone
            prop_assert!(e.sentence.start <= e.sentence.end);
            prop_assert!(!e.headline.contains('\u{E000}'), "{}", e.headline);
        }
    }
}
