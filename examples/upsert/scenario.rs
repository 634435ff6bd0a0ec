//! Scenario files for the `upsert` example (SPEC §7.1): a group directory,
//! existing persons and requests in, every response and the final persons
//! out.

use std::fmt;

use person_match::{
    Context, EmailAddress, ExternalRef, GroupDirectory, GroupId, GroupRef, IdentifierAllocator,
    IdentityConflictPolicy, Name, Options, Person, PersonFields, PersonIndex, PhoneNumber, Region,
    Request, RequestError, SequentialIdentifiers,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A scenario file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    default_region: Option<String>,
    #[serde(default)]
    options: ScenarioOptions,
    #[serde(default)]
    groups: Vec<ScenarioGroup>,
    accessible_groups: Option<Vec<String>>,
    #[serde(default)]
    existing: Vec<ExistingPerson>,
    #[serde(default)]
    requests: Vec<Value>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ScenarioOptions {
    identity_conflict: Option<String>,
    max_persons: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioGroup {
    identifier: String,
    external_ref: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExistingPerson {
    identifier: String,
    external_ref: Option<String>,
    email_address: Option<String>,
    phone_number: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    #[serde(default)]
    group_ids: Vec<String>,
}

/// What the example prints.
#[derive(Serialize)]
struct Outcome {
    responses: Vec<Value>,
    persons: Vec<StoredPerson>,
}

#[derive(Serialize)]
struct StoredPerson {
    identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_ref: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    group_ids: Vec<String>,
}

/// Why a scenario could not be run: it is not valid JSON of the scenario
/// shape. (A request inside it that is not a valid request is answered
/// with `invalid_request`, as the API would.)
#[derive(Debug)]
pub struct ScenarioError(String);

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn bad(what: impl fmt::Display) -> ScenarioError {
    ScenarioError(what.to_string())
}

fn parse_field<T, E: fmt::Display>(
    at: &str,
    value: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, ScenarioError> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| parse(v).map_err(|e| bad(format!("{at}: {e}"))))
        .transpose()
}

/// Runs a scenario and returns the JSON document the example prints.
pub fn run(scenario_json: &str) -> Result<String, ScenarioError> {
    let scenario: Scenario = serde_json::from_str(scenario_json)
        .map_err(|e| bad(format!("not a valid scenario: {e}")))?;

    let mut options = Options::default();
    if let Some(region) = &scenario.default_region {
        options.default_region =
            Region::new(region).map_err(|e| bad(format!("default_region: {e}")))?;
    }
    if let Some(policy) = &scenario.options.identity_conflict {
        options.identity_conflict = IdentityConflictPolicy::from_name(policy).ok_or_else(|| {
            bad("options.identity_conflict: expected reject, create_new or overwrite")
        })?;
    }
    if let Some(limit) = scenario.options.max_persons {
        options.max_persons = limit;
    }

    let mut directory = GroupDirectory::new();
    for (i, group) in scenario.groups.iter().enumerate() {
        let id = GroupId::parse(&group.identifier)
            .ok_or_else(|| bad(format!("groups[{i}].identifier: empty")))?;
        let external_ref = group.external_ref.as_deref().and_then(GroupRef::parse);
        directory
            .insert(id, external_ref)
            .map_err(|e| bad(format!("groups[{i}]: {e}")))?;
    }
    let accessible = match &scenario.accessible_groups {
        Some(ids) => GroupId::parse_list(ids),
        None => GroupId::parse_list(
            &scenario
                .groups
                .iter()
                .map(|g| g.identifier.as_str())
                .collect::<Vec<_>>(),
        ),
    };
    let context = Context::new(directory, accessible);

    let mut index = PersonIndex::new();
    for (i, person) in scenario.existing.iter().enumerate() {
        let at = |field: &str| format!("existing[{i}].{field}");
        let fields = PersonFields {
            external_ref: parse_field(
                &at("external_ref"),
                person.external_ref.as_deref(),
                ExternalRef::parse,
            )?,
            email_address: parse_field(
                &at("email_address"),
                person.email_address.as_deref(),
                EmailAddress::parse,
            )?,
            phone_number: parse_field(&at("phone_number"), person.phone_number.as_deref(), |s| {
                PhoneNumber::parse(s, options.default_region)
            })?,
            first_name: parse_field(&at("first_name"), person.first_name.as_deref(), Name::parse)?,
            last_name: parse_field(&at("last_name"), person.last_name.as_deref(), Name::parse)?,
        };
        index
            .insert(Person {
                identifier: person.identifier.clone(),
                fields,
                groups: GroupId::parse_list(&person.group_ids),
            })
            .map_err(|e| bad(format!("existing[{i}]: {e}")))?;
    }

    let mut ids = SequentialIdentifiers::new("person-");
    let mut responses = Vec::with_capacity(scenario.requests.len());
    for body in scenario.requests {
        let answer = Request::deserialize(body)
            .map_err(RequestError::invalid_request)
            .and_then(|request| upsert(&mut index, &request, &context, &options, &mut ids));
        let value = match answer {
            Ok(response) => serde_json::to_value(response),
            Err(error) => serde_json::to_value(error.to_response()),
        };
        responses.push(value.map_err(bad)?);
    }

    let persons = index
        .iter()
        .map(|p| {
            let f = p.fields();
            StoredPerson {
                identifier: p.identifier().to_owned(),
                external_ref: f.external_ref.as_ref().map(|v| v.as_str().to_owned()),
                email_address: f.email_address.as_ref().map(|v| v.as_str().to_owned()),
                phone_number: f.phone_number.as_ref().map(|v| v.as_str().to_owned()),
                first_name: f.first_name.as_ref().map(|v| v.as_str().to_owned()),
                last_name: f.last_name.as_ref().map(|v| v.as_str().to_owned()),
                group_ids: p.groups().map(|g| g.as_str().to_owned()).collect(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&Outcome { responses, persons }).map_err(bad)
}

fn upsert(
    index: &mut PersonIndex,
    request: &Request,
    context: &Context,
    options: &Options,
    ids: &mut impl IdentifierAllocator,
) -> Result<person_match::Response, RequestError> {
    index.upsert(request, context, options, ids)
}
