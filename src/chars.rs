//! Character classes shared by the text normalizers.

/// Unicode general category Cf (format characters), as of Unicode 16.
///
/// These are invisible: two identifiers that differ only by one would look
/// the same to a person reading them, so identity fields reject them.
pub(crate) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// The bidirectional embedding, override and isolate controls (LRE, RLE,
/// PDF, LRO, RLO, LRI, RLI, FSI, PDI): they reorder how the rest of a name
/// is displayed, which is how spoofed names are made.
pub(crate) fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// [`str::trim`], answering at once for text that starts and ends with a
/// visible ASCII character (almost every field of a request), which has
/// nothing to trim: every field passes through here once or twice.
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Counts characters, stopping once more than `limit` are seen, so that a
/// megabyte of input costs no more than the limit.
pub(crate) fn exceeds_chars(s: &str, limit: usize) -> bool {
    s.len() > limit && s.chars().nth(limit).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_characters() {
        for c in ['\u{200B}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{E0041}'] {
            assert!(is_format(c), "{c:?}");
        }
        for c in ['a', ' ', '\u{00A0}', 'é', '\u{0301}'] {
            assert!(!is_format(c), "{c:?}");
        }
    }

    #[test]
    fn bidi_overrides() {
        assert!(is_bidi_override('\u{202E}'));
        assert!(is_bidi_override('\u{2067}'));
        assert!(!is_bidi_override('\u{200F}'));
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "\u{3000}a",
            "a\u{85}",
            "é",
            " é",
            "a\t",
            "\u{1c}a",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn char_limit() {
        assert!(!exceeds_chars("abc", 3));
        assert!(exceeds_chars("abcd", 3));
        assert!(!exceeds_chars("ééé", 3));
        assert!(exceeds_chars("éééé", 3));
    }
}
