//! The rules as properties: sufficiency (SPEC §4.4), the group-identifier
//! conflict (§4.1) and scope (§4.2), each against its formula from the spec.

mod common;

use common::oracles::{Groups, names_both_forms, scope_oracle};
use common::strategies::{
    Access, DIRECTORY, EMAILS, EXTERNAL_REFS, GroupForms, INVALID_EMAILS, INVALID_EXTERNAL_REFS,
    INVALID_NAMES, INVALID_PHONES, LiteralLayout, NAMES, access, config, group_lists,
    literal_layout, pool_phone, python_list_literal, realistic_record,
};
use person_match::{
    Decision, ErrorKind, Field, NormalizedRecord, Options, PersonIndex, PersonRecord, Request,
    Sufficiency, check_group_identifiers, plan,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

/// What a generated field holds, known by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Absent,
    Blank,
    Valid,
    Invalid,
}

fn slot() -> impl Strategy<Value = Slot> {
    select(&[Slot::Absent, Slot::Blank, Slot::Valid, Slot::Invalid][..])
}

/// A wire value for a slot.
fn fill(
    slot: Slot,
    valid: impl Strategy<Value = String> + 'static,
    invalid: &'static [&'static str],
) -> BoxedStrategy<Option<String>> {
    match slot {
        Slot::Absent => Just(None).boxed(),
        Slot::Blank => select(&["", " ", "\t\n", "\u{a0}"][..])
            .prop_map(|s| Some(s.to_owned()))
            .boxed(),
        Slot::Valid => valid.prop_map(Some).boxed(),
        Slot::Invalid => select(invalid).prop_map(|s| Some(s.to_owned())).boxed(),
    }
}

/// A record with each field in a known slot: external ref, email, phone,
/// first name, last name.
fn slotted_record() -> impl Strategy<Value = ([Slot; 5], PersonRecord)> {
    [slot(), slot(), slot(), slot(), slot()].prop_flat_map(|slots| {
        let name = || select(&NAMES[..]).prop_map(str::to_owned);
        (
            Just(slots),
            fill(
                slots[0],
                select(&EXTERNAL_REFS[..]).prop_map(str::to_owned),
                &INVALID_EXTERNAL_REFS,
            ),
            fill(
                slots[1],
                select(&EMAILS[..]).prop_map(str::to_owned),
                &INVALID_EMAILS,
            ),
            fill(slots[2], pool_phone(), &INVALID_PHONES),
            fill(slots[3], name(), &INVALID_NAMES),
            fill(slots[4], name(), &INVALID_NAMES),
        )
            .prop_map(
                |(slots, external_ref, email_address, phone_number, first_name, last_name)| {
                    (
                        slots,
                        PersonRecord {
                            external_ref,
                            email_address,
                            phone_number,
                            first_name,
                            last_name,
                            ..PersonRecord::default()
                        },
                    )
                },
            )
    })
}

/// The wire names a list may go by (SPEC §2.1).
const ID_KEYS: [&str; 2] = ["group_ids", "group_id"];
const REF_KEYS: [&str; 3] = [
    "groups_external_refs",
    "group_external_refs",
    "group_external_ref",
];

/// How a list is sent.
#[derive(Debug, Clone)]
enum ListForm {
    Array,
    Literal(LiteralLayout),
    /// A lone string when the list has one entry (else an array).
    Single,
}

fn list_form() -> impl Strategy<Value = ListForm> {
    prop_oneof![
        Just(ListForm::Array),
        literal_layout().prop_map(ListForm::Literal),
        Just(ListForm::Single),
    ]
}

fn list_json(list: &[String], form: &ListForm) -> Value {
    match form {
        ListForm::Literal(layout) => Value::String(python_list_literal(list, layout)),
        // A lone string is trimmed; so is every entry later, so nothing is lost.
        ListForm::Single if list.len() == 1 && !list[0].trim().is_empty() => json!(list[0]),
        _ => json!(list),
    }
}

/// A record's groups on the wire, under any alias and in any list form.
fn groups_on_the_wire() -> impl Strategy<Value = (PersonRecord, Value)> {
    (
        group_lists(GroupForms::Any),
        select(&ID_KEYS[..]),
        select(&REF_KEYS[..]),
        list_form(),
        list_form(),
    )
        .prop_map(|((ids, refs), id_key, ref_key, id_form, ref_form)| {
            let mut object = Map::new();
            if let Some(ids) = &ids {
                object.insert(id_key.to_owned(), list_json(ids, &id_form));
            }
            if let Some(refs) = &refs {
                object.insert(ref_key.to_owned(), list_json(refs, &ref_form));
            }
            let record = PersonRecord {
                group_ids: ids,
                groups_external_refs: refs,
                first_name: Some("Test".to_owned()),
                ..PersonRecord::default()
            };
            object.insert("first_name".to_owned(), json!("Test"));
            (record, Value::Object(object))
        })
}

proptest! {
    #![proptest_config(config("proptest-regressions/prop_rules.txt"))]

    #[test]
    fn sufficiency_is_the_formula_of_section_4_4((slots, record) in slotted_record()) {
        let [external_ref, email, phone, first, last] = slots.map(|s| s == Slot::Valid);
        let normalized = NormalizedRecord::new(&record, &Options::default());
        let f = &normalized.fields;
        // Only valid values count, and every valid value is kept.
        prop_assert_eq!(
            [
                f.external_ref.is_some(),
                f.email_address.is_some(),
                f.phone_number.is_some(),
                f.first_name.is_some(),
                f.last_name.is_some(),
            ],
            [external_ref, email, phone, first, last]
        );
        let formula = external_ref || ((phone || email) && (first || last));
        let verdict = Sufficiency::of(f);
        prop_assert_eq!(verdict.is_sufficient(), formula);
        let expected = if external_ref {
            Sufficiency::ExternalRef
        } else if formula {
            Sufficiency::ContactAndName
        } else {
            Sufficiency::Insufficient
        };
        prop_assert_eq!(verdict, expected);
        // Exactly the invalid fields are reported.
        let fields = [
            Field::ExternalRef,
            Field::EmailAddress,
            Field::PhoneNumber,
            Field::FirstName,
            Field::LastName,
        ];
        let mut reported: Vec<Field> = normalized.errors.iter().map(|e| e.field).collect();
        reported.sort();
        let mut invalid: Vec<Field> = fields
            .iter()
            .zip(slots)
            .filter(|(_, s)| *s == Slot::Invalid)
            .map(|(f, _)| *f)
            .collect();
        invalid.sort();
        prop_assert_eq!(reported, invalid);
    }

    #[test]
    fn a_new_record_is_created_exactly_when_valid_and_sufficient((slots, record) in slotted_record()) {
        let index = PersonIndex::new();
        let context = Access { accessible: vec!["g1", "g2"] }.context();
        let request = Request { persons: vec![record] };
        let planned = plan(&request, &context, &index, &Options::default()).unwrap();
        let [external_ref, email, phone, first, last] = slots.map(|s| s == Slot::Valid);
        let any_invalid = slots.contains(&Slot::Invalid);
        let created = planned.created_count() == 1;
        prop_assert_eq!(
            created,
            !any_invalid && (external_ref || ((phone || email) && (first || last)))
        );
    }

    #[test]
    fn the_group_conflict_fires_exactly_when_a_record_names_both_forms(
        records in vec(realistic_record(GroupForms::Any), 0..6)
    ) {
        let expected = records.iter().any(names_both_forms);
        let normalized: Vec<NormalizedRecord> = records
            .iter()
            .map(|r| NormalizedRecord::new(r, &Options::default()))
            .collect();
        let checked = check_group_identifiers(&normalized);
        prop_assert_eq!(checked.is_err(), expected);
        if let Err(e) = checked {
            prop_assert_eq!(e.kind(), ErrorKind::BothGroupIdentifiersProvided);
        }
        let request = Request { persons: records };
        let context = Access { accessible: vec!["g1", "g2", "g3"] }.context();
        let planned = plan(&request, &context, &PersonIndex::new(), &Options::default());
        prop_assert_eq!(
            planned.err().map(|e| e.kind()),
            expected.then_some(ErrorKind::BothGroupIdentifiersProvided)
        );
    }

    /// The same through the wire: any alias, any list form (array, Python
    /// literal, lone string).
    #[test]
    fn the_group_conflict_is_the_same_for_every_alias_and_list_form(
        records in vec(groups_on_the_wire(), 1..4)
    ) {
        let expected = records.iter().any(|(r, _)| names_both_forms(r));
        let body = json!({"persons": records.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>()});
        let request: Request = serde_json::from_value(body.clone())
            .map_err(|e| TestCaseError::fail(format!("{e}: {body}")))?;
        let context = Access { accessible: vec!["g1", "g2", "g3"] }.context();
        let planned = plan(&request, &context, &PersonIndex::new(), &Options::default());
        prop_assert_eq!(
            planned.err().map(|e| e.kind()),
            expected.then_some(ErrorKind::BothGroupIdentifiersProvided),
            "{}", body
        );
    }

    #[test]
    fn scope_is_the_usable_named_groups_or_every_accessible_one(
        record in realistic_record(GroupForms::Any),
        access in access(),
    ) {
        let context = access.context();
        let groups = Groups::new(&DIRECTORY, &access.accessible);
        let normalized = NormalizedRecord::new(&record, &Options::default());
        let scope = context.scope(&normalized);
        let expected = scope_oracle(&groups, &record);
        prop_assert_eq!(scope.as_ref().ok().map(|s| s.groups().to_vec()), expected);
        if let Ok(scope) = scope {
            prop_assert_eq!(scope.is_named(), normalized.names_groups());
            for g in scope.groups() {
                prop_assert!(context.accessible().contains(g));
            }
        }
    }

    /// Planning reads a record's groups straight off the wire; the scope it
    /// gives a record is the one `Context::scope` gives the normalized record.
    #[test]
    fn planning_scopes_a_record_as_context_scope_does(
        record in realistic_record(GroupForms::Any),
        access in access(),
    ) {
        let context = access.context();
        let normalized = NormalizedRecord::new(&record, &Options::default());
        let expected = context.scope(&normalized);
        let request = Request { persons: vec![record] };
        // A request naming both group forms fails as a whole (another property).
        let Ok(planned) = plan(&request, &context, &PersonIndex::new(), &Options::default()) else {
            return Ok(());
        };
        let planned = &planned.records()[0];
        match (&expected, &planned.decision) {
            (Ok(scope), Decision::Create { groups, .. }) => {
                prop_assert_eq!(&groups[..], scope.groups());
                let echoed = scope.is_named().then(|| scope.groups());
                prop_assert_eq!(planned.groups.as_deref(), echoed);
            }
            (Err(_), Decision::Create { .. } | Decision::Update { .. }) => {
                prop_assert!(false, "a record without a scope was planned to change a person");
            }
            _ => {}
        }
    }
}
