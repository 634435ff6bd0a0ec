#!/usr/bin/env python3
"""Generate the email conformance vectors and the email Unicode tables.

The reference behaviour of `person_match::EmailAddress` (SPEC §3.1) is Python
`email-validator` 2.4.0 called as `validate_email(s.strip(),
check_deliverability=False)`, with the `idna` package it resolves (3.20) and
Python 3.11's `unicodedata` (Unicode 14.0.0). This script asks that reference
and writes:

* `tests/data/email_vectors.json`: an array of
  `{"input", "valid", "stored", "key"}` objects (`stored`/`key` are null when
  invalid). `stored` is email-validator's `normalized` form; `key` is
  `NFC(casefold(local_part)) + "@" + ascii_domain`. Where the crate differs
  from email-validator the object gives the crate's verdict, plus
  `"deviation"` (why) and `"email_validator"` (what the library returned):
  `local_part_over_64_octets` (SPEC §3.1 caps the local part; the library
  checks that only with strict=True) and `bidi_class_changed_after_unicode_14`
  (four marks that newer Unicode data, used by the `idna` crate, classes as
  left-to-right, so a right-to-left label with one of them is rejected).
* `src/email/tables.rs`: the Unicode data the crate needs to mirror the
  reference (general category and bidi class from `unicodedata` 14.0.0,
  IDNA 2008 code point classes and scripts from `idna`, full case folding).

Inputs: the email-validator and isemail test inputs in the shared corpora
(read here only; the committed test reads just the JSON this writes), plus
the script's own cases and code point sweeps. Rerun from anywhere; the
corpora default to ../shared/corpora beside the repository (--corpora DIR):

    python3.11 -m venv /tmp/ev
    /tmp/ev/bin/pip install email-validator==2.4.0 idna==3.20
    /tmp/ev/bin/python scripts/gen_email_vectors.py

Output is deterministic: the same versions give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from pathlib import Path

import email_validator
import idna
from email_validator import EmailNotValidError, validate_email
from idna import idnadata
from idna.intranges import intranges_contain

EMAIL_VALIDATOR_VERSION = "2.4.0"
IDNA_VERSION = "3.20"
UNICODE_VERSION = "14.0.0"
LOCAL_PART_MAX_OCTETS = 64

ROOT = Path(__file__).resolve().parent.parent


def check_versions() -> None:
    found = (email_validator.__version__, idna.__version__, unicodedata.unidata_version)
    wanted = (EMAIL_VALIDATOR_VERSION, IDNA_VERSION, UNICODE_VERSION)
    if found != wanted:
        sys.exit(
            f"need email-validator {wanted[0]}, idna {wanted[1]} and Python 3.11 "
            f"(unicodedata {wanted[2]}); found {found}"
        )


# ---------------------------------------------------------------------------
# Reference


# Marks whose bidi class was NSM in Unicode 14.0 and is L in the newer data
# of the `idna` crate (ICU4X), whose UTS #46 step then rejects them in a
# right-to-left label. Found by sweeping every code point through both
# implementations; documented in src/email.rs.
BIDI_DRIFT = {0x1B3A, 0x1B3C, 0x1B42, 0x1171E}


def deviation(s: str, r) -> str | None:
    """Why the crate rejects an address email-validator accepts, if it does."""
    original_local = s.split("@", 1)[0]
    if (
        len(original_local.encode("utf-8")) > LOCAL_PART_MAX_OCTETS
        or len(r.local_part.encode("utf-8")) > LOCAL_PART_MAX_OCTETS
    ):
        # SPEC §3.1; email-validator checks this limit only with strict=True.
        return "local_part_over_64_octets"
    rtl = {"R", "AL", "AN"}
    if any(unicodedata.bidirectional(c) in rtl for c in r.domain):
        for label in r.domain.split("."):
            starts_rtl = unicodedata.bidirectional(label[0]) in ("R", "AL")
            if starts_rtl and any(ord(c) in BIDI_DRIFT for c in label):
                return "bidi_class_changed_after_unicode_14"
    return None


def reference(raw: str) -> dict:
    """What the crate must return for `raw`."""
    s = raw.strip()
    try:
        r = validate_email(s, check_deliverability=False)
    except EmailNotValidError:
        return {"input": raw, "valid": False, "stored": None, "key": None}
    key = unicodedata.normalize("NFC", r.local_part.casefold()) + "@" + r.ascii_domain
    why = deviation(s, r)
    if why is None:
        return {"input": raw, "valid": True, "stored": r.normalized, "key": key}
    return {
        "input": raw,
        "valid": False,
        "stored": None,
        "key": None,
        "deviation": why,
        "email_validator": {"valid": True, "stored": r.normalized, "key": key},
    }


# ---------------------------------------------------------------------------
# Inputs


SPECIAL_USE = ["arpa", "invalid", "local", "localhost", "onion", "test"]


def own_inputs() -> list[str]:
    v: list[str] = []
    add = v.append

    # Plain addresses, case and whitespace variants (all share a key).
    for base in ["user@example.com", "first.last+tag@sub.example.co.uk", "Jane.Doe@Example.COM"]:
        for form in [base, base.lower(), base.upper(), base.title(), base.swapcase()]:
            add(form)
            for pad in [" ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2003", "\x1c", "\x1f", "\u0085", "\u2028"]:
                add(pad + form + pad)
            add("  " + form)
            add(form + "  ")
    for pad in ["\u180e", "\u200b", "\ufeff", "\x00", "\x7f", "\u2060"]:
        add(pad + "user@example.com")
        add("user@example.com" + pad)

    # Dots, plus tags, every atext character.
    add("a.b.c@example.com")
    add(".a@example.com")
    add("a.@example.com")
    add("a..b@example.com")
    add("a+@example.com")
    add("+a@example.com")
    add("a+b+c@example.com")
    add("a!#$%&'*+-/=?^_`{|}~@example.com")
    for c in "!#$%&'*+-/=?^_`{|}~":
        add(f"a{c}b@example.com")
    for c in " \"(),:;<>@[\\]":
        add(f"a{c}b@example.com")
    add("a@b@example.com")
    add("@example.com")
    add("user@")
    add("user")
    add("")
    add("   ")
    add("@")
    add("user@.example.com")
    add("user@example.com.")
    add("user@example..com")
    add("user@-example.com")
    add("user@example-.com")
    add("user@ex-ample.com")
    add("user@ex--ample.com")
    add("user@ab--cd.com")
    add("user@xn--cd.com")
    add("user@XN--CD.com")
    add("user@a.-b.com")
    add("user@a-.b.com")
    add("user@example.c-m")
    add("user@example.123")
    add("user@example.co1")
    add("user@1.2.3.4")
    add("user@example")
    add("user@com")
    add("user@localhost")
    add("user@example.com-")
    add("user@a_b.example.com")
    add("user@exa mple.com")
    add("user@example.com (comment)")
    add("user(comment)@example.com")

    # Quoted local parts, domain literals, display names, look-alike @.
    add('"user"@example.com')
    add('"user name"@example.com')
    add('"user@name"@example.com')
    add('"a"b@example.com')
    add('a"b"@example.com')
    add("user@[192.0.2.1]")
    add("user@[IPv6:2001:db8::1]")
    add("user@[example.com]")
    add("user@[192.0.2.1")
    add("Jane Doe <jane@example.com>")
    add("<jane@example.com>")
    add('"Jane Doe" <jane@example.com>')
    add("jane@example.com <jane@example.com>")
    add("user\uff20example.com")
    add("user\ufe6bexample.com")
    add("<\u0338user@example.com")

    # RFC 2142 mailbox names are lowercased by email-validator.
    for name in ["Postmaster", "POSTMASTER", "Abuse", "Info", "WebMaster", "Sales", "Support.Team", "NoReply"]:
        add(f"{name}@example.com")
    add("mar\u212aeting@example.com")  # KELVIN SIGN: NFC gives "marKeting"

    # Internationalized local parts, NFC, case folding.
    for local in [
        "用户", "ñoño", "Pelé", "Pele\u0301", "PELÉ", "PELE\u0301", "Ǆemal", "ǅemal", "ǆemal",
        "straße", "STRASSE", "Straße", "STRAẞE", "ΟΔΟΣ", "οδος", "οδοσ", "ᏣᎳᎩ", "ꮳꮃꭹ",
        "ﬁle", "FILE", "İstanbul", "istanbul", "ǰ", "J\u030c", "ſ", "Kelvin\u212a", "ohm\u2126",
        "a\u037eb", "a\u1fefb", "a\u0958b", "😀", "a😀b", "אבג", "مرحبا", "a\u0301", "\u0301a",
        "a.\u0301b", "a\u200bb", "a\u200db", "a\u202eb", "a\u2066b", "a\u00adb", "a\ue000b",
        "a\u0378b", "a\ufffdb", "a\uffffb", "a\U0010fffdb", "a\U0001f600b", "a\u3000b",
        "a\u00a0b", "a\u2028b", "a\x85b", "a\u1680b", "a\u180eb", "a\u0085b", "a\u2800b",
        "a\u0300\u0301", "\u1100\u1161\u11a8", "가", "ＦＵＬＬ", "ｆｕｌｌ", "Ⅻ", "ⅻ", "①",
        "ʻokina", "a\u3164b", "a\u115fb", "\u0345", "a\u0345", "ᾳ", "ΐ", "ΐ",
        "\u1e9e", "ß", "ss", "SS", "\u0130", "i\u0307", "\u03a3", "\u03c3", "\u03c2",
        "\U00010400", "\U00010428", "\U0001e900", "\U0001e922",
    ]:
        add(f"{local}@example.com")
        add(f"{local}@BÜCHER.example.com")

    # IDN domains in U-label and A-label forms.
    for dom in [
        "bücher.example.com", "xn--bcher-kva.example.com", "BÜCHER.example.com",
        "XN--BCHER-KVA.example.com", "Xn--Bcher-Kva.Example.Com", "bu\u0308cher.example.com",
        "münchen.de", "xn--mnchen-3ya.de", "faß.de", "xn--fa-hia.de", "fass.de", "FAß.de",
        "βόλος.com", "xn--nxasmm1c.com", "ΒΌΛΟΣ.com", "ς.com", "σ.com", "Σ.com",
        "例え.jp", "例え。jp", "例え．jp", "例え｡jp", "日本語。ＪＰ", "ＥＸＡＭＰＬＥ．ＣＯＭ",
        "example.xn--p1ai", "пример.рф", "xn--e1afmkfd.xn--p1ai", "ПРИМЕР.РФ",
        "例子.广告", "مثال.إختبار", "مثال.com", "xn--mgbh0fb.com", "דוגמה.com", "xn--5dbqzzl.com",
        "1.אב.com", "אב.1.com", "xn--4dbc.1.com", "1.xn--4dbc.com", "אב1.com", "1אב.com",
        "a1.אב.com", "אבג-1.com", "ا١٢.com", "ا۱۲.com", "ا١۲.com", "a١.com",
        "col·legi.cat", "xn--colllegi-x3a.cat", "a·b.cat", "·l.cat", "l·.cat",
        "α͵β.com", "α͵.com", "a͵b.com", "א׳ב.com", "a׳b.com", "ア・イ.jp", "a・b.jp", "・.jp",
        "\u2603.net", "xn--n3h.net", "i\u2764.ws", "xn--i-7iq.ws", "\U0001f4a9.la", "xn--ls8h.la",
        "a\u200db.com", "a\u200cb.com", "क\u094d\u200dष.com", "xn--1ug.com", "xn--a-gfg.com",
        "xn---bbk.com", "xn--bbk.com", "xn--bcher-KVA.example.com", "xn--zzzzzzzz.com",
        "xn--a.com", "xn--.com", "xn--abc-.com", "xn--ü.com", "xn--bcher-kva-.com",
        "xn--xn--bcher-kva.com", "ab--ü.com", "üb--c.com", "\u0301a.com", "a.\u0301b.com",
        "a\u0301.com", "ａ＿ｂ.com", "a\uff3fb.com", "a\uff01b.com", "a\u2024b.com",
        "a\u2488b.com", "a\u33c2.com", "a\ufe52b.com", "\U0001f100.com", "a\u2025.com",
        "a\ufdfa.com", "ｘｎ－－ｂｃｈｅｒ－ｋｖａ.com", "xn--ｂｃｈｅｒ-kva.com",
        "\u00e9xample.com", "e\u0301xample.com", "E\u0301XAMPLE.COM", "\u212bngstr\u00f6m.com",
        "straße.com", "ǆ.com", "Ǆ.com", "ǅ.com", "ﬁ.com", "ⅻ.com", "①.com", "㈱.com",
        "a\u00adb.com", "a\u034fb.com", "a\u180bb.com", "a\ufe00b.com", "a\u200bb.com",
        "a\u0378b.com", "a\ue000b.com", "a\u3000b.com", "a\u00a0b.com", "a\u2028b.com",
        "ex\u0430mple.com", "xn--exmple-4nf.com", "gmail.com\u200b", "gmаil.com",
        "١٢٣.com", "a.١٢٣", "xn--a.xn--b", "bücher.xn--p1ai", "bücher.рф",
        "中国.中国", "xn--fiqs8s.xn--fiqs8s", "ab.xn--fiqs8s", "axn--b.com", "a-xn--b.com",
        "XN--BCHER-KVA.XN--P1AI", "xn--bcher-kva.xn--", "b\u00fccher.xn--abc", "xn--abc.xn--p1ai",
    ]:
        add(f"user@{dom}")
    for c in sorted(BIDI_DRIFT):
        for dom in [f"\u05d0{chr(c)}.com", f"\u0627{chr(c)}.com", f"a{chr(c)}.com", f"a{chr(c)}.\u05d0.com"]:
            add(f"user@{dom}")
            add("user@" + idna.encode(dom).decode())
    add("user@bücher.example.com")
    add("user@xn--bcher-kva.example.com")
    add("USER@BÜCHER.EXAMPLE.COM")
    add("User@Xn--Bcher-Kva.Example.Com")

    # Every special-use name, as a suffix, alone, in capitals, as a prefix.
    for s in SPECIAL_USE + ["example", "example.com", "example.net", "example.org", "home.arpa", "alt"]:
        add(f"user@{s}")
        add(f"user@x.{s}")
        add(f"user@x.y.{s}")
        add(f"user@X.{s.upper()}")
        add(f"user@{s}.com")
        add(f"user@x{s}")
        add(f"user@x.{s}.")
        add(f"user@bücher.{s}")
        add(f"user@x.{s}x")

    # Length boundaries (octets; the crate caps the local part at 64).
    for n in [1, 63, 64, 65, 66, 100, 200, 240, 243, 244, 245]:
        add("a" * n + "@example.com")
    for n in [31, 32, 33]:
        add("é" * n + "@example.com")  # 2 octets each
        add("e\u0301" * n + "@example.com")  # 3 octets each, NFC gives 2
    for n in [21, 22]:
        add("€" * n + "@example.com")  # 3 octets each
        add("a" + "€" * n + "@example.com")
    for n in [15, 16, 17]:
        add("😀" * n + "@example.com")  # 4 octets each
    add("a" * 60 + "\u0958" + "@example.com")  # NFC lengthens U+0958
    add("a" * 61 + "\u0958" + "@example.com")
    add("a" * 58 + "\u0958\u0958" + "@example.com")
    for label_len in [62, 63, 64]:
        add("user@" + "a" * label_len + ".com")
        add("user@" + "ü" * label_len + ".com")
        add("user@x." + "a" * label_len)
    for total in [252, 253, 254, 255, 256]:
        # local@aaa...aaa.bbb...b.com with labels of 63 octets at most
        local = "user"
        room = total - len(local) - 1 - len(".com")
        labels = []
        while room > 0:
            take = min(63, room)
            if room - take == 1:
                take -= 1
            labels.append("a" * take)
            room -= take + 1
        dom = ".".join(labels) + ".com"
        add(local + "@" + dom)
        add(local.upper() + "@" + dom.upper())
        add("a" * 64 + "@" + dom[60:])
    # Domain of exactly 253/254 octets (total is then over 254).
    for dom_len in [251, 252, 253, 254]:
        labels = []
        room = dom_len - 4
        while room > 0:
            take = min(63, room)
            if room - take == 1:
                take -= 1
            labels.append("b" * take)
            room -= take + 1
        dom = ".".join(labels) + ".com"
        add("a@" + dom)
    # IDN whose A-label form pushes the address over 254 octets.
    for n in [44, 45, 46, 47, 48]:
        add("user@" + ".".join(["ü" * 10] * 5) + "." + "a" * n + ".com")
        add("a" * 40 + "@" + ".".join(["ü" * 20] * 5) + ".de")
    for n in [200, 230, 250, 300, 1000]:
        add("user@" + "ü" * n + ".com")
        add("ü" * n + "@example.com")
    add("a" * 5000 + "@example.com")
    add("user@" + "a" * 5000 + ".com")
    add("user@" + "xn--" + "a" * 3000 + ".com")

    return v


def boundary_inputs() -> list[str]:
    """Code points at every run boundary of the generated tables, in a local
    part and in a domain label, so a wrong table entry shows up here."""
    cps = sorted({cp for start in run_starts() for cp in (start - 1, start) if 0x80 <= cp < 0x110000})
    out = []
    for cp in cps:
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        out.append(f"a{c}b@example.com")
        out.append(f"user@a{c}b.example.com")
    return out


def sampled_inputs() -> list[str]:
    """A fixed pseudo-random sample of single code points in several
    positions (the seed makes it deterministic)."""
    rng = random.Random(3_1_2024)
    out = []
    pool = [cp for cp in range(0x80, 0x30000) if not 0xD800 <= cp <= 0xDFFF]
    for cp in rng.sample(pool, 1500):
        c = chr(cp)
        out.append(f"{c}@example.com")
        out.append(f"user@{c}.com")
        out.append(f"user@\u05d0{c}.com")
    return out


def corpus_inputs(corpora: Path) -> list[str]:
    out = []
    for name in ["email_vectors_ev.json", "email_vectors_isemail.json"]:
        for entry in json.loads((corpora / name).read_text(encoding="utf-8")):
            out.append(entry["input"])
    return out


# ---------------------------------------------------------------------------
# Unicode tables for src/email/tables.rs

CAT_OK, CAT_MARK, CAT_UNSAFE = 0, 1, 2
IDNA_DISALLOWED, IDNA_PVALID, IDNA_CONTEXTO, IDNA_CONTEXTJ = 0, 1, 2, 3
BIDI = {
    "": 12,  # unknown to this Unicode version
    "L": 1, "R": 2, "AL": 3, "EN": 4, "ES": 5, "ET": 6, "AN": 7, "CS": 8, "NSM": 9, "BN": 10, "ON": 11,
}
BIDI_OTHER = 13


def category_class(c: str) -> int:
    cat = unicodedata.category(c)
    if cat[0] in "LNPS":
        return CAT_OK
    if cat[0] == "M":
        return CAT_MARK
    return CAT_UNSAFE


def idna_class(cp: int) -> int:
    classes = idnadata.codepoint_classes
    if intranges_contain(cp, classes["PVALID"]):
        return IDNA_PVALID
    if intranges_contain(cp, classes["CONTEXTO"]):
        return IDNA_CONTEXTO
    if intranges_contain(cp, classes["CONTEXTJ"]):
        return IDNA_CONTEXTJ
    return IDNA_DISALLOWED


def char_props(cp: int) -> int:
    c = chr(cp)
    idn = idna_class(cp)
    bidi = BIDI.get(unicodedata.bidirectional(c), BIDI_OTHER) if idn != IDNA_DISALLOWED else 0
    return category_class(c) | (idn << 2) | (bidi << 4)


_RUNS: list[tuple[int, int]] | None = None


def runs() -> list[tuple[int, int]]:
    global _RUNS
    if _RUNS is None:
        out: list[tuple[int, int]] = []
        prev = None
        for cp in range(0x110000):
            p = char_props(cp)
            if p != prev:
                out.append((cp, p))
                prev = p
        _RUNS = out
    return _RUNS


def run_starts() -> list[int]:
    return [start for start, _ in runs()]


def rust_ranges(name: str, ranges: list[tuple[int, int]], doc: str) -> str:
    body = ",\n".join(f"    (0x{a:04X}, 0x{b:04X})" for a, b in ranges)
    return f"/// {doc}\n#[rustfmt::skip]\npub(super) static {name}: &[(u32, u32)] = &[\n{body},\n];\n"


def rust_escape(s: str) -> str:
    return "".join("\\u{%04X}" % ord(x) for x in s)


def tables_rs() -> str:
    parts = [
        "// @generated by scripts/gen_email_vectors.py: do not edit by hand.\n"
        f"// Sources: Python unicodedata {UNICODE_VERSION}, idna {IDNA_VERSION} (IDNA 2008 tables\n"
        f"// for Unicode {idnadata.__version__}), as used by email-validator {EMAIL_VALIDATOR_VERSION}.\n",
        "//! Unicode data the email normalizer needs, pinned to the reference\n"
        "//! implementation's versions (see `scripts/gen_email_vectors.py`).\n",
        "#![allow(clippy::unreadable_literal)]\n",
        "/// Runs of code points with equal properties: `(first code point, props)`, sorted.\n"
        "///\n"
        "/// `props` packs: bits 0-1 the general category class (0 letter, number,\n"
        "/// punctuation or symbol; 1 mark; 2 separator, control, format, surrogate,\n"
        "/// private use or unassigned); bits 2-3 the IDNA 2008 class (0 disallowed or\n"
        "/// unassigned, 1 PVALID, 2 CONTEXTO, 3 CONTEXTJ); bits 4-7 the bidi class of\n"
        "/// an IDNA-permitted code point (1 L, 2 R, 3 AL, 4 EN, 5 ES, 6 ET, 7 AN, 8 CS,\n"
        "/// 9 NSM, 10 BN, 11 ON, 12 unknown, 13 other; 0 when not permitted).\n"
        + "#[rustfmt::skip]\npub(super) static CHAR_RUNS: &[(u32, u8)] = &[\n"
        + "\n".join(
            "    " + " ".join(f"(0x{a:04X}, 0x{p:02X})," for a, p in runs()[i : i + 6])
            for i in range(0, len(runs()), 6)
        )
        + "\n];\n",
    ]

    def decode(r: int) -> tuple[int, int]:
        return r >> 32, (r & 0xFFFFFFFF) - 1

    for script in ["Greek", "Hebrew", "Hiragana", "Katakana", "Han"]:
        ranges = [decode(r) for r in idnadata.scripts[script]]
        parts.append(
            rust_ranges(
                f"SCRIPT_{script.upper()}",
                ranges,
                f"Code points of the {script} script (inclusive ranges), for the CONTEXTO rules.",
            )
        )

    dots = [
        cp
        for cp in range(0x110000)
        if "002E" in unicodedata.decomposition(chr(cp)).split(" ") and cp != 0xFF0E
    ]
    parts.append(
        "/// Code points whose decomposition contains U+002E FULL STOP (except U+FF0E),\n"
        "/// which email-validator rejects in a domain before UTS #46 mapping.\n"
        "#[rustfmt::skip]\n"
        "pub(super) static DOT_DECOMPOSITIONS: &[u32] = &[\n"
        + "\n".join("    " + " ".join(f"0x{cp:04X}," for cp in dots[i : i + 8]) for i in range(0, len(dots), 8))
        + "\n];\n"
    )

    folds = []
    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        f = c.casefold()
        if f != c:
            folds.append((cp, f))
    body = "\n".join(f"    (0x{cp:04X}, \"{rust_escape(f)}\")," for cp, f in folds)
    parts.append(
        "/// Full Unicode case folding (`str.casefold`): `(code point, folded)`, sorted.\n"
        "#[rustfmt::skip]\n"
        "pub(super) static CASE_FOLD: &[(u32, &str)] = &[\n" + body + "\n];\n"
    )
    return "\n".join(parts)


# ---------------------------------------------------------------------------


def main() -> None:
    check_versions()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()

    inputs = corpus_inputs(args.corpora) + own_inputs() + boundary_inputs() + sampled_inputs()
    seen = set()
    vectors = []
    for raw in inputs:
        if raw in seen:
            continue
        seen.add(raw)
        vectors.append(reference(raw))

    data = ROOT / "tests" / "data"
    data.mkdir(parents=True, exist_ok=True)
    with open(data / "email_vectors.json", "w", encoding="utf-8", newline="\n") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(v, ensure_ascii=True, separators=(",", ":")) for v in vectors))
        f.write("\n]\n")

    tables = ROOT / "src" / "email" / "tables.rs"
    tables.parent.mkdir(parents=True, exist_ok=True)
    tables.write_text(tables_rs(), encoding="utf-8", newline="\n")

    valid = sum(v["valid"] for v in vectors)
    print(f"{len(vectors)} vectors ({valid} valid) -> {data / 'email_vectors.json'}")
    print(f"{len(runs())} character runs -> {tables}")


if __name__ == "__main__":
    main()
