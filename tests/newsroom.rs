//! Newsroom phrasing (issue #13), table by table: each row is a sentence of
//! our own with its article date (DCT), the words of one expression, and
//! the value they must resolve to — or `None` when those words must not be
//! a temporal expression at all (a count, a flight number, a page's own
//! time stamp where that is the point).

use chronicler::{Dct, DctSource, Grammar, Mention, annotate};

/// One row: article date, sentence, expression as written, expected value.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

fn mentions(dct: &str, text: &str) -> Vec<Mention> {
    let dct = Dct::parse(dct, DctSource::Cli).unwrap();
    annotate(text, Some(&dct), Grammar::embedded())
}

fn describe(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| format!("{:?} {} [{}; {}]", m.text, m.timex.value, m.parse, m.rule))
        .collect::<Vec<_>>()
        .join("\n    ")
}

/// Checks every row; reports all failures at once.
fn check(table: &[Row]) {
    let mut failures = Vec::new();
    for &(dct, text, expr, want) in table {
        let ms = mentions(dct, text);
        match want {
            Some(v) => match ms.iter().find(|m| m.text == expr) {
                Some(m) if m.timex.value == v => {}
                Some(m) => failures.push(format!(
                    "{text:?} (DCT {dct}): {expr:?} is {}, expected {v}\n    {}",
                    m.timex.value,
                    describe(&ms)
                )),
                None => failures.push(format!(
                    "{text:?} (DCT {dct}): no mention {expr:?}, expected {v}\n    {}",
                    describe(&ms)
                )),
            },
            None => {
                let at = text.find(expr).expect("the expression is in the sentence");
                let end = at + expr.len();
                if let Some(m) = ms.iter().find(|m| m.byte_start < end && m.byte_end > at) {
                    failures.push(format!(
                        "{text:?} (DCT {dct}): {expr:?} must not be tagged, found {:?} = {}",
                        m.text, m.timex.value
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Numbers are read whole, and a number that names or counts is no year.
#[test]
#[rustfmt::skip]
fn numbers_that_are_not_years() {
    check(&[
        // a thousands separator does not split a number
        ("2016-07-15", "Some 2,000 years ago the town was a port.", "Some 2,000 years ago", Some("0016")),
        ("2016-07-15", "Its walls have stood for 2,000 years.", "2,000 years", Some("P2000Y")),
        ("2016-07-15", "Around 12,500 people marched on Friday.", "500", None),
        // numbers that name something
        ("2009-01-16", "Flight 1549 landed on the river.", "1549", None),
        ("2016-07-15", "She spoke to spokesman number 1234 at the ministry.", "1234", None),
        ("2011-03-18", "The council passed Resolution 1973 late on Thursday.", "1973", None),
        ("2016-07-15", "Lot No. 1100 went for a song.", "1100", None),
        // counts
        ("2016-07-15", "The brewery fills 1000 bottles an hour.", "1000", None),
        ("2016-07-15", "Officials say 2000 Syrians crossed the border.", "2000", None),
        ("2016-07-15", "Demand for the drug is up 1000 % since May.", "1000", None),
        // years that stay years
        ("2016-07-15", "The chapel was built in 1653.", "1653", Some("1653")),
        ("2016-07-15", "The 2000 elections were close.", "2000", Some("2000")),
        ("2016-07-15", "He recalled the floods of 1900 and 1953.", "1900", Some("1900")),
        ("2016-07-15", "Prices are back at 1998 levels.", "1998", Some("1998")),
    ]);
}

/// 24-hour clock times written without a colon are times on the day the
/// context gives, with the zone when stated; four digits are a year only
/// where a year makes sense.
#[test]
#[rustfmt::skip]
fn clock_times_without_a_colon() {
    check(&[
        ("2010-01-13", "The first tremor was felt at 0546 GMT.", "0546 GMT", Some("2010-01-13T05:46")),
        ("2010-01-13", "A curfew starts at 2200 local time.", "2200 local time", Some("2010-01-13T22:00")),
        ("2010-01-13", "Patrols set off at 0900 hrs.", "0900 hrs", Some("2010-01-13T09:00")),
        ("2010-01-13", "The ferry sailed at 1030am.", "1030am", Some("2010-01-13T10:30")),
        ("2010-01-13", "The rebels ignored the 1300 GMT deadline.", "1300 GMT", Some("2010-01-13T13:00")),
        ("2010-01-13", "Rescue flights resume at 2200.", "2200", Some("2010-01-13T22:00")),
        // the zone of the clock it is paired with, and the day after an aside
        ("2010-06-07", "Tune in at 1100 & 1700GMT for the latest.", "1100", Some("2010-06-07T11:00")),
        ("2010-06-07", "Tune in at 1100 & 1700GMT for the latest.", "1700GMT", Some("2010-06-07T17:00")),
        ("2010-01-13", "The ground shook at 1653 (2153 GMT) on Tuesday.", "1653 (2153 GMT) on Tuesday", Some("2010-01-12T16:53")),
        ("2010-01-13", "The valve shut at 1425 local time -LRB- 1925 GMT -RRB- on Monday.", "1425 local time -LRB- 1925 GMT -RRB- on Monday", Some("2010-01-11T14:25")),
        // the same moment in another zone is an aside, not a second time
        ("2010-01-13", "The blast came at 9:20 a.m. (0620 GMT).", "0620 GMT", None),
        // the day named in the sentence before times a bare time; a day in
        // the background, sentences back, does not
        ("2010-07-15", "The leak began on 20 April. Crews worked all night. Engineers tested the cap. The valve closed at 1425 local time.", "1425 local time", Some("2010-07-15T14:25")),
        ("2010-07-15", "The leak began on 20 April. The valve closed at 1425 local time.", "1425 local time", Some("2010-04-20T14:25")),
        // an aside with its own day is skipped whole
        ("2011-06-08", "Troops attacked around 6 a.m. (11 p.m. Tuesday ET), rebels said.", "around 6 a.m.", Some("2011-06-08T06:00")),
        ("2011-06-08", "Troops attacked around 6 a.m. (11 p.m. Tuesday ET), rebels said.", "Tuesday", None),
        // a day after "on"
        ("2011-01-11", "The nurse said the last dose was given at 1040 on 25 June.", "1040 on 25 June", Some("2010-06-25T10:40")),
        ("2010-01-13", "They met on Tuesday at 1100.", "Tuesday at 1100", Some("2010-01-12T11:00")),
        // far from the article's era and timed by the words before: a clock
        ("2011-01-11", "He told police the patient fell asleep at about 1100.", "about 1100", Some("2011-01-11T11:00")),
        ("2011-01-11", "Nobody dialled for help until 1221.", "1221", Some("2011-01-11T12:21")),
        ("2011-01-11", "On 25 June the calls began shortly after 1130.", "1130", Some("2010-06-25T11:30")),
        ("2011-01-11", "He phoned at 1105 and again between 1130 and 1200.", "1130", Some("2011-01-11T11:30")),
        // a schedule: the time it recurs at
        ("2010-06-01", "Listen on Radio 4: Saturdays, 1130.", "Saturdays, 1130", Some("XXXX-WXX-6T11:30")),
        // years that stay years
        ("2016-07-15", "The chapel was built in 1653.", "1653", Some("1653")),
        ("2016-07-15", "Trade routes grew between 1450 and 1600.", "1450", Some("1450")),
        ("2016-07-15", "Silver coins were in use by 1600.", "1600", Some("1600")),
        ("2016-07-15", "The family settled here around 1650.", "around 1650", Some("1650")),
        ("2016-07-15", "The mill, built in 1720, burned down at 1750.", "1750", Some("1750")),
        ("2010-01-13", "Inflation is back at 1998 levels.", "1998", Some("1998")),
        // counts that stay counts
        ("2010-01-13", "Some 1200 troops were flown in.", "1200", None),
        ("2010-01-13", "The quake shook Route 0546 near the coast.", "0546", None),
        ("2010-01-13", "He scored 2200 points in his career.", "2200", None),
    ]);
}

/// A live page's entry stamps are times on the page's day; a chronology's
/// entries stay years; "Last updated …" stamps the page.
#[test]
#[rustfmt::skip]
fn live_page_stamps() {
    check(&[
        ("2010-06-15", "2159: A reader in Ohio writes in.\n2155: The minister arrives.", "2155", Some("2010-06-15T21:55")),
        ("2010-06-15", "2200 : Our coverage ends here.\n2000 : The president speaks.", "2000", Some("2010-06-15T20:00")),
        ("2010-06-15", "1130 GMT: Engineers restart the pumps.", "1130 GMT", Some("2010-06-15T11:30")),
        ("2010-06-15", "1358\nDivers reach the wreck.", "1358", Some("2010-06-15T13:58")),
        ("2011-09-28", "1958: He is born in Indiana.\n1969: The band signs.", "1958", Some("1958")),
        ("2011-09-28", "1958: He is born in Indiana.\n1969: The band signs.", "1969", Some("1969")),
    ]);
    let roles = |dct: &str, text: &str| -> Vec<(String, Option<chronicler::engine::timex::Role>)> {
        mentions(dct, text)
            .into_iter()
            .map(|m| (m.text, m.role))
            .collect()
    };
    use chronicler::engine::timex::Role::{EntryStamp, PageStamp};
    assert_eq!(
        roles("2010-06-15", "2155: The minister arrives on Monday."),
        vec![
            ("2155".to_string(), Some(EntryStamp)),
            ("Monday".to_string(), None)
        ]
    );
    for (text, stamp) in [
        ("Last updated at 14:59 GMT", "14:59 GMT"),
        ("Page last updated at 07:41 GMT, Wednesday, 9 June 2010", "07:41 GMT, Wednesday, 9 June 2010"),
        ("16 December 2010 Last updated at 06:54 GMT", "16 December 2010"),
        ("16 December 2010 Last updated at 06:54 GMT", "06:54 GMT"),
        ("Page last updated at 07:41 GMT, Wednesday, 9 June 2010 08:41 UK", "08:41"),
        ("(Updated at 11:20 a.m. ET, 6:20 p.m. local time) Shelling resumed.", "6:20 p.m."),
        ("Added: 10 March 2011", "10 March 2011"),
    ] {
        let got = roles("2010-12-16", text);
        assert!(
            got.contains(&(stamp.to_string(), Some(PageStamp))),
            "{text:?}: {got:?}"
        );
    }
    // "added" in running text reports a happening
    assert_eq!(
        roles(
            "2010-12-16",
            "He added on Tuesday that the well was sealed."
        ),
        vec![("Tuesday".to_string(), None)]
    );
}

/// Built whole: a page's stamp is no row, an entry stamp dates its entry
/// only when nothing else in it does.
#[test]
fn stamps_in_a_built_timeline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("live.txt"),
        "Date: 2010-06-15\n\
         Gulf oil spill: live coverage of the relief well\n\
         15 June 2010 Last updated at 22:05 GMT\n\
         2159: Engineers confirmed the containment cap was holding at the well head.\n\
         2150: Coast guard officials said skimmers had collected oil near the marshes on Monday.\n",
    )
    .unwrap();
    let t = chronicler::build(
        &[dir.path().to_path_buf()],
        &chronicler::BuildOptions::default(),
        Grammar::embedded(),
    )
    .unwrap();
    let rows: Vec<(String, String)> = t
        .events
        .iter()
        .map(|r| (r.date.clone(), r.headline.clone()))
        .collect();
    assert!(
        rows.iter()
            .any(|(d, h)| d == "2010-06-15T21:59" && h.contains("cap")),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|(d, h)| d == "2010-06-14" && h.to_lowercase().contains("skimmers")),
        "{rows:#?}"
    );
    assert!(
        !rows
            .iter()
            .any(|(d, _)| d.starts_with("2010-06-15T22:05") || d == "2010-06-15T21:50"),
        "{rows:#?}"
    );
}

/// A weekday with a possessive or after a preposition names a happening
/// the article reports: the past one, unless the verb says future.
#[test]
#[rustfmt::skip]
fn possessive_and_prepositional_weekdays() {
    // 2010-01-13 is a Wednesday
    check(&[
        ("2010-01-13", "Tuesday's earthquake flattened the port.", "Tuesday", Some("2010-01-12")),
        ("2010-01-13", "Aid is arriving following Tuesday's quake.", "Tuesday", Some("2010-01-12")),
        ("2010-01-13", "The city has been calm since Monday's attack.", "Monday", Some("2010-01-11")),
        ("2010-01-13", "Crews will clear the rubble of Monday's landslide.", "Monday", Some("2010-01-11")),
        ("2010-01-13", "Turnout in last Sunday's vote was low.", "last Sunday", Some("2010-01-10")),
        ("2010-01-13", "Saturday's final will be played in Madrid.", "Saturday", Some("2010-01-16")),
        ("2010-01-13", "Both camps campaigned hard ahead of Sunday's election.", "Sunday", Some("2010-01-17")),
        // a shifter still shifts
        ("2010-01-13", "Next Tuesday's meeting will settle it.", "Next Tuesday", Some("2010-01-19")),
    ]);
}

/// Modality and reported speech decide a bare weekday's direction, and the
/// rule says which words did.
#[test]
#[rustfmt::skip]
fn modality_and_reported_speech() {
    // 2010-01-13 is a Wednesday
    check(&[
        ("2010-01-13", "Officials hoped to get supplies in by Thursday or Friday.", "Thursday", Some("2010-01-14")),
        ("2010-01-13", "Officials hoped to get supplies in by Thursday or Friday.", "Friday", Some("2010-01-15")),
        ("2010-01-13", "The bridge should be ready by Monday.", "Monday", Some("2010-01-18")),
        ("2010-01-13", "Applications are due by Friday.", "Friday", Some("2010-01-15")),
        ("2010-01-13", "The union plans to strike on Tuesday.", "Tuesday", Some("2010-01-19")),
        ("2010-01-13", "The minister is set to visit the region on Monday.", "Monday", Some("2010-01-18")),
        ("2010-01-13", "The envoy is expected to arrive on Saturday.", "Saturday", Some("2010-01-16")),
        ("2010-01-13", "Engineers will inspect the dam on Thursday.", "Thursday", Some("2010-01-14")),
        // "is due" without "to": scheduled, whatever past verb follows
        ("2010-05-01", "President Obama is due there on Sunday as is BP head Tony Hayward, who has been criticised over the response.", "Sunday", Some("2010-05-02")),
        ("2010-01-13", "The inspectors are due back on Monday.", "Monday", Some("2010-01-18")),
        ("2010-01-16", "The report was due on Friday but was delayed.", "Friday", Some("2010-01-15")),
        // "would" in reported speech: after the saying, the nearest such day
        ("2010-01-13", "The mayor said he would reopen the schools on Friday.", "Friday", Some("2010-01-15")),
        ("2010-01-16", "The mayor said he would reopen the schools on Friday.", "Friday", Some("2010-01-15")),
        // the saying is past
        ("2010-01-13", "He said on Monday that he would recommend an inquiry.", "Monday", Some("2010-01-11")),
        ("2010-01-13", "On Monday, he also said he would recommend an inquiry.", "Monday", Some("2010-01-11")),
        ("2011-03-23", "Also Tuesday, the commander of U.S. Naval forces said air strikes would continue until Gadhafi complies.", "Tuesday", Some("2011-03-22")),
        ("2011-03-23", "Later Tuesday, officials said talks would resume.", "Tuesday", Some("2011-03-22")),
        // a perception reported, and plans made in the past
        ("2010-01-13", "Gunfire could be heard on Monday near the port.", "Monday", Some("2010-01-11")),
        ("2010-01-13", "The dome could be working on Sunday.", "Sunday", Some("2010-01-17")),
        ("2010-01-16", "Crews were preparing to leave on Friday.", "Friday", Some("2010-01-15")),
        // a modal with its verb: ahead; with "have": past; "could not":
        // the nearest one (it may be the past of "cannot")
        ("2011-03-28", "However, it could take until Thursday or Friday for the organization to take over the mission mandated by the resolution.", "Thursday", Some("2011-03-31")),
        ("2011-03-28", "However, it could take until Thursday or Friday for the organization to take over the mission mandated by the resolution.", "Friday", Some("2011-04-01")),
        ("2010-05-12", "He said the pipe could arrive on Wednesday and be usable by Friday.", "Wednesday", Some("2010-05-12")),
        ("2010-05-12", "He said the pipe could arrive on Wednesday and be usable by Thursday or Friday.", "Friday", Some("2010-05-14")),
        ("2010-05-12", "Officials might announce the result on Friday.", "Friday", Some("2010-05-14")),
        ("2010-01-13", "The victim may have died on Monday.", "Monday", Some("2010-01-11")),
        ("2010-01-13", "Rescuers could not reach the village on Monday.", "Monday", Some("2010-01-11")),
        // … but a modal tells of its verb, not of a day on a noun further
        // on, and "could see" may be the past of "can see"
        ("2011-03-28", "The suspect may face charges over the attack on Saturday, police said.", "Saturday", Some("2011-03-26")),
        ("2011-03-28", "Residents could see smoke rising from the plant on Saturday.", "Saturday", Some("2011-03-26")),
        ("2011-03-28", "Only a few reporters could attend the briefing on Saturday.", "Saturday", Some("2011-03-26")),
        // a contraction and a title-case headline keep their verbs
        ("2011-03-28", "Smith told reporters: \"We’ll vote on Friday.\"", "Friday", Some("2011-04-01")),
        ("2011-03-28", "Obama Will Visit Brazil on Saturday", "Saturday", Some("2011-04-02")),
        // a capitalised word inside the sentence is a name, not a past verb
        ("2011-03-29", "The United Nations summit opens Thursday in Geneva, and world leaders will attend.", "Thursday", Some("2011-03-31")),
        // "set to", however far from the day
        ("2011-03-29", "NATO is set to take control of the full operation in Libya including protecting civilians on Thursday, easing the costs to the United States.", "Thursday", Some("2011-03-31")),
        // past verbs still win
        ("2010-01-13", "The ferry sank on Monday.", "Monday", Some("2010-01-11")),
        ("2010-01-13", "He flew to Paris on Tuesday.", "Tuesday", Some("2010-01-12")),
        ("2010-01-13", "By Monday the death toll had risen to 200.", "Monday", Some("2010-01-11")),
        // a cue past the "that" after the day is the reported clause's
        ("2010-01-16", "The paper said officials told the embassy on Thursday evening that all four would be released.", "Thursday evening", Some("2010-01-14TEV")),
        // the same moment told in another zone: a day from the one before
        ("2011-03-28", "(7:38 p.m. Monday ET, 1:38 a.m. Tuesday in Libya) Obama said the mission was limited.", "1:38 a.m. Tuesday", Some("2011-03-29T01:38")),
        ("2011-03-28", "(11:39 p.m. Sunday ET, 5:39 a.m. Monday in Libya) Rebels said they had taken the town.", "5:39 a.m. Monday", Some("2011-03-28T05:39")),
        // a live page's stamp goes on after the page's date: the nearest such day
        ("2011-03-20", "-LRB- 3:08 p.m. Monday ET , 9:08 p.m. Monday in Libya -RRB- President Barack Obama told reporters that a condition was met.", "3:08 p.m. Monday", Some("2011-03-21T15:08")),
        ("2011-03-20", "-LRB- 3:08 p.m. Monday ET , 9:08 p.m. Monday in Libya -RRB- President Barack Obama told reporters that a condition was met.", "9:08 p.m. Monday", Some("2011-03-21T21:08")),
        ("2011-03-22", "(10:15 a.m. Sunday ET, 4:15 p.m. Sunday in Libya) The coalition said it flew 70 sorties.", "10:15 a.m. Sunday", Some("2011-03-20T10:15")),
        // a listing in brackets is no stamp: the tense decides
        ("2011-03-30", "The Jets will host Dallas (8:20 p.m. Sunday ET, NBC) in the opener.", "8:20 p.m. Sunday", Some("2011-04-03T20:20")),
        // a day just told does not outweigh the tense outside a live page
        ("2011-03-28", "Police said the man was arrested on March 25. He is due to appear in court on Friday.", "Friday", Some("2011-04-01")),
        ("2011-03-28", "The summit is scheduled for Wednesday. Foreign ministers held preparatory talks on Wednesday morning.", "Wednesday morning", Some("2011-03-23TMO")),
        // a list of days is no restated time
        ("2011-03-28", "He will campaign in Ohio on Tuesday, Sunday in Texas.", "Sunday", Some("2011-04-03")),
        // … and the entry's own weekday is the stamp's day
        ("2011-03-20", "-LRB- 11:32 a.m. Monday ET , 5:32 p.m. Monday in Libya -RRB- Coalition members were still working out Monday how the no-fly zone would be commanded , U.S. officials said .", "Monday", Some("2011-03-21")),
        // a day just told that is another weekday leaves the past reading
        ("2011-03-20", "-LRB- 11:32 a.m. Monday ET , 5:32 p.m. Monday in Libya -RRB- Officials said the strikes began Saturday .", "Saturday", Some("2011-03-19")),
        // the first time's zone left unsaid, the second's place named
        ("2011-03-19", "-LRB- 10:40 p.m. Saturday , 11:40 a.m. Sunday in Tokyo -RRB- The death toll has reached 7,700 .", "11:40 a.m. Sunday", Some("2011-03-20T11:40")),
        // a US zone written without its season: "ET", "PT"
        ("2011-03-25", "President Barack Obama will update the nation at 7:30 p.m. ET Monday from the National Defense University.", "7:30 p.m. ET Monday", Some("2011-03-28T19:30")),
        // "prior to" is a preposition, not an infinitive's "to"
        ("2010-01-13", "Prior to Monday, Chile was the only nation to confirm a case.", "Monday", Some("2010-01-11")),
        // a date before its noun is the noun's: the nearest one
        ("2011-07-26", "The 8 October gig at the Millennium Stadium was announced by producers on Monday.", "8 October", Some("2011-10-08")),
        ("2011-07-26", "A 15 August deadline was set by the judge.", "15 August", Some("2011-08-15")),
        ("2011-07-26", "The stadium was closed on 8 October for repairs.", "8 October", Some("2010-10-08")),
        // a relative clause after the day tells of its noun, not of the day
        ("2011-10-05", "On Tuesday his brothers Marlon, Tito and Jackie Jackson, who will be taking part in the concert with their sister, defended the decision.", "Tuesday", Some("2011-10-04")),
        ("2010-01-13", "On Monday the mayor, who will retire next year, opened the bridge.", "Monday", Some("2010-01-11")),
        // … but a day inside one is the clause's
        ("2010-01-13", "He succeeds the chairman, who will step down on Friday for health reasons.", "Friday", Some("2010-01-15")),
        ("2010-01-13", "He succeeds Mr Taylor, who stepped down as chairman, president and chief executive on Monday.", "Monday", Some("2010-01-11")),
    ]);
    // the cue is in the rule, for `explain`
    for (text, expr, cue) in [
        ("The union plans to strike on Tuesday.", "Tuesday", "\"plans to\""),
        ("Aid is arriving following Tuesday's quake.", "Tuesday", "\"following\""),
        ("The mayor said he would reopen the schools on Friday.", "Friday", "\"would\""),
        ("On Monday, he also said he would recommend an inquiry.", "Monday", "\"said\""),
    ] {
        let ms = mentions("2010-01-13", text);
        let m = ms.iter().find(|m| m.text == expr).expect(text);
        assert!(
            m.rule.contains(cue),
            "{text:?}: rule {:?} lacks {cue}",
            m.rule
        );
    }
}

/// Times of day in words are one time; "Tuesday week" is a week after the
/// coming Tuesday.
#[test]
#[rustfmt::skip]
fn times_of_day_in_words() {
    // 2010-01-13 is a Wednesday
    check(&[
        ("2010-01-13", "The convoy left around 5 o'clock in the afternoon.", "around 5 o'clock in the afternoon", Some("2010-01-13T17:00")),
        ("2010-01-13", "Sirens sounded at half past eight in the evening.", "half past eight in the evening", Some("2010-01-13T20:30")),
        ("2010-01-13", "The polls closed at a quarter to midnight.", "a quarter to midnight", Some("2010-01-13T23:45")),
        ("2010-01-13", "The ferry docks at twenty past six in the morning.", "twenty past six in the morning", Some("2010-01-13T06:20")),
        ("2010-01-13", "Prayers begin at five o'clock.", "five o'clock", Some("2010-01-13T05:00")),
        ("2010-01-13", "The talks ended at ten minutes past noon.", "ten minutes past noon", Some("2010-01-13T12:10")),
        ("2010-01-13", "The hearing resumes next Tuesday week.", "next Tuesday week", Some("2010-01-26")),
        ("2010-01-13", "The hearing resumes Thursday week.", "Thursday week", Some("2010-01-21")),
        // numbers that are no time
        ("2010-01-13", "The vote went ten to nine against the plan.", "ten to nine", None),
        ("2010-01-13", "The network was down from about 1 to 8 a.m.", "8 a.m.", Some("2010-01-13T08:00")),
        ("2010-01-13", "Half the town was flooded.", "Half", None),
    ]);
}

/// What something is prepared for lies ahead: "ahead of", "in the run-up
/// to", "preparations for", and a possessive day after "for" in a clause
/// with no past verb. Tokenised text ("Saturday 's") is read as written.
#[test]
#[rustfmt::skip]
fn preparing_for_a_day_looks_ahead() {
    // 2011-10-07 is a Friday
    check(&[
        ("2011-10-07", "Organisers said 40,000 tickets have now been sold ahead of Saturday night 's stadium concert.", "Saturday night", Some("2011-10-08TNI")),
        ("2011-10-07", "The brothers spoke to reporters ahead of Saturday night.", "Saturday night", Some("2011-10-08TNI")),
        ("2011-10-07", "Final preparations are under way for Saturday 's stadium concert in Cardiff.", "Saturday", Some("2011-10-08")),
        ("2011-10-07", "Doors open at 16:00 BST for Saturday 's show.", "Saturday", Some("2011-10-08")),
        ("2011-10-07", "Both parties campaigned hard in the run-up to Sunday's vote.", "Sunday", Some("2011-10-09")),
        // a past verb, or no preparing, and the day is the past one
        ("2011-10-07", "He was arrested for Saturday 's attack.", "Saturday", Some("2011-10-01")),
        ("2011-10-07", "Tuesday 's earthquake flattened the port.", "Tuesday", Some("2011-10-04")),
        ("2011-10-07", "The rally went ahead on Saturday.", "Saturday", Some("2011-10-01")),
        // a relative clause tells of the possessed happening; a deadline in
        // a clause with no past verb lies ahead; "before" a day alone does
        // not say which way
        ("2011-10-07", "Saturday 's tribute concert , which will be broadcast around the world , sold out.", "Saturday", Some("2011-10-08")),
        ("2011-10-07", "Tuesday's quake, which killed 200, left the port in ruins.", "Tuesday", Some("2011-10-04")),
        ("2011-05-19", "Critics say Congress fails to act on or before Friday 's 60 day deadline.", "Friday", Some("2011-05-20")),
        ("2011-05-19", "He was arrested before Friday 's match.", "Friday", Some("2011-05-13")),
        ("2011-05-19", "The rebels missed Friday's deadline.", "Friday", Some("2011-05-13")),
        ("1989-10-30", "Nestle's share of 7% before Friday's purchases is far below the leaders'.", "Friday", Some("1989-10-27")),
        ("2011-10-07", "Under Thursday 's agreement , NATO forces will be able to close the skies.", "Thursday", Some("2011-10-06")),
    ]);
}

/// "died" is a past verb (four letters, so no regular -ed form); what a
/// past verb governs ("died on 25 June") cannot lie after the article,
/// while a past verb elsewhere in the sentence leaves the usual slack.
#[test]
#[rustfmt::skip]
fn a_past_verb_keeps_its_date_before_the_article() {
    check(&[
        ("2010-02-05", "Jackson died at his Los Angeles home on 25 June aged 50.", "25 June", Some("2009-06-25")),
        ("2010-03-16", "The singer died at his Los Angeles home in June, aged 50.", "June", Some("2009-06")),
        ("2010-05-01", "Jackson died on 25 June.", "25 June", Some("2009-06-25")),
        ("2010-05-01", "Thousands fled on 12 June.", "12 June", Some("2009-06-12")),
        // future, or the past verb governs something else: the nearest
        ("2010-05-01", "The inquest will open on 25 June.", "25 June", Some("2010-06-25")),
        ("2010-11-20", "The talks, which ended in chaos, resume on Dec. 7.", "Dec. 7", Some("2010-12-07")),
        ("2010-05-01", "Jackson died on 25 April.", "25 April", Some("2010-04-25")),
        ("1989-10-31", "They said they expect the transaction to be completed by Dec. 15.", "Dec. 15", Some("1989-12-15")),
        ("2010-02-27", "Their eagerly anticipated album is released on 8 March.", "8 March", Some("2010-03-08")),
        // a weekday names the year when the tense picks one it does not fit
        ("2010-08-01", "Paolo Nutini plays a home-coming gig at Paisley Town Hall, recorded on Tuesday 17 August.", "Tuesday 17 August", Some("2010-08-17")),
        ("2016-02-05", "The station plays a tribute hour, recorded on Tuesday 16 February.", "Tuesday 16 February", Some("2016-02-16")),
        ("2016-02-05", "The singer died on Thursday 25 June.", "Thursday 25 June", Some("2015-06-25")),
    ]);
}

/// A time of a day the text narrates without naming it ("the night
/// Jackson died", "1.30 am on the morning of his death") is not the
/// article's day: left unresolved, the clock or part of day kept.
#[test]
#[rustfmt::skip]
fn times_of_a_narrated_day_are_not_the_article_day() {
    check(&[
        ("2011-09-28", "Jackson was given a tablet of Diazepam at 1.30 am on the morning of his death.", "1.30 am", Some("XXXX-XX-XXT01:30")),
        ("2011-09-28", "He had a dose of Propofol at 10.40 am on the day of Jackson 's death.", "10.40 am", Some("XXXX-XX-XXT10:40")),
        ("2011-11-30", "Alvarez testifies that on the night Jackson died, Dr Murray ordered him to pick up vials.", "the night", Some("XXXX-XX-XXTNI")),
        // a clock time alone, or a day that is named, stays where it was
        ("2011-09-28", "Police arrived at 1.30 am.", "1.30 am", Some("2011-09-28T01:30")),
        ("2011-09-28", "Police arrived at 1.30 am on the morning of the vote.", "1.30 am", Some("2011-09-28T01:30")),
        ("2011-09-28", "Police arrived at 1.30 am on the morning. He died later.", "1.30 am", Some("2011-09-28T01:30")),
    ]);
}

#[test]
#[rustfmt::skip]
fn a_last_day_is_a_final_day_not_yesterday() {
    check(&[
        // 2011-03-25 is a Friday: the last day of a trip the article reports
        ("2011-03-25", "On his last day, he moved briskly from photo-op to meetings.", "last day", Some("2011-03-25")),
        ("2011-03-25", "Last day to register!", "Last day", Some("2011-03-25")),
        // "the last day" is a span of 24 hours, and "yesterday" is yesterday
        ("2011-03-25", "He left yesterday.", "yesterday", Some("2011-03-24")),
    ]);
}

#[test]
#[rustfmt::skip]
fn a_paper_named_for_a_day_is_no_date() {
    check(&[
        ("2011-04-28", "Angry survivors told Marie Colvin of The Sunday Times that a plane bombed them.", "Sunday", None),
        ("2009-04-29", "\"London warned: it is here,\" cries the Evening Standard.", "the Evening", None),
        // a day before a name that is no paper's, or with no "the", stays a day
        ("2011-03-28", "The Tuesday Senate vote was delayed.", "Tuesday", Some("2011-03-22")),
        ("2011-04-28", "The Sunday Morning service was held in the cathedral.", "Sunday Morning", Some("2011-04-24TMO")),
        ("2011-04-28", "Officials said Sunday Obama would visit.", "Sunday", Some("2011-04-24")),
    ]);
}

#[test]
#[rustfmt::skip]
fn a_day_named_by_a_clause_is_not_the_narratives() {
    check(&[
        ("2010-06-09", "Workers told of the horrors of the night the rig exploded.", "the night", None),
        ("2010-06-09", "The morning the rig exploded, a BP executive argued over the drilling.", "The morning", None),
        ("2010-05-21", "The delay was announced on the same day the company indicated the amount.", "same day", None),
        // a fronted "that night" is the narrative's
        ("2010-06-09", "He arrived on Monday. That night he left.", "That night", Some("2010-06-07TNI")),
    ]);
}

#[test]
#[rustfmt::skip]
fn the_early_hours_after_a_pages_date_are_the_next_day() {
    check(&[
        // 2011-03-19 is a Saturday: a New York page on Tripoli's night
        ("2011-03-19", "Explosions and anti-aircraft fire were heard early Sunday in Tripoli.", "early Sunday", Some("2011-03-20")),
        ("2011-03-19", "Gadhafi, speaking early Sunday, said the war would be long.", "early Sunday", Some("2011-03-20")),
        ("2011-05-30", "Around 12:45 a.m. Tuesday, a pair of large blasts were heard.", "Around 12:45 a.m. Tuesday", Some("2011-05-31T00:45")),
        ("2011-03-19", "Rebels said they took the town Sunday morning.", "Sunday morning", Some("2011-03-20TMO")),
        // a bare weekday, another day's early hours, and the coming one keep their readings
        ("2011-03-23", "The U.N. Security Council passed a resolution Thursday.", "Thursday", Some("2011-03-17")),
        ("2011-03-19", "It rained early Friday.", "early Friday", Some("2011-03-18")),
        ("2011-03-19", "They will meet early Sunday.", "early Sunday", Some("2011-03-20")),
        ("2011-03-19", "They met last Sunday morning.", "last Sunday morning", Some("2011-03-13TMO")),
    ]);
}

#[test]
#[rustfmt::skip]
fn a_saying_with_its_hearer_and_irregular_pasts_tell_of_their_day() {
    check(&[
        // 2011-03-30 is a Wednesday
        ("2011-03-30", "The United States will also send a liaison to Benghazi, a senior administration official told reporters Tuesday.", "Tuesday", Some("2011-03-29")),
        ("2011-03-30", "If Gadhafi were to face Ahmed now, she would slap him, she told CNN Tuesday.", "Tuesday", Some("2011-03-29")),
        ("2011-03-30", "Officials said in a statement Tuesday the talks will resume.", "Tuesday", Some("2011-03-29")),
        ("2011-03-10", "Libya's government sought Wednesday to influence international sentiment, announcing that the secretary will travel to Portugal.", "Wednesday", Some("2011-03-09")),
        // the reported clause's own day, and a participle after "be", lie ahead
        ("2011-03-30", "He told reporters he will meet them on Tuesday.", "Tuesday", Some("2011-04-05")),
        ("2011-03-30", "Officials said the talks will resume Tuesday.", "Tuesday", Some("2011-04-05")),
        ("2010-05-25", "The report due to be sent to Mr Obama on Thursday may influence the permits.", "Thursday", Some("2010-05-27")),
        // 2010-01-29 is a Friday
        ("2010-01-29", "Details of charges will be officially released Monday, the LA district attorney's office said.", "Monday", Some("2010-02-01")),
    ]);
}

#[test]
#[rustfmt::skip]
fn a_verb_ending_in_eed_is_not_a_past() {
    check(&[
        // 2010-05-21 is a Friday: "would proceed" looks ahead from the
        // expectation, to the nearest Sunday
        ("2010-05-21", "It was widely expected that BP would proceed on Sunday with a so-called top kill operation to plug the well.", "Sunday", Some("2010-05-23")),
        ("2010-05-21", "Officials said the cost could exceed $1bn by Sunday.", "Sunday", Some("2010-05-23")),
        // pasts in -eed stay pasts
        ("2010-05-21", "The two sides agreed on Monday to share the cost.", "Monday", Some("2010-05-17")),
        ("2010-05-21", "The hostages were freed on Monday.", "Monday", Some("2010-05-17")),
    ]);
}

#[test]
#[rustfmt::skip]
fn the_review_of_stop_30s_rules() {
    check(&[
        // 2011-03-19 is a Saturday: a sentence that looks back keeps the Sunday before
        ("2011-03-19", "The fire broke out early Sunday and burned for five days before crews contained it on Friday.", "early Sunday", Some("2011-03-13")),
        ("2011-03-19", "Last week's violence began early Sunday, when troops opened fire on marchers.", "early Sunday", Some("2011-03-13")),
        ("2011-03-19", "A week ago, early Sunday, gunmen stormed the hotel.", "early Sunday", Some("2011-03-13")),
        ("2011-03-19", "Police said the shooting happened about 2 a.m. Sunday outside a nightclub, and a suspect was arrested Thursday.", "about 2 a.m. Sunday", Some("2011-03-13T02:00")),
        // 2011-03-21 is a Monday: a participle is no past, a day opening the reported clause is its
        ("2011-03-21", "Reid told senators Friday would be the last day of debate.", "Friday", Some("2011-03-25")),
        ("2011-03-21", "The money will be sent Friday.", "Friday", Some("2011-03-25")),
        ("2011-03-21", "The money is due to be sent on Friday.", "Friday", Some("2011-03-25")),
        ("2011-03-21", "A deal could be struck by Friday, officials said.", "Friday", Some("2011-03-25")),
        ("2011-03-21", "The work will be completed Friday.", "Friday", Some("2011-03-25")),
        ("2011-03-21", "A senior official told reporters Friday that the vote will be Monday.", "Friday", Some("2011-03-18")),
    ]);
}
