//! Target states on a small hand-written model.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

const MODEL: &str = r#"
[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
[[vendor]]
id = "us"
name = "US Corp"
country = "US"
[[vendor]]
id = "de"
name = "DE GmbH"
country = "DE"
[[vendor]]
id = "host"
name = "Host AG"
country = "DE"
[[system]]
id = "office"
name = "Office"
vendor = "us"
operator = "us"
criticality = "high"
users = 500
alternatives = ["suite"]
data = { sensitivity = "high", volume_gb = 100 }
[[system]]
id = "suite"
name = "Suite"
vendor = "de"
status = "candidate"
criticality = "medium"
users = 10
depends_on = ["office", "dir"]
[[system]]
id = "dir"
name = "Directory"
vendor = "de"
operator = "host"
[[system]]
id = "mail"
name = "Mail"
vendor = "de"
depends_on = ["office", { any = ["office", "dir"] }]
[[interface]]
id = "i1"
from = "mail"
to = "office"
[[interface]]
id = "i2"
from = "suite"
to = "office"
[[contract]]
id = "c-office"
vendor = "us"
covers = ["office"]
end = 2027-12-31
kind = "subscription"
annual_cost = 1000
[[contract]]
id = "c-both"
vendor = "us"
covers = ["office", "mail"]
end = 2027-12-31
kind = "subscription"
annual_cost = 500
[[contract]]
id = "c-host"
vendor = "host"
covers = ["dir"]
end = 2027-12-31
kind = "subscription"
annual_cost = 300
[[service]]
id = "svc"
name = "Service"
criticality = "critical"
needs = ["office", "mail"]
[[scenario]]
id = "fire"
name = "Fire"
cut = ["system:office"]
"#;

fn model() -> Model {
    load_str("m.toml", Path::new("m.toml"), MODEL, &Limits::default())
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics))
}

fn sid(m: &Model, id: &str) -> SystemId {
    m.system_id(id).unwrap()
}

#[test]
fn replace_repoints_every_reference_and_ends_what_only_it_kept() {
    let m = model();
    let (office, suite, dir, mail) = (
        sid(&m, "office"),
        sid(&m, "suite"),
        sid(&m, "dir"),
        sid(&m, "mail"),
    );
    let a = apply(
        &m,
        &[Move::Replace {
            system: office,
            by: suite,
        }],
    );
    assert_eq!(a.system(office).status, Status::Retired);
    assert_eq!(a.system(suite).status, Status::InUse);
    // Users and criticality at least those of the old system; the data moves.
    assert_eq!(a.system(suite).users, 500);
    assert_eq!(a.system(suite).criticality, crate::model::Criticality::High);
    assert_eq!(a.system(suite).data, m.system(office).data);
    // The replacement no longer depends on what it replaces.
    assert_eq!(a.system(suite).depends_on, vec![Dependency::One(dir)]);
    // `office` and `any [office, dir]` become `suite` and `any [suite, dir]`.
    assert_eq!(
        a.system(mail).depends_on,
        vec![Dependency::One(suite), Dependency::Any(vec![suite, dir])]
    );
    assert_eq!(
        a.service(a.service_id("svc").unwrap()).needs,
        vec![Dependency::One(suite), Dependency::One(mail)]
    );
    // i1 re-pointed, i2 (suite -> office) became a loop and is gone.
    assert_eq!(a.interfaces.len(), 1);
    assert_eq!(a.interface(a.interface_id("i1").unwrap()).to, suite);
    assert!(a.interface_id("i2").is_none());
    // c-office covered only office: ended; c-both keeps mail and its cost.
    assert!(a.contract_id("c-office").is_none());
    let both = a.contract(a.contract_id("c-both").unwrap());
    assert_eq!(both.covers, vec![mail]);
    assert_eq!(both.annual_cost, Some(500.0));
    // The fire hits what now runs in the old system's place.
    assert_eq!(
        a.scenarios[0].cuts[0].target,
        crate::model::Cut::System(suite)
    );
    // The input is untouched.
    assert_eq!(m.system(office).status, Status::InUse);
    assert_eq!(m.contracts.len(), 3);
}

#[test]
fn replacing_a_system_by_itself_changes_nothing() {
    let m = model();
    let office = sid(&m, "office");
    let a = apply(
        &m,
        &[Move::Replace {
            system: office,
            by: office,
        }],
    );
    assert_eq!(a.system(office).status, Status::InUse);
    assert_eq!(a.contracts.len(), m.contracts.len());
    assert_eq!(a.interfaces.len(), m.interfaces.len());
}

#[test]
fn rehost_changes_operator_and_region_and_leaves_the_old_operators_contract() {
    let m = model();
    let dir = sid(&m, "dir");
    let a = apply(
        &m,
        &[Move::Rehost {
            system: dir,
            operator: Party::Own,
        }],
    );
    assert_eq!(a.system(dir).operator, Party::Own);
    assert_eq!(a.system(dir).region, Region::Country(m.organisation.home));
    assert!(a.contract_id("c-host").is_none());
    // Rehosting office in-house keeps the maker's contracts (us makes and runs it).
    let office = sid(&m, "office");
    let b = apply(
        &m,
        &[Move::Rehost {
            system: office,
            operator: Party::Own,
        }],
    );
    assert!(b.contract_id("c-office").is_some());
}

#[test]
fn ending_a_contract_removes_it_and_keeps_the_systems() {
    let m = model();
    let c = m.contract_id("c-host").unwrap();
    let a = apply(
        &m,
        &[Move::EndContract {
            contract: c,
            first: sid(&m, "dir"),
        }],
    );
    assert!(a.contract_id("c-host").is_none());
    assert_eq!(a.contract_id("c-both"), Some(ContractId(1)));
    assert_eq!(a.system(sid(&m, "dir")).status, Status::InUse);
}
