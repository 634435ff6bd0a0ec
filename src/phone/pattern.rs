//! A small regular-expression engine for libphonenumber's metadata patterns.
//!
//! The metadata patterns (national number patterns, international and national
//! prefixes, leading digits) only ever run against strings of ASCII digits, and
//! use a small syntax: digit literals, `\d`, classes of digits, groups,
//! alternation, `?`, `*`, `+`, `{n}`, `{n,m}` and `$`. This module compiles
//! that syntax to a program (a Thompson NFA with leftmost-first priorities) and
//! answers questions about it two ways:
//! - with DFAs built from the program on first use (see `dfa`): whether the
//!   input matches in full or in part, and where Python's `re.match` ends;
//!   these are the ones parsing and validation use for every number;
//! - with a bounded backtracker, which also reports capture groups (for
//!   national prefix transform rules) and serves as the tests' reference for
//!   the DFAs.

use std::sync::OnceLock;

use super::dfa::{Dfa, Semantics};

/// One instruction of a compiled pattern.
#[derive(Debug, Clone, Copy)]
pub(super) enum Inst {
    /// Consume one digit whose bit (`1 << digit`) is set.
    Digit(u16),
    /// Try the first branch, then the second (leftmost-first priority).
    Split(usize, usize),
    /// Continue at another instruction.
    Jump(usize),
    /// Record the current position in a capture slot.
    Save(usize),
    /// Succeed only at the end of the input (`$`).
    AssertEnd,
    /// The pattern matched.
    Match,
}

/// A parsed pattern, before compilation.
#[derive(Debug)]
enum Node {
    Digits(u16),
    End,
    Group(Option<usize>, Box<Node>),
    Concat(Vec<Node>),
    Alternation(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

/// All ten digits.
const ANY_DIGIT: u16 = 0x3FF;
/// Upper bound on `{n,m}` counts, far above anything in the metadata.
const MAX_REPEAT: u32 = 64;

/// The pattern uses syntax outside the subset the metadata needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unsupported;

/// A compiled metadata pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    program: Vec<Inst>,
    groups: usize,
    /// For [`Pattern::is_full_match`] and [`Pattern::is_prefix_match`].
    any_path: OnceLock<Dfa>,
    /// For [`Pattern::match_end`].
    leftmost_first: OnceLock<Dfa>,
}

impl Pattern {
    /// Compiles `source`, ignoring whitespace as the metadata XML's layout
    /// requires (libphonenumber strips it when building its tables).
    pub(crate) fn new(source: &str) -> Result<Pattern, Unsupported> {
        let bytes: Vec<u8> = source
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        let mut parser = Parser {
            bytes: &bytes,
            pos: 0,
            groups: 0,
        };
        let node = parser.alternation()?;
        if parser.pos != bytes.len() {
            return Err(Unsupported);
        }
        let mut program = Vec::new();
        compile(&node, &mut program);
        program.push(Inst::Match);
        Ok(Pattern::from_program(program, parser.groups))
    }

    /// A pattern that matches nothing, standing in for absent metadata.
    pub(crate) fn never() -> Pattern {
        Pattern::from_program(vec![Inst::Digit(0), Inst::Match], 0)
    }

    fn from_program(program: Vec<Inst>, groups: usize) -> Pattern {
        Pattern {
            program,
            groups,
            any_path: OnceLock::new(),
            leftmost_first: OnceLock::new(),
        }
    }

    /// The any-path DFA, built on first use.
    pub(super) fn any_path(&self) -> &Dfa {
        self.any_path
            .get_or_init(|| Dfa::new(&self.program, Semantics::AnyPath))
    }

    fn leftmost_first(&self) -> &Dfa {
        self.leftmost_first
            .get_or_init(|| Dfa::new(&self.program, Semantics::LeftmostFirst))
    }

    /// Number of capture groups.
    pub(crate) fn groups(&self) -> usize {
        self.groups
    }

    /// Whether the whole of `digits` matches (Python's `fullmatch`).
    pub(crate) fn is_full_match(&self, digits: &[u8]) -> bool {
        self.any_path().is_full_match(digits)
    }

    /// Whether some prefix of `digits` matches (Python's `match` succeeds).
    pub(crate) fn is_prefix_match(&self, digits: &[u8]) -> bool {
        self.any_path().is_prefix_match(digits)
    }

    /// Where the leftmost-first match at the start of `digits` (Python's
    /// `match`) ends, if there is one.
    pub(crate) fn match_end(&self, digits: &[u8]) -> Option<usize> {
        self.leftmost_first().match_end(digits)
    }

    /// The leftmost-first match at the start of `digits` (Python's `match`):
    /// its end and, per group, the captured span if the group took part.
    /// Allocates; for the few territories with a transform rule.
    pub(crate) fn captures(&self, digits: &[u8]) -> Option<Captures> {
        let mut slots = vec![None; self.groups * 2];
        let end = self.run(digits, false, &mut slots)?;
        Some(Captures { end, slots })
    }

    /// Bounded backtracking: every (instruction, position) pair is explored at
    /// most once, which keeps leftmost-first semantics because whether a pair
    /// can reach `Match` does not depend on the path that led to it.
    fn run(&self, input: &[u8], full: bool, slots: &mut [Option<usize>]) -> Option<usize> {
        enum Frame {
            Explore(usize, usize),
            Restore(usize, Option<usize>),
        }
        let width = input.len() + 1;
        let mut visited = vec![0u64; (self.program.len() * width).div_ceil(64)];
        let mut stack = vec![Frame::Explore(0, 0)];
        while let Some(frame) = stack.pop() {
            let (mut pc, mut pos) = match frame {
                Frame::Explore(pc, pos) => (pc, pos),
                Frame::Restore(slot, value) => {
                    if let Some(s) = slots.get_mut(slot) {
                        *s = value;
                    }
                    continue;
                }
            };
            loop {
                let key = pc * width + pos;
                let Some(word) = visited.get_mut(key / 64) else {
                    break;
                };
                if *word & (1 << (key % 64)) != 0 {
                    break;
                }
                *word |= 1 << (key % 64);
                let Some(&inst) = self.program.get(pc) else {
                    break;
                };
                match inst {
                    Inst::Digit(mask) => match input.get(pos) {
                        Some(&b) if b.is_ascii_digit() && mask & (1 << (b - b'0')) != 0 => {
                            pc += 1;
                            pos += 1;
                        }
                        _ => break,
                    },
                    Inst::Split(first, second) => {
                        stack.push(Frame::Explore(second, pos));
                        pc = first;
                    }
                    Inst::Jump(target) => pc = target,
                    Inst::Save(slot) => {
                        if let Some(s) = slots.get_mut(slot) {
                            stack.push(Frame::Restore(slot, *s));
                            *s = Some(pos);
                        }
                        pc += 1;
                    }
                    Inst::AssertEnd => {
                        if pos != input.len() {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Match => {
                        if full && pos != input.len() {
                            break;
                        }
                        return Some(pos);
                    }
                }
            }
        }
        None
    }
}

/// A small deterministic generator (xorshift64) for tests.
#[cfg(test)]
pub(super) struct TestRng(pub(super) u64);

#[cfg(test)]
impl TestRng {
    /// A number below `n` (`n` > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap_or(0)
    }

    pub(super) fn digit(&mut self) -> u8 {
        b'0' + u8::try_from(self.below(10)).unwrap_or(0)
    }
}

#[cfg(test)]
impl Pattern {
    /// Digits along a random path through the program: mostly strings the
    /// pattern matches, or prefixes of them.
    pub(super) fn sample(&self, rng: &mut TestRng) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pc = 0;
        for _ in 0..400 {
            match self.program.get(pc) {
                Some(&Inst::Digit(mask)) => {
                    let digits: Vec<u8> = (0..10).filter(|d| mask & (1 << d) != 0).collect();
                    let Some(&d) = digits.get(rng.below(digits.len().max(1))) else {
                        break;
                    };
                    out.push(b'0' + d);
                    pc += 1;
                }
                Some(&Inst::Split(a, b)) => pc = if rng.below(2) == 0 { a } else { b },
                Some(&Inst::Jump(t)) => pc = t,
                Some(Inst::Save(_) | Inst::AssertEnd) => pc += 1,
                Some(Inst::Match) | None => break,
            }
            if out.len() > 24 {
                break;
            }
        }
        out
    }
}

/// Where a prefix match ended and what its groups captured.
#[derive(Debug, Clone)]
pub(crate) struct Captures {
    end: usize,
    slots: Vec<Option<usize>>,
}

impl Captures {
    /// End of the match.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// The span of group `index` (1-based), if the group took part.
    pub(crate) fn group(&self, index: usize) -> Option<(usize, usize)> {
        let start = index.checked_sub(1)? * 2;
        match (self.slots.get(start), self.slots.get(start + 1)) {
            (Some(&Some(a)), Some(&Some(b))) if a <= b => Some((a, b)),
            _ => None,
        }
    }
}

fn compile(node: &Node, program: &mut Vec<Inst>) {
    match node {
        Node::Digits(mask) => program.push(Inst::Digit(*mask)),
        Node::End => program.push(Inst::AssertEnd),
        Node::Group(index, inner) => {
            if let Some(i) = index {
                program.push(Inst::Save(i * 2));
            }
            compile(inner, program);
            if let Some(i) = index {
                program.push(Inst::Save(i * 2 + 1));
            }
        }
        Node::Concat(nodes) => {
            for n in nodes {
                compile(n, program);
            }
        }
        Node::Alternation(branches) => {
            // split L1, next; L1: a; jump end; next: split L2, next2; ...
            let mut jumps = Vec::new();
            let last = branches.len().saturating_sub(1);
            for (i, branch) in branches.iter().enumerate() {
                if i < last {
                    let split = program.len();
                    program.push(Inst::Split(split + 1, 0));
                    compile(branch, program);
                    jumps.push(program.len());
                    program.push(Inst::Jump(0));
                    let next = program.len();
                    program[split] = Inst::Split(split + 1, next);
                } else {
                    compile(branch, program);
                }
            }
            let end = program.len();
            for j in jumps {
                program[j] = Inst::Jump(end);
            }
        }
        Node::Repeat {
            node,
            min,
            max,
            greedy,
        } => {
            for _ in 0..*min {
                compile(node, program);
            }
            let split = |body: usize, out: usize| {
                if *greedy {
                    Inst::Split(body, out)
                } else {
                    Inst::Split(out, body)
                }
            };
            if let Some(max) = max {
                // Each optional copy jumps to the common end when skipped.
                let mut holes = Vec::new();
                for _ in *min..*max {
                    holes.push(program.len());
                    program.push(Inst::Jump(0));
                    compile(node, program);
                }
                let end = program.len();
                for h in holes {
                    program[h] = split(h + 1, end);
                }
            } else {
                let head = program.len();
                program.push(Inst::Jump(0));
                compile(node, program);
                program.push(Inst::Jump(head));
                let end = program.len();
                program[head] = split(head + 1, end);
            }
        }
    }
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    groups: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Result<Node, Unsupported> {
        let mut branches = vec![self.concat()?];
        while self.eat(b'|') {
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alternation(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, Unsupported> {
        let mut nodes = Vec::new();
        while let Some(b) = self.peek() {
            if b == b'|' || b == b')' {
                break;
            }
            let atom = self.atom()?;
            nodes.push(self.quantified(atom)?);
        }
        Ok(Node::Concat(nodes))
    }

    fn quantified(&mut self, mut node: Node) -> Result<Node, Unsupported> {
        loop {
            let (min, max) = match self.peek() {
                Some(b'?') => (0, Some(1)),
                Some(b'*') => (0, None),
                Some(b'+') => (1, None),
                Some(b'{') => {
                    self.pos += 1;
                    let min = self.number()?;
                    let max = if self.eat(b',') {
                        if self.peek() == Some(b'}') {
                            None
                        } else {
                            Some(self.number()?)
                        }
                    } else {
                        Some(min)
                    };
                    if self.peek() != Some(b'}') || max.is_some_and(|m| m < min) {
                        return Err(Unsupported);
                    }
                    (min, max)
                }
                _ => return Ok(node),
            };
            self.pos += 1;
            let greedy = !self.eat(b'?');
            node = Node::Repeat {
                node: Box::new(node),
                min,
                max,
                greedy,
            };
        }
    }

    fn number(&mut self) -> Result<u32, Unsupported> {
        let start = self.pos;
        let mut value: u32 = 0;
        while let Some(b) = self.peek().filter(u8::is_ascii_digit) {
            value = value * 10 + u32::from(b - b'0');
            if value > MAX_REPEAT {
                return Err(Unsupported);
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Err(Unsupported);
        }
        Ok(value)
    }

    fn atom(&mut self) -> Result<Node, Unsupported> {
        let b = self.peek().ok_or(Unsupported)?;
        self.pos += 1;
        match b {
            b'0'..=b'9' => Ok(Node::Digits(1 << (b - b'0'))),
            b'.' => Ok(Node::Digits(ANY_DIGIT)),
            b'$' => Ok(Node::End),
            b'\\' => {
                if self.eat(b'd') {
                    Ok(Node::Digits(ANY_DIGIT))
                } else {
                    Err(Unsupported)
                }
            }
            b'(' => {
                let index = if self.eat(b'?') {
                    if !self.eat(b':') {
                        return Err(Unsupported);
                    }
                    None
                } else {
                    self.groups += 1;
                    Some(self.groups - 1)
                };
                let inner = self.alternation()?;
                if !self.eat(b')') {
                    return Err(Unsupported);
                }
                Ok(Node::Group(index, Box::new(inner)))
            }
            b'[' => self.class(),
            _ => Err(Unsupported),
        }
    }

    fn class(&mut self) -> Result<Node, Unsupported> {
        let negated = self.eat(b'^');
        let mut mask: u16 = 0;
        loop {
            let b = self.peek().ok_or(Unsupported)?;
            self.pos += 1;
            match b {
                b']' => break,
                b'\\' => {
                    if !self.eat(b'd') {
                        return Err(Unsupported);
                    }
                    mask |= ANY_DIGIT;
                }
                b'0'..=b'9' => {
                    let lo = b - b'0';
                    let hi = if self.peek() == Some(b'-')
                        && self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
                    {
                        let hi = self.bytes.get(self.pos + 1).map_or(lo, |h| h - b'0');
                        self.pos += 2;
                        hi
                    } else {
                        lo
                    };
                    if hi < lo {
                        return Err(Unsupported);
                    }
                    for d in lo..=hi {
                        mask |= 1 << d;
                    }
                }
                _ => return Err(Unsupported),
            }
        }
        Ok(Node::Digits(if negated { !mask & ANY_DIGIT } else { mask }))
    }
}

#[cfg(test)]
mod tests {
    use super::{Pattern, TestRng};

    fn p(source: &str) -> Pattern {
        Pattern::new(source).expect("pattern compiles")
    }

    #[test]
    fn full_and_prefix_matches() {
        let gb = p("[1-357-9]\\d{9}|[18]\\d{8}|8\\d{6}");
        assert!(gb.is_full_match(b"2070313000"));
        assert!(!gb.is_full_match(b"20703130001"));
        assert!(gb.is_prefix_match(b"20703130001"));
        assert!(gb.is_full_match(b"8001111"));
        assert!(!gb.is_full_match(b"60703130001"));
        assert!(p("\\d{2,4}").is_full_match(b"123"));
        assert!(!p("\\d{2,4}").is_full_match(b"12345"));
        assert!(p("1(?:2|34)*5").is_full_match(b"1234345"));
        assert!(!p("[^0-8]").is_full_match(b"5"));
        assert!(p("[^0-8]").is_full_match(b"9"));
        assert!(!p("\\d").is_full_match(b"x"));
        // `$` inside a pattern: only at the end of the input.
        assert!(p("1$|12").is_prefix_match(b"1"));
        assert!(p("1$|12").is_prefix_match(b"123"));
        assert!(!p("1$|12").is_prefix_match(b"13"));
    }

    #[test]
    fn leftmost_first_ends_and_captures() {
        // Python: re.match('0|80?', '80123') ends at 2 ("80").
        let by = p("0|80?");
        assert_eq!(by.match_end(b"80123"), Some(2));
        assert_eq!(by.captures(b"80123").map(|c| c.end()), Some(2));
        // Python: re.match('1|12', '123') ends at 1, though "12" also matches.
        assert_eq!(p("1|12").match_end(b"123"), Some(1));
        assert_eq!(p("12|1").match_end(b"123"), Some(2));
        assert_eq!(p("\\d*?1").match_end(b"2121"), Some(2));
        assert_eq!(p("0").match_end(b"123"), None);
        assert_eq!(p("\\d?").match_end(b""), Some(0));
        // Python: re.match('([457]\\d{6})$|1', '14561234') takes "1", no group.
        let ag = p("([457]\\d{6})$|1");
        let c = ag.captures(b"14561234").expect("matches");
        assert_eq!((c.end(), c.group(1)), (1, None));
        let c = ag.captures(b"4561234").expect("matches");
        assert_eq!((c.end(), c.group(1)), (7, Some((0, 7))));
        assert_eq!(ag.match_end(b"4561234"), Some(7));
        assert_eq!(ag.match_end(b"45612345"), None);
        // Greedy optional groups prefer taking the group.
        let br = p("(?:0|90)(?:(1[245]|2[1-35]|31|4[13]|[56]5|99)(\\d{10,11}))?");
        let c = br.captures(b"0151234567890").expect("matches");
        assert_eq!((c.group(1), c.group(2)), (Some((1, 3)), Some((3, 13))));
        assert_eq!(br.match_end(b"0151234567890"), Some(13));
    }

    #[test]
    fn unsupported_syntax_is_an_error() {
        for bad in ["a", "(", "[1-", "\\w", "x{2}", "\\d{3,2}", "(?=1)"] {
            assert!(Pattern::new(bad).is_err(), "{bad}");
        }
        assert!(!Pattern::never().is_prefix_match(b"123"));
        assert!(!Pattern::never().is_full_match(b""));
    }

    /// The DFAs answer as the backtracker does on `input`.
    #[track_caller]
    fn check(pattern: &Pattern, input: &[u8]) {
        let full = pattern.run(input, true, &mut []);
        let prefix = pattern.run(input, false, &mut []);
        let shown = String::from_utf8_lossy(input);
        assert_eq!(pattern.is_full_match(input), full.is_some(), "{shown}");
        assert_eq!(pattern.is_prefix_match(input), prefix.is_some(), "{shown}");
        assert_eq!(pattern.match_end(input), prefix, "{shown}");
    }

    /// On paths through every metadata pattern, and those paths cut short,
    /// extended and with a digit changed.
    #[test]
    fn dfas_agree_with_the_backtracker_on_the_metadata() {
        let mut rng = TestRng(0x9E37_79B9_7F4A_7C15);
        let mut patterns = 0;
        for pattern in super::super::metadata::metadata().patterns() {
            patterns += 1;
            check(pattern, b"");
            for _ in 0..12 {
                let s = pattern.sample(&mut rng);
                check(pattern, &s);
                let cut = rng.below(s.len() + 1);
                check(pattern, s.get(..cut).unwrap_or_default());
                let mut longer = s.clone();
                longer.push(rng.digit());
                check(pattern, &longer);
                if let Some(d) = longer.get_mut(cut) {
                    *d = rng.digit();
                }
                check(pattern, &longer);
            }
        }
        assert!(patterns > 1800, "{patterns} patterns");
    }

    /// Every pattern's automata together stay well inside the memory budget
    /// (SPEC §8: about 40 MB for the compiled validators of all regions).
    #[test]
    fn automata_for_all_regions_are_small() {
        let (mut states, mut bytes, mut largest) = (0, 0, 0);
        for pattern in super::super::metadata::metadata().patterns() {
            for dfa in [pattern.any_path(), pattern.leftmost_first()] {
                states += dfa.len();
                bytes += dfa.heap_bytes();
                largest = largest.max(dfa.len());
            }
        }
        println!("{states} states, {bytes} bytes, largest {largest} states");
        assert!(bytes < 10 << 20, "{bytes} bytes");
    }
}
