//! Scope (SPEC §4.2).

mod common;

use common::{context, record};
use person_match::{
    DirectoryError, GroupDirectory, GroupId, GroupRef, NormalizedRecord, Options, ScopeError,
};
use serde_json::json;

fn ids(scope: &person_match::Scope) -> Vec<&str> {
    scope.groups().iter().map(GroupId::as_str).collect()
}

fn normalized(json: serde_json::Value) -> NormalizedRecord {
    NormalizedRecord::new(&record(json), &Options::default())
}

fn town() -> person_match::Context {
    context(
        &[
            ("g1", Some("r1")),
            ("g2", Some("r2")),
            ("g3", None),
            ("secret", Some("rs")),
        ],
        &["g1", "g2", "g3", "not-in-directory"],
    )
}

#[test]
fn a_record_naming_no_groups_gets_every_accessible_group() {
    let scope = town()
        .scope(&normalized(json!({"first_name": "A"})))
        .unwrap();
    assert_eq!(ids(&scope), ["g1", "g2", "g3"]);
    assert!(!scope.is_named());
}

#[test]
fn named_ids_keep_the_records_order() {
    let scope = town()
        .scope(&normalized(json!({"group_ids": ["g3", "g1"]})))
        .unwrap();
    assert_eq!(ids(&scope), ["g3", "g1"]);
    assert!(scope.is_named());
}

#[test]
fn refs_resolve_through_the_directory() {
    let scope = town()
        .scope(&normalized(json!({"groups_external_refs": "['r2', 'r1']"})))
        .unwrap();
    assert_eq!(ids(&scope), ["g2", "g1"]);
}

#[test]
fn unknown_and_inaccessible_groups_are_skipped_alike() {
    let context = town();
    let with_unknown = context
        .scope(&normalized(json!({"group_ids": ["g1", "nope"]})))
        .unwrap();
    let with_secret = context
        .scope(&normalized(json!({"group_ids": ["g1", "secret"]})))
        .unwrap();
    assert_eq!(with_unknown, with_secret);
    assert_eq!(ids(&with_unknown), ["g1"]);
    let refs = context
        .scope(&normalized(
            json!({"groups_external_refs": ["r1", "rs", "r-nope"]}),
        ))
        .unwrap();
    assert_eq!(ids(&refs), ["g1"]);
}

#[test]
fn no_usable_group_is_no_access() {
    let context = town();
    for json in [
        json!({"group_ids": ["nope"]}),
        json!({"group_ids": ["secret"]}),
        json!({"groups_external_refs": ["rs", "r-nope"]}),
        json!({"group_ids": ["not-in-directory"]}),
    ] {
        let err = context.scope(&normalized(json.clone())).unwrap_err();
        assert_eq!(err, ScopeError::NoAccessToGroup, "{json}");
        assert_eq!(err.to_string(), "none of the named groups can be used");
    }
}

#[test]
fn two_refs_naming_one_group_give_it_once() {
    let mut directory = GroupDirectory::new();
    directory
        .insert(GroupId::parse("g").unwrap(), GroupRef::parse("r"))
        .unwrap();
    let context = person_match::Context::new(directory, GroupId::parse_list(&["g"]));
    let scope = context
        .scope(&normalized(json!({"group_ids": ["g", " g "]})))
        .unwrap();
    assert_eq!(ids(&scope), ["g"]);
}

#[test]
fn directory_refuses_duplicates() {
    let mut directory = GroupDirectory::new();
    directory
        .insert(GroupId::parse("g").unwrap(), GroupRef::parse("r"))
        .unwrap();
    assert_eq!(
        directory.insert(GroupId::parse("g").unwrap(), None),
        Err(DirectoryError::DuplicateId)
    );
    assert_eq!(
        directory.insert(GroupId::parse("h").unwrap(), GroupRef::parse("r")),
        Err(DirectoryError::DuplicateExternalRef)
    );
    assert_eq!(
        DirectoryError::DuplicateId.to_string(),
        "group id is already in the directory"
    );
    assert_eq!(
        DirectoryError::DuplicateExternalRef.to_string(),
        "another group already has this external reference"
    );
}

#[test]
fn a_context_shows_its_directory_and_accessible_groups() {
    let context = town();
    let r2 = GroupRef::parse("r2").unwrap();
    assert_eq!(
        context.directory().resolve(&r2).map(GroupId::as_str),
        Some("g2")
    );
    assert!(
        context
            .directory()
            .contains(&GroupId::parse("secret").unwrap())
    );
    let accessible: Vec<&str> = context.accessible().iter().map(GroupId::as_str).collect();
    assert_eq!(accessible, ["g1", "g2", "g3"]);
}

#[test]
fn a_caller_who_can_access_no_group_has_no_scope() {
    let context = context(&[("g1", None)], &[]);
    assert_eq!(
        context.scope(&normalized(json!({"external_ref": "id-1"}))),
        Err(ScopeError::NoAccessToGroup)
    );
    assert_eq!(
        context.scope(&normalized(json!({"group_ids": ["g1"]}))),
        Err(ScopeError::NoAccessToGroup)
    );
}
