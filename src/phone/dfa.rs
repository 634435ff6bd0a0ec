//! Deterministic automata for the metadata patterns.
//!
//! The parser and the validator run a dozen metadata patterns per number, so
//! each pattern's program (see `pattern`) is compiled, on first use, into a
//! DFA over the ten digits by the subset construction. Matching is then one
//! table look-up per digit, without allocating.
//!
//! A DFA state stands for the threads of a Pike VM alive at a position: the
//! program's digit and `$` instructions reached from where matching started.
//! Two constructions answer the two kinds of question the parser asks:
//! - [`Semantics::AnyPath`]: a state is the set of threads, for whether the
//!   whole input, or some prefix of it, matches (Python's `fullmatch`, and
//!   whether `match` succeeds);
//! - [`Semantics::LeftmostFirst`]: a state is the threads in priority order,
//!   cut after the first that reaches the end of the pattern, for where the
//!   match Python's `re.match` reports ends (a backtracker's first success).
//!
//! A [`Product`] of any-path DFAs runs several patterns in one walk: the
//! validator asks of every number type of a territory whether it matches.

use std::collections::HashMap;

use super::pattern::Inst;

/// Which matches a DFA tracks; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Semantics {
    AnyPath,
    LeftmostFirst,
}

/// The state with no thread alive; every transition of it loops.
const DEAD: u32 = 0;
/// The state matching started in.
const START: u32 = 1;

/// A match ends at this position, whatever follows.
const MATCH: u8 = 1;
/// A match ends at this position if the input ends here (`$` holds); implied
/// by [`MATCH`].
const MATCH_AT_END: u8 = 2;

/// A compiled pattern: per state, the next state for each digit and flags.
#[derive(Debug, Clone)]
pub(super) struct Dfa {
    next: Vec<[u32; 10]>,
    flags: Vec<u8>,
}

impl Dfa {
    /// Builds the DFA of `program` by the subset construction.
    pub(super) fn new(program: &[Inst], semantics: Semantics) -> Dfa {
        let mut builder = Builder {
            program,
            semantics,
            index: HashMap::new(),
            threads: Vec::new(),
            dfa: Dfa {
                next: Vec::new(),
                flags: Vec::new(),
            },
        };
        let dead = builder.state(Vec::new(), false);
        let start = builder.closure(&[0]);
        let start = builder.state(start.0, start.1);
        debug_assert_eq!((dead, start), (DEAD, START));
        // States are numbered in discovery order, so one pass reaches them all.
        let mut state = 0;
        while let Some(threads) = builder.threads.get(state).cloned() {
            let mut row = [DEAD; 10];
            for (digit, slot) in (0u8..).zip(row.iter_mut()) {
                let seeds: Vec<usize> = threads
                    .iter()
                    .filter(|&&pc| {
                        matches!(program.get(pc), Some(Inst::Digit(mask)) if mask & (1 << digit) != 0)
                    })
                    .map(|&pc| pc + 1)
                    .collect();
                let (targets, matched) = builder.closure(&seeds);
                *slot = builder.state(targets, matched);
            }
            if let Some(next) = builder.dfa.next.get_mut(state) {
                *next = row;
            }
            state += 1;
        }
        builder.dfa
    }

    /// Number of states, the dead one included.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.next.len()
    }

    /// Heap memory held.
    #[cfg(test)]
    pub(super) fn heap_bytes(&self) -> usize {
        self.next.capacity() * size_of::<[u32; 10]>() + self.flags.capacity()
    }

    /// The state after reading `digit` (any byte) in `state`.
    fn step(&self, state: u32, byte: u8) -> u32 {
        let digit = usize::from(byte.wrapping_sub(b'0'));
        self.next
            .get(state as usize)
            .and_then(|row| row.get(digit))
            .copied()
            .unwrap_or(DEAD)
    }

    fn flags(&self, state: u32) -> u8 {
        self.flags.get(state as usize).copied().unwrap_or(0)
    }

    /// Whether the whole of `input` matches (any-path DFA).
    pub(super) fn is_full_match(&self, input: &[u8]) -> bool {
        let mut state = START;
        for &byte in input {
            state = self.step(state, byte);
            if state == DEAD {
                return false;
            }
        }
        self.flags(state) & MATCH_AT_END != 0
    }

    /// Whether some prefix of `input` matches (any-path DFA).
    pub(super) fn is_prefix_match(&self, input: &[u8]) -> bool {
        let mut state = START;
        for &byte in input {
            if self.flags(state) & MATCH != 0 {
                return true;
            }
            state = self.step(state, byte);
            if state == DEAD {
                return false;
            }
        }
        self.flags(state) & MATCH_AT_END != 0
    }

    /// Where the leftmost-first match at the start of `input` ends
    /// (leftmost-first DFA). A later match can only come from threads of
    /// higher priority than an earlier one, so the last one seen wins.
    pub(super) fn match_end(&self, input: &[u8]) -> Option<usize> {
        let mut state = START;
        let mut end = None;
        for (pos, &byte) in input.iter().enumerate() {
            if self.flags(state) & MATCH != 0 {
                end = Some(pos);
            }
            state = self.step(state, byte);
            if state == DEAD {
                return end;
            }
        }
        if self.flags(state) & MATCH_AT_END != 0 {
            end = Some(input.len());
        }
        end
    }
}

/// Several any-path DFAs run side by side: a state is a tuple of their states.
#[derive(Debug, Clone)]
pub(super) struct Product {
    next: Vec<[u32; 10]>,
    /// Per state, bit `i` set if part `i` matches when the input ends there.
    full_matches: Vec<u32>,
}

impl Product {
    /// Most DFAs a product combines (one bit each in the result).
    pub(super) const MAX_PARTS: usize = 32;

    /// The product of `parts` (at most [`Product::MAX_PARTS`], the rest
    /// ignored), with only the states reachable from the start.
    pub(super) fn new(parts: &[&Dfa]) -> Product {
        let parts = parts.get(..Self::MAX_PARTS).unwrap_or(parts);
        let mut product = Product {
            next: Vec::new(),
            full_matches: Vec::new(),
        };
        let mut index: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut tuples: Vec<Vec<u32>> = Vec::new();
        let mut state = |tuple: Vec<u32>, product: &mut Product, tuples: &mut Vec<Vec<u32>>| {
            if let Some(&id) = index.get(&tuple) {
                return id;
            }
            let id = u32::try_from(tuples.len()).unwrap_or(u32::MAX);
            let full_matches = parts
                .iter()
                .zip(&tuple)
                .enumerate()
                .filter(|(_, (dfa, s))| dfa.flags(**s) & MATCH_AT_END != 0)
                .fold(0, |bits, (i, _)| bits | 1 << i);
            product.next.push([DEAD; 10]);
            product.full_matches.push(full_matches);
            tuples.push(tuple.clone());
            index.insert(tuple, id);
            id
        };
        state(vec![DEAD; parts.len()], &mut product, &mut tuples);
        state(vec![START; parts.len()], &mut product, &mut tuples);
        let mut id = 0;
        while let Some(tuple) = tuples.get(id).cloned() {
            let mut row = [DEAD; 10];
            for (digit, slot) in (b'0'..).zip(row.iter_mut()) {
                let next = parts
                    .iter()
                    .zip(&tuple)
                    .map(|(dfa, &s)| dfa.step(s, digit))
                    .collect();
                *slot = state(next, &mut product, &mut tuples);
            }
            if let Some(next) = product.next.get_mut(id) {
                *next = row;
            }
            id += 1;
        }
        product
    }

    /// Which parts match the whole of `input`: bit `i` for part `i`.
    pub(super) fn full_matches(&self, input: &[u8]) -> u32 {
        let mut state = START;
        for &byte in input {
            let digit = usize::from(byte.wrapping_sub(b'0'));
            state = self
                .next
                .get(state as usize)
                .and_then(|row| row.get(digit))
                .copied()
                .unwrap_or(DEAD);
            if state == DEAD {
                return 0;
            }
        }
        self.full_matches.get(state as usize).copied().unwrap_or(0)
    }

    /// Number of states, the dead one included.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.next.len()
    }

    /// Heap memory held.
    #[cfg(test)]
    pub(super) fn heap_bytes(&self) -> usize {
        self.next.capacity() * size_of::<[u32; 10]>() + self.full_matches.capacity() * 4
    }
}

/// The subset construction's working state.
struct Builder<'p> {
    program: &'p [Inst],
    semantics: Semantics,
    /// State number of each (threads, matched) pair seen so far.
    index: HashMap<(Vec<usize>, bool), u32>,
    /// Threads of each state, by number.
    threads: Vec<Vec<usize>>,
    dfa: Dfa,
}

impl Builder<'_> {
    /// The number of the state with these threads, added if new.
    fn state(&mut self, threads: Vec<usize>, matched: bool) -> u32 {
        let key = (threads, matched);
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = u32::try_from(self.threads.len()).unwrap_or(u32::MAX);
        let mut flags = 0;
        if matched {
            flags |= MATCH | MATCH_AT_END;
        }
        if self.matches_at_end(&key.0) {
            flags |= MATCH_AT_END;
        }
        self.dfa.flags.push(flags);
        self.dfa.next.push([DEAD; 10]);
        self.threads.push(key.0.clone());
        self.index.insert(key, id);
        id
    }

    /// The threads reachable without input from `seeds` (in priority order),
    /// stopping at digit and `$` instructions, and whether one reaches
    /// `Match`. Threads are kept in depth-first order, the order a
    /// backtracker tries them; leftmost-first semantics drops those after the
    /// first match, any-path semantics sorts them into a set.
    fn closure(&self, seeds: &[usize]) -> (Vec<usize>, bool) {
        let mut seen = vec![false; self.program.len()];
        let mut threads = Vec::new();
        let mut matched = false;
        let mut stack = Vec::new();
        'seeds: for &seed in seeds {
            stack.push(seed);
            while let Some(pc) = stack.pop() {
                match seen.get_mut(pc) {
                    Some(s) if !*s => *s = true,
                    _ => continue,
                }
                match self.program.get(pc) {
                    Some(Inst::Digit(_) | Inst::AssertEnd) => threads.push(pc),
                    Some(&Inst::Split(first, second)) => {
                        stack.push(second);
                        stack.push(first);
                    }
                    Some(&Inst::Jump(target)) => stack.push(target),
                    Some(Inst::Save(_)) => stack.push(pc + 1),
                    Some(Inst::Match) => {
                        matched = true;
                        if self.semantics == Semantics::LeftmostFirst {
                            break 'seeds;
                        }
                    }
                    None => {}
                }
            }
        }
        if self.semantics == Semantics::AnyPath {
            threads.sort_unstable();
        }
        (threads, matched)
    }

    /// Whether one of `threads` reaches `Match` when the input ends: through
    /// `$` instructions, as no digit is left to read.
    fn matches_at_end(&self, threads: &[usize]) -> bool {
        let mut seen = vec![false; self.program.len()];
        let mut stack: Vec<usize> = threads.to_vec();
        while let Some(pc) = stack.pop() {
            match seen.get_mut(pc) {
                Some(s) if !*s => *s = true,
                _ => continue,
            }
            match self.program.get(pc) {
                Some(Inst::Match) => return true,
                Some(Inst::AssertEnd | Inst::Save(_)) => stack.push(pc + 1),
                Some(&Inst::Split(first, second)) => stack.extend([first, second]),
                Some(&Inst::Jump(target)) => stack.push(target),
                Some(Inst::Digit(_)) | None => {}
            }
        }
        false
    }
}
