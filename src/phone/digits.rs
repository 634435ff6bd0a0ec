//! Digit strings held inline: the numbers the parser works on between
//! normalization and the canonical form, without allocating.

/// Most digits a [`Digits`] holds: every digit of a 64-character input, plus
/// the few a national prefix transform rule inserts (the metadata's add at most
/// 4; `metadata` rejects rules that could add more than the 16 spare).
pub(crate) const CAPACITY: usize = 80;

/// Longest input the parser sees, in characters; each yields at most one digit.
pub(crate) const MAX_INPUT_DIGITS: usize = 64;

/// Digits a transform rule may add on top of a full input.
pub(crate) const MAX_INSERTED: usize = CAPACITY - MAX_INPUT_DIGITS;

/// A string of ASCII digits of at most [`CAPACITY`] bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Digits {
    len: u8,
    bytes: [u8; CAPACITY],
}

impl Digits {
    pub(crate) const fn new() -> Digits {
        Digits {
            len: 0,
            bytes: [0; CAPACITY],
        }
    }

    /// Appends `digits`. The bounds above make overflow impossible; should
    /// it happen anyway the excess is dropped (and debug builds panic).
    pub(crate) fn extend(&mut self, digits: &[u8]) {
        let start = usize::from(self.len);
        let end = (start + digits.len()).min(CAPACITY);
        debug_assert_eq!(end, start + digits.len(), "digit buffer overflow");
        if let (Some(target), Some(source)) = (
            self.bytes.get_mut(start..end),
            digits.get(..end.saturating_sub(start)),
        ) {
            target.copy_from_slice(source);
            self.len = u8::try_from(end).unwrap_or(u8::MAX);
        }
    }

    /// Appends one digit; see [`Digits::extend`].
    pub(crate) fn push(&mut self, digit: u8) {
        debug_assert!(usize::from(self.len) < CAPACITY, "digit buffer overflow");
        if let Some(slot) = self.bytes.get_mut(usize::from(self.len)) {
            *slot = digit;
            self.len += 1;
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The digits as text (they are ASCII).
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.len)
    }
}

impl From<&[u8]> for Digits {
    fn from(digits: &[u8]) -> Digits {
        let mut out = Digits::new();
        out.extend(digits);
        out
    }
}

impl std::fmt::Debug for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}
