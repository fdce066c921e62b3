//! JSON Schema (draft 2020-12) of the model, for editor completion and
//! validation (TOML language servers such as taplo read it through a
//! `#:schema ./exitgraph.schema.json` first-line comment).
//!
//! The schema is written out by hand because the loader is hand-written too
//! (it reads a spanned TOML tree to report every problem at once); a unit test
//! checks that both know exactly the same keys.

use serde_json::{Value, json};

fn duration(desc: &str) -> Value {
    json!({
        "type": "string",
        "description": desc,
        "pattern": "^\\s*([Pp]((\\d+[YyMmWwDd])+([Tt]\\d+[Hh])?|[Tt]\\d+[Hh])|(\\d+\\s*[A-Za-z]+\\s*)+)$"
    })
}

fn id(desc: &str) -> Value {
    json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "description": desc })
}

fn country(desc: &str) -> Value {
    json!({ "type": "string", "pattern": "^[A-Z]{2}$", "description": desc })
}

fn date(desc: &str) -> Value {
    json!({ "type": "string", "format": "date", "description": desc })
}

fn money(desc: &str) -> Value {
    json!({ "type": "number", "minimum": 0, "description": desc })
}

fn words(list: &[&str], desc: &str) -> Value {
    json!({ "enum": list, "description": desc })
}

fn text(desc: &str) -> Value {
    json!({ "type": "string", "description": desc })
}

fn ids(desc: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": desc })
}

fn deps(desc: &str) -> Value {
    json!({
        "type": "array",
        "description": desc,
        "items": {
            "oneOf": [
                { "type": "string", "description": "a system id" },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["any"],
                    "properties": { "any": ids("at least one of these systems is needed") }
                }
            ]
        }
    })
}

/// `contact = { phone, email, reference, owner }`.
fn contact() -> Value {
    let mut v = object(
        &[],
        json!({
            "phone": text("hotline or phone number"),
            "email": text("e-mail address"),
            "reference": text("contract or customer number to quote"),
            "owner": text("who owns the relationship inside the organisation")
        }),
    );
    v["description"] = json!("whom to call in an emergency");
    v
}

/// The keys of a switch estimate.
fn switch_keys() -> serde_json::Map<String, Value> {
    let v = json!({
        "optimistic": duration("optimistic switch time"),
        "likely": duration("most likely switch time"),
        "pessimistic": duration("pessimistic switch time"),
        "cost": money("switch cost")
    });
    v.as_object().cloned().unwrap_or_default()
}

/// `alternatives`: ids, or tables with their own switch estimate.
fn alternatives() -> Value {
    let mut props = switch_keys();
    props.insert("id".into(), text("system id or catalog:ID"));
    json!({
        "type": "array",
        "description": "system ids or catalog:ID entries that could replace it; a table gives the alternative its own switch estimate",
        "items": { "oneOf": [
            { "type": "string" },
            { "type": "object", "additionalProperties": false, "required": ["id"], "properties": props }
        ]}
    })
}

/// `[system.recovery]`.
fn recovery() -> Value {
    object(
        &[],
        json!({
            "restart": duration("time to bring it back once everything it needs is back (Wiederanlaufzeit)"),
            "restore": duration("time to rebuild it from a backup when it was lost"),
            "rpo": duration("recent data lost when it is restored from a backup"),
            "backup_system": text("system id of the system that takes and reads its backups"),
            "fallback": text("system id or catalog:ID of its emergency stop-gap"),
            "setup": duration("time to set the fallback up, from the day of the cut")
        }),
    )
}

/// `workaround` of a service.
fn workaround() -> Value {
    object(
        &["text"],
        json!({
            "text": text("what the service does in emergency operation"),
            "from": duration("from how long after the service stops (default 0)"),
            "capacity": { "type": "number", "minimum": 0, "maximum": 1, "description": "share of normal capacity, 0 to 1" }
        }),
    )
}

fn cut_kind(desc: &str) -> Value {
    words(&["outage", "loss", "withdrawal"], desc)
}

/// `cut` of a scenario: strings, or tables with their own kind and duration.
fn cuts() -> Value {
    let target = json!({ "type": "string", "pattern": "^(vendor|system|jurisdiction):.+$" });
    json!({
        "type": "array",
        "description": "vendor:ID, jurisdiction:CC or system:ID, or a table with its own kind and duration",
        "items": { "oneOf": [
            target.clone(),
            object(&["target"], json!({
                "target": target,
                "kind": cut_kind("how it is cut"),
                "duration": duration("how long an outage lasts, or until a lost system can be rebuilt")
            }))
        ]}
    })
}

fn object(required: &[&str], props: Value) -> Value {
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": props })
}

fn params(keys: &[&str], desc: &str) -> Value {
    let props: serde_json::Map<String, Value> = keys
        .iter()
        .map(|k| (k.to_string(), json!({ "type": "number", "minimum": 0 })))
        .collect();
    json!({ "type": "object", "additionalProperties": false, "description": desc, "properties": props })
}

/// `[defaults.switch]`: flat coefficients plus `[defaults.switch.category.NAME]` rows.
fn switch_params() -> Value {
    use crate::model::defaults::switch::{CATEGORY_KEYS, SwitchParams};
    let mut v = params(
        SwitchParams::KEYS,
        "switch-estimate coefficients, see docs/methodology.md",
    );
    let row = params(CATEGORY_KEYS, "per-category switch coefficients");
    v["properties"]["category"] = json!({
        "type": "object",
        "description": "per-category rows, keyed by category (e.g. office-suite)",
        "additionalProperties": row
    });
    v
}

/// `[policy]`: the rules of `exitgraph check --policy` (docs/ci.md).
fn policy() -> Value {
    use crate::model::policy::Rule;
    let mut v = object(
        &[],
        json!({
            "max_days_to_decision": { "type": "integer", "minimum": 0, "maximum": crate::model::policy::MAX_DAYS },
            "max_lockin": { "type": "number", "minimum": 0, "maximum": 100 },
            "no_single_vendor_for_critical": { "type": "boolean" },
            "data_act": { "type": "boolean" },
            "min_sovereignty": { "type": "integer", "minimum": 5, "maximum": 25 },
            "exit_plan_for_core": { "type": "boolean" }
        }),
    );
    for r in Rule::ALL {
        v["properties"][r.as_str()]["description"] = json!(r.meaning());
    }
    v["description"] = json!("rules checked by `exitgraph check --policy` (see docs/ci.md)");
    v
}

/// The JSON Schema of model schema version 1.
pub fn json_schema() -> Value {
    let crit = ["critical", "high", "medium", "low"];
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://exitgraph.example/schema/v1/model.json",
        "title": "exitgraph landscape model (schema version 1)",
        "description": "An organisation's IT landscape: systems, vendors, interfaces, formats, contracts, services and scenarios. See docs/model.md.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "organisation": object(&[], json!({
                "name": text("name of the organisation"),
                "home": country("home country, ISO 3166-1 alpha-2"),
                "trusted": { "type": "array", "items": { "type": "string", "pattern": "^([A-Z]{2})$" }, "description": "trusted countries and/or \"EU\" (the home country is always trusted)" },
                "as_of": date("review date (the CLI's --as-of overrides it)"),
                "staff": { "type": "integer", "minimum": 0, "description": "number of staff" },
                "parallel_migrations": { "type": "integer", "minimum": 1, "maximum": 1000, "description": "switches the IT team can run at once (default 1)" },
                "switch_target": duration("target switch time for core systems (default 6mo)"),
                "it_competence": { "type": "integer", "minimum": 1, "maximum": 5, "description": "self-assessed internal IT competence 1..5" },
                "currency": text("currency of all money values (default EUR)"),
                "language": words(&["de", "en"], "report language (default de)"),
                "include": ids("glob patterns of further model files, relative to this file"),
                "description": text("free text")
            })),
            "defaults": object(&[], json!({
                "switch": switch_params(),
                "lockin": params(crate::model::defaults::LockinWeights::KEYS, "lock-in score weights, see docs/methodology.md")
            })),
            "policy": policy(),
            "plan": object(&[], json!({
                "start": date("first day of the plan (default: the quarter after the review date)"),
                "horizon": duration("how far the plan looks ahead (default 3y)"),
                "parallel_migrations": { "type": "integer", "minimum": 1, "maximum": 1000, "description": "moves at once (default: [organisation] parallel_migrations)" },
                "staff_months": { "type": "number", "exclusiveMinimum": 0, "description": "staff-months the team can spend on moves per quarter" },
                "budget": { "type": "object", "additionalProperties": { "type": "number", "minimum": 0 }, "description": "money for moves per calendar year, e.g. { 2027 = 250000 }" },
                "goal": words(&["risk", "sovereignty", "no-single-vendor"], "what the plan aims at (default risk)"),
                "target_score": { "type": "integer", "minimum": 5, "maximum": 25, "description": "sovereignty score to reach (goal sovereignty)" }
            })),
            "vendor": { "type": "array", "items": object(&["id", "name", "country"], json!({
                "id": id("unique vendor id"),
                "name": text("company name"),
                "country": country("country of incorporation"),
                "parent": text("vendor id of the controlling company"),
                "contact": contact(),
                "description": text("free text"),
                "placeholder": { "type": "boolean", "description": "a stand-in left by an import: its country is assumed until completed" }
            }))},
            "system": { "type": "array", "items": object(&["id", "name"], json!({
                "id": id("unique system id"),
                "name": text("display name"),
                "description": text("free text"),
                "category": text("e.g. office-suite, mail, video, file-sharing, identity, os, virtualisation, database, erp, specialist-application, network, website"),
                "layer": words(&["infrastructure", "platform", "application", "data"], "architectural layer (default application)"),
                "vendor": text("vendor id of who makes or licenses it, or \"self\" (default)"),
                "operator": text("vendor id of who runs it, or \"self\" (default)"),
                "region": text("country code or \"EU\": where it runs"),
                "licence": words(&["proprietary", "open-source"], "licence model (default proprietary)"),
                "criticality": words(&crit, "default medium"),
                "users": { "type": "integer", "minimum": 0 },
                "status": words(&["in-use", "candidate", "retired"], "default in-use"),
                "customisation": words(&["none", "low", "medium", "high"], "how far it is customised (default low)"),
                "data": object(&[], json!({
                    "classes": ids("kinds of data held"),
                    "sensitivity": words(&["low", "normal", "high", "critical"], "protection need (default normal)"),
                    "volume_gb": money("data volume in GB"),
                    "backup": text("vendor id or \"self\": who holds a backup")
                })),
                "formats": ids("format ids the data lives in"),
                "exports": ids("format ids the data can be exported in; [] means no export"),
                "depends_on": deps("systems it needs: ids, or { any = [...] } groups"),
                "alternatives": alternatives(),
                "exit_plan": text("where the documented exit scenario lives"),
                "licence_check": duration("how long it keeps running after its vendor stops licensing it"),
                "switch": object(&[], Value::Object(switch_keys())),
                "exit": words(&["replace", "rehost", "resupport", "insource"], "how leaving it is done (default: by the relation to the vendor left)"),
                "mandated": text("why law or a state or federal mandate prescribes it (the organisation cannot choose it)"),
                "recovery": recovery()
            }))},
            "interface": { "type": "array", "items": object(&["id", "from", "to"], json!({
                "id": id("unique interface id"),
                "name": text("display name"),
                "description": text("free text"),
                "from": text("system id that needs `to`"),
                "to": text("system id that is needed"),
                "protocol": text("e.g. EWS, CalDAV, SMTP, REST"),
                "format": text("format id carried"),
                "open": { "type": "boolean", "description": "an open standard? (default: the format's openness, else false)" },
                "hard": { "type": "boolean", "description": "from fails when to is down (default true); false: it degrades" }
            }))},
            "format": { "type": "array", "items": object(&["id", "name", "open"], json!({
                "id": id("unique format id"),
                "name": text("display name"),
                "open": { "type": "boolean", "description": "an open format?" },
                "standard": text("e.g. ISO/IEC 26300"),
                "description": text("free text")
            }))},
            "contract": { "type": "array", "items": object(&["id", "vendor", "kind"], json!({
                "id": id("unique contract id"),
                "name": text("display name"),
                "description": text("free text"),
                "vendor": text("vendor id"),
                "covers": ids("system ids covered"),
                "kind": words(&["licence", "subscription", "cloud", "support", "hosting"], "kind of contract"),
                "start": date("first day"),
                "end": date("last day of the current term"),
                "term": duration("term length from start (instead of end)"),
                "notice": duration("notice period"),
                "renewal": duration("automatic renewal period; absent: the contract simply ends"),
                "annual_cost": money("annual cost"),
                "data_retrieval": duration("period to retrieve data after the end"),
                "switching_charge": money("charge for switching away"),
                "notice_to": words(&["term-end", "month-end", "quarter-end", "year-end"], "the contract can only end at the end of such a period (default term-end)"),
                "provider_notice": duration("notice the provider must give to end the contract"),
                "exit": words(&["replace", "rehost", "resupport", "insource"], "how leaving it is done (default: by kind and relation)"),
                "decision": object(&["intent", "decided"], json!({
                    "intent": words(&["renew", "exit", "review"], "renew on purpose, leave, or under review"),
                    "decided": date("the day the decision was taken"),
                    "by": text("the body or role that took it"),
                    "reason": text("why")
                })),
                "contact": contact()
            }))},
            "service": { "type": "array", "items": object(&["id", "name"], json!({
                "id": id("unique service id"),
                "name": text("display name"),
                "description": text("free text"),
                "criticality": words(&crit, "default medium"),
                "max_outage": duration("longest tolerable outage"),
                "rto": duration("recovery time objective, when distinguished from max_outage"),
                "rpo": duration("recent data the service may lose"),
                "workaround": workaround(),
                "users": { "type": "integer", "minimum": 0 },
                "needs": deps("systems it needs")
            }))},
            "scenario": { "type": "array", "items": object(&["id", "name"], json!({
                "id": id("unique scenario id"),
                "name": text("display name"),
                "description": text("free text"),
                "cut": cuts(),
                "kind": cut_kind("how every cut without its own kind happens (default: loss for systems; outage with a duration, else withdrawal, for vendors and jurisdictions)"),
                "duration": duration("how long every outage or loss without its own duration lasts"),
                "price": { "type": "array", "items": object(&["vendor", "factor"], json!({
                    "vendor": text("vendor id"),
                    "factor": { "type": "number", "exclusiveMinimum": 0, "description": "price multiplier, 11.0 = +1000 %" }
                }))}
            }))},
            "measure": { "type": "array", "items": object(&["id", "name", "status"], json!({
                "id": id("unique measure id"),
                "name": text("what is done"),
                "systems": { "type": "array", "items": text("system id"), "description": "systems concerned" },
                "contracts": { "type": "array", "items": text("contract id"), "description": "contracts concerned" },
                "status": words(&["planned", "running", "done", "dropped"], "where it stands"),
                "start": date("the day it starts or started"),
                "due": date("the day it is to be done"),
                "budget": money("budget"),
                "spent": money("spent so far"),
                "owner": text("the role that owns it"),
                "note": text("free text")
            }))}
        }
    })
}
