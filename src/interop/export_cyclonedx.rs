//! CycloneDX 1.6 JSON: the landscape as a bill of services, so that tools
//! that read SBOMs (Dependency-Track, OWASP tooling, procurement registers)
//! see which services the organisation relies on, who provides them, under
//! which contracts, and until when.
//!
//! Mapping:
//!
//! - every system is a `services[]` entry with `bom-ref` `system:ID`, its
//!   vendor as `provider` (name and country), its description, and the
//!   model's facts as `properties` named `exitgraph:*` (layer, category,
//!   criticality, status, licence model, operator, region, users, exposure);
//! - every contract covering a system is a `licenses[]` entry of that
//!   service: `license.name` is the contract name (or id), `licensing`
//!   holds licensor (the contract's vendor), licensee (the organisation),
//!   `licenseTypes` (`subscription` for subscription, cloud and hosting
//!   contracts, `other` for licence and support contracts, whose terms the
//!   model does not classify further), and `expiration`: the end of the
//!   last day of the current term on the model's `as_of` date (following
//!   renewals), `END T23:59:59Z`; notice, renewal, cost and start are
//!   `properties`;
//! - `depends_on` (including `any` members) and interfaces become
//!   `dependencies[]` between the services' `bom-ref`s;
//! - `metadata` names the organisation as manufacturer of the BOM and
//!   exitgraph as tool; `timestamp` is the model's `as_of` date (left out
//!   when the model has none, so that output does not depend on the clock).
//!
//! Strings are written by `serde_json`, which escapes them for JSON.

use crate::graph::Graph;
use crate::model::{ContractKind, Party};
use serde_json::{Value, json};

fn prop(name: &str, value: impl ToString) -> Value {
    json!({ "name": format!("exitgraph:{name}"), "value": value.to_string() })
}

/// CycloneDX `licenseTypes` for a contract kind (see the module doc).
pub fn licence_type(k: ContractKind) -> &'static str {
    match k {
        ContractKind::Subscription | ContractKind::Cloud | ContractKind::Hosting => "subscription",
        ContractKind::Licence | ContractKind::Support => "other",
    }
}

/// The BOM as a JSON value.
pub fn bom(g: &Graph) -> Value {
    let m = g.model();
    let org = &m.organisation;
    let mut metadata = json!({
        "tools": { "components": [ {
            "type": "application",
            "name": "exitgraph",
            "version": env!("CARGO_PKG_VERSION"),
        } ] },
        "manufacturer": { "name": org.name },
        "properties": [
            prop("home", org.home),
            prop("trusted", org.trusted.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",")),
        ],
    });
    if let Some(d) = org.as_of {
        metadata["timestamp"] = json!(format!("{}T00:00:00Z", d.format("%Y-%m-%d")));
    }

    let mut services = Vec::new();
    let mut dependencies = Vec::new();
    for s in m.system_ids() {
        let x = m.system(s);
        let mut props = vec![
            prop("id", &x.id),
            prop("layer", x.layer),
            prop("category", &x.category),
            prop("criticality", x.criticality),
            prop("status", x.status),
            prop("licence", x.licence),
            prop("vendor", m.party_id(x.vendor)),
            prop("operator", m.party_id(x.operator)),
            prop("region", x.region),
            prop("users", x.users),
        ];
        let exposure = g.system_exposure(s);
        props.push(prop(
            "exposure",
            exposure
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(","),
        ));
        if let Some(p) = &x.exit_plan {
            props.push(prop("exit_plan", p));
        }
        let mut svc = json!({
            "bom-ref": format!("system:{}", x.id),
            "name": x.name,
            "properties": props,
        });
        if let Some(d) = &x.description {
            svc["description"] = json!(d);
        }
        match x.vendor {
            Party::Vendor(v) => {
                let vd = m.vendor(v);
                svc["provider"] = json!({
                    "name": vd.name,
                    "address": { "country": vd.country.as_str() },
                });
            }
            Party::Own => {
                svc["provider"] =
                    json!({ "name": org.name, "address": { "country": org.home.as_str() } });
            }
        }
        let mut licences = Vec::new();
        for &cid in g.contracts_of(s) {
            let c = m.contract(cid);
            let vd = m.vendor(c.vendor);
            // The current term on the model's as_of date, not the first one.
            let end = g.current_term_end(cid);
            let mut cprops = vec![
                prop("contract", &c.id),
                prop("contract_kind", c.kind),
                prop("end", end.format("%Y-%m-%d")),
                prop("notice", c.notice),
            ];
            if let Some(st) = c.start {
                cprops.push(prop("start", st.format("%Y-%m-%d")));
            }
            if let Some(r) = c.renewal {
                cprops.push(prop("renewal", r));
            }
            if let Some(a) = c.annual_cost {
                cprops.push(prop("annual_cost", a));
                cprops.push(prop("currency", &org.currency));
            }
            if let Some(d) = c.data_retrieval {
                cprops.push(prop("data_retrieval", d));
            }
            licences.push(json!({ "license": {
                "name": c.name.clone().unwrap_or_else(|| c.id.clone()),
                "licensing": {
                    "licensor": { "organization": { "name": vd.name } },
                    "licensee": { "organization": { "name": org.name } },
                    "licenseTypes": [licence_type(c.kind)],
                    "expiration": format!("{}T23:59:59Z", end.format("%Y-%m-%d")),
                },
                "properties": cprops,
            }}));
        }
        if !licences.is_empty() {
            svc["licenses"] = Value::Array(licences);
        }
        services.push(svc);

        let mut on: Vec<String> = g
            .all_deps(s)
            .into_iter()
            .chain(m.interfaces.iter().filter(|i| i.from == s).map(|i| i.to))
            .map(|t| format!("system:{}", m.system(t).id))
            .collect();
        on.sort_unstable();
        on.dedup();
        dependencies.push(json!({ "ref": format!("system:{}", x.id), "dependsOn": on }));
    }
    json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": metadata,
        "services": services,
        "dependencies": dependencies,
    })
}

/// The BOM as pretty-printed JSON with a final newline.
pub fn render(g: &Graph) -> String {
    let mut s = serde_json::to_string_pretty(&bom(g))
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::test_graph;

    #[test]
    fn contracts_become_licensing_with_expiration() {
        let g = test_graph(
            "[organisation]\nname = \"Stadt\"\nhome = \"DE\"\nas_of = 2026-12-01\n\
             [[vendor]]\nid = \"ms\"\nname = \"Microsoft\"\ncountry = \"US\"\n\
             [[system]]\nid = \"m365\"\nname = \"M365\"\nvendor = \"ms\"\ndepends_on = [\"entra\"]\n\
             [[system]]\nid = \"entra\"\nname = \"Entra\"\nvendor = \"ms\"\n\
             [[contract]]\nid = \"ea\"\nvendor = \"ms\"\ncovers = [\"m365\"]\nkind = \"cloud\"\nend = 2027-12-31\nnotice = \"3mo\"\n",
        );
        let b = bom(&g);
        assert_eq!(b["metadata"]["timestamp"], "2026-12-01T00:00:00Z");
        let m365 = &b["services"][0];
        assert_eq!(m365["bom-ref"], "system:m365");
        assert_eq!(m365["provider"]["address"]["country"], "US");
        let lic = &m365["licenses"][0]["license"];
        assert_eq!(lic["name"], "ea");
        assert_eq!(lic["licensing"]["expiration"], "2027-12-31T23:59:59Z");
        assert_eq!(lic["licensing"]["licenseTypes"], json!(["subscription"]));
        assert!(b["services"][1].get("licenses").is_none());
        assert_eq!(b["dependencies"][0]["dependsOn"], json!(["system:entra"]));
        assert_eq!(b["dependencies"][1]["dependsOn"], json!([]));
    }
}
