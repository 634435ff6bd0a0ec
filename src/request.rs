//! The request body of `POST /persons/multiple/` (SPEC §2.1).
//!
//! Deserialization is written by hand so that a wrong JSON type names the
//! record index and the field, never echoes the offending value (it may be
//! personal data), and accepts every form the API documents for the group
//! lists.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A whole request: `{"persons": [record, ...]}`.
///
/// ```
/// use person_match::Request;
///
/// let request: Request = serde_json::from_str(
///     r#"{"persons": [{"first_name": "Test", "group_ids": "['group-1', 'group-2']"}]}"#,
/// ).unwrap();
/// assert_eq!(request.persons[0].group_ids, Some(vec!["group-1".into(), "group-2".into()]));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Request {
    /// The records, in the order they are decided.
    pub persons: Vec<PersonRecord>,
}

/// One person record as submitted.
///
/// Every field is optional. On deserialization `null`, `""` and
/// whitespace-only strings become `None`; values are otherwise kept exactly
/// as submitted, since the response echoes them. Normalization happens
/// later ([`crate::NormalizedRecord`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PersonRecord {
    /// `email_address`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    /// `first_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// `last_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// `external_ref`: the caller's own identifier for the person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_ref: Option<String>,
    /// `phone_number`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `group_ids` (alias `group_id`): a JSON array, a single string, or a
    /// Python-style list literal such as `"['group-1', 'group-2']"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_ids: Option<Vec<String>>,
    /// `groups_external_refs` (aliases `group_external_refs`,
    /// `group_external_ref`), in the same forms as `group_ids`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups_external_refs: Option<Vec<String>>,
}

/// The fields of a record, named as on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// `email_address`
    EmailAddress,
    /// `first_name`
    FirstName,
    /// `last_name`
    LastName,
    /// `external_ref`
    ExternalRef,
    /// `phone_number`
    PhoneNumber,
    /// `group_ids`
    GroupIds,
    /// `groups_external_refs`
    GroupsExternalRefs,
}

impl Field {
    /// The field's name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Field::EmailAddress => "email_address",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::ExternalRef => "external_ref",
            Field::PhoneNumber => "phone_number",
            Field::GroupIds => "group_ids",
            Field::GroupsExternalRefs => "groups_external_refs",
        }
    }

    fn from_wire_name(name: &str) -> Option<Field> {
        Some(match name {
            "email_address" => Field::EmailAddress,
            "first_name" => Field::FirstName,
            "last_name" => Field::LastName,
            "external_ref" => Field::ExternalRef,
            "phone_number" => Field::PhoneNumber,
            "group_ids" | "group_id" => Field::GroupIds,
            "groups_external_refs" | "group_external_refs" | "group_external_ref" => {
                Field::GroupsExternalRefs
            }
            _ => return None,
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a value sits in the request, for error messages:
/// `persons[2].phone_number`, or `phone_number` for a lone record.
#[derive(Clone, Copy)]
struct Location {
    record: Option<usize>,
    field: Option<Field>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.record, self.field) {
            (Some(i), Some(field)) => write!(f, "persons[{i}].{field}"),
            (Some(i), None) => write!(f, "persons[{i}]"),
            (None, Some(field)) => write!(f, "{field}"),
            (None, None) => f.write_str("record"),
        }
    }
}

fn wrong_type<E: de::Error>(at: Location, expected: &str, found: &str) -> E {
    E::custom(format_args!("{at}: expected {expected}, found {found}"))
}

/// Implements the `visit_*` methods for the JSON types a visitor refuses,
/// so that the error names the type but never the value.
macro_rules! refuse_other_types {
    ($expected:literal; $($method:ident($ty:ty) => $found:literal),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, _: $ty) -> Result<Self::Value, E> {
                Err(wrong_type(self.at, $expected, $found))
            }
        )*
    };
}

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RequestVisitor)
    }
}

struct RequestVisitor;

impl<'de> Visitor<'de> for RequestVisitor {
    type Value = Request;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a `persons` list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Request, A::Error> {
        let mut persons = None;
        while let Some(IsPersons(is_persons)) = map.next_key()? {
            if is_persons {
                if persons.is_some() {
                    return Err(de::Error::custom("`persons` is given twice"));
                }
                persons = Some(map.next_value_seed(PersonsSeed)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        persons
            .map(|persons| Request { persons })
            .ok_or_else(|| de::Error::custom("the request has no `persons` list"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Request, A::Error> {
        Err(de::Error::custom(
            "the request must be an object with a `persons` list, found a list",
        ))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Request, E> {
        Err(E::custom(
            "the request must be an object with a `persons` list, found a string",
        ))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Request, E> {
        Err(E::custom(
            "the request must be an object with a `persons` list, found a boolean",
        ))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Request, E> {
        Err(E::custom(
            "the request must be an object with a `persons` list, found a number",
        ))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Request, E> {
        Err(E::custom(
            "the request must be an object with a `persons` list, found a number",
        ))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Request, E> {
        Err(E::custom(
            "the request must be an object with a `persons` list, found a number",
        ))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Request, E> {
        Err(E::custom(
            "the request must be an object with a `persons` list, found null",
        ))
    }
}

/// A top-level key: whether it is `persons` (every other key is ignored).
struct IsPersons(bool);

impl<'de> Deserialize<'de> for IsPersons {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = IsPersons;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IsPersons, E> {
                Ok(IsPersons(v == "persons"))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct PersonsSeed;

impl<'de> DeserializeSeed<'de> for PersonsSeed {
    type Value = Vec<PersonRecord>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(PersonsVisitor)
    }
}

struct PersonsVisitor;

impl<'de> Visitor<'de> for PersonsVisitor {
    type Value = Vec<PersonRecord>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of person records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut persons = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(record) = seq.next_element_seed(RecordSeed {
            record: Some(persons.len()),
        })? {
            persons.push(record);
        }
        Ok(persons)
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(
            "`persons` must be a list, found an object",
        ))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(E::custom("`persons` must be a list, found a string"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(E::custom("`persons` must be a list, found a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(E::custom("`persons` must be a list, found a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(E::custom("`persons` must be a list, found a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(E::custom("`persons` must be a list, found a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom("`persons` must be a list, found null"))
    }
}

impl<'de> Deserialize<'de> for PersonRecord {
    /// Deserializes a lone record; errors name the field only.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RecordSeed { record: None }.deserialize(deserializer)
    }
}

struct RecordSeed {
    record: Option<usize>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed {
    type Value = PersonRecord;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(RecordVisitor {
            at: Location {
                record: self.record,
                field: None,
            },
        })
    }
}

struct RecordVisitor {
    at: Location,
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = PersonRecord;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a person record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PersonRecord, A::Error> {
        let mut record = PersonRecord::default();
        let mut seen: Vec<Field> = Vec::new();
        while let Some(key) = map.next_key::<FieldName>()? {
            let Some(field) = key.0 else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let at = Location {
                record: self.at.record,
                field: Some(field),
            };
            if seen.contains(&field) {
                return Err(de::Error::custom(format_args!(
                    "{at}: given twice (directly or through an alias)"
                )));
            }
            seen.push(field);
            let record = &mut record;
            let text = match field {
                Field::EmailAddress => &mut record.email_address,
                Field::FirstName => &mut record.first_name,
                Field::LastName => &mut record.last_name,
                Field::ExternalRef => &mut record.external_ref,
                Field::PhoneNumber => &mut record.phone_number,
                Field::GroupIds | Field::GroupsExternalRefs => {
                    let list = if field == Field::GroupIds {
                        &mut record.group_ids
                    } else {
                        &mut record.groups_external_refs
                    };
                    *list = map.next_value_seed(ListSeed { at })?;
                    continue;
                }
            };
            *text = map.next_value_seed(TextSeed { at })?;
        }
        Ok(record)
    }

    refuse_other_types!("a person record (an object)";
        visit_str(&str) => "a string",
        visit_bool(bool) => "a boolean",
        visit_i64(i64) => "a number",
        visit_u64(u64) => "a number",
        visit_f64(f64) => "a number",
    );

    fn visit_unit<E: de::Error>(self) -> Result<PersonRecord, E> {
        Err(wrong_type(self.at, "a person record (an object)", "null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<PersonRecord, A::Error> {
        Err(wrong_type(self.at, "a person record (an object)", "a list"))
    }
}

/// A record key: `Some` for the fields we know (aliases folded), `None`
/// for the rest, which are ignored.
struct FieldName(Option<Field>);

impl<'de> Deserialize<'de> for FieldName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldNameVisitor;
        impl Visitor<'_> for FieldNameVisitor {
            type Value = FieldName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldName, E> {
                Ok(FieldName(Field::from_wire_name(v)))
            }
        }
        deserializer.deserialize_identifier(FieldNameVisitor)
    }
}

/// Keeps a text value as submitted; blank means absent.
fn present(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

struct TextSeed {
    at: Location,
}

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(TextVisitor { at: self.at })
    }
}

struct TextVisitor {
    at: Location,
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: a string or null", self.at)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(present(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok((!v.trim().is_empty()).then_some(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    refuse_other_types!("a string";
        visit_bool(bool) => "a boolean",
        visit_i64(i64) => "a number",
        visit_u64(u64) => "a number",
        visit_f64(f64) => "a number",
    );

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(wrong_type(self.at, "a string", "a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(wrong_type(self.at, "a string", "an object"))
    }
}

struct ListSeed {
    at: Location,
}

impl<'de> DeserializeSeed<'de> for ListSeed {
    type Value = Option<Vec<String>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ListVisitor { at: self.at })
    }
}

struct ListVisitor {
    at: Location,
}

impl<'de> Visitor<'de> for ListVisitor {
    type Value = Option<Vec<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: a list of strings, a string or null", self.at)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match parse_list_text(v) {
            Ok(list) => Ok(Some(list)),
            Err(ListLiteralError) => Err(E::custom(format_args!(
                "{}: malformed list literal; expected a form such as ['group-1', 'group-2']",
                self.at
            ))),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(ListItemSeed { at: self.at })? {
            list.push(item);
        }
        Ok(Some(list))
    }

    refuse_other_types!("a list of strings";
        visit_bool(bool) => "a boolean",
        visit_i64(i64) => "a number",
        visit_u64(u64) => "a number",
        visit_f64(f64) => "a number",
    );

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(wrong_type(self.at, "a list of strings", "an object"))
    }
}

struct ListItemSeed {
    at: Location,
}

impl<'de> DeserializeSeed<'de> for ListItemSeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ListItemVisitor { at: self.at })
    }
}

struct ListItemVisitor {
    at: Location,
}

impl<'de> Visitor<'de> for ListItemVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: a string in the list", self.at)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    refuse_other_types!("a list of strings";
        visit_bool(bool) => "a boolean in the list",
        visit_i64(i64) => "a number in the list",
        visit_u64(u64) => "a number in the list",
        visit_f64(f64) => "a number in the list",
    );

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Err(wrong_type(self.at, "a list of strings", "null in the list"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(wrong_type(
            self.at,
            "a list of strings",
            "a list in the list",
        ))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(wrong_type(
            self.at,
            "a list of strings",
            "an object in the list",
        ))
    }
}

/// A string that starts like a list literal but is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListLiteralError;

/// Reads a group list sent as a string: a Python-style list literal
/// (`"['a', "b"]"`, as the API's own example sends it) or a single value.
///
/// Items are taken verbatim between their quotes, with the escapes that
/// Python's `repr` writes undone (`\\`, `\'`, `\"`, `\n`, `\t`, `\r`,
/// `\xNN`, `\uNNNN`, `\UNNNNNNNN`); a trailing comma is allowed, as in
/// Python.
pub(crate) fn parse_list_text(text: &str) -> Result<Vec<String>, ListLiteralError> {
    let trimmed = text.trim();
    let Some(body) = trimmed.strip_prefix('[') else {
        return Ok(if trimmed.is_empty() {
            Vec::new()
        } else {
            vec![trimmed.to_owned()]
        });
    };
    let body = body.strip_suffix(']').ok_or(ListLiteralError)?;
    let mut items = Vec::new();
    let mut chars = body.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(quote) = chars.next() else {
            return Ok(items);
        };
        if quote != '\'' && quote != '"' {
            return Err(ListLiteralError);
        }
        let mut item = String::new();
        loop {
            match chars.next().ok_or(ListLiteralError)? {
                '\\' => item.push(unescape(&mut chars)?),
                c if c == quote => break,
                c => item.push(c),
            }
        }
        items.push(item);
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None => return Ok(items),
            Some(',') => {}
            Some(_) => return Err(ListLiteralError),
        }
    }
}

/// The character after a backslash in a list literal item.
fn unescape(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
) -> Result<char, ListLiteralError> {
    let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, digits: usize| {
        let mut code = 0u32;
        for _ in 0..digits {
            let digit = chars
                .next()
                .and_then(|c| c.to_digit(16))
                .ok_or(ListLiteralError)?;
            code = code * 16 + digit;
        }
        char::from_u32(code).ok_or(ListLiteralError)
    };
    match chars.next().ok_or(ListLiteralError)? {
        c @ ('\\' | '\'' | '"') => Ok(c),
        'n' => Ok('\n'),
        't' => Ok('\t'),
        'r' => Ok('\r'),
        'x' => hex(chars, 2),
        'u' => hex(chars, 4),
        'U' => hex(chars, 8),
        _ => Err(ListLiteralError),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unnecessary_wraps)] // compared with `parse_list_text`'s result
    fn list(items: &[&str]) -> Result<Vec<String>, ListLiteralError> {
        Ok(items.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn list_literals() {
        assert_eq!(
            parse_list_text("['group-1', 'group-2']"),
            list(&["group-1", "group-2"])
        );
        assert_eq!(parse_list_text(r#"["a","b",]"#), list(&["a", "b"]));
        assert_eq!(parse_list_text(" [ ] "), list(&[]));
        assert_eq!(parse_list_text(r"['it\'s']"), list(&["it's"]));
        assert_eq!(
            parse_list_text(r"['a\xa0b', '\n\t\r', '\u00e9\U0001F600', 'back\\slash']"),
            list(&["a\u{a0}b", "\n\t\r", "\u{e9}\u{1F600}", "back\\slash"])
        );
        assert_eq!(parse_list_text("group-1"), list(&["group-1"]));
        assert_eq!(parse_list_text("  "), list(&[]));
    }

    #[test]
    fn malformed_list_literals() {
        for bad in [
            "[",
            "['a'",
            "['a' 'b']",
            "[a]",
            "['a',,]",
            "[,]",
            r"['\q']",
            "['a'] x",
            r"['\x4']",
            r"['\ud800']",
            r"['\U00110000']",
        ] {
            assert_eq!(parse_list_text(bad), Err(ListLiteralError), "{bad}");
        }
    }
}
