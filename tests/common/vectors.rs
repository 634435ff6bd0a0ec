//! Readers for the committed conformance vectors in `tests/data/`.

/// One row of `phone_vectors.tsv` (from `scripts/gen_phone_vectors.py`).
pub struct PhoneVector {
    /// The default region the input is parsed with.
    pub region: &'static str,
    /// The input, unescaped.
    pub input: String,
    /// Whether phonenumbers accepts it.
    pub valid: bool,
    /// Its E.164 form when valid.
    pub e164: &'static str,
    /// Its extension when valid, `""` for none.
    pub extension: &'static str,
    /// phonenumbers' verdict: `VALID` or the class of its error.
    pub outcome: &'static str,
}

/// Every phone vector.
pub fn phone_vectors() -> Vec<PhoneVector> {
    include_str!("../data/phone_vectors.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|line| {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [region, input, valid, e164, extension, outcome] = fields[..] else {
                panic!("malformed vector line {line:?}");
            };
            PhoneVector {
                region,
                input: unescape(input),
                valid: valid == "1",
                e164,
                extension,
                outcome,
            }
        })
        .collect()
}

/// `\\`, `\t`, `\n`, `\r` and `\u{hex}` as the generator writes them.
pub fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).expect("hex escape");
                out.push(char::from_u32(code).expect("scalar value"));
            }
            other => panic!("bad escape {other:?} in {field:?}"),
        }
    }
    out
}
