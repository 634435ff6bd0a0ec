//! The text-level patterns of libphonenumber's parser, over characters.
//!
//! Python phonenumbers recognises a number's shape with Unicode regular
//! expressions compiled `re.UNICODE | re.IGNORECASE` (`_VALID_PHONE_NUMBER`,
//! the extension patterns) or plain (`_VALID_START_CHAR`, the trailing-junk
//! pattern, the RFC 3966 patterns). This module answers the same questions
//! directly: character classes are spelled out (including the few non-ASCII
//! characters that Python's case-insensitive matching adds, such as U+017F for
//! `s`), and the patterns are evaluated over sets of positions, one bit per
//! character, which gives the same yes/no answers as a backtracking engine.
//! Inputs are at most 64 characters (checked first), so a `u128` holds a set.
//!
//! Most numbers are written with ASCII digits, plus signs and a little
//! punctuation; [`plain_number`] answers for those in one pass, where none of
//! the Unicode-heavy patterns can change the outcome.

use super::digits::Digits;
use super::unicode_tables::{DECIMAL_DIGITS, WORD_CHARACTERS};

/// Set of positions `0..=len` in a character slice.
type Positions = u128;

/// Longest slice the position sets can describe.
pub(crate) const MAX_CHARS: usize = 127;

/// Value of a decimal digit (`\d`: general category Nd) in any script.
pub(crate) fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    let cp = u32::from(c);
    if cp < 0x80 {
        return None;
    }
    let i = DECIMAL_DIGITS.partition_point(|&(_, hi)| hi < cp);
    match DECIMAL_DIGITS.get(i) {
        // Each run starts at a zero, so the value is the offset modulo ten.
        Some(&(lo, _)) if lo <= cp => u8::try_from((cp - lo) % 10).ok(),
        _ => None,
    }
}

/// Whether `c` is a decimal digit in any script.
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Python's `\w`: letters, digits and numbers of any script, and `_`.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let cp = u32::from(c);
    let i = WORD_CHARACTERS.partition_point(|&(_, hi)| hi < cp);
    WORD_CHARACTERS.get(i).is_some_and(|&(lo, _)| lo <= cp)
}

const fn is_plus(c: char) -> bool {
    matches!(c, '+' | '\u{FF0B}')
}

/// `_VALID_PUNCTUATION`, case-insensitively (so `X` as well as `x`).
const fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '-' | 'x'
            | 'X'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '\u{30FC}'
            | '\u{FF0D}'..='\u{FF0F}'
            | ' '
            | '\u{00A0}'
            | '\u{00AD}'
            | '\u{200B}'
            | '\u{2060}'
            | '\u{3000}'
            | '('
            | ')'
            | '\u{FF08}'
            | '\u{FF09}'
            | '\u{FF3B}'
            | '\u{FF3D}'
            | '.'
            | '['
            | ']'
            | '/'
            | '~'
            | '\u{2053}'
            | '\u{223C}'
            | '\u{FF5E}'
    )
}

/// Punctuation (`_VALID_PUNCTUATION`) that no extension pattern uses as a
/// label (as `x`, `~` and `～` are) and that is not a word character (as `ー`
/// is, which `_extract_possible_number` would keep at the end of a number).
const fn is_plain_punctuation(c: char) -> bool {
    is_punctuation(c) && !matches!(c, 'x' | 'X' | '~' | '\u{FF5E}' | '\u{30FC}')
}

/// How [`plain_number`] reads a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plain {
    /// An ASCII digit.
    Digit,
    Plus,
    Punctuation,
    /// Anything else: the input is not plain.
    Other,
}

const fn plain_class(c: char) -> Plain {
    if c.is_ascii_digit() {
        Plain::Digit
    } else if is_plus(c) {
        Plain::Plus
    } else if is_plain_punctuation(c) {
        Plain::Punctuation
    } else {
        Plain::Other
    }
}

/// [`plain_class`] of each ASCII character.
const ASCII_PLAIN: [Plain; 128] = {
    let mut table = [Plain::Other; 128];
    let mut byte: u8 = 0;
    while byte < 128 {
        table[byte as usize] = plain_class(byte as char);
        byte += 1;
    }
    table
};

/// The parser's view of an input made only of ASCII digits, plus signs and
/// plain punctuation (spaces, `-`, `(`, `)`, `.`, `/` and their Unicode
/// kin), if it is a viable number: whether it starts with a plus sign, and its
/// digits. This is what the general path finds for such input, in one pass:
/// - no `;phone-context=`, `;isub=` or extension can occur, as each needs a
///   character outside this set;
/// - `_extract_possible_number` keeps the text from the first plus sign or
///   digit through the last digit (the rest is not word characters);
/// - `_VALID_PHONE_NUMBER` then matches exactly when that text is two
///   digits, or a run of plus signs followed by at least three digits and
///   punctuation but no other plus sign;
/// - `_normalize` keeps the digits, as there are no letters.
///
/// `None` means the general path must decide (it also reports the errors).
pub(crate) fn plain_number(input: &str) -> Option<(bool, Digits)> {
    let mut digits = Digits::new();
    // Whether the number starts with a plus sign, and is still in that run.
    let mut plus = false;
    let mut leading_plus = false;
    // Characters from the number's start, and through its last digit.
    let mut started = false;
    let mut len = 0;
    let mut len_to_last_digit = 0;
    // A plus sign after the leading run: harmless after the last digit (it is
    // trimmed), not viable before one.
    let mut stray_plus = false;
    let mut pos = 0;
    while let Some(&byte) = input.as_bytes().get(pos) {
        // ASCII by table; anything else decoded (`pos` is on a boundary).
        let class = if byte.is_ascii() {
            pos += 1;
            ASCII_PLAIN
                .get(usize::from(byte))
                .copied()
                .unwrap_or(Plain::Other)
        } else {
            let c = input.get(pos..).and_then(|rest| rest.chars().next())?;
            pos += c.len_utf8();
            plain_class(c)
        };
        match class {
            Plain::Digit => {
                if stray_plus {
                    return None;
                }
                started = true;
                leading_plus = false;
                len += 1;
                len_to_last_digit = len;
                digits.push(byte);
            }
            Plain::Plus => {
                if !started {
                    (started, plus, leading_plus) = (true, true, true);
                } else if !leading_plus {
                    stray_plus = true;
                }
                len += 1;
            }
            Plain::Punctuation => {
                leading_plus = false;
                if started {
                    len += 1;
                }
            }
            Plain::Other => return None,
        }
    }
    let viable = digits.len() >= 3 || (digits.len() == 2 && len_to_last_digit == 2);
    viable.then_some((plus, digits))
}

/// `[A-Za-z]` under Python's case-insensitive Unicode matching, which adds
/// U+0130 and U+0131 (dotted and dotless I), U+017F (long s), U+212A (Kelvin).
fn is_alpha(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{130}' | '\u{131}' | '\u{17F}' | '\u{212A}')
}

/// Letters of the extension labels, with what case-insensitive matching adds.
mod letter {
    pub(super) fn a(c: char) -> bool {
        matches!(c, 'a' | 'A')
    }
    pub(super) fn e(c: char) -> bool {
        matches!(c, 'e' | 'E')
    }
    pub(super) fn i(c: char) -> bool {
        matches!(c, 'i' | 'I' | '\u{130}' | '\u{131}')
    }
    pub(super) fn n(c: char) -> bool {
        matches!(c, 'n' | 'N')
    }
    pub(super) fn o(c: char) -> bool {
        matches!(c, 'o' | 'O')
    }
    pub(super) fn s(c: char) -> bool {
        matches!(c, 's' | 'S' | '\u{17F}')
    }
    pub(super) fn t(c: char) -> bool {
        matches!(c, 't' | 'T')
    }
    pub(super) fn x(c: char) -> bool {
        matches!(c, 'x' | 'X')
    }
    /// `ó` (U+00F3) and `Ó`.
    pub(super) fn o_acute(c: char) -> bool {
        matches!(c, '\u{F3}' | '\u{D3}')
    }
    /// Combining acute accent (U+0301), as in a decomposed `ó`.
    pub(super) fn acute(c: char) -> bool {
        c == '\u{301}'
    }
    /// Fullwidth `ｅ`.
    pub(super) fn fw_e(c: char) -> bool {
        matches!(c, '\u{FF45}' | '\u{FF25}')
    }
    /// Fullwidth `ｉ`.
    pub(super) fn fw_i(c: char) -> bool {
        matches!(c, '\u{FF49}' | '\u{FF29}')
    }
    /// Fullwidth `ｎ`.
    pub(super) fn fw_n(c: char) -> bool {
        matches!(c, '\u{FF4E}' | '\u{FF2E}')
    }
    /// Fullwidth `ｔ`.
    pub(super) fn fw_t(c: char) -> bool {
        matches!(c, '\u{FF54}' | '\u{FF34}')
    }
    /// Fullwidth `ｘ`.
    pub(super) fn fw_x(c: char) -> bool {
        matches!(c, '\u{FF58}' | '\u{FF38}')
    }
    /// Cyrillic `д` (with U+1C81, a historic variant that folds to it).
    pub(super) fn cyr_d(c: char) -> bool {
        matches!(c, '\u{434}' | '\u{414}' | '\u{1C81}')
    }
    /// Cyrillic `о` (with U+1C82).
    pub(super) fn cyr_o(c: char) -> bool {
        matches!(c, '\u{43E}' | '\u{41E}' | '\u{1C82}')
    }
    /// Cyrillic `б`.
    pub(super) fn cyr_b(c: char) -> bool {
        matches!(c, '\u{431}' | '\u{411}')
    }
}

/// Positions after one character matching `pred`, from each of `from`.
fn one(s: &[char], from: Positions, pred: impl Fn(char) -> bool) -> Positions {
    let mut out = 0;
    let mut rest = from;
    while rest != 0 {
        let p = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        if s.get(p).is_some_and(|&c| pred(c)) {
            out |= 1 << (p + 1);
        }
    }
    out
}

/// Positions after zero or more characters matching `pred`.
fn many(s: &[char], from: Positions, pred: impl Fn(char) -> bool) -> Positions {
    let mut all = from;
    let mut frontier = from;
    while frontier != 0 {
        frontier = one(s, frontier, &pred) & !all;
        all |= frontier;
    }
    all
}

/// Positions after one or more characters matching `pred`.
fn some(s: &[char], from: Positions, pred: impl Fn(char) -> bool) -> Positions {
    many(s, one(s, from, &pred), &pred)
}

/// Positions after zero or one character matching `pred`.
fn opt(s: &[char], from: Positions, pred: impl Fn(char) -> bool) -> Positions {
    from | one(s, from, pred)
}

/// Positions after the characters of a word, one predicate per character.
fn word(s: &[char], from: Positions, letters: &[fn(char) -> bool]) -> Positions {
    letters.iter().fold(from, |at, &pred| one(s, at, pred))
}

/// Positions after `min..=max` digits.
fn digits(s: &[char], from: Positions, min: usize, max: usize) -> Positions {
    let mut out = 0;
    let mut at = from;
    for n in 1..=max {
        at = one(s, at, is_digit);
        if n >= min {
            out |= at;
        }
    }
    out
}

fn end(s: &[char]) -> Positions {
    1 << s.len()
}

/// Whether `s` has one of the characters that every extension pattern needs
/// one of: `x`, `ｘ` or `д` of the labels, `t` or `ｔ` of `int`, the symbols
/// `#`, `＃`, `~`, `～`, and the `;` or `,` of RFC 3966 and auto-dialling.
fn may_have_extension(s: &[char]) -> bool {
    use letter as l;

    s.iter().any(|&c| {
        l::x(c)
            || l::fw_x(c)
            || l::cyr_d(c)
            || l::t(c)
            || l::fw_t(c)
            || matches!(c, '#' | '\u{FF03}' | '~' | '\u{FF5E}' | ';' | ',')
    })
}

/// The extension patterns for parsing (`_EXTN_PATTERNS_FOR_PARSING`): the
/// positions where one of them, started at one of `from`, can end.
fn extension(s: &[char], from: Positions) -> Positions {
    if may_have_extension(s) {
        extension_patterns(s, from)
    } else {
        0
    }
}

/// [`extension`], without the quick check.
fn extension_patterns(s: &[char], from: Positions) -> Positions {
    use letter as l;

    let separators = |c: char| matches!(c, ' ' | '\u{A0}' | '\t' | ',');
    let separators_no_comma = |c: char| matches!(c, ' ' | '\u{A0}' | '\t');
    // `[:\.\uFF0E]?[ \u00A0\t,-]*(\d{1,max})#?`
    let digits_after_label = |at: Positions, max: usize| {
        let at = opt(s, at, |c| matches!(c, ':' | '.' | '\u{FF0E}'));
        let at = many(s, at, |c| matches!(c, ' ' | '\u{A0}' | '\t' | ',' | '-'));
        let at = digits(s, at, 1, max);
        opt(s, at, |c| c == '#')
    };

    // RFC 3966: `;ext=(\d{1,20})`
    let rfc = word(s, from, &[|c| c == ';', l::e, l::x, l::t, |c| c == '=']);
    let rfc = digits(s, rfc, 1, 20);

    // Explicit labels: `e?xt(?:ensi(?:o\u0301?|\u00F3))?n?`, `\uFF45?\uFF58\uFF54\uFF4E?`,
    // `доб`, `anexo`; then up to 20 digits.
    let at = many(s, from, separators);
    let ext = word(s, opt(s, at, l::e), &[l::x, l::t]);
    let ensi = word(s, ext, &[l::e, l::n, l::s, l::i]);
    let ensio = opt(s, one(s, ensi, l::o), l::acute) | one(s, ensi, l::o_acute);
    let ext = opt(s, ext | ensio, l::n);
    let fw_ext = opt(
        s,
        word(s, opt(s, at, l::fw_e), &[l::fw_x, l::fw_t]),
        l::fw_n,
    );
    let dob = word(s, at, &[l::cyr_d, l::cyr_o, l::cyr_b]);
    let anexo = word(s, at, &[l::a, l::n, l::e, l::x, l::o]);
    let explicit = digits_after_label(ext | fw_ext | dob | anexo, 20);

    // Ambiguous labels: `[x\uFF58#\uFF03~\uFF5E]`, `int`, `\uFF49\uFF4E\uFF54`; up to 9 digits.
    let single = one(s, at, |c| {
        l::x(c) || l::fw_x(c) || matches!(c, '#' | '\u{FF03}' | '~' | '\u{FF5E}')
    });
    let int = word(s, at, &[l::i, l::n, l::t]) | word(s, at, &[l::fw_i, l::fw_n, l::fw_t]);
    let ambiguous = digits_after_label(single | int, 9);

    // American style: `[- ]+(\d{1,6})#`
    let american = some(s, from, |c| matches!(c, '-' | ' '));
    let american = one(s, digits(s, american, 1, 6), |c| c == '#');

    // Auto-dialling: `[ \u00A0\t]*(?:,{2}|;)` then up to 15 digits; and only
    // commas: `[ \u00A0\t]*(?:,)+` then up to 9 digits.
    let at = many(s, from, separators_no_comma);
    let autodial = word(s, at, &[|c| c == ',', |c| c == ',']) | one(s, at, |c| c == ';');
    let autodial = digits_after_label(autodial, 15);
    let commas = digits_after_label(some(s, at, |c| c == ','), 9);

    rfc | explicit | ambiguous | american | autodial | commas
}

/// `_is_viable_phone_number`: whether the whole of `s` matches
/// `_VALID_PHONE_NUMBER` followed by an optional extension, that is
/// `\d{2}` or `[+＋]*(?:[P*]*\d){3,}[P*A\d]*(?:EXTENSION)?` (P punctuation,
/// A letters).
pub(crate) fn is_viable(s: &[char]) -> bool {
    if s.len() < 2 || s.len() > MAX_CHARS {
        return false;
    }
    if s.len() == 2 && s.iter().all(|&c| is_digit(c)) {
        return true;
    }
    let punctuation_or_star = |c: char| is_punctuation(c) || c == '*';
    let start = many(s, 1, is_plus);
    let digit_group = |at| one(s, many(s, at, punctuation_or_star), is_digit);
    let mut at = digit_group(digit_group(digit_group(start)));
    loop {
        let next = at | digit_group(at);
        if next == at {
            break;
        }
        at = next;
    }
    let at = many(s, at, |c| {
        punctuation_or_star(c) || is_alpha(c) || is_digit(c)
    });
    (at | extension(s, at)) & end(s) != 0
}

/// `_maybe_strip_extension`'s search: the leftmost position from which an
/// extension pattern runs to the end of `s`. The extension itself is then the
/// trailing run of digits (every pattern ends in `(\d{1,n})#?`).
///
/// [`extension`] maps a union of start positions to the union of their ends,
/// so one run from every position says whether there is an extension at all,
/// and a binary search over runs from the first `i` positions finds the
/// leftmost start.
pub(crate) fn find_extension(s: &[char]) -> Option<usize> {
    if s.len() > MAX_CHARS {
        return None;
    }
    let reaches_end = |starts_below: usize| {
        let starts = Positions::MAX.checked_shr(128 - u32::try_from(starts_below).ok()?)?;
        Some(extension(s, starts) & end(s) != 0)
    };
    // Starts are positions 0..=len; find the fewest first positions that work.
    let (mut lo, mut hi) = (0, s.len() + 1);
    if reaches_end(hi) != Some(true) {
        return None;
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reaches_end(mid) == Some(true) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi - 1)
}

/// The digits of an extension found at the end of `s`, folded to ASCII.
pub(crate) fn trailing_digits(s: &[char]) -> String {
    let body = match s.last() {
        Some('#') => s.get(..s.len() - 1).unwrap_or_default(),
        _ => s,
    };
    let start = body
        .iter()
        .rposition(|&c| !is_digit(c))
        .map_or(0, |i| i + 1);
    body.get(start..)
        .unwrap_or_default()
        .iter()
        .filter_map(|&c| digit_value(c))
        .map(|d| char::from(b'0' + d))
        .collect()
}

/// `_extract_possible_number`: drop what precedes the first `+` or digit,
/// trailing characters that are neither letters, numbers nor `#` (and `_`),
/// and anything from a second number introduced by `\` or `/`, spaces, `x`.
pub(crate) fn extract_possible_number(s: &[char]) -> &[char] {
    let Some(start) = s.iter().position(|&c| is_plus(c) || is_digit(c)) else {
        return &[];
    };
    let mut number = s.get(start..).unwrap_or_default();
    while let Some((&last, rest)) = number.split_last() {
        if last == '_' || (last != '#' && !is_word(last)) {
            number = rest;
        } else {
            break;
        }
    }
    // `[\\/] *x`, case-sensitive.
    let second = (0..number.len()).find(|&i| {
        matches!(number.get(i), Some('\\' | '/')) && {
            let after = number.get(i + 1..).unwrap_or_default();
            let spaces = after.iter().take_while(|&&c| c == ' ').count();
            after.get(spaces) == Some(&'x')
        }
    });
    match second {
        Some(i) => number.get(..i).unwrap_or_default(),
        None => number,
    }
}

/// Whether a leading run of `+` signs (ASCII or fullwidth) is present, and
/// its length.
pub(crate) fn leading_plus_signs(s: &[char]) -> usize {
    s.iter().take_while(|&&c| is_plus(c)).count()
}

/// `_normalize`: with three or more ASCII letters the number is a vanity
/// number and letters map to keypad digits (other characters, including
/// non-ASCII digits, are dropped, as in the reference); otherwise the decimal
/// digits of any script are kept as ASCII and everything else is dropped.
pub(crate) fn normalize(s: &[char]) -> Digits {
    let mut out = Digits::new();
    // `(?:.*?[A-Za-z]){3}.*` must match in full, and `.` excludes newlines.
    let letters = s.iter().filter(|c| c.is_ascii_alphabetic()).count();
    if letters >= 3 && !s.contains(&'\n') {
        for digit in s.iter().filter_map(|&c| keypad_digit(c)) {
            out.push(digit);
        }
    } else {
        // The reference uses `unicodedata.digit`, which also accepts digits
        // such as superscripts; none of those survive the viability check
        // before this point, so decimal digits are the same set here.
        for d in s.iter().filter_map(|&c| digit_value(c)) {
            out.push(b'0' + d);
        }
    }
    out
}

/// `_ALPHA_PHONE_MAPPINGS[c.upper()]`: ASCII digits, and letters on an E.161
/// keypad, as ASCII digits. U+0131 (dotless i) and U+017F (long s) upper-case
/// to `I` and `S`.
fn keypad_digit(c: char) -> Option<u8> {
    let upper = match c {
        '\u{131}' => 'I',
        '\u{17F}' => 'S',
        _ => c.to_ascii_uppercase(),
    };
    let digit = match upper {
        '0'..='9' => return u8::try_from(upper).ok(),
        'A'..='C' => b'2',
        'D'..='F' => b'3',
        'G'..='I' => b'4',
        'J'..='L' => b'5',
        'M'..='O' => b'6',
        'P'..='S' => b'7',
        'T'..='V' => b'8',
        'W'..='Z' => b'9',
        _ => return None,
    };
    Some(digit)
}

/// `_RFC3966_GLOBAL_NUMBER_DIGITS` in full: `+`, then digits and visual
/// separators `-.()`, with at least one digit.
fn is_global_number_digits(s: &[char]) -> bool {
    match s.split_first() {
        Some(('+', rest)) => {
            rest.iter()
                .all(|&c| is_digit(c) || matches!(c, '-' | '.' | '(' | ')'))
                && rest.iter().any(|&c| is_digit(c))
        }
        _ => false,
    }
}

/// `_RFC3966_DOMAINNAME` in full: dot-separated labels of ASCII letters and
/// (any-script) digits with inner hyphens, the last label starting with a
/// letter, and an optional final dot.
fn is_domain_name(s: &[char]) -> bool {
    let s = match s.split_last() {
        Some(('.', rest)) => rest,
        _ => s,
    };
    let alnum = |c: char| c.is_ascii_alphabetic() || is_digit(c);
    let label_ok = |label: &[char]| {
        matches!(label.first(), Some(&c) if alnum(c))
            && matches!(label.last(), Some(&c) if alnum(c))
            && label.iter().all(|&c| alnum(c) || c == '-')
    };
    let labels: Vec<&[char]> = s.split(|&c| c == '.').collect();
    labels.iter().all(|l| label_ok(l))
        && labels
            .last()
            .and_then(|l| l.first())
            .is_some_and(char::is_ascii_alphabetic)
}

/// `_is_phone_context_valid` for a present `;phone-context=` value.
pub(crate) fn is_phone_context_valid(context: &[char]) -> bool {
    !context.is_empty() && (is_global_number_digits(context) || is_domain_name(context))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn digits_of_any_script() {
        assert_eq!(digit_value('7'), Some(7));
        assert_eq!(digit_value('\u{FF17}'), Some(7)); // fullwidth
        assert_eq!(digit_value('\u{0667}'), Some(7)); // Arabic-Indic
        assert_eq!(digit_value('\u{06F7}'), Some(7)); // Eastern Arabic-Indic
        assert_eq!(digit_value('\u{096D}'), Some(7)); // Devanagari
        assert_eq!(digit_value('\u{1D7D5}'), Some(7)); // mathematical bold
        assert_eq!(digit_value('\u{B2}'), None); // superscript two: not Nd
        assert_eq!(digit_value('a'), None);
    }

    #[test]
    fn word_characters() {
        assert!(is_word('é') && is_word('Ж') && is_word('\u{4E00}') && is_word('_'));
        assert!(!is_word('\u{301}') && !is_word('!') && !is_word('\u{2603}'));
    }

    #[test]
    fn viability() {
        for ok in [
            "12",
            "+44 20 7031 3000",
            "020 7031 3000 ext. 123",
            "1-800-FLOWERS",
            "+1 x 2 x 3",
        ] {
            assert!(is_viable(&chars(ok)), "{ok}");
        }
        for bad in ["1", "1a", "12a", "+12", "12 é 345", "1 2"] {
            assert!(!is_viable(&chars(bad)), "{bad}");
        }
    }

    #[test]
    fn extensions() {
        let s = chars("020 7031 3000 ext. 123");
        assert_eq!(find_extension(&s), Some(13));
        assert_eq!(trailing_digits(&s), "123");
        assert_eq!(find_extension(&chars("020 7031 3000;ext=12")), Some(13));
        assert_eq!(find_extension(&chars("650 253 0000 - 503#")), Some(12));
        assert_eq!(
            find_extension(&chars("020 7031 3000 extensio\u{301}n 4")),
            Some(13)
        );
        assert_eq!(find_extension(&chars("020 7031 3000 доб 4")), Some(13));
        assert_eq!(find_extension(&chars("020 7031 3000")), None);
        assert_eq!(trailing_digits(&chars("x１２#")), "12");
    }

    /// The binary search finds what trying every start in turn finds.
    #[test]
    fn extension_search_is_leftmost() {
        let pieces = [
            "1",
            "23",
            " ",
            "-",
            "x",
            "ext",
            ".",
            ",",
            ";",
            "#",
            "~",
            "e",
            "=",
            "int",
            "доб",
            "\u{FF58}",
            "\u{FF54}",
            "\u{FF03}",
            "\u{FF5E}",
            "anexo",
            "extensio\u{301}n",
            "n",
            "\u{A0}",
            ":",
        ];
        let mut seed: usize = 7;
        let mut found = 0;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..=(seed % 9) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                s.push_str(pieces[(seed >> 33) % pieces.len()]);
            }
            let s = chars(&s);
            let naive = (0..=s.len()).find(|&i| extension_patterns(&s, 1 << i) & end(&s) != 0);
            assert_eq!(find_extension(&s), naive, "{s:?}");
            found += usize::from(naive.is_some());
        }
        assert!(found > 100, "{found} extensions");
    }

    #[test]
    fn possible_number_extraction() {
        let s = chars("Tel: +44 20 7031 3000 !!");
        assert_eq!(extract_possible_number(&s), &chars("+44 20 7031 3000")[..]);
        let s = chars("(530) 583-6985 x302/x2303");
        assert_eq!(
            extract_possible_number(&s),
            &chars("530) 583-6985 x302")[..]
        );
        assert!(extract_possible_number(&chars("no digits")).is_empty());
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize(&chars("1-800-FLOWERS")).as_str(), "18003569377");
        assert_eq!(normalize(&chars("０２０ ٧٠٣١")).as_str(), "0207031");
        assert_eq!(normalize(&chars("0800 ABC ٣")).as_str(), "0800222");
    }

    #[test]
    fn phone_context() {
        assert!(is_phone_context_valid(&chars("+44-20")));
        assert!(is_phone_context_valid(&chars("example.com")));
        assert!(is_phone_context_valid(&chars("a-b.c1.")));
        for bad in [
            "",
            "+",
            "+-",
            "example..com",
            "ex_ample.com",
            "-a.com",
            "a.1com",
        ] {
            assert!(!is_phone_context_valid(&chars(bad)), "{bad}");
        }
    }
}
