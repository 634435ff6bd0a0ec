//! The IDNA 2008 label rules that Python's `idna` package applies on top of
//! UTS #46 mapping (RFC 5891 §5.4, RFC 5892, RFC 5893), and which the `idna`
//! crate's UTS #46 processing does not: code points must be PVALID or pass
//! their CONTEXTO rule, and the Bidi Rule uses the reference's Unicode data.

use unicode_normalization::is_nfc;

use super::EmailError;
use super::unicode::{Bidi, Category, IdnaClass, Script, bidi, category, idna_class, is_script};

/// `idna.check_label` for a label that is not all ASCII.
pub(super) fn check_label(label: &str) -> Result<(), EmailError> {
    let chars: Vec<char> = label.chars().collect();
    if chars.is_empty() {
        return Err(EmailError::DomainDot);
    }
    if !is_nfc(label) {
        return Err(EmailError::InvalidIdn);
    }
    if chars.get(2..4) == Some(&['-', '-'][..]) {
        return Err(EmailError::LabelReservedHyphens);
    }
    if chars.first() == Some(&'-') || chars.last() == Some(&'-') {
        return Err(EmailError::LabelHyphen);
    }
    if chars
        .first()
        .is_some_and(|&c| category(c) == Category::Mark)
    {
        return Err(EmailError::LeadingCombiningMark);
    }
    for (pos, &c) in chars.iter().enumerate() {
        let ok = match idna_class(c) {
            IdnaClass::Pvalid => true,
            IdnaClass::ContextO => context_o(&chars, pos),
            // CONTEXTJ (ZWJ, ZWNJ) are format characters, which
            // email-validator rejects in a domain whatever their context.
            IdnaClass::ContextJ | IdnaClass::Disallowed => false,
        };
        if !ok {
            return Err(EmailError::InvalidIdn);
        }
    }
    check_bidi(&chars, false)
}

/// RFC 5892 Appendix A CONTEXTO rules, as `idna.valid_contexto` has them.
fn context_o(label: &[char], pos: usize) -> bool {
    let Some(&c) = label.get(pos) else {
        return false;
    };
    let before = pos.checked_sub(1).and_then(|p| label.get(p)).copied();
    let after = label.get(pos + 1).copied();
    match c {
        // MIDDLE DOT: only between two 'l' (Catalan "l·l").
        '\u{B7}' => before == Some('l') && after == Some('l'),
        // GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek.
        '\u{375}' => after.is_some_and(|a| is_script(a, Script::Greek)),
        // HEBREW PUNCTUATION GERESH and GERSHAYIM: preceded by Hebrew.
        '\u{5F3}' | '\u{5F4}' => before.is_some_and(|b| is_script(b, Script::Hebrew)),
        // KATAKANA MIDDLE DOT: some Hiragana, Katakana or Han in the label.
        '\u{30FB}' => label.iter().any(|&x| {
            x != '\u{30FB}'
                && (is_script(x, Script::Hiragana)
                    || is_script(x, Script::Katakana)
                    || is_script(x, Script::Han))
        }),
        // ARABIC-INDIC and EXTENDED ARABIC-INDIC digits do not mix.
        '\u{660}'..='\u{669}' => !label.iter().any(|x| ('\u{6F0}'..='\u{6F9}').contains(x)),
        '\u{6F0}'..='\u{6F9}' => !label.iter().any(|x| ('\u{660}'..='\u{669}').contains(x)),
        _ => false,
    }
}

/// `idna.check_bidi`: the RFC 5893 Bidi Rule for one label, applied when the
/// label has right-to-left characters or `check_ltr` is set.
pub(super) fn check_bidi(label: &[char], check_ltr: bool) -> Result<(), EmailError> {
    let mut has_rtl = false;
    for &c in label {
        match bidi(c) {
            Bidi::Unknown => return Err(EmailError::InvalidIdn),
            Bidi::R | Bidi::Al | Bidi::An => has_rtl = true,
            _ => {}
        }
    }
    if !has_rtl && !check_ltr {
        return Ok(());
    }
    // Rule 1: the first character is L, R or AL.
    let rtl = match label.first().map(|&c| bidi(c)) {
        Some(Bidi::R | Bidi::Al) => true,
        Some(Bidi::L) => false,
        _ => return Err(EmailError::InvalidIdn),
    };
    let mut valid_ending = false;
    let mut number_type = None;
    for &c in label {
        let d = bidi(c);
        if rtl {
            // Rule 2.
            if !matches!(
                d,
                Bidi::R
                    | Bidi::Al
                    | Bidi::An
                    | Bidi::En
                    | Bidi::Es
                    | Bidi::Cs
                    | Bidi::Et
                    | Bidi::On
                    | Bidi::Bn
                    | Bidi::Nsm
            ) {
                return Err(EmailError::InvalidIdn);
            }
            // Rule 3: the last character that is not NSM is R, AL, EN or AN.
            if matches!(d, Bidi::R | Bidi::Al | Bidi::En | Bidi::An) {
                valid_ending = true;
            } else if d != Bidi::Nsm {
                valid_ending = false;
            }
            // Rule 4: EN and AN do not mix.
            if matches!(d, Bidi::An | Bidi::En) {
                match number_type {
                    None => number_type = Some(d),
                    Some(t) if t != d => return Err(EmailError::InvalidIdn),
                    Some(_) => {}
                }
            }
        } else {
            // Rule 5.
            if !matches!(
                d,
                Bidi::L
                    | Bidi::En
                    | Bidi::Es
                    | Bidi::Cs
                    | Bidi::Et
                    | Bidi::On
                    | Bidi::Bn
                    | Bidi::Nsm
            ) {
                return Err(EmailError::InvalidIdn);
            }
            // Rule 6: the last character that is not NSM is L or EN.
            if matches!(d, Bidi::L | Bidi::En) {
                valid_ending = true;
            } else if d != Bidi::Nsm {
                valid_ending = false;
            }
        }
    }
    if valid_ending {
        Ok(())
    } else {
        Err(EmailError::InvalidIdn)
    }
}
