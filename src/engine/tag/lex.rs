//! Word-level nom primitives: case-insensitive words, word-list lookups,
//! separators and numerals. Every parser here takes the rest of the text and
//! returns what it read plus the input after it.

use crate::engine::grammar::{Lexicon, NumeralKind, PhraseTable};
use nom::{
    IResult, Parser,
    bytes::complete::{take_while, take_while_m_n, take_while1},
    character::complete::char,
    combinator::{opt, recognize},
    error::{Error, ErrorKind},
};

pub type Res<'a, T> = IResult<&'a str, T>;

pub fn fail<T>(i: &str) -> Res<'_, T> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// True if `c` may not directly follow the end of an expression.
pub fn continues_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// A run of letters, with inner apostrophes ("year's", "o'clock").
pub fn word(i: &str) -> Res<'_, &str> {
    // ASCII letters up to an ASCII byte that is no apostrophe, or the end:
    // the whole word, nearly always
    let bytes = i.as_bytes();
    let n = ascii_letters(bytes);
    if n > 0 && bytes.get(n).is_none_or(|&b| b < 0x80 && b != b'\'') {
        return Ok((&i[n..], &i[..n]));
    }
    let (mut rest, _) = letters(i)?;
    // inner apostrophe followed by letters: "year's", "o'clock"
    loop {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            // a possessive "'s" is not part of the word: "Friday's" → "Friday"
            (Some(a), Some('s' | 'S'))
                if is_apostrophe(a)
                    && !rest[a.len_utf8() + 1..].starts_with(char::is_alphabetic) =>
            {
                break;
            }
            (Some(a), Some(b)) if is_apostrophe(a) && b.is_alphabetic() => {
                let after = &rest[a.len_utf8()..];
                let (r, _) = letters(after)?;
                rest = r;
            }
            _ => break,
        }
    }
    let len = i.len() - rest.len();
    Ok((rest, &i[..len]))
}

/// A run of letters; ASCII is read byte by byte, the rest by `char`.
fn letters(i: &str) -> Res<'_, &str> {
    let ascii = ascii_letters(i.as_bytes());
    if i.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
        if ascii == 0 {
            return fail(i);
        }
        return Ok((&i[ascii..], &i[..ascii]));
    }
    take_while1(is_word_char)(i)
}

/// The length of the run of ASCII letters at the start of `bytes`, eight
/// bytes at a time: a word of up to seven letters takes one step and no
/// branch per letter.
#[inline]
pub fn ascii_letters(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // per byte, no carries: case folded, high bit cleared, then compared
        // with 'a' and 'z' + 1 by adding up to the high bit
        let y = (x | (0x20 * ONES)) & !HIGH;
        let at_least_a = (y + (0x80 - 0x61) * ONES) & HIGH;
        let past_z = (y + (0x80 - 0x7B) * ONES) & HIGH;
        let letters = at_least_a & !past_z & !x;
        let run = ((!letters & HIGH).trailing_zeros() / 8) as usize;
        n += run;
        if run < 8 {
            return n;
        }
    }
    while n < bytes.len() && (bytes[n] | 0x20).wrapping_sub(b'a') < 26 {
        n += 1;
    }
    n
}

/// `s` without its leading characters that are not letters or digits
/// (ASCII a byte at a time).
#[inline]
pub fn skip_non_alphanumeric(s: &str) -> &str {
    let n = s
        .bytes()
        .position(|b| b >= 0x80 || b.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    let s = &s[n..];
    if s.as_bytes().first().is_some_and(|&b| b >= 0x80) {
        s.trim_start_matches(|c: char| !c.is_alphanumeric())
    } else {
        s
    }
}

/// Lowercases a word and folds curly apostrophes.
///
/// Borrows when the word is already plain lowercase ASCII, which most words
/// are, and lowercases short ASCII words into a buffer on the stack: the
/// scanner calls this for every word of every article.
pub fn norm(w: &str) -> Norm<'_> {
    if w.bytes().all(|b| KEPT_BY_NORM[usize::from(b)]) {
        Norm::Borrowed(w)
    } else if w.is_ascii() {
        let mut buf = arrayvec::ArrayString::<INLINE>::new();
        if buf.try_push_str(w).is_ok() {
            buf.make_ascii_lowercase();
            Norm::Inline(buf)
        } else {
            Norm::Owned(w.to_ascii_lowercase())
        }
    } else {
        Norm::Owned(w.replace('’', "'").to_lowercase())
    }
}

const INLINE: usize = 30;

/// The bytes [`norm`] leaves as they are: lowercase ASCII letters, `'`,
/// `-` and `.`.
const KEPT_BY_NORM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'a';
    while b <= b'z' {
        t[b as usize] = true;
        b += 1;
    }
    t[b'\'' as usize] = true;
    t[b'-' as usize] = true;
    t[b'.' as usize] = true;
    t
};

/// A lowercased word from [`norm`]: borrowed, on the stack, or owned.
#[derive(Clone)]
pub enum Norm<'a> {
    Borrowed(&'a str),
    Inline(arrayvec::ArrayString<INLINE>),
    Owned(String),
}

impl Norm<'_> {
    pub fn into_owned(self) -> String {
        self.to_string()
    }
}

impl std::ops::Deref for Norm<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Norm::Borrowed(s) => s,
            Norm::Inline(s) => s,
            Norm::Owned(s) => s,
        }
    }
}

impl std::fmt::Debug for Norm<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Norm<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<str> for Norm<'_> {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for Norm<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl PartialEq<String> for Norm<'_> {
    fn eq(&self, other: &String) -> bool {
        **self == **other
    }
}

impl PartialEq<Norm<'_>> for &str {
    fn eq(&self, other: &Norm<'_>) -> bool {
        **self == **other
    }
}

/// The exact word `w` (given lowercase), in any case.
pub fn kw<'a>(w: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    move |i: &'a str| {
        // an ASCII first letter that is not the word's: no word to read
        // (folding keeps an ASCII letter ASCII)
        if let Some(&b) = i.as_bytes().first()
            && b.is_ascii()
            && w.as_bytes().first() != Some(&b.to_ascii_lowercase())
        {
            return fail(i);
        }
        let (rest, got) = word(i)?;
        // an ASCII word needs no folding beyond ASCII case
        let same = if got.is_ascii() {
            got.eq_ignore_ascii_case(w)
        } else {
            norm(got) == w
        };
        if same { Ok((rest, got)) } else { fail(i) }
    }
}

/// One of the words in `ws`.
pub fn any_kw<'a>(ws: &'static [&'static str]) -> impl Fn(&'a str) -> Res<'a, &'static str> {
    move |i: &'a str| {
        // as in `kw`: an ASCII first letter that starts none of the words
        if let Some(&b) = i.as_bytes().first()
            && b.is_ascii()
        {
            let b = b.to_ascii_lowercase();
            if !ws.iter().any(|w| w.as_bytes().first() == Some(&b)) {
                return fail(i);
            }
        }
        let (rest, got) = word(i)?;
        let found = if got.is_ascii() {
            ws.iter().find(|w| got.eq_ignore_ascii_case(w))
        } else {
            let g = norm(got);
            ws.iter().find(|w| **w == g)
        };
        match found {
            Some(w) => Ok((rest, *w)),
            None => fail(i),
        }
    }
}

/// Horizontal space and at most one line break.
pub fn sp(i: &str) -> Res<'_, &str> {
    // one space before a word, the usual case
    if let [b' ', next, ..] = i.as_bytes()
        && next.is_ascii_alphanumeric()
    {
        return Ok((&i[1..], &i[..1]));
    }
    let (rest, s) = take_while1(|c: char| c.is_whitespace())(i)?;
    if memchr::memchr_iter(b'\n', s.as_bytes()).nth(1).is_some() {
        return fail(i);
    }
    Ok((rest, s))
}

pub fn sp0(i: &str) -> Res<'_, &str> {
    let (rest, s) = take_while(|c: char| c == ' ' || c == '\t' || c == '\u{a0}')(i)?;
    Ok((rest, s))
}

/// A space or a hyphen between two words ("mid-2014", "mid 2014").
pub fn sep(i: &str) -> Res<'_, &str> {
    if let Ok(r) = sp(i) {
        return Ok(r);
    }
    recognize(char('-')).parse(i)
}

/// An optional period after an abbreviation.
pub fn dot(i: &str) -> Res<'_, Option<char>> {
    opt(char('.')).parse(i)
}

/// `sp` then `p`.
pub fn then<'a, T>(i: &'a str, p: impl Fn(&'a str) -> Res<'a, T>) -> Res<'a, T> {
    let (i, _) = sp(i)?;
    p(i)
}

/// Looks a word up in a map keyed by lowercase words.
pub fn lookup<'a, 'm, T: Clone>(
    map: &'m rustc_hash::FxHashMap<String, T>,
) -> impl Fn(&'a str) -> Res<'a, (T, &'a str)> + 'm {
    move |i: &'a str| {
        let (rest, w) = word(i)?;
        match map.get(&*norm(w)) {
            Some(v) => Ok((rest, (v.clone(), w))),
            None => fail(i),
        }
    }
}

/// True if the word `got` reads as `w`, a word as the tables key it
/// (folded to lowercase): an ASCII word is compared without folding it.
fn same_word(got: &str, w: &str) -> bool {
    if got.is_ascii() {
        got.eq_ignore_ascii_case(w)
    } else {
        norm(got) == w
    }
}

/// The longest phrase of `table` at the start of `i` (words separated by a
/// space or hyphen, each optionally followed by a period).
pub fn phrase<'a, 'm, T>(table: &'m PhraseTable<T>) -> impl Fn(&'a str) -> Res<'a, &'m T> + 'm {
    move |i: &'a str| {
        let (after_first, first) = word(i)?;
        // every phrase of the list starts with this word (the table's key)
        'cands: for (words, value) in table.starting_with(&norm(first)) {
            let mut rest = after_first;
            for w in &words[1..] {
                // an abbreviation's period ("st.") belongs to the phrase
                if let Ok((r, Some(_))) = dot(rest) {
                    rest = r;
                }
                match sep(rest) {
                    Ok((r, _)) => rest = r,
                    Err(_) => continue 'cands,
                }
                match word(rest) {
                    Ok((r, got)) if same_word(got, w) => rest = r,
                    // "year's" in "new year's eve": the word, then the possessive
                    Ok((r, got))
                        if w.strip_suffix("'s").is_some_and(|stem| norm(got) == stem)
                            && (r.starts_with("'s") || r.starts_with("’s")) =>
                    {
                        rest = &r[r.chars().next().map_or(1, char::len_utf8) + 1..];
                    }
                    _ => continue 'cands,
                }
            }
            return Ok((rest, value));
        }
        fail(i)
    }
}

/// Digits: value and count. Refuses digits glued to more digits via `,` or
/// `.` ("1,998", "2.5") so they are not read as a year.
pub fn digits(i: &str) -> Res<'_, (u32, usize)> {
    // byte by byte: ASCII digits are one byte each
    let bytes = i.as_bytes();
    let n = bytes
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if n == 0 || bytes.get(n).is_some_and(u8::is_ascii_digit) {
        return fail(i);
    }
    let v = bytes[..n]
        .iter()
        .fold(0u32, |v, &b| v * 10 + u32::from(b - b'0'));
    Ok((&i[n..], (v, n)))
}

/// A number with thousands separators: "2,000", "12,500,000". Read whole,
/// so that no part of it ("000 years ago") is taken for a number of its own.
pub fn thousands(i: &str) -> Res<'_, f64> {
    let (mut rest, (v, n)) = digits(i)?;
    if n > 3 {
        return fail(i);
    }
    let mut v = u64::from(v);
    let mut groups = 0;
    while let Some(r) = rest.strip_prefix(',')
        && r.len() >= 3
        && r.as_bytes()[..3].iter().all(u8::is_ascii_digit)
        && !r[3..].starts_with(|c: char| c.is_ascii_digit())
    {
        v = v
            .saturating_mul(1000)
            .saturating_add(r[..3].parse::<u64>().unwrap_or(0));
        rest = &r[3..];
        groups += 1;
    }
    if groups == 0 || rest.starts_with(|c: char| c.is_alphanumeric()) {
        return fail(i);
    }
    Ok((rest, v as f64))
}

/// A day-of-month number, optionally with an ordinal suffix ("15", "15th").
pub fn day_number(i: &str) -> Res<'_, u32> {
    let (rest, (v, n)) = digits(i)?;
    if n > 2 || v == 0 {
        return fail(i);
    }
    let (rest, _) = opt(suffix).parse(rest)?;
    if rest.starts_with(continues_word) {
        return fail(i);
    }
    Ok((rest, v))
}

fn suffix(i: &str) -> Res<'_, &str> {
    let (rest, w) = take_while_m_n(2, 2, |c: char| c.is_ascii_alphabetic())(i)?;
    match w.to_ascii_lowercase().as_str() {
        "st" | "nd" | "rd" | "th" => Ok((rest, w)),
        _ => fail(i),
    }
}

/// A four-digit year 1000–2199, not part of a larger number, money or a percentage.
pub fn year4(i: &str) -> Res<'_, i32> {
    let (rest, (v, n)) = digits(i)?;
    if n != 4 || !(1000..=2199).contains(&v) {
        return fail(i);
    }
    if rest.starts_with(continues_word) || rest.starts_with('%') {
        return fail(i);
    }
    // "1998.5", "2016,000"
    let mut ch = rest.chars();
    if let (Some('.' | ','), Some(d)) = (ch.next(), ch.next())
        && d.is_ascii_digit()
    {
        return fail(i);
    }
    Ok((rest, v as i32))
}

/// A cardinal number in digits or words: "3", "twenty-four", "one hundred", "a dozen".
pub fn cardinal<'a>(g: &Lexicon, i: &'a str) -> Res<'a, f64> {
    if let Ok((rest, v)) = thousands(i) {
        return Ok((rest, v));
    }
    if let Ok((rest, (v, _))) = digits(i) {
        // decimals: "2.5"
        if let Some(r) = rest.strip_prefix('.')
            && let Ok((r2, frac)) =
                take_while1::<_, _, Error<&str>>(|c: char| c.is_ascii_digit())(r)
        {
            let s = format!("{v}.{frac}");
            if let Ok(x) = s.parse::<f64>() {
                return Ok((r2, x));
            }
        }
        if rest.starts_with(|c: char| c.is_alphabetic()) && !rest.starts_with('-') {
            // "3rd" is not a cardinal; "10am" is handled by the clock
            return fail(i);
        }
        return Ok((rest, v as f64));
    }
    let num = |i: &'a str| -> Res<'a, (i64, NumeralKind)> {
        let (rest, w) = word(i)?;
        match g.numerals.get(&*norm(w)) {
            Some(n) if n.kind != NumeralKind::Vague && n.kind != NumeralKind::Ordinal => {
                Ok((rest, (n.value.unwrap_or(0), n.kind)))
            }
            _ => fail(i),
        }
    };
    let (mut rest, (mut total, kind)) = num(i)?;
    if kind == NumeralKind::Multiplier {
        return fail(i);
    }
    // "twenty-four", "twenty four"
    if kind == NumeralKind::Tens
        && let Ok((r, _)) = sep(rest)
        && let Ok((r2, (u, NumeralKind::Cardinal))) = num(r)
        && u < 10
    {
        total += u;
        rest = r2;
    }
    // "one hundred", "two thousand"
    if let Ok((r, _)) = sp(rest)
        && let Ok((r2, (m, NumeralKind::Multiplier))) = num(r)
    {
        total *= m;
        rest = r2;
    }
    Ok((rest, total as f64))
}

/// An ordinal in digits or words: "3rd", "third", "twenty-first".
pub fn ordinal<'a>(g: &Lexicon, i: &'a str) -> Res<'a, i64> {
    if let Ok((rest, (v, n))) = digits(i)
        && n <= 3
        && let Ok((rest, _)) = suffix(rest)
        && !rest.starts_with(continues_word)
    {
        return Ok((rest, v as i64));
    }
    let (rest, w) = word(i)?;
    let w = norm(w);
    if let Some(n) = g.numerals.get(&*w) {
        if n.kind == NumeralKind::Ordinal && n.value.unwrap_or(-1) > 0 {
            return Ok((rest, n.value.unwrap_or(0)));
        }
        // "twenty-first"
        if n.kind == NumeralKind::Tens
            && let Ok((r, _)) = sep(rest)
            && let Ok((r2, w2)) = word(r)
            && let Some(u) = g.numerals.get(&*norm(w2))
            && u.kind == NumeralKind::Ordinal
            && u.value.unwrap_or(0) > 0
            && u.value.unwrap_or(0) < 10
        {
            return Ok((r2, n.value.unwrap_or(0) + u.value.unwrap_or(0)));
        }
    }
    fail(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipping_punctuation_agrees_with_trimming_by_char() {
        for s in [
            "",
            "  word",
            ", — “Friday”",
            "...",
            "’80s",
            "—",
            "(3)",
            " \u{a0}é",
            "x",
            "«¡»9",
        ] {
            assert_eq!(
                skip_non_alphanumeric(s),
                s.trim_start_matches(|c: char| !c.is_alphanumeric()),
                "{s:?}"
            );
        }
    }

    #[test]
    fn ascii_letters_counts_like_a_byte_loop() {
        let plain = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        for s in [
            "",
            "a",
            "word ",
            "Thursday",
            "Thursdays!",
            "abcdefghijklmnopqrstuvwxyzABC1",
            "Zürich",
            "AZaz@[`{",
            "éa",
            "year's",
            "12ab",
            "ninetynine-",
        ] {
            for k in 0..=s.len() {
                let b = &s.as_bytes()[k..];
                assert_eq!(ascii_letters(b), plain(b), "{s:?} from {k}");
            }
        }
        for b in 0..=255u8 {
            for len in [1, 8, 9, 17] {
                let bytes = vec![b; len];
                assert_eq!(ascii_letters(&bytes), plain(&bytes), "byte {b:#x} x{len}");
            }
        }
    }
}
