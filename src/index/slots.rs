//! Where the index keeps its persons: one block of bytes per person (a
//! header and all of the person's texts), packed into large chunks, and
//! found through a `u32` place per person handle.
//!
//! A lookup reads a table's handle, the handle's place and then the block,
//! where the header and the key it compares sit side by side. The places
//! take 4 bytes per person, so at a million persons they stay in cache
//! beside the tables, and a lookup makes one read from main memory where a
//! header apart from its texts would make two, one after the other.

use crate::{EmailAddress, ExternalRef, Name, PersonFields, PhoneNumber};

use super::{KEYS, Key, NONE};

/// The texts of a person, in the order they are stored: match keys first,
/// so that the key a lookup compares lies close to the header.
#[derive(Clone, Copy)]
pub(super) enum Text {
    ExternalRef = 0,
    Email = 1,
    /// Empty when equal to the email as stored, as it mostly is.
    EmailKey = 2,
    Phone = 3,
    Identifier = 4,
    FirstName = 5,
    LastName = 6,
}

const TEXTS: usize = 7;

/// A person's groups, as group handles, sorted: up to two inline
/// (`NONE` for an empty place), or `MANY` and the person's handle, whose
/// groups are then in the index's overflow table.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Groups(pub(super) [u32; 2]);

/// Where the header's parts lie in a block: the end of each [`Text`]
/// (`u16`, counted from the end of the header), the person's handle, its
/// [`Groups`], and the handle of the next person with the same key per
/// [`Key`] (`u32`), all little-endian. The texts follow.
const ENDS_AT: usize = 0;
const HANDLE_AT: usize = ENDS_AT + 2 * TEXTS;
const GROUPS_AT: usize = HANDLE_AT + 4;
const NEXT_AT: usize = GROUPS_AT + 8;
const HEADER: usize = NEXT_AT + 12;

/// A person's block, built but not yet stored.
pub(super) struct Block(Vec<u8>);

impl Block {
    /// A new person's block; `None` when its texts exceed the offsets'
    /// range.
    pub(super) fn new(identifier: &str, fields: &PersonFields) -> Option<Block> {
        Block::pack(
            texts_of(Some(identifier), fields).map(|t| t.map(str::as_bytes)),
            Groups([NONE; 2]),
            [NONE; 3],
        )
    }

    /// The block; the handle is written when it is stored. The texts come
    /// as bytes of `str`s, cut at their boundaries.
    fn pack(texts: [Option<&[u8]>; TEXTS], groups: Groups, next: [u32; 3]) -> Option<Block> {
        let length: usize = texts.iter().flatten().map(|t| t.len()).sum();
        let mut bytes = Vec::with_capacity(HEADER + length);
        let mut end = 0usize;
        for t in texts {
            end += t.map_or(0, <[u8]>::len);
            bytes.extend_from_slice(&u16::try_from(end).ok()?.to_le_bytes());
        }
        for word in [NONE].into_iter().chain(groups.0).chain(next) {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        for t in texts.into_iter().flatten() {
            bytes.extend_from_slice(t);
        }
        Some(Block(bytes))
    }

    /// Whether a person's texts fit the offsets' range, checked without
    /// packing them.
    pub(super) fn fits(identifier: &str, fields: &PersonFields) -> bool {
        let texts = texts_of(Some(identifier), fields);
        let total: usize = texts.iter().flatten().map(|t| t.len()).sum();
        u16::try_from(total).is_ok()
    }

    /// The block as a slot, to read before it is stored.
    pub(super) fn slot(&self) -> Slot<'_> {
        Slot(&self.0)
    }
}

/// The texts of `fields` in [`Text`] order (`None` where absent).
fn texts_of<'a>(identifier: Option<&'a str>, fields: &'a PersonFields) -> [Option<&'a str>; TEXTS] {
    let email = fields.email_address.as_ref();
    [
        fields.external_ref.as_ref().map(ExternalRef::as_str),
        email.map(EmailAddress::as_str),
        email
            .map(EmailAddress::key)
            .filter(|k| Some(*k) != email.map(EmailAddress::as_str)),
        fields.phone_number.as_ref().map(PhoneNumber::as_str),
        identifier,
        fields.first_name.as_ref().map(Name::as_str),
        fields.last_name.as_ref().map(Name::as_str),
    ]
}

/// A stored person, borrowed: the bytes from the start of its block (to
/// the end of its chunk; the header says where each text ends).
#[derive(Clone, Copy)]
pub(crate) struct Slot<'a>(&'a [u8]);

impl<'a> Slot<'a> {
    /// The header. A slot is never shorter than its header; were one to
    /// be, it would read as empty rather than fail.
    #[inline]
    fn header(self) -> &'a [u8; HEADER] {
        self.0.first_chunk().unwrap_or(&[0; HEADER])
    }

    #[inline]
    fn word(self, at: usize) -> u32 {
        let h = self.header();
        u32::from_le_bytes([h[at], h[at + 1], h[at + 2], h[at + 3]])
    }

    /// Where each [`Text`] ends; it starts where the one before ends, and
    /// an empty one is absent.
    #[inline]
    fn ends(self) -> [u16; TEXTS] {
        let h = self.header();
        std::array::from_fn(|i| u16::from_le_bytes([h[ENDS_AT + 2 * i], h[ENDS_AT + 2 * i + 1]]))
    }

    /// The person's handle.
    #[inline]
    pub(super) fn handle(self) -> u32 {
        self.word(HANDLE_AT)
    }

    /// The block's length, header included.
    fn len(self) -> usize {
        HEADER + usize::from(self.ends()[TEXTS - 1])
    }

    #[inline]
    pub(super) fn groups(self) -> Groups {
        Groups([self.word(GROUPS_AT), self.word(GROUPS_AT + 4)])
    }

    /// The next person with the same `key`, or `NONE`.
    #[inline]
    pub(super) fn next(self, key: Key) -> u32 {
        self.word(NEXT_AT + 4 * key as usize)
    }

    pub(super) fn text(self, which: Text) -> Option<&'a str> {
        self.text_at(which as usize)
    }

    fn text_at(self, i: usize) -> Option<&'a str> {
        let (start, end) = self.span_at(i);
        self.between(start, end)
    }

    /// The bytes of text `i` (empty when absent), for comparing and
    /// copying without reading them as `str`.
    fn text_bytes_at(self, i: usize) -> &'a [u8] {
        let (start, end) = self.span_at(i);
        self.bytes(start, end).unwrap_or_default()
    }

    /// Where text `i` lies in the texts.
    fn span_at(self, i: usize) -> (u16, u16) {
        let ends = self.ends();
        let start = if i == 0 { 0 } else { ends[i - 1] };
        (start, ends[i])
    }

    /// The bytes of the texts from `start` to `end`.
    #[inline]
    fn bytes(self, start: u16, end: u16) -> Option<&'a [u8]> {
        self.0
            .get(HEADER + usize::from(start)..HEADER + usize::from(end))
    }

    /// The text from `start` to `end`; `None` when empty. The bytes were
    /// copied from `str`s at their boundaries, so they are always UTF-8.
    #[inline]
    fn between(self, start: u16, end: u16) -> Option<&'a str> {
        if end > start {
            self.bytes(start, end)
                .and_then(|b| std::str::from_utf8(b).ok())
        } else {
            None
        }
    }

    pub(super) fn identifier(self) -> &'a str {
        self.text(Text::Identifier).unwrap_or_default()
    }

    /// Where `key` lies in the texts: an email's key is its own text when
    /// it differs from the address, the address otherwise.
    #[inline]
    fn key_span(self, key: Key) -> (u16, u16) {
        let [external_ref, email, email_key, phone, ..] = self.ends();
        match key {
            Key::ExternalRef => (0, external_ref),
            Key::Email if email_key > email => (email, email_key),
            Key::Email => (external_ref, email),
            Key::Phone => (email_key, phone),
        }
    }

    /// The person's `key`, if set.
    #[inline]
    pub(crate) fn key(self, key: Key) -> Option<&'a str> {
        let (start, end) = self.key_span(key);
        self.between(start, end)
    }

    /// The three keys, in [`Key`] order, read as `str` in one pass: they
    /// are stored first and side by side.
    pub(crate) fn keys(self) -> [Option<&'a str>; 3] {
        let phone_end = self.ends()[Text::Phone as usize];
        let Some(all) = self
            .bytes(0, phone_end)
            .and_then(|b| std::str::from_utf8(b).ok())
        else {
            return [None; 3];
        };
        KEYS.map(|key| {
            let (start, end) = self.key_span(key);
            (end > start)
                .then(|| all.get(usize::from(start)..usize::from(end)))
                .flatten()
        })
    }

    /// The person's `key` as bytes (empty when absent).
    #[inline]
    pub(super) fn key_bytes(self, key: Key) -> &'a [u8] {
        let (start, end) = self.key_span(key);
        self.bytes(start, end).unwrap_or_default()
    }

    /// Whether this person's `key` is `value`, compared as bytes.
    #[inline]
    pub(super) fn has_key(self, key: Key, value: &str) -> bool {
        let (start, end) = self.key_span(key);
        self.bytes(start, end)
            .is_some_and(|stored| same_bytes(stored, value.as_bytes()))
    }

    /// The stored fields, rebuilt. Every stored text is the canonical form
    /// its constructor gave, which that constructor gives back unchanged.
    pub(super) fn fields(self) -> PersonFields {
        PersonFields {
            external_ref: self
                .text(Text::ExternalRef)
                .and_then(|t| ExternalRef::parse(t).ok()),
            email_address: self
                .text(Text::Email)
                .and_then(|t| EmailAddress::parse(t).ok()),
            phone_number: self
                .text(Text::Phone)
                .and_then(|t| PhoneNumber::parse(t, crate::Region::GB).ok()),
            first_name: self.text(Text::FirstName).and_then(|t| Name::parse(t).ok()),
            last_name: self.text(Text::LastName).and_then(|t| Name::parse(t).ok()),
        }
    }

    /// The texts that writing the present fields of `changes` over a
    /// person replaces (SPEC §4.5), in [`Text`] order: `Some` with the new
    /// text (empty to clear it, as an empty text is absent), `None` where
    /// the old one stays.
    fn written_texts(changes: &PersonFields) -> [Option<&str>; TEXTS] {
        let mut texts = texts_of(None, changes);
        // A new email brings its own key, or none when equal to it.
        let email_changed = texts[Text::Email as usize].is_some();
        let key = &mut texts[Text::EmailKey as usize];
        if email_changed && key.is_none() {
            *key = Some("");
        }
        texts
    }

    /// Whether writing `changes` over this person leaves it as it is: a
    /// repeated request changes nothing, and finding that out should
    /// neither allocate nor compare the texts it does not write.
    pub(super) fn unchanged_by(self, changes: &PersonFields) -> bool {
        Self::written_texts(changes)
            .iter()
            .enumerate()
            .all(|(i, written)| written.is_none_or(|t| t.as_bytes() == self.text_bytes_at(i)))
    }

    /// This person with the present fields of `changes` written over it
    /// (SPEC §4.5), its groups and links kept; `None` when the texts exceed
    /// the offsets' range.
    pub(super) fn updated(self, changes: &PersonFields) -> Option<Block> {
        let mut i = 0;
        let texts = Self::written_texts(changes).map(|written| {
            let text = written.map_or_else(|| self.text_bytes_at(i), str::as_bytes);
            i += 1;
            Some(text).filter(|t| !t.is_empty())
        });
        Block::pack(texts, self.groups(), KEYS.map(|key| self.next(key)))
    }
}

/// Whether two byte strings are equal. Keys are short, and comparing up
/// to 32 bytes as four overlapping words costs less than a call to
/// `memcmp`.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|w| w.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let same_word = |at: usize| word(a, at) == word(b, at);
    match n {
        8..=16 => same_word(0) && same_word(n - 8),
        17..=32 => same_word(0) && same_word(8) && same_word(n - 16) && same_word(n - 8),
        _ => a == b,
    }
}

/// The size of a chunk. A block is at most a header and `u16::MAX` bytes
/// of text, so it always fits in one.
const CHUNK_BYTES: usize = 1 << 20;

/// Blocks start at multiples of this; a place counts in these units.
const ALIGN: usize = 8;

/// How many bits of a place give the unit within its chunk.
const UNIT_BITS: u32 = (CHUNK_BYTES / ALIGN).trailing_zeros();

/// Chunks a place can name without ever equalling `NONE`: 32 GiB of
/// persons.
const MAX_CHUNKS: usize = (1 << (32 - UNIT_BITS)) - 1;

/// The persons' blocks, by handle.
///
/// An update writes a new block and leaves the old one dead. Once dead
/// bytes outweigh half the live ones, each change also empties the chunk
/// with the most dead bytes, moving its live blocks to the end, so space
/// stays within about 1.5 times what the persons need and no change waits
/// on more than one chunk's worth of copying.
#[derive(Default)]
pub(super) struct Slots {
    chunks: Vec<Vec<u8>>,
    /// Dead bytes in each chunk.
    dead_in: Vec<usize>,
    /// The chunk blocks are appended to.
    current: usize,
    /// Chunks emptied, to fill again before adding new ones.
    spare: Vec<usize>,
    /// Each handle's place: its chunk (high bits) and unit in it, or
    /// `NONE` for a free handle.
    places: Vec<u32>,
    live: usize,
    dead: usize,
}

/// A block moved from one place to another.
pub(super) struct Moved {
    pub(super) handle: u32,
    pub(super) from: u32,
    pub(super) to: u32,
}

fn place_of(chunk: usize, at: usize) -> Option<u32> {
    let unit = u32::try_from(at / ALIGN).ok()?;
    Some((u32::try_from(chunk).ok()? << UNIT_BITS) | unit)
}

fn chunk_of(place: u32) -> usize {
    (place >> UNIT_BITS) as usize
}

/// The index has no room for another block.
#[derive(Debug)]
pub(super) struct NoRoom;

fn padded(len: usize) -> usize {
    len.next_multiple_of(ALIGN)
}

impl Slots {
    /// How many chunks hold blocks, dead or alive.
    #[cfg(test)]
    pub(super) fn chunk_count(&self) -> usize {
        self.chunks.len() - self.spare.len()
    }

    /// How many handles have been given out (free ones included).
    pub(super) fn handles(&self) -> usize {
        self.places.len()
    }

    /// The person at `handle`.
    #[inline]
    pub(super) fn get(&self, handle: u32) -> Option<Slot<'_>> {
        self.at(*self.places.get(handle as usize)?)
    }

    /// Where the person at `handle` is stored (`NONE` if nowhere). The
    /// key tables hold places, so that a lookup reads the block directly.
    #[inline]
    pub(super) fn place(&self, handle: u32) -> u32 {
        self.places.get(handle as usize).copied().unwrap_or(NONE)
    }

    /// The person stored at `place`.
    #[inline]
    pub(super) fn at(&self, place: u32) -> Option<Slot<'_>> {
        let chunk = self.chunks.get(chunk_of(place))?;
        let at = (place as usize & ((1 << UNIT_BITS) - 1)) * ALIGN;
        chunk.get(at..).map(Slot)
    }

    /// Every stored person with its handle, in handle order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, Slot<'_>)> {
        (0..)
            .zip(&self.places)
            .filter_map(|(h, &place)| Some((h, self.at(place)?)))
    }

    /// A new, empty handle.
    pub(super) fn new_handle(&mut self) -> u32 {
        self.places.push(NONE);
        u32::try_from(self.places.len() - 1).unwrap_or(NONE)
    }

    /// Whether `blocks` more blocks (each a header and at most
    /// `u16::MAX` bytes of text) fit, however they fall into chunks.
    pub(super) fn has_room(&self, blocks: usize) -> bool {
        let worst = blocks.saturating_mul(padded(HEADER + usize::from(u16::MAX)) + ALIGN);
        let chunks_needed = worst.div_ceil(CHUNK_BYTES) + 1;
        self.chunks.len() + chunks_needed <= MAX_CHUNKS
    }

    /// Stores `block` as the person at `handle`, in place of any block it
    /// had, and returns its place. On error nothing changes.
    pub(super) fn put(&mut self, handle: u32, block: &Block) -> Result<u32, NoRoom> {
        if handle as usize >= self.places.len() {
            return Err(NoRoom);
        }
        let place = self.append(&block.0)?;
        self.vacate(handle);
        self.places[handle as usize] = place;
        self.live += padded(block.0.len());
        self.set_word(handle, HANDLE_AT, handle);
        Ok(place)
    }

    /// Frees the handle's block; the handle stays given out.
    pub(super) fn vacate(&mut self, handle: u32) {
        let place = self.place(handle);
        if let Some(old) = self.at(place) {
            let size = padded(old.len());
            self.live -= size;
            self.dead += size;
            self.dead_in[chunk_of(place)] += size;
            self.places[handle as usize] = NONE;
        }
    }

    /// Writes `block` after the last one; returns its place.
    fn append(&mut self, block: &[u8]) -> Result<u32, NoRoom> {
        let size = padded(block.len());
        let fits = self
            .chunks
            .get(self.current)
            .is_some_and(|c| CHUNK_BYTES - c.len() >= size);
        if !fits {
            self.current = match self.spare.pop() {
                Some(spare) => spare,
                None if self.chunks.len() < MAX_CHUNKS => {
                    self.chunks.push(Vec::new());
                    self.dead_in.push(0);
                    self.chunks.len() - 1
                }
                None => return Err(NoRoom),
            };
            self.chunks[self.current] = Vec::with_capacity(CHUNK_BYTES);
        }
        let chunk = &mut self.chunks[self.current];
        let at = chunk.len();
        let place = place_of(self.current, at).ok_or(NoRoom)?;
        chunk.extend_from_slice(block);
        chunk.resize(at + size, 0);
        Ok(place)
    }

    /// Once dead bytes outweigh half the live ones: moves the live blocks
    /// of the chunk with the most dead bytes to the end, frees it, and
    /// returns what moved, for the caller to move what it holds of their
    /// places. Should a block find no room (it took none more before, so
    /// it always does), the blocks moved so far are returned.
    pub(super) fn reclaim(&mut self) -> Vec<Moved> {
        let mut moved = Vec::new();
        if self.dead <= CHUNK_BYTES || self.dead <= self.live / 2 {
            return moved;
        }
        // Never the chunk being filled, nor one with nothing dead (emptied
        // chunks among them, which must be listed as spare only once).
        let Some(victim) = (0..self.chunks.len())
            .filter(|&c| c != self.current && self.dead_in[c] > 0)
            .max_by_key(|&c| self.dead_in[c])
        else {
            return moved;
        };
        let chunk = std::mem::take(&mut self.chunks[victim]);
        let mut at = 0;
        while let Some(bytes) = chunk.get(at..).filter(|b| !b.is_empty()) {
            let slot = Slot(bytes);
            let length = slot.len();
            let handle = slot.handle();
            let from = place_of(victim, at).unwrap_or(NONE);
            if self.place(handle) == from {
                let Some(to) = slot
                    .0
                    .get(..length)
                    .and_then(|bytes| self.append(bytes).ok())
                else {
                    // Put the chunk back: its blocks not yet moved stay.
                    self.chunks[victim] = chunk;
                    return moved;
                };
                self.places[handle as usize] = to;
                // The copy left behind is dead, like the rest of the chunk.
                self.dead += padded(length);
                self.dead_in[victim] += padded(length);
                moved.push(Moved { handle, from, to });
            }
            at += padded(length);
        }
        self.dead -= self.dead_in[victim];
        self.dead_in[victim] = 0;
        self.spare.push(victim);
        moved
    }

    /// Sets the next person after `handle` with the same `key`.
    pub(super) fn set_next(&mut self, handle: u32, key: Key, next: u32) {
        self.set_word(handle, NEXT_AT + 4 * key as usize, next);
    }

    /// Sets the person's groups.
    pub(super) fn set_groups(&mut self, handle: u32, groups: Groups) {
        self.set_word(handle, GROUPS_AT, groups.0[0]);
        self.set_word(handle, GROUPS_AT + 4, groups.0[1]);
    }

    fn set_word(&mut self, handle: u32, at: usize, value: u32) {
        let Some(&place) = self.places.get(handle as usize) else {
            return;
        };
        let Some(chunk) = self.chunks.get_mut(chunk_of(place)) else {
            return;
        };
        let start = (place as usize & ((1 << UNIT_BITS) - 1)) * ALIGN + at;
        if let Some(bytes) = chunk.get_mut(start..start + 4) {
            bytes.copy_from_slice(&value.to_le_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(identifier: &str, last_name: &str) -> Block {
        let texts = [
            None,
            None,
            None,
            None,
            Some(identifier.as_bytes()),
            None,
            Some(last_name.as_bytes()),
        ];
        Block::pack(texts, Groups([NONE; 2]), [NONE; 3]).unwrap()
    }

    #[test]
    fn updates_leave_dead_blocks_that_compaction_reclaims() {
        let mut slots = Slots::default();
        let handles: Vec<u32> = (0..100).map(|_| slots.new_handle()).collect();
        let long = "x".repeat(60_000);
        for round in 0..200 {
            for &h in &handles {
                let block = block(&format!("p-{h}"), &format!("{long}{round}"));
                slots.put(h, &block).unwrap();
                for moved in slots.reclaim() {
                    assert_eq!(slots.place(moved.handle), moved.to);
                    assert_ne!(moved.from, moved.to);
                }
            }
        }
        // 100 live blocks of about 60 kB (6 MB), after 20,000 writes.
        assert!(slots.chunk_count() <= 10, "{} chunks", slots.chunk_count());
        for &h in &handles {
            let slot = slots.get(h).unwrap();
            assert_eq!(slot.identifier(), format!("p-{h}"));
            assert_eq!(
                slot.text(Text::LastName),
                Some(format!("{long}199").as_str())
            );
        }
    }

    #[test]
    fn byte_strings_compare_equal_exactly_when_equal() {
        let text: Vec<u8> = (0..40u8).collect();
        for n in 0..=40 {
            let a = &text[..n];
            assert!(same_bytes(a, &text[..n]), "length {n}");
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!(!same_bytes(a, &b), "length {n}, byte {i}");
            }
            if n > 0 {
                assert!(!same_bytes(a, &text[..n - 1]), "length {n} and {}", n - 1);
            }
        }
    }

    #[test]
    fn links_and_groups_are_written_in_place() {
        let mut slots = Slots::default();
        let h = slots.new_handle();
        slots.put(h, &block("p-1", "Smith")).unwrap();
        slots.set_next(h, Key::Email, 7);
        slots.set_groups(h, Groups([3, NONE]));
        let slot = slots.get(h).unwrap();
        assert_eq!((slot.next(Key::Email), slot.next(Key::Phone)), (7, NONE));
        assert!(slot.groups() == Groups([3, NONE]));
        assert_eq!(slot.text(Text::LastName), Some("Smith"));
        slots.vacate(h);
        assert!(slots.get(h).is_none());
        assert_eq!(slots.handles(), 1);
    }
}
