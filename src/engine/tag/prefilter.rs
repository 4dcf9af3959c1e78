//! The scanner's prefilter: one table, built from `grammar/` when the
//! grammar loads, that says for each lowercase word whether it may open an
//! expression and which productions it can open.
//!
//! The scanner looks a word up once. A word that opens nothing is skipped
//! without running nom; a word that does runs only the productions whose
//! [`Opener`]s accept it, instead of all of them. The openers are a superset
//! of what each production's first parser reads, so the dispatch finds
//! exactly what running every production would (`tests/dispatch.rs` checks
//! that on generated text).

use super::lex::{self, ascii_letters};
use super::productions::{Dispatch, PRODUCTIONS};
use super::spec::Opener;
use crate::engine::grammar::{Lexicon, NumeralKind, Position};
use rustc_hash::FxHashMap;

/// The word is an anchor: it carries time itself.
const ANCHOR: u8 = 1;
/// A month or weekday name that is no unit or frequency word: an anchor
/// only when capitalised ("may", "march", "sat").
const NAME_ONLY: u8 = 2;
/// A trigger or numeral: worth parsing only when an anchor follows.
const TRIGGER: u8 = 4;
/// A weekday plus "s": "Mondays".
const PLURAL_WEEKDAY: u8 = 8;
/// Counts as an anchor after a trigger (anchors, plural weekdays, "ninety",
/// "nineties").
const FOLLOWS: u8 = 16;
/// "the": what it opens depends on the next word.
const THE: u8 = 32;

/// What one lowercase word may do.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    flags: u8,
    /// Bit `k` set: production `k` of [`PRODUCTIONS`] may start here.
    opens: u32,
    /// When every production opened here opens with a phrase of two or
    /// more words ("new year's day", "world aids day"): 1 + the index in
    /// [`Prefilter::seconds`] of the words that may come second; else 0.
    second: u16,
}

/// The prefilter table of one grammar.
#[derive(Debug, Clone, Default)]
pub struct Prefilter {
    /// Lowercase word (UTF-8 bytes) → entry.
    words: FxHashMap<Box<[u8]>, Entry>,
    /// The words of `words` of up to eight bytes, keyed by their bytes as
    /// one number (zero-padded): most lookups, hashed and compared at once.
    short: FxHashMap<u64, Entry>,
    /// The longest word in `words`, in bytes.
    longest: usize,
    /// Three bits per word of `words` ([`bloom_bits`]): most words of a
    /// text are rejected here without hashing.
    bloom: Vec<u64>,
    /// The same for the words that count as an anchor after a trigger
    /// ([`FOLLOWS`]): the words after "the", "a", "at" … are looked up only
    /// when they may be one.
    follows_bloom: Vec<u64>,
    numbers: Numbers,
    /// What the token after "the" opens.
    after_the: Level,
    /// The words that may follow a word that opens only phrases of two or
    /// more words ([`Entry::second`]), lowercase.
    seconds: Vec<rustc_hash::FxHashSet<Box<[u8]>>>,
    /// Words that make the number before them worth parsing though they are
    /// no anchor: a meridiem, an era, a zone ("5 p.m.", "490 BC", "8 GMT"),
    /// lowercase and without periods.
    number_words: rustc_hash::FxHashSet<Box<[u8]>>,
}

/// Words after a number, besides anchors and zones, that a production
/// reads: meridiems ("a.m." read as "am"), eras, "local time".
const NUMBER_WORDS: &[&str] = &[
    "am", "pm", "bc", "bce", "ad", "ce", "local", "hrs", "hr", "h",
];

const BLOOM_BITS: usize = 32 * 27 * 27;

/// The three bloom bits of a nonempty word, case folded on the way: (length,
/// first letter, second letter), (length, first letter, last letter) and
/// (length, second letter, last letter).
#[inline]
fn bloom_bits(word: &[u8]) -> [usize; 3] {
    let (len, first, last) = (word.len(), word[0], word[word.len() - 1]);
    let second = if len > 1 { word[1] } else { b' ' };
    [
        bloom_index(len, first, second),
        BLOOM_BITS + bloom_index(len, first, last),
        2 * BLOOM_BITS + bloom_index(len, second, last),
    ]
}

/// The bit of a lowercase word of `len` bytes starting with `first`, `second`
/// (a letter a–z, or anything else).
fn bloom_index(len: usize, first: u8, second: u8) -> usize {
    (len.min(31) * 27 + LETTER[usize::from(first)] as usize) * 27
        + LETTER[usize::from(second)] as usize
}

/// An ASCII letter's number in the alphabet, either case (0 to 25); 26 for
/// any other byte.
const LETTER: [u8; 256] = {
    let mut t = [26u8; 256];
    let mut b = b'a';
    while b <= b'z' {
        t[b as usize] = b - b'a';
        t[b.to_ascii_uppercase() as usize] = b - b'a';
        b += 1;
    }
    t
};

/// A word of one to eight bytes as one number, zero-padded (no word has a
/// zero byte); `None` for a longer word.
#[inline]
fn short_key(w: &[u8]) -> Option<u64> {
    if w.len() > 8 {
        return None;
    }
    // byte by byte: a copy of a few bytes costs a call to memcpy
    Some(
        w.iter()
            .enumerate()
            .fold(0, |k, (i, &b)| k | u64::from(b) << (8 * i)),
    )
}

/// True if the `n` ASCII letters at the start of `bytes` are a whole word
/// as [`lex::word`] reads it: no apostrophe or non-ASCII letter goes on.
fn plain_word(bytes: &[u8], n: usize) -> bool {
    n > 0 && !bytes.get(n).is_some_and(|&b| b == b'\'' || b >= 0x80)
}

/// False when no word of the bloom filter `bloom` has this word's length,
/// first two letters and last letter in the pairs [`bloom_bits`] takes
/// (`word`: ASCII letters, any case).
#[inline]
fn in_bloom(bloom: &[u64], word: &[u8]) -> bool {
    let [i, j, k] = bloom_bits(word);
    let bit = |i: usize| bloom.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0);
    bit(i) && bit(j) && bit(k)
}

impl Dispatch for Prefilter {
    /// The productions whose openers accept the word or number at the start
    /// of `rest`, whether or not it is worth parsing there (no look at the
    /// case or at the words after a trigger): what a production that runs
    /// others in the middle of an expression may skip. All of them when
    /// `rest` starts with no word.
    fn opens_any(&self, rest: &str) -> u32 {
        if let Some((opens, _)) = self.numbers.at(rest) {
            return opens;
        }
        if !rest.starts_with(char::is_alphanumeric) {
            return u32::MAX;
        }
        let Some((_, after, e)) = self.word_after(rest, ascii_letters(rest.as_bytes())) else {
            return u32::MAX;
        };
        if e.flags & THE == 0 {
            return e.opens;
        }
        self.after_the(e.opens, after)
    }
}

/// Productions opened by a number: a run of digits, or an apostrophe
/// before digits ("'80s").
#[derive(Debug, Clone, Default)]
struct Numbers {
    /// Productions opened by a run of `k` digits (index `k`, 1 to 4).
    digits: [u32; 5],
    apostrophe: u32,
}

impl Numbers {
    /// Records that production `bit` opens with `o`; false when `o` is not
    /// a number.
    fn add(&mut self, o: &Opener, bit: u32) -> bool {
        match o {
            Opener::Digits(lens) => lens.iter().for_each(|&n| self.digits[n] |= bit),
            Opener::Apostrophe => self.apostrophe |= bit,
            _ => return false,
        }
        true
    }

    /// When `rest` starts with a digit or an apostrophe: the productions
    /// opened there, and how many digits were read.
    fn at(&self, rest: &str) -> Option<(u32, usize)> {
        let bytes = rest.as_bytes();
        if bytes.first().is_some_and(u8::is_ascii_digit) {
            let n = bytes
                .iter()
                .take(5)
                .take_while(|b| b.is_ascii_digit())
                .count();
            return Some((self.digits.get(n).copied().unwrap_or(0), n));
        }
        let after = rest.strip_prefix(['\'', '\u{2019}'])?;
        let opens = if after.starts_with(|c: char| c.is_ascii_digit()) {
            self.apostrophe
        } else {
            0
        };
        Some((opens, 0))
    }
}

/// Productions by the token that opens them, after "the".
#[derive(Debug, Clone, Default)]
struct Level {
    words: FxHashMap<Box<[u8]>, u32>,
    longest: usize,
    numbers: Numbers,
}

impl Level {
    fn add(&mut self, g: &Lexicon, o: &Opener, bit: u32) {
        if !self.numbers.add(o, bit) && !matches!(o, Opener::The(_)) {
            each_word(g, o, &mut |w, _| self.put(w, bit));
        }
    }

    fn put(&mut self, w: &str, bit: u32) {
        self.longest = self.longest.max(w.len());
        match self.words.get_mut(w.as_bytes()) {
            Some(opens) => *opens |= bit,
            None => {
                self.words.insert(w.as_bytes().into(), bit);
            }
        }
    }

    /// Productions opened by the token at the start of `rest`.
    fn opens(&self, rest: &str) -> u32 {
        if let Some((opens, _)) = self.numbers.at(rest) {
            return opens;
        }
        match lex::word(rest) {
            Ok((_, w)) if w.len() <= self.longest => self
                .words
                .get(lex::norm(w).as_bytes())
                .copied()
                .unwrap_or_default(),
            _ => 0,
        }
    }
}

/// Calls `f` with each word `o` accepts first, and with `true` when the word
/// is the second of a phrase that starts with "the" ("the end of").
fn each_word(g: &Lexicon, o: &Opener, f: &mut dyn FnMut(&str, bool)) {
    if let Some(phrases) = phrases_of(g, o) {
        for words in phrases {
            match words {
                [the, second, ..] if the == "the" => f(second, true),
                [the] if the == "the" => {}
                [first, ..] => f(first, false),
                [] => {}
            }
        }
        return;
    }
    match o {
        Opener::Words(ws) => ws.iter().for_each(|w| f(w, false)),
        Opener::Months => g.months.keys().for_each(|w| f(w, false)),
        Opener::Weekdays => g.weekdays.keys().for_each(|w| f(w, false)),
        Opener::PluralWeekdays => g.weekdays.keys().for_each(|w| f(&format!("{w}s"), false)),
        Opener::Numerals => g.numerals.keys().for_each(|w| f(w, false)),
        Opener::Units => g.units.keys().for_each(|w| f(w, false)),
        Opener::Seasons => g.seasons.keys().for_each(|w| f(w, false)),
        Opener::Sets => g.sets.keys().for_each(|w| f(w, false)),
        Opener::TensPlural => {
            for (w, n) in &g.numerals {
                if n.kind == NumeralKind::Tens
                    && let Some(stem) = w.strip_suffix('y')
                {
                    f(&format!("{stem}ies"), false);
                }
            }
        }
        // phrase openers are read above
        Opener::Shifters
        | Opener::PartsOfDay
        | Opener::Deictics
        | Opener::Holidays
        | Opener::Modifiers
        | Opener::Digits(_)
        | Opener::Apostrophe
        | Opener::The(_) => {}
    }
}

/// The phrases of the word list a phrase opener reads, as words; `None`
/// for the other openers.
fn phrases_of<'g>(g: &'g Lexicon, o: &Opener) -> Option<Vec<&'g [String]>> {
    fn all<T>(t: &crate::engine::grammar::PhraseTable<T>) -> Vec<&[String]> {
        t.first_words()
            .flat_map(|w| t.starting_with(w))
            .map(|(words, _)| words.as_slice())
            .collect()
    }
    // a shifter or modifier written after what it shifts ("two days ago",
    // "a week from now") opens nothing: the productions read those only
    // after a count or a date
    fn placed_before<T>(
        t: &crate::engine::grammar::PhraseTable<T>,
        position: impl Fn(&T) -> Position,
    ) -> Vec<&[String]> {
        t.first_words()
            .flat_map(|w| t.starting_with(w))
            .filter(|(_, v)| position(v) == Position::Before)
            .map(|(words, _)| words.as_slice())
            .collect()
    }
    Some(match o {
        Opener::Shifters => placed_before(&g.shifters, |s| s.position),
        Opener::PartsOfDay => all(&g.parts_of_day),
        Opener::Deictics => all(&g.deictics),
        Opener::Holidays => all(&g.holidays),
        Opener::Modifiers => placed_before(&g.modifiers, |m| m.position),
        _ => return None,
    })
}

/// For each word that some production opens with: `None` when it may open
/// one alone, else the words that may come second (each phrase it opens
/// has two words or more). A phrase's second word "year's" may be read as
/// "year" then the possessive, so its stem is in too.
fn second_words(g: &Lexicon) -> FxHashMap<String, Option<Vec<String>>> {
    let mut out: FxHashMap<String, Option<Vec<String>>> = FxHashMap::default();
    for (_, _, openers) in PRODUCTIONS {
        for o in *openers {
            if let Some(phrases) = phrases_of(g, o) {
                for words in phrases {
                    let slot = out.entry(words[0].clone()).or_insert(Some(Vec::new()));
                    match (words.get(1), slot.as_mut()) {
                        (Some(second), Some(list)) => {
                            list.push(second.clone());
                            if let Some(stem) = second.strip_suffix("'s") {
                                list.push(stem.to_string());
                            }
                        }
                        (None, _) => *slot = None,
                        (Some(_), None) => {}
                    }
                }
            } else {
                each_word(g, o, &mut |w, second| {
                    if !second {
                        out.insert(w.to_string(), None);
                    }
                });
            }
        }
    }
    out
}

impl Prefilter {
    /// Builds the table from the grammar's word lists and [`PRODUCTIONS`].
    pub fn new(g: &Lexicon) -> Prefilter {
        let mut p = Prefilter::default();
        for w in &g.anchors {
            p.put(w, ANCHOR | FOLLOWS, 0);
        }
        // weekday names of four letters or more ("friday", "thurs", "tues")
        // are anchors in lowercase too: informal text writes them so
        let lower_ok = |w: &str| g.weekdays.contains_key(w) && w.len() >= 4;
        for w in g.months.keys().chain(g.weekdays.keys()) {
            if !g.units.contains_key(w) && !g.sets.contains_key(w) && !lower_ok(w) {
                p.put(w, NAME_ONLY, 0);
            }
        }
        for w in g.triggers.iter().chain(g.numerals.keys()) {
            p.put(w, TRIGGER, 0);
        }
        for w in g.weekdays.keys() {
            p.put(&format!("{w}s"), PLURAL_WEEKDAY | FOLLOWS, 0);
        }
        for (w, n) in &g.numerals {
            if n.kind == NumeralKind::Tens {
                p.put(w, FOLLOWS, 0);
                if let Some(stem) = w.strip_suffix('y') {
                    p.put(&format!("{stem}ies"), FOLLOWS, 0);
                }
            }
        }
        for (k, (_, _, openers)) in PRODUCTIONS.iter().enumerate() {
            let bit = 1u32 << k;
            for o in *openers {
                match o {
                    _ if p.numbers.add(o, bit) => {}
                    Opener::The(after) => {
                        after.iter().for_each(|a| p.after_the.add(g, a, bit));
                        p.put("the", THE, 0);
                    }
                    _ => {
                        let mut seconds = Vec::new();
                        each_word(g, o, &mut |w, second| {
                            if second {
                                seconds.push(w.to_string());
                            } else {
                                p.put(w, 0, bit);
                            }
                        });
                        for w in seconds {
                            p.after_the.put(&w, bit);
                            p.put("the", THE, 0);
                        }
                    }
                }
            }
        }
        // a word that opens nothing and counts for nothing after a trigger
        // needs no entry ("in", "on": triggers with no production of their own)
        p.words
            .retain(|_, e| e.opens != 0 || e.flags & (THE | FOLLOWS) != 0);
        // "new", "world", "all": worth parsing only before "year", "aids",
        // "saints" …
        for (w, seconds) in second_words(g) {
            let (Some(seconds), Some(e)) = (seconds, p.words.get_mut(w.as_bytes())) else {
                continue;
            };
            if e.opens == 0 || e.flags & THE != 0 || w == "the" {
                continue;
            }
            p.seconds
                .push(seconds.into_iter().map(|s| s.into_bytes().into()).collect());
            e.second = p.seconds.len() as u16;
        }
        p.number_words = NUMBER_WORDS
            .iter()
            .map(|w| w.as_bytes().into())
            .chain(
                g.timezones
                    .keys()
                    .map(|z| z.replace('.', "").into_bytes().into()),
            )
            .collect();
        p.bloom = vec![0; 3 * BLOOM_BITS / 64];
        p.follows_bloom = vec![0; 3 * BLOOM_BITS / 64];
        for (w, e) in &p.words {
            for i in bloom_bits(w) {
                p.bloom[i / 64] |= 1 << (i % 64);
                if e.flags & FOLLOWS != 0 {
                    p.follows_bloom[i / 64] |= 1 << (i % 64);
                }
            }
        }
        p.short = p
            .words
            .iter()
            .filter_map(|(w, e)| Some((short_key(w)?, *e)))
            .collect();
        p
    }

    fn put(&mut self, w: &str, flags: u8, opens: u32) {
        self.longest = self.longest.max(w.len());
        // most words are put more than once: allocate a key only for a new one
        if let Some(e) = self.words.get_mut(w.as_bytes()) {
            e.flags |= flags;
            e.opens |= opens;
        } else {
            self.words.insert(
                w.as_bytes().into(),
                Entry {
                    flags,
                    opens,
                    second: 0,
                },
            );
        }
    }

    fn entry(&self, w: &str) -> Entry {
        if w.len() > self.longest {
            return Entry::default();
        }
        self.get(lex::norm(w).as_bytes())
    }

    /// False when no word in the table has this word's length, first two
    /// letters and last letter (`word`: ASCII letters, any case).
    #[inline]
    fn maybe(&self, word: &[u8]) -> bool {
        in_bloom(&self.bloom, word)
    }

    fn get(&self, lower: &[u8]) -> Entry {
        match short_key(lower) {
            Some(k) => self.short.get(&k),
            None => self.words.get(lower),
        }
        .copied()
        .unwrap_or_default()
    }

    /// The word at the start of `rest` (as [`lex::word`] reads it), the
    /// rest after it, and its entry. Plain ASCII words, nearly all of them,
    /// are lowercased and looked up in one pass.
    fn word<'a>(&self, rest: &'a str) -> Option<(&'a str, &'a str, Entry)> {
        self.word_after(rest, ascii_letters(rest.as_bytes()))
    }

    /// [`Prefilter::word`] when the run of ASCII letters at the start of
    /// `rest` is known to be `n` bytes long.
    fn word_after<'a>(&self, rest: &'a str, n: usize) -> Option<(&'a str, &'a str, Entry)> {
        let bytes = rest.as_bytes();
        // an apostrophe or a non-ASCII letter next: the general reader
        if !plain_word(bytes, n) {
            let (after, w) = lex::word(rest).ok()?;
            return Some((w, after, self.entry(w)));
        }
        let (w, after) = rest.split_at(n);
        if n > self.longest || !self.maybe(&bytes[..n]) {
            return Some((w, after, Entry::default()));
        }
        if n <= 8 {
            // lowercased straight into the key: no buffer to copy
            let mut k = 0u64;
            for (i, b) in bytes[..n].iter().enumerate() {
                k |= u64::from(b.to_ascii_lowercase()) << (8 * i);
            }
            return Some((w, after, self.short.get(&k).copied().unwrap_or_default()));
        }
        let mut buf = [0u8; 32];
        let Some(key) = buf.get_mut(..n) else {
            return Some((w, after, self.entry(w)));
        };
        // byte by byte: a call to memcpy costs more than a short word
        for (k, b) in key.iter_mut().zip(bytes) {
            *k = b.to_ascii_lowercase();
        }
        Some((w, after, self.get(key)))
    }

    /// The length of the plain ASCII word at the start of `bytes` (letters,
    /// then a space or punctuation) when it opens nothing; `None` when the
    /// word needs the full look ([`Prefilter::look`]). Most words of a text
    /// end here, without a lookup.
    #[inline]
    pub(crate) fn skips(&self, bytes: &[u8]) -> Option<usize> {
        let n = ascii_letters(bytes);
        match bytes.get(n) {
            Some(&c) if c >= 0x80 || c == b'\'' || c.is_ascii_digit() => return None,
            _ => {}
        }
        (n > 0 && (n > self.longest || !self.maybe(&bytes[..n]))).then_some(n)
    }

    /// The productions worth running at byte `pos` of `text` (a word start),
    /// as a bit set over [`PRODUCTIONS`]; 0 when none can match there or the
    /// word is not worth parsing: a month or weekday name in lowercase, or a
    /// trigger such as "the" or "about" with no anchor word in the next four.
    pub fn opens_at(&self, text: &str, pos: usize) -> u32 {
        self.look(text, pos).0
    }

    /// [`Prefilter::opens_at`], and how many bytes from `pos` on it read
    /// as ASCII letters or digits (the scanner skips them when nothing matches).
    pub(crate) fn look(&self, text: &str, pos: usize) -> (u32, usize) {
        let rest = &text[pos..];
        if let Some((opens, n)) = self.numbers.at(rest) {
            if (1..=3).contains(&n) && opens != 0 && !self.number_worth(&rest[n..]) {
                return (0, n);
            }
            return (opens, n);
        }
        let bytes = rest.as_bytes();
        let run = ascii_letters(bytes);
        (self.word_opens(rest, run), run)
    }

    /// What "the" opens: its own productions, and those of the token after it.
    fn after_the(&self, opens: u32, after: &str) -> u32 {
        // "the", then a space or a hyphen (a phrase word may keep a period:
        // "the. future"), then the token that decides
        let after = after.strip_prefix('.').unwrap_or(after);
        let next = after.trim_start_matches(|c: char| c.is_whitespace() || c == '-');
        if next.len() == after.len() {
            return opens;
        }
        opens | self.after_the.opens(next)
    }

    fn word_opens(&self, rest: &str, run: usize) -> u32 {
        let bytes = rest.as_bytes();
        let Some((w, after, e)) = self.word_after(rest, run) else {
            return 0;
        };
        if e.opens == 0 && e.flags & THE == 0 {
            return 0;
        }
        // "the": what it opens depends on the token after it, which is
        // cheaper to read than the four words that decide if it is worth it
        let opens = if e.flags & THE == 0 {
            e.opens
        } else {
            self.after_the(e.opens, after)
        };
        if opens == 0 {
            return 0;
        }
        let lower = w.starts_with(char::is_lowercase);
        let worth =
            // "Q3"
            matches!(bytes, [b'Q' | b'q', d, ..] if d.is_ascii_digit())
            || e.flags & ANCHOR != 0 && !(lower && e.flags & NAME_ONLY != 0)
            // "Mondays"
            || e.flags & PLURAL_WEEKDAY != 0 && w.len() > 4
            || e.flags & TRIGGER != 0 && self.anchor_follows(after);
        if !worth || e.second != 0 && !self.second_follows(e.second, after) {
            return 0;
        }
        opens
    }

    /// True if the word after the first of a phrase (`after`: the text after
    /// that word) is one of the second words of [`Prefilter::seconds`]
    /// `[second - 1]`, as [`lex::phrase`] reads it: an abbreviation's period,
    /// a space or hyphen, the word.
    fn second_follows(&self, second: u16, after: &str) -> bool {
        let after = after.strip_prefix('.').unwrap_or(after);
        let Ok((next, _)) = lex::sep(after) else {
            return false;
        };
        let Ok((_, w)) = lex::word(next) else {
            return false;
        };
        self.seconds[usize::from(second) - 1].contains(lex::norm(w).as_bytes())
    }

    /// Whether a number of one to three digits (`after`: the text after its
    /// digits) is worth parsing: something other than a space follows it
    /// ("15th", "930am", "3-5", "8:30", "15.07.2016"), or, after its
    /// thousands ("1,250") and decimals ("2.5"), a space and then an anchor
    /// or a number in the next four words ("35,000 years", "10 to 12
    /// weeks") or a meridiem, era or zone ("5 p.m.", "490 BC"). "2,000
    /// people", "12 miles", "5.6 million" are not.
    fn number_worth(&self, after: &str) -> bool {
        let b = after.as_bytes();
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let mut i = 0;
        while b.get(i) == Some(&b',') && (1..=3).all(|k| digit(i + k)) && !digit(i + 4) {
            i += 4;
        }
        if b.get(i) == Some(&b'.') && digit(i + 1) {
            i += 1;
            while digit(i) {
                i += 1;
            }
        }
        match b.get(i) {
            None => false,
            Some(b' ' | b'\t' | b'\n' | b'\r') => {
                let rest = &after[i..];
                self.anchor_follows(rest) || self.number_word_follows(rest)
            }
            Some(_) => true,
        }
    }

    /// True if the next word (letters and periods, the periods dropped,
    /// lowercased) is one of [`Prefilter::number_words`].
    fn number_word_follows(&self, rest: &str) -> bool {
        let rest = rest.trim_start();
        let mut buf = [0u8; 8];
        let mut n = 0;
        for &c in rest.as_bytes() {
            if c == b'.' {
                continue;
            }
            if !c.is_ascii_alphabetic() {
                break;
            }
            if n == buf.len() {
                return false;
            }
            buf[n] = c.to_ascii_lowercase();
            n += 1;
        }
        n > 0 && self.number_words.contains(&buf[..n])
    }

    /// True if one of the next four words is an anchor word or a number.
    fn anchor_follows(&self, mut rest: &str) -> bool {
        for _ in 0..4 {
            rest = lex::skip_non_alphanumeric(rest);
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
            // a plain ASCII word that no anchor shares a bloom bit with:
            // passed over as `word` reads it, without a lookup
            let bytes = rest.as_bytes();
            let n = ascii_letters(bytes);
            if plain_word(bytes, n)
                && (n > self.longest || !in_bloom(&self.follows_bloom, &bytes[..n]))
            {
                rest = &rest[n..];
                continue;
            }
            let Some((_, after, e)) = self.word(rest) else {
                return false;
            };
            if e.flags & FOLLOWS != 0 {
                return true;
            }
            rest = after;
        }
        false
    }
}
