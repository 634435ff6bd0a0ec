//! Lookups into the generated Unicode tables (`tables.rs`).
//!
//! The data is pinned to the reference implementation's versions (Python
//! 3.11's `unicodedata`, Unicode 14.0.0, and the `idna` package's IDNA 2008
//! tables) rather than to whatever Unicode version std or a dependency ships,
//! so that which addresses are valid does not drift with a toolchain upgrade.

use super::EmailError;
use super::tables::{
    CASE_FOLD, CHAR_RUNS, DOT_DECOMPOSITIONS, SCRIPT_GREEK, SCRIPT_HAN, SCRIPT_HEBREW,
    SCRIPT_HIRAGANA, SCRIPT_KATAKANA,
};

/// What email-validator's unsafe-character check makes of a general category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Category {
    /// Letter, number, punctuation or symbol (L, N, P, S).
    Safe,
    /// Combining mark (M): rejected only at the start of a string.
    Mark,
    /// Separator, control, format, surrogate, private use or unassigned (Z, C).
    Unsafe,
}

/// The IDNA 2008 (RFC 5892) class of a code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IdnaClass {
    Disallowed,
    Pvalid,
    ContextO,
    ContextJ,
}

/// The bidi classes that the RFC 5893 Bidi Rule distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bidi {
    L,
    R,
    Al,
    En,
    Es,
    Et,
    An,
    Cs,
    Nsm,
    Bn,
    On,
    /// Not assigned in the reference's Unicode version.
    Unknown,
    /// Any other class (B, S, WS, the explicit embeddings and isolates).
    Other,
}

fn props(c: char) -> u8 {
    let cp = u32::from(c);
    let run = CHAR_RUNS.partition_point(|&(start, _)| start <= cp);
    // The first run starts at U+0000, so `run` is at least 1.
    run.checked_sub(1)
        .and_then(|i| CHAR_RUNS.get(i))
        .map_or(0, |&(_, p)| p)
}

pub(super) fn category(c: char) -> Category {
    match props(c) & 0b11 {
        0 => Category::Safe,
        1 => Category::Mark,
        _ => Category::Unsafe,
    }
}

pub(super) fn idna_class(c: char) -> IdnaClass {
    match (props(c) >> 2) & 0b11 {
        1 => IdnaClass::Pvalid,
        2 => IdnaClass::ContextO,
        3 => IdnaClass::ContextJ,
        _ => IdnaClass::Disallowed,
    }
}

/// The bidi class of an IDNA-permitted code point (others report `Other`).
pub(super) fn bidi(c: char) -> Bidi {
    match props(c) >> 4 {
        1 => Bidi::L,
        2 => Bidi::R,
        3 => Bidi::Al,
        4 => Bidi::En,
        5 => Bidi::Es,
        6 => Bidi::Et,
        7 => Bidi::An,
        8 => Bidi::Cs,
        9 => Bidi::Nsm,
        10 => Bidi::Bn,
        11 => Bidi::On,
        12 => Bidi::Unknown,
        _ => Bidi::Other,
    }
}

/// Whether `c` decomposes to a sequence with U+002E FULL STOP (U+FF0E
/// FULLWIDTH FULL STOP excepted: UTS #46 maps it to a label separator).
pub(super) fn decomposes_to_dot(c: char) -> bool {
    DOT_DECOMPOSITIONS.binary_search(&u32::from(c)).is_ok()
}

/// Script membership for the CONTEXTO rules of RFC 5892 Appendix A.
#[derive(Debug, Clone, Copy)]
pub(super) enum Script {
    Greek,
    Hebrew,
    Hiragana,
    Katakana,
    Han,
}

pub(super) fn is_script(c: char, script: Script) -> bool {
    let ranges = match script {
        Script::Greek => SCRIPT_GREEK,
        Script::Hebrew => SCRIPT_HEBREW,
        Script::Hiragana => SCRIPT_HIRAGANA,
        Script::Katakana => SCRIPT_KATAKANA,
        Script::Han => SCRIPT_HAN,
    };
    let cp = u32::from(c);
    let i = ranges.partition_point(|&(_, last)| last < cp);
    ranges.get(i).is_some_and(|&(first, _)| first <= cp)
}

/// Appends the full case folding of `s` (Python's `str.casefold`).
pub(super) fn push_case_folded(out: &mut String, s: &str) {
    for c in s.chars() {
        match CASE_FOLD.binary_search_by_key(&u32::from(c), |&(cp, _)| cp) {
            Ok(i) => out.push_str(CASE_FOLD.get(i).map_or("", |&(_, folded)| folded)),
            Err(_) => out.push(c),
        }
    }
}

/// Whitespace as Python's `str.strip()` sees it: Unicode `White_Space`
/// except U+180E, plus the information separators U+001C..U+001F.
pub(super) fn is_python_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1C}'..='\u{20}'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

/// email-validator's `check_unsafe_chars` for one non-ASCII character at
/// character index `i` of the string being checked.
pub(super) fn unsafe_character(c: char, i: usize) -> Option<EmailError> {
    match category(c) {
        Category::Mark if i == 0 => Some(EmailError::LeadingCombiningMark),
        Category::Safe | Category::Mark => None,
        Category::Unsafe if c.is_whitespace() => Some(EmailError::Whitespace),
        Category::Unsafe if c.is_control() => Some(EmailError::ControlCharacter),
        Category::Unsafe => Some(EmailError::UnsafeCharacter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        assert_eq!(category('a'), Category::Safe);
        assert_eq!(category('é'), Category::Safe);
        assert_eq!(category('\u{301}'), Category::Mark);
        assert_eq!(category('\u{200B}'), Category::Unsafe);
        assert_eq!(category('\u{378}'), Category::Unsafe);
        assert_eq!(category('\u{10FFFF}'), Category::Unsafe);
    }

    #[test]
    fn idna_and_bidi() {
        assert_eq!(idna_class('a'), IdnaClass::Pvalid);
        assert_eq!(idna_class('A'), IdnaClass::Disallowed);
        assert_eq!(idna_class('\u{B7}'), IdnaClass::ContextO);
        assert_eq!(idna_class('\u{200D}'), IdnaClass::ContextJ);
        assert_eq!(bidi('a'), Bidi::L);
        assert_eq!(bidi('1'), Bidi::En);
        assert_eq!(bidi('-'), Bidi::Es);
        assert_eq!(bidi('א'), Bidi::R);
        assert_eq!(bidi('ا'), Bidi::Al);
        assert_eq!(bidi('\u{661}'), Bidi::An);
    }

    #[test]
    fn scripts_and_folding() {
        assert!(is_script('α', Script::Greek));
        assert!(!is_script('a', Script::Greek));
        assert!(is_script('中', Script::Han));
        let mut s = String::new();
        push_case_folded(&mut s, "Straße ΣΑΣ ﬁ");
        assert_eq!(s, "strasse σασ fi");
        assert!(decomposes_to_dot('\u{2024}'));
        assert!(!decomposes_to_dot('\u{FF0E}'));
    }

    #[test]
    fn python_whitespace() {
        for c in [
            '\t', '\n', '\u{1C}', '\u{1F}', ' ', '\u{85}', '\u{A0}', '\u{3000}',
        ] {
            assert!(is_python_whitespace(c), "{c:?}");
        }
        for c in ['\u{180E}', '\u{200B}', '\u{FEFF}', 'a', '\0'] {
            assert!(!is_python_whitespace(c), "{c:?}");
        }
    }
}
