//! One reader of tense and modality: what the verbs around a temporal
//! expression say about which side of the article date it lies on.
//!
//! Two questions are asked of it, with two policies over the same words:
//! - [`around`] (the resolver's): which way a bare weekday, a month
//!   without a year or a holiday goes ("will meet Monday" → the coming
//!   Monday). It always gives an answer when any cue is in the sentence:
//!   the verb right before the expression governs it, else the nearest
//!   cue. [`ClauseTense`] reads it only when the value depends on it.
//! - [`of_clause`] (`check`'s): is a dated statement told in the past or
//!   the future? Read conservatively, within one clause: past only when a
//!   past verb and no present, modal or future cue is near.
//!
//! Both read [`PAST_FORMS`] and [`regular_past`]; nothing here looks at
//! the article date.

use crate::article::sentences::words;
use crate::engine::grammar::Lexicon;
use crate::engine::tag::lex;

/// What the sentence's verbs say about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// Future of a past saying ("he said he would meet them on Friday",
    /// "they hoped to finish by Thursday"): after the saying, which is
    /// before the article date, so either side of it; the nearest one.
    FutureOfPast,
    Unknown,
}

/// Irregular past forms (and "ago") that mark a clause as past.
pub const PAST_FORMS: &[&str] = &[
    "was", "were", "had", "did", "met", "came", "went", "began", "took", "made", "held", "gave",
    "left", "ago", "killed", "drove", "spent", "saw", "won", "lost", "fell", "rose", "sold",
    "bought", "died", "fled", "sought", "sent", "struck", "spoke", "flew", "wrote", "brought",
    "caught", "thought", "fought", "became", "stood", "knew", "chose", "threw", "broke",
];

/// A regular past form ("rolled", "announced"), but not the participles
/// that announce plans ("expected", "scheduled", "planned"), nor a verb
/// whose own ending is "-eed" ("would proceed", "exceed", "succeed",
/// "need"; "agreed", "freed" and "guaranteed" are pasts).
pub fn regular_past(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ed")
        && !w.starts_with(|c: char| c.is_ascii_uppercase())
        && !matches!(w, "expected" | "scheduled" | "planned")
        && (!w.ends_with("eed") || w.ends_with("reed") || w.ends_with("teed"))
}

/// How many bytes around an expression the tense reader looks at.
pub const TENSE_WINDOW: usize = 600;

/// The largest char boundary at or below `i`.
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// True if the punctuation at byte `i` ends a sentence: not the period of
/// "U.S.", "Mr." or "Jan." (the abbreviations in `grammar/abbreviations.csv`).
/// It reads back to the previous white space; in a window (see
/// [`crate::engine::resolve::DocumentResolver`]) that may be cut short by the window's start, but
/// a token cut there is still most of a window long, so neither one
/// letter nor an abbreviation, and the answer is the same.
pub fn sentence_end(text: &str, g: &Lexicon, i: usize) -> bool {
    if !text[i..].starts_with('.') {
        return true;
    }
    let before = &text[..i];
    let token_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |(k, c)| k + c.len_utf8());
    let token = before[token_start..].to_lowercase();
    if token.chars().count() == 1 || g.abbreviations.contains(&format!("{token}.")) {
        return false;
    }
    // "3.5": a decimal point
    !(before.ends_with(|c: char| c.is_ascii_digit())
        && text[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// What the reader concluded and from which words: the cue goes into the
/// resolution rule, so `explain` shows why a weekday went the way it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub tense: Tense,
    /// The words that decided, as written for a person: `"said"`,
    /// `"hoped to"`, `possessive "Tuesday's"`; empty when nothing did.
    pub cue: String,
    /// The past verb governs the expression itself ("died on 25 June",
    /// "said Thursday"), not just some clause nearby: what it dates cannot
    /// lie after the article date.
    pub governs: bool,
}

impl Reading {
    fn new(tense: Tense, cue: impl Into<String>) -> Reading {
        Reading {
            tense,
            cue: cue.into(),
            governs: false,
        }
    }

    fn unknown() -> Reading {
        Reading::new(Tense::Unknown, "")
    }

    /// ": cue" to append to a clause, or nothing.
    pub fn after_colon(&self) -> String {
        if self.cue.is_empty() {
            String::new()
        } else {
            format!(": {}", self.cue)
        }
    }

    /// " (cue)" to append to a rule, or nothing.
    pub fn why(&self) -> String {
        if self.cue.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.cue)
        }
    }
}

/// Verbs that look ahead from the moment they are said or written: "hoped
/// to get supplies in by Thursday", "plans to vote on Tuesday". Present
/// forms make what follows future; past forms future of the saying
/// ([`Tense::FutureOfPast`]).
const LOOK_AHEAD_PRESENT: &[&str] = &[
    "hope",
    "hopes",
    "hoping",
    "expect",
    "expects",
    "expecting",
    "plan",
    "plans",
    "planning",
    "intend",
    "intends",
    "intending",
    "aim",
    "aims",
    "aiming",
    "want",
    "wants",
    "promise",
    "promises",
    "vow",
    "vows",
    "pledge",
    "pledges",
    "threaten",
    "threatens",
    "prepare",
    "prepares",
    "preparing",
    "set",
    "due",
    "slated",
    "scheduled",
    "poised",
    "likely",
    "going",
    "about",
    "ready",
    "is",
    "are",
    "am",
];

const LOOK_AHEAD_PAST: &[&str] = &[
    "hoped",
    "expected",
    "planned",
    "intended",
    "aimed",
    "wanted",
    "promised",
    "vowed",
    "pledged",
    "threatened",
    "prepared",
    "agreed",
    "decided",
    "was",
    "were",
];

/// Modal verbs: what follows them has not happened yet.
const MODALS: &[&str] = &["should", "could", "might", "may", "must", "can", "ought"];

/// Words that lead a possessive day to a happening that has happened
/// unless a future verb follows: "victims of Tuesday's earthquake", "anger
/// over Monday's vote". ("following", "since", "after" decide alone.)
const PAST_LEADS: &[&str] = &["of", "from", "over", "by", "about"];

/// Words between a word and the expression that do not change what the
/// word says of it: "said on Monday", "hoped to finish by late Friday".
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "on" | "late" | "early" | "last" | "this" | "next" | "at" | "by"
    )
}

/// A weekday's name, in any letter case.
fn is_weekday(w: &str) -> bool {
    crate::engine::timex::weekday_index(w).is_some()
}

/// Calls `each` with the byte offset and text of each word of `s`: each run
/// of letters, digits and apostrophes (' and ’). ASCII is read a byte at a
/// time, without decoding.
fn for_each_word<'a>(s: &'a str, mut each: impl FnMut(usize, &'a str)) {
    let b = s.as_bytes();
    // whether the character at `i` belongs to a word, and its length
    let at = |i: usize| -> (bool, usize) {
        match b[i] {
            c if c < 0x80 => (c.is_ascii_alphanumeric() || c == b'\'', 1),
            _ => s[i..].chars().next().map_or((false, 1), |c| {
                (c.is_alphanumeric() || c == '’', c.len_utf8())
            }),
        }
    };
    let mut i = 0;
    let mut start = None;
    while i < b.len() {
        let (in_word, n) = at(i);
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(k)) => {
                each(k, &s[k..i]);
                start = None;
            }
            _ => {}
        }
        i += n;
    }
    if let Some(k) = start {
        each(k, &s[k..]);
    }
}

/// Reads the tense of the clause around the expression at bytes
/// `at..end`: the resolver's reading, which always answers when a cue is
/// in the sentence (see the module's notes). In order:
/// 1. a possessive day ("Tuesday's earthquake") names a happening the
///    article reports: past, unless "ahead of" leads it or a future verb
///    follows its noun ("Saturday's final will be played");
/// 2. a fronted day ("On Monday, he said he would …") takes the tense of
///    the first verb after its comma: here the saying, past;
/// 3. the verb right before governs ("said Thursday", "set to resume
///    Monday"), and further back in the clause a look-ahead verb with "to"
///    ("hoped to get supplies in by Thursday"), "would" in reported speech,
///    "will" or a modal ("should be ready by Monday");
/// 4. otherwise the cue nearest the expression;
/// 5. "by Friday" with no other cue is a deadline: future.
pub fn around(text: &str, g: &Lexicon, at: usize, end: usize) -> Reading {
    let at = at.min(text.len());
    let end = end.clamp(at, text.len());
    let is_end = |i: usize| sentence_end(text, g, i);
    // look at most TENSE_WINDOW bytes either side, so a "sentence" of
    // thousands of dates costs each of them the same bounded work
    let lo = floor_char_boundary(text, at.saturating_sub(TENSE_WINDOW));
    let hi = floor_char_boundary(text, at.saturating_add(TENSE_WINDOW).min(text.len()));
    // the marks are ASCII, so bytes can be read for them: no byte of a
    // multibyte character is ASCII
    let mark = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b'\n' | b';');
    let s_start = text.as_bytes()[lo..at]
        .iter()
        .enumerate()
        .rev()
        .find(|&(i, b)| mark(b) && is_end(lo + i))
        .map(|(i, _)| lo + i + 1)
        .unwrap_or(lo);
    let s_end = text.as_bytes()[at..hi]
        .iter()
        .enumerate()
        .find(|&(i, b)| mark(b) && is_end(at + i))
        .map(|(i, _)| at + i)
        .unwrap_or(hi)
        .max(end.min(hi));
    // words of the sentence, lowercased (on the stack when short ASCII, as
    // most words are), with where each starts; how many start before the
    // expression, and which is the first after it
    let sentence = &text[s_start..s_end];
    let mut mention_word = 0;
    let mut after_word = 0;
    let mut starts: Vec<usize> = Vec::with_capacity(sentence.len() / 4);
    let mut words: Vec<lex::Norm> = Vec::with_capacity(sentence.len() / 4);
    // a capitalised word inside the sentence is a name, not a verb: "the
    // United States", "Will Smith", "in May"; kept as written (below), so
    // no lowercase list matches it (the first 64 of a sentence)
    let mut names: arrayvec::ArrayVec<(usize, &str), 64> = arrayvec::ArrayVec::new();
    // a headline in title case ("Obama Will Visit Brazil on Saturday")
    // capitalises its verbs too: no word of it is taken for a name
    let (mut long, mut capital) = (0usize, 0usize);
    for_each_word(sentence, |k, w| {
        let pos = s_start + k;
        if pos < at {
            mention_word += 1;
        }
        if pos < end {
            after_word += 1;
        }
        starts.push(pos);
        let upper = w.as_bytes()[0].is_ascii_uppercase();
        if w.len() >= 4 {
            long += 1;
            capital += usize::from(upper);
        }
        if upper
            && !words.is_empty()
            && w.bytes().skip(1).any(|b| b.is_ascii_lowercase())
            && !w.contains(['\'', '’'])
        {
            let _ = names.try_push((words.len(), w));
        }
        words.push(lex::norm(w));
    });
    let title = long >= 3 && capital * 4 >= long * 3;
    if !title {
        for &(k, w) in &names {
            words[k] = lex::Norm::Borrowed(w);
        }
    }
    let word = |k: usize| words.get(k).map_or("", |w| &**w);
    // a comma, colon or dash between word k - 1 and word k
    let break_before = |k: usize| {
        k > 0
            && k < starts.len()
            && text[starts[k - 1]..starts[k]]
                .contains([',', ':', '(', ')', '—', '–', '"', '“', '”'])
    };
    let soon = words
        .windows(3)
        .any(|x| x[0] == "as" && x[1] == "soon" && x[2] == "as");

    // 0. "ahead of Saturday night", "in the run-up to Sunday's vote": what
    // is prepared for lies ahead
    if let Some(lead) = anticipating(&words, mention_word) {
        return Reading::new(Tense::Future, format!("after \"{lead}\": what lies ahead"));
    }

    // 1. "Tuesday's earthquake" (tokenised text writes "Tuesday 's")
    let after = text[end..].strip_prefix(' ').unwrap_or(&text[end..]);
    let possessed = after.starts_with("'s") || after.starts_with("’s");
    if possessed && let Some(r) = possessive(&words, mention_word, after_word, text, end) {
        return r;
    }
    // "The 8 October gig was announced on Monday": a date between an
    // article and its noun is the noun's, and the sentence's verbs tell of
    // something else (the announcing); the nearest such day
    if attributive(text, &words, mention_word, at, end) {
        return Reading::new(Tense::Unknown, "a date before its noun");
    }
    // "Doors open at 16:00 for Saturday's show": the purpose of a clause
    // with no past verb lies ahead (read last, when no cue decides)
    // "… on or before Friday's 60 day deadline": a deadline, too
    let deadline = possessed && possessed_deadline(&words, after_word);
    let purpose = possessed
        && (deadline
            || mention_word > 0 && matches!(word(mention_word - 1), "for" | "until" | "till"));

    // 2. "On Monday, he also said he would …", "Also Tuesday, the commander said …"
    let fronted = words[..mention_word.min(words.len())].iter().all(|w| {
        matches!(
            &**w,
            "on" | "late"
                | "early"
                | "and"
                | "but"
                | "then"
                | "by"
                | "also"
                | "later"
                | "earlier"
                | "meanwhile"
        )
    }) && text[end..].trim_start().starts_with(',');
    if fronted {
        for k in after_word..words.len().min(after_word + 8) {
            match clause_cue(word(k), word(k + 1)) {
                Some(Tense::Past) => {
                    return Reading::new(Tense::Past, format!("fronted, then \"{}\"", word(k)));
                }
                Some(t) => return Reading::new(t, format!("fronted, then \"{}\"", word(k))),
                None => {}
            }
        }
    }

    // 3. the verb right before the expression governs it: "said Thursday
    // that it will …" is past, "set to resume Monday" future
    let mut k = mention_word.min(words.len());
    while k > 0 && is_filler(word(k - 1)) {
        k -= 1;
    }
    // "until Thursday or Friday": the second day is read as the first
    let mut lead = mention_word;
    if k > 1 && matches!(word(k - 1), "or" | "and") && is_weekday(word(k - 2)) {
        k -= 2;
        lead = k;
        while k > 0 && is_filler(word(k - 1)) {
            k -= 1;
        }
    }
    if k > 0 {
        let w = word(k - 1);
        if matches!(
            w,
            "said"
                | "told"
                | "announced"
                | "reported"
                | "added"
                | "declared"
                | "confirmed"
                | "denied"
                | "stated"
                | "wrote"
                | "met"
                | "was"
                | "were"
                | "died"
                | "fled"
        ) || ((regular_past(w) || PAST_FORMS.contains(&w)) && w != "ago" && !soon)
        {
            // "to be completed by Dec. 15", "will be sent Friday", "is being
            // sent on Thursday": a participle, not a past verb; the clause's
            // own cue decides, further back
            let participle = after_auxiliary(word, k - 1, |w| matches!(w, "be" | "being"));
            // "is released on Monday 8 March": a present passive, a schedule
            let passive = k > 1 && matches!(word(k - 2), "been" | "is" | "are" | "am");
            if !participle {
                return Reading {
                    governs: !passive,
                    ..Reading::new(Tense::Past, format!("\"{w}\""))
                };
            }
        }
        if matches!(w, "will" | "shall") || w.ends_with("'ll") || soon {
            return Reading::new(Tense::Future, format!("\"{w}\""));
        }
        // "prior to Thursday": a preposition, which says nothing of the tense
        if w == "to" && word(k.saturating_sub(2)) != "prior" {
            return look_ahead(word(k.saturating_sub(2)), word(k.saturating_sub(3)), true);
        }
    }
    // "told senators Friday would be the last day": a day that opens the
    // reported clause is its subject, not the saying's time
    let opens_clause = matches!(
        word(after_word),
        "would"
            | "will"
            | "is"
            | "was"
            | "are"
            | "were"
            | "could"
            | "should"
            | "might"
            | "may"
            | "has"
            | "had"
            | "marks"
            | "marked"
    );
    // "told reporters Tuesday", "told the BBC on Monday", "said in a
    // statement Tuesday": the saying, past, with its hearer or its medium
    // between (a short run with no comma, verb or clause word)
    if k > 1 {
        let from = k.saturating_sub(5);
        if let Some(v) = (from..k - 1)
            .rev()
            .find(|&v| matches!(word(v), "told" | "said"))
        {
            let between = v + 1..k;
            // "told reporters", "told the BBC", "said in a statement"; not
            // "told reporters talks resume Friday", nor a day that opens the
            // reported clause ("told senators Friday would be the last day")
            let short = between.len() <= 2
                || (between.len() == 3 && matches!(word(v + 1), "the" | "a" | "an" | "in" | "at"));
            let plain = short
                && !opens_clause
                && between.clone().all(|b| {
                    let w = word(b);
                    !break_before(b)
                        && !CLAUSE_WORDS.contains(&w)
                        && !MODALS.contains(&w)
                        && !PAST_FORMS.contains(&w)
                        && !regular_past(w)
                        && !matches!(w, "will" | "would" | "shall" | "to" | "is" | "are" | "be")
                });
            let medium = word(v) == "told" || matches!(word(v + 1), "in" | "at" | "during");
            if plain && medium && !break_before(k) {
                return Reading {
                    governs: true,
                    ..Reading::new(Tense::Past, format!("\"{} {}\"", word(v), word(v + 1)))
                };
            }
        }
    }
    // further back in the same clause: "hoped to get supplies in by
    // Thursday", "said he would meet them on Friday"
    let mut j = k;
    while j > 0 && k - j < 10 && !break_before(j) {
        j -= 1;
        let w = word(j);
        // "told members of Britain's parliament Monday": the saying of the
        // day's own clause, past (a "would" or "will" nearer is met first)
        if matches!(w, "told" | "said") && !opens_clause {
            return Reading::new(Tense::Past, format!("\"{w}\""));
        }
        // "due to be sent to Mr Obama on Thursday": a participle is no past verb
        let participle = after_auxiliary(word, j, makes_participle);
        if (PAST_FORMS.contains(&w) && !participle) || (regular_past(w) && word(j + 1) != "to") {
            break;
        }
        if w == "to" && j > 0 {
            let r = look_ahead(word(j - 1), word(j.saturating_sub(2)), false);
            if r.tense != Tense::Unknown {
                return r;
            }
        }
        if w == "would" {
            return Reading::new(Tense::FutureOfPast, "\"would\": future of the saying");
        }
        if matches!(w, "will" | "shall") || w.ends_with("'ll") {
            return Reading::new(Tense::Future, format!("\"{w}\""));
        }
        // "should be ready by Monday", but not "could be heard Thursday";
        // "may have died on Tuesday" is past; "might announce the result on
        // Friday" and "could take until Thursday" lie ahead. The modal
        // governs its verb and object, not a day on a noun further on ("may
        // face charges over the attack on Saturday"): it reads a day within
        // four words of it. "could", also the past of "can", reads one
        // within three; further on, negated ("could not attend on Monday")
        // or perceiving ("could see"), it gives the nearest day.
        if MODALS.contains(&w) {
            let negated = matches!(word(j + 1), "not" | "n't");
            let next = j + 1 + usize::from(negated);
            let reach = if w == "could" { 3 } else { 4 };
            let close = k - j <= reach + usize::from(negated);
            match word(next) {
                "be" if perceived(word(next + 1)) => {}
                "have" | "been" => {
                    return Reading::new(Tense::Past, format!("\"{w} have\""));
                }
                "be" => return Reading::new(Tense::Future, format!("\"{w} be\"")),
                v if w == "could" && (negated || !close || perceives(v)) => {
                    return Reading::new(
                        Tense::FutureOfPast,
                        "\"could\": ahead, or the past of \"can\"",
                    );
                }
                _ if close => return Reading::new(Tense::Future, format!("\"{w}\"")),
                _ => {}
            }
        }
        // "could take until Thursday": the preposition of the expression
        // itself does not open a clause
        if CLAUSE_WORDS.contains(&w) && !(j + 1 == k && matches!(w, "until" | "before" | "after")) {
            break;
        }
    }

    // 4. otherwise the cue nearest the expression decides
    // words in order of their distance from the expression, the earlier of
    // two at the same distance first: the first cue is the nearest
    let m = mention_word;
    let outward = (0..=m.max(words.len())).flat_map(|d| {
        let before = m.checked_sub(d);
        let after = (d > 0).then_some(m + d);
        before.into_iter().chain(after)
    });
    // "told the State Department on Thursday evening that all four would
    // be released": a cue past the "that" after the expression is the
    // reported clause's, and one before it, however far, is the clause's own
    let that_after = (after_word..words.len()).find(|&k| &*words[k] == "that");
    let own_cue_before = that_after.is_some()
        && (0..mention_word).any(|k| {
            let w: &str = &words[k];
            PAST_FORMS.contains(&w) || regular_past(w) || matches!(w, "said" | "told")
        });
    // "On Tuesday his brothers, who will be taking part, defended …": the
    // verbs of a relative clause between commas after the expression tell
    // of the noun it describes, not of the expression
    // (the clauses' word ranges: no allocation when there is none)
    let mut relative: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = after_word;
    while k < words.len() {
        if break_before(k) && matches!(word(k), "who" | "which" | "whose") {
            let close = (k + 1..words.len())
                .find(|&j| break_before(j))
                .unwrap_or(words.len());
            relative.push(k..close);
            k = close;
        } else {
            k += 1;
        }
    }
    let mut best: Option<(usize, Tense, &str)> = None;
    for k in outward
        .filter(|&k| k < words.len())
        .filter(|&k| !(own_cue_before && that_after.is_some_and(|t| k > t)))
        .filter(|&k| !relative.iter().any(|r| r.contains(&k)))
    {
        let w: &str = &words[k];
        let next_is_to = words.get(k + 1).is_some_and(|n| n == "to");
        let cue = if matches!(
            w,
            "will"
                | "planning"
                | "slated"
                | "intend"
                | "soon"
                | "payable"
                | "shall"
                | "won't"
                | "would"
                | "upcoming"
                | "scheduled"
                | "planned"
                | "plans"
                | "expected"
                | "expects"
                | "intends"
                | "aims"
                | "next"
        ) || w.ends_with("'ll")
            || (matches!(w, "going" | "is" | "are" | "due" | "set" | "poised") && next_is_to)
            // "is due there on Sunday", "are due back on Friday": scheduled
            || (w == "due" && k > 0 && matches!(&*words[k - 1], "is" | "are" | "'s" | "am"))
        {
            Some(Tense::Future)
        } else if (PAST_FORMS.contains(&w) || regular_past(w))
            // "is being sent", "will be struck", "will be officially
            // released": a participle
            && !after_auxiliary(word, k, makes_participle)
        {
            Some(Tense::Past)
        } else {
            None
        };
        if let Some(t) = cue {
            best = Some((k.abs_diff(mention_word), t, w));
            break;
        }
    }
    if let Some((_, t, w)) = best {
        return Reading::new(t, format!("\"{w}\""));
    }
    if purpose {
        let why = if deadline {
            "a deadline".to_string()
        } else {
            format!("after \"{}\"", word(mention_word - 1))
        };
        return Reading::new(Tense::Future, format!("possessive {why}: what lies ahead"));
    }
    // 5. "by Friday", "due by Monday", "by Thursday or Friday": a deadline
    if lead > 0 && word(lead - 1) == "by" {
        return Reading::new(Tense::Future, "\"by\": a deadline");
    }
    Reading::unknown()
}

/// Words after a date that are not the noun it modifies ("the 8 October
/// was …", "a 15 July to 20 July stay"), besides [`CLAUSE_WORDS`] and
/// [`MODALS`].
const NOT_NOUNS: &[&str] = &[
    "is", "was", "were", "are", "will", "would", "has", "had", "have", "or", "to", "of", "in",
    "at", "on", "for", "by", "with", "from", "the", "a", "an", "this", "it", "he", "she", "they",
    "we", "be", "been", "did", "does", "do", "through",
];

/// The expression `text[at..end]`, a written date with a day number, sits
/// between "the"/"a"/"an" and a lowercase noun: "the 8 October gig",
/// "a 15 July deadline".
fn attributive(
    text: &str,
    words: &[lex::Norm],
    mention_word: usize,
    at: usize,
    end: usize,
) -> bool {
    if mention_word == 0 || !matches!(&*words[mention_word - 1], "the" | "a" | "an") {
        return false;
    }
    if !text[at..end].bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let next = text[end..]
        .trim_start_matches(' ')
        .split(|c: char| !c.is_ascii_alphabetic() && c != '-')
        .next()
        .unwrap_or("");
    next.len() > 2
        && next.starts_with(|c: char| c.is_ascii_lowercase())
        && ![NOT_NOUNS, CLAUSE_WORDS, MODALS]
            .iter()
            .any(|list| list.contains(&next))
        && !PAST_FORMS.contains(&next)
        && !regular_past(next)
        && !next.ends_with("ing")
}

/// Phrases that name what something is done in preparation for: the
/// expression after them is ahead of the clause ("ahead of Saturday
/// night", "in the run-up to Sunday's vote", "preparations for Friday's
/// march"), as words (lowercased, hyphens split) read backwards from the
/// expression.
const ANTICIPATING: &[&[&str]] = &[
    &["of", "ahead"],
    &["of", "eve"],
    &["of", "advance", "in"],
    &["to", "up", "run"],
    &["to", "up", "build"],
    &["to", "countdown"],
    &["for", "preparation"],
    &["for", "preparations"],
    &["for", "preparing"],
    &["for", "rehearsing"],
    &["for", "rehearsals"],
];

/// Whether the noun a possessive day owns, within the three words from
/// `after` (the "'s" of tokenised text among them), is a deadline.
fn possessed_deadline(words: &[lex::Norm], after: usize) -> bool {
    words
        .iter()
        .skip(after)
        .take(4)
        .any(|w| matches!(&**w, "deadline" | "deadlines" | "cutoff"))
}

/// The phrase of [`ANTICIPATING`] right before word `mention` (fillers
/// such as "this" or "next" skipped), as written forwards.
fn anticipating(words: &[lex::Norm], mention: usize) -> Option<String> {
    let mut k = mention.min(words.len());
    while k > 0 && matches!(&*words[k - 1], "this" | "next" | "late" | "early") {
        k -= 1;
    }
    ANTICIPATING.iter().find_map(|p| {
        let fits = p.len() <= k && p.iter().enumerate().all(|(i, w)| *words[k - 1 - i] == **w);
        fits.then(|| p.iter().rev().copied().collect::<Vec<_>>().join(" "))
    })
}

/// A word before a past form that makes it a participle, no past verb:
/// "be sent", "being struck", "is sent".
fn makes_participle(w: &str) -> bool {
    matches!(w, "be" | "being" | "is" | "are" | "am")
}

/// Word `i` (by `word`) comes after an auxiliary `aux` accepts, perhaps
/// with an adverb in -ly between: "be sent", "be officially released".
fn after_auxiliary<'a>(word: impl Fn(usize) -> &'a str, i: usize, aux: fn(&str) -> bool) -> bool {
    let adverb = |w: &str| {
        w.len() > 4 && w.ends_with("ly") && !matches!(w, "early" | "daily" | "weekly" | "only")
    };
    i > 0 && aux(word(i - 1)) || i > 1 && adverb(word(i - 1)) && aux(word(i - 2))
}

/// "see", "hear": after "could", a report of what was perceived.
fn perceives(w: &str) -> bool {
    matches!(w, "see" | "hear" | "feel" | "smell" | "spot" | "watch")
}

/// A participle of perceiving: "could be heard", "could be seen".
fn perceived(w: &str) -> bool {
    matches!(
        w,
        "heard" | "seen" | "felt" | "spotted" | "smelled" | "observed" | "found"
    )
}

/// A look-ahead verb before "to" (`verb`, and the word before it): "hopes
/// to" → future, "hoped to" or "was expected to" → future of the saying;
/// any other verb ("moved to Monday") → future when `bare` is set (the
/// "to" right before the expression), else unknown ("went to Paris").
fn look_ahead(verb: &str, before: &str, bare: bool) -> Reading {
    if LOOK_AHEAD_PAST.contains(&verb) && verb != "was" && verb != "were" {
        // "was expected to": the auxiliary says when the expecting was
        let t = if matches!(before, "is" | "are" | "am" | "be") {
            Tense::Future
        } else {
            Tense::FutureOfPast
        };
        return Reading::new(t, format!("\"{verb} to\""));
    }
    if matches!(verb, "was" | "were") {
        return Reading::new(Tense::FutureOfPast, format!("\"{verb} to\""));
    }
    if LOOK_AHEAD_PRESENT.contains(&verb) {
        // "were preparing to", "was set to": looking ahead from the past
        if matches!(before, "was" | "were" | "had") {
            return Reading::new(Tense::FutureOfPast, format!("\"{before} {verb} to\""));
        }
        return Reading::new(Tense::Future, format!("\"{verb} to\""));
    }
    if !bare {
        return Reading::unknown();
    }
    // "postponed to Monday", "to meet on Friday"
    Reading::new(Tense::Future, "\"to\"")
}

/// What one word (and the next) says of its clause, for the first verb
/// after a fronted day.
fn clause_cue(w: &str, next: &str) -> Option<Tense> {
    if matches!(w, "will" | "shall" | "won't") || w.ends_with("'ll") {
        return Some(Tense::Future);
    }
    if w == "would" {
        return Some(Tense::FutureOfPast);
    }
    if matches!(w, "is" | "are") && next == "to" {
        return Some(Tense::Future);
    }
    if PAST_FORMS.contains(&w) || regular_past(w) || matches!(w, "said" | "told") {
        return Some(Tense::Past);
    }
    None
}

/// A possessive day: `words[mention..after]` is the expression ("Tuesday's"
/// among them), `text[end..]` starts with "'s". `None`: the words do not
/// decide ("in Sunday's election": the sentence's verb does).
fn possessive(
    words: &[lex::Norm],
    mention: usize,
    after: usize,
    text: &str,
    end: usize,
) -> Option<Reading> {
    let name = &text[text[..end]
        .char_indices()
        .rfind(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(k, c)| k + c.len_utf8())..end];
    let said = format!("possessive \"{name}'s\"");
    let deadline = possessed_deadline(words, after);
    let word = |k: usize| words.get(k).map_or("", |w| &**w);
    // the word that leads the phrase: "following", "since", "ahead of"
    let lead = if mention > 0 { word(mention - 1) } else { "" };
    let lead2 = if mention > 1 { word(mention - 2) } else { "" };
    if lead == "of" && matches!(lead2, "ahead" | "eve") {
        return Some(Reading::new(
            Tense::Future,
            format!("{said} after \"{lead2} of\""),
        ));
    }
    if matches!(
        lead,
        "following" | "after" | "since" | "amid" | "despite" | "wake" | "aftermath"
    ) {
        return Some(Reading::new(
            Tense::Past,
            format!("{said} after \"{lead}\": a happening the article reports"),
        ));
    }
    // a future verb after the possessed noun: "Saturday's final will be
    // played", "Saturday's concert, which will be broadcast" (a relative
    // clause tells of the possessed happening; tokenised "'s" is a word)
    let from = after.max(mention + 1);
    let mut to = from + 4;
    let mut k = from;
    while k < words.len().min(to) {
        let w = word(k);
        let next = word(k + 1);
        k += 1;
        if matches!(w, "which" | "that" | "who") {
            to += 2;
            continue;
        }
        if CLAUSE_WORDS.contains(&w) {
            break;
        }
        if matches!(w, "will" | "shall" | "won't") || w.ends_with("'ll") {
            return Some(Reading::new(Tense::Future, format!("{said}, then \"{w}\"")));
        }
        if matches!(w, "is" | "are")
            && matches!(
                next,
                "to" | "set" | "due" | "expected" | "scheduled" | "likely" | "going"
            )
        {
            return Some(Reading::new(
                Tense::Future,
                format!("{said}, then \"{w} {next}\""),
            ));
        }
    }
    if PAST_LEADS.contains(&lead) {
        return Some(Reading::new(
            Tense::Past,
            format!("{said} after \"{lead}\": a happening the article reports"),
        ));
    }
    if matches!(
        lead,
        "in" | "at" | "during" | "for" | "on" | "to" | "before" | "until" | "till"
    ) || deadline
    {
        return None;
    }
    Some(Reading::new(
        Tense::Past,
        format!("{said}: a happening the article reports"),
    ))
}

/// The tense of the clause around an expression, read the first time it is
/// asked for: most expressions (full dates, years) do not need it.
pub struct ClauseTense<'a> {
    text: &'a str,
    g: &'a Lexicon,
    at: usize,
    end: usize,
    read: std::cell::OnceCell<Reading>,
}

impl<'a> ClauseTense<'a> {
    pub fn new(text: &'a str, g: &'a Lexicon, at: usize, end: usize) -> Self {
        ClauseTense {
            text,
            g,
            at,
            end,
            read: std::cell::OnceCell::new(),
        }
    }

    pub fn get(&self) -> Tense {
        self.reading().tense
    }

    pub fn reading(&self) -> &Reading {
        self.read
            .get_or_init(|| around(self.text, self.g, self.at, self.end))
    }
}

/// Words that open a new clause.
pub const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "that", "which", "who", "when", "while", "after", "before", "because", "as",
    "where", "although", "though", "if", "until", "since",
];

/// What a word says of the tense of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Past,
    /// "will", "is to", "due to" …
    Future,
    /// Present tense, modals and infinitives: not past, not surely future.
    Other,
}

fn cue(w: &str, next: Option<&str>) -> Option<Cue> {
    if matches!(w, "will" | "shall" | "won't") || w.ends_with("'ll") {
        return Some(Cue::Future);
    }
    // "completion by 27 July was possible": what may happen, not what did
    if MODAL_ADJECTIVES.contains(&w) {
        return Some(Cue::Other);
    }
    // "hoped to", "was expected to": what follows is after the hoping
    if next == Some("to") && LOOK_AHEAD_PAST.contains(&w) {
        return Some(Cue::Other);
    }
    if matches!(
        w,
        "is" | "are" | "going" | "due" | "scheduled" | "expected" | "set"
    ) && next == Some("to")
    {
        return Some(Cue::Future);
    }
    if matches!(
        w,
        "would"
            | "could"
            | "may"
            | "might"
            | "can"
            | "must"
            | "should"
            | "upcoming"
            | "scheduled"
            | "expected"
            | "planned"
            | "plans"
            | "plan"
            | "due"
            | "set"
            | "next"
            | "intends"
            | "aims"
            | "hopes"
            | "is"
            | "are"
            | "am"
            | "be"
            | "says"
            | "say"
            | "tells"
            | "to"
    ) {
        return Some(Cue::Other);
    }
    // the resolver's past cues, plus reporting verbs and a few more events
    let past = PAST_FORMS.contains(&w)
        || matches!(
            w,
            "said" | "told" | "flew" | "arrived" | "signed" | "struck" | "broke" | "ended" | "died"
        )
        || (regular_past(w) && !matches!(w, "proposed" | "united"));
    past.then_some(Cue::Past)
}

/// The tense cues of `s`, with the index of their word.
fn cues(s: &str) -> Vec<(usize, Cue, String)> {
    let words: Vec<String> = words(s)
        .into_iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .collect();
    words
        .iter()
        .enumerate()
        .filter_map(|(k, w)| {
            // "the more level headed one", "a recorded message": an
            // adjective, not a verb
            if k > 0 && regular_past(w) && ADJECTIVE_LEADS.contains(&words[k - 1].as_str()) {
                return None;
            }
            cue(w, words.get(k + 1).map(String::as_str)).map(|c| (k, c, w.clone()))
        })
        .collect()
}

/// Adjectives of possibility: a clause with "was possible" or "is likely"
/// tells what may happen, whatever the tense of its verb.
const MODAL_ADJECTIVES: &[&str] = &[
    "possible",
    "impossible",
    "likely",
    "unlikely",
    "able",
    "unable",
    "ready",
    "feasible",
    "hoped",
];

/// Words after which an -ed word is an adjective ("the injured", "a more
/// level headed one"), not a past-tense verb.
const ADJECTIVE_LEADS: &[&str] = &[
    "a", "an", "the", "more", "most", "less", "least", "very", "so", "too", "level", "well",
    "newly", "its", "their", "his", "her", "our", "my", "your",
];

/// Verbs of saying: in their complement "was" and "were" may be the
/// present shifted back ("said completion was possible by 27 July": is
/// possible), so they do not show that the date is past.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "told",
    "added",
    "announced",
    "warned",
    "predicted",
    "insisted",
    "stressed",
    "explained",
    "estimated",
    "suggested",
    "claimed",
    "believed",
    "thought",
    "indicated",
    "confirmed",
    "reported",
    "wrote",
    "stated",
];

/// Past forms that a saying shifts back from the present.
const BACKSHIFTED: &[&str] = &["was", "were", "had"];

/// Participles that also open a clause after a comma ("…, held on 17
/// August"): besides the regular -ed forms.
const PARTICIPLES: &[&str] = &[
    "held", "made", "left", "killed", "sold", "bought", "lost", "won", "taken", "given", "seen",
    "spent", "built", "shot", "written", "shown",
];

/// The byte just after the last clause mark before `start`: punctuation,
/// or the `` and '' quotes of tokenised text (0 when none).
fn mark_before(s: &str, start: usize, is_mark: impl Fn(char) -> bool) -> usize {
    let head = &s[..start];
    let punct = head
        .char_indices()
        .rfind(|&(_, c)| is_mark(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let quote = ["``", "''"]
        .iter()
        .filter_map(|q| head.rfind(q).map(|i| i + q.len()))
        .max()
        .unwrap_or(0);
    punct.max(quote)
}

/// The byte of the first clause mark after `end` (the text's end when none).
fn mark_after(s: &str, end: usize, is_mark: impl Fn(char) -> bool) -> usize {
    let tail = &s[end..];
    let punct = tail.find(is_mark).unwrap_or(tail.len());
    let quote = ["``", "''"]
        .iter()
        .filter_map(|q| tail.find(q))
        .min()
        .unwrap_or(tail.len());
    end + punct.min(quote)
}

/// The tense of the clause holding bytes `start..end` of sentence `s`, read
/// conservatively: past only when a past-tense verb and no present or future
/// cue is in the clause; future only for "will" and the like without a past
/// verb. A fronted date ("On July 18, 2016, the spokesman said …") takes the
/// tense of the first verb of the clause that follows it.
pub fn of_clause(s: &str, start: usize, end: usize) -> Reading {
    // Clause bounds: punctuation, or a word that opens a clause.
    let is_mark = |c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”' | '|'
        )
    };
    let mut from = mark_before(s, start, is_mark);
    let mut to = mark_after(s, end, is_mark);
    let base = from;
    if let Some(w) = words(&s[base..start])
        .into_iter()
        .rfind(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        from = base + w.end;
    }
    if let Some(w) = words(&s[end..to])
        .into_iter()
        .find(|w| CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()))
    {
        to = end + w.start;
    }
    // Cues with their distance in words from the expression.
    let before_words = words(&s[from..start]).len();
    let mut found: Vec<(usize, Cue, String)> = cues(&s[from..start])
        .into_iter()
        .map(|(k, c, w)| (before_words - k, c, w))
        .collect();
    for (k, c, w) in cues(&s[end..to]) {
        found.push((k + 1, c, w));
    }
    // "…, recorded on Tuesday 17 August": a clause after a comma that opens
    // with a participle has no verb of its own; its tense is not read.
    if from == base
        && base > 0
        && let Some(first) = words(&s[from..start]).first()
    {
        let w = first.text.to_lowercase();
        if regular_past(&w) || PARTICIPLES.contains(&w.as_str()) {
            found.retain(|f| f.2 != w);
        }
    }
    // In a saying's complement "was" may be "is" shifted back: "said
    // completion by 27 July was possible".
    let said_before = words(&s[..start])
        .iter()
        .any(|w| REPORTING_VERBS.contains(&w.text.to_lowercase().as_str()));
    let shifted = found
        .iter()
        .filter(|f| f.1 == Cue::Past && !REPORTING_VERBS.contains(&f.2.as_str()))
        .collect::<Vec<_>>();
    if said_before
        && !shifted.is_empty()
        && shifted.iter().all(|f| BACKSHIFTED.contains(&f.2.as_str()))
    {
        return Reading::unknown();
    }
    // A fronted date is followed by its comma: "On July 18, 2016, the
    // spokesman said …" — not "On 19 April they release …".
    let fronted = words(&s[from..start]).iter().all(|w| {
        matches!(
            w.text.to_lowercase().as_str(),
            "on" | "in" | "at" | "during" | "by"
        )
    }) && before_words == 1
        && s[end..].trim_start().starts_with(',');
    if found.is_empty() {
        if !fronted {
            return Reading::unknown();
        }
        // A fronted date ("On July 18, 2016, …"): the next clause's first verb.
        let rest = s[to..].trim_start_matches(is_mark);
        let next_end = rest.find(is_mark).unwrap_or(rest.len());
        return match cues(&rest[..next_end]).first() {
            Some((_, Cue::Past, w)) => Reading::new(Tense::Past, format!("fronted, then \"{w}\"")),
            Some((_, Cue::Future, w)) => {
                Reading::new(Tense::Future, format!("fronted, then \"{w}\""))
            }
            _ => Reading::unknown(),
        };
    }
    // The verb must be near: "lost my vote for … the presidency in 2012" is
    // about the presidency, not the losing.
    let near = found.iter().map(|f| f.0).min().unwrap_or(usize::MAX) <= 8;
    let past = found.iter().any(|f| f.1 == Cue::Past);
    let nearest = |c: Cue| {
        found
            .iter()
            .filter(|f| f.1 == c)
            .min_by_key(|f| f.0)
            .map_or(String::new(), |f| format!("\"{}\"", f.2))
    };
    if found.iter().any(|f| f.1 == Cue::Future) && !past && near {
        Reading::new(Tense::Future, nearest(Cue::Future))
    } else if past && found.iter().all(|f| f.1 == Cue::Past) && near {
        Reading::new(Tense::Past, nearest(Cue::Past))
    } else {
        Reading::unknown()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_digits_and_apostrophes() {
        let cases = [
            "Monday's vote, said  he.",
            "“Don’t” — the 2016 Über-rally; naïve Zürich—façade’s end",
            "",
            "   ",
            "x",
            "no-one 3.5 per cent (roughly) 'quoted' ’curly’ 日本語 テスト é",
        ];
        for s in cases {
            // what the reader split on before: any char but a letter, digit
            // or apostrophe
            let want: Vec<(usize, &str)> = s
                .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
                .collect();
            let mut got = Vec::new();
            for_each_word(s, |k, w| got.push((k, w)));
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn a_dash_before_the_clause_is_read_whole() {
        // regression: the clause start was one byte into the "—"
        let s = "The envoy left — on July 5, 2016, he flew home.";
        let i = s.find("July").unwrap();
        assert_eq!(of_clause(s, i, i + 13).tense, Tense::Past);
    }

    /// `check`'s reading of clauses that look past but tell no past
    /// happening at their date, and of clauses that still do.
    #[test]
    fn clause_tense_is_not_fooled_by_adjectives_participles_and_sayings() {
        let table: &[(&str, &str, Tense)] = &[
            // an -ed adjective, then a time stamp after tokenised quotes
            (
                "thanks to the more level headed one , my `` neighbour '' June 3 , 2014 at 9:15 am |",
                "June 3 , 2014 at 9:15 am",
                Tense::Unknown,
            ),
            (
                "The court hears a recorded message from 3 June 2014 .",
                "3 June 2014",
                Tense::Unknown,
            ),
            // a participle after a comma: the clause has no verb of its own
            (
                "The band plays a charity gig at the old mill , filmed on Friday 12 September .",
                "Friday 12 September",
                Tense::Unknown,
            ),
            (
                "The choir sings at the abbey , held on 4 October for the first time .",
                "4 October",
                Tense::Unknown,
            ),
            // a date in its own clause with a present verb, not fronted
            (
                "On 9 May the group releases a new record , called Lantern .",
                "9 May",
                Tense::Unknown,
            ),
            // possibility, and "was" in a saying's complement
            (
                "The engineer said repairs between 3 and 9 May was possible .",
                "9 May",
                Tense::Unknown,
            ),
            (
                "The minister told reporters the vote on 14 June was the key test .",
                "14 June",
                Tense::Unknown,
            ),
            (
                "Opening by 30 June is unlikely .",
                "30 June",
                Tense::Unknown,
            ),
            // still past: a finite past verb, a reported happening
            (
                "The ferry capsized on 3 June 2014 off the coast .",
                "3 June 2014",
                Tense::Past,
            ),
            (
                "Officials said the ferry capsized on 3 June 2014 .",
                "3 June 2014",
                Tense::Past,
            ),
            (
                "On 3 June 2014 , the ferry capsized off the coast .",
                "3 June 2014",
                Tense::Past,
            ),
            (
                "The ferry , which capsized on 3 June 2014 , was raised .",
                "3 June 2014",
                Tense::Past,
            ),
        ];
        for (s, w, want) in table {
            let i = s.find(w).unwrap();
            let r = of_clause(s, i, i + w.len());
            assert_eq!(r.tense, *want, "{s:?} at {w:?}: {r:?}");
        }
    }

    #[test]
    fn clause_tense_reads_the_verbs() {
        let t = |s: &str, w: &str| {
            let i = s.find(w).unwrap();
            of_clause(s, i, i + w.len()).tense
        };
        assert_eq!(
            t("Kerry met Putin on July 20, 2016.", "July 20, 2016"),
            Tense::Past
        );
        assert_eq!(
            t("Kerry will meet Lavrov on July 10, 2016.", "July 10, 2016"),
            Tense::Future
        );
        assert_eq!(
            t(
                "UN envoy de Mistura urged Russia to push for a resumption of the talks next month.",
                "next month"
            ),
            Tense::Unknown
        );
        assert_eq!(
            t("Kerry said on July 20 that he will return.", "July 20"),
            Tense::Past
        );
        assert_eq!(
            t(
                "On July 18, 2016, White House spokesman Josh Earnest said the US is not ready.",
                "July 18, 2016"
            ),
            Tense::Past
        );
    }
}
