//! How leaving is done: the exit kind of a contract or of a system's step
//! in an exit plan (`docs/methodology.md#exit-kinds`).
//!
//! Leaving a vendor does not always mean replacing its software. A vendor
//! that only runs a system is left by moving the same software to another
//! operator (`rehost`); a support provider by finding another one
//! (`resupport`); a maker by replacing its product (`replace`). The rules,
//! in order:
//!
//! 1. `exit` written on the contract (for a contract) wins;
//! 2. a `support` contract is left by `resupport`;
//! 3. when the party left makes or runs the system, `exit` written on the
//!    system wins;
//! 4. the party left makes the system: `replace`, except for open-source
//!    software it does not run (its subscription buys support: `resupport`)
//!    and hosting by the maker of the software (`replace`: its software
//!    cannot be taken elsewhere);
//! 5. the party left only runs the system: `rehost`;
//! 6. a contract with a party that neither makes nor runs the system (a
//!    reseller): `replace` (the product may not be for sale elsewhere);
//!    `hosting` contracts: `rehost`.
//!
//! "Makes" and "runs" compare vendor groups: a subsidiary stands for its
//! group (Microsoft Ireland licenses what Microsoft makes).

use crate::graph::Graph;
use crate::model::{ContractId, ContractKind, ExitKind, Licence, Party, SystemId, VendorId};
use serde::Serialize;

/// What one step of an exit plan does with a system: one of the exit
/// kinds, or switching off a system that nothing needs once the others
/// have left (its network link to the provider, its terminal servers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Replace,
    Rehost,
    Resupport,
    Insource,
    Decommission,
}

impl From<ExitKind> for StepKind {
    fn from(k: ExitKind) -> StepKind {
        match k {
            ExitKind::Replace => StepKind::Replace,
            ExitKind::Rehost => StepKind::Rehost,
            ExitKind::Resupport => StepKind::Resupport,
            ExitKind::Insource => StepKind::Insource,
        }
    }
}

/// Why a contract or step has its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KindBasis {
    /// `exit` written on the contract.
    ContractSays,
    /// `exit` written on the system.
    SystemSays,
    /// A support contract: another provider supports the same software.
    Support,
    /// The party left makes the system.
    Maker,
    /// The party left makes the open-source system but does not run it.
    OpenSource,
    /// The party left hosts software it makes itself.
    MakerHosting,
    /// The party left only runs the system.
    OperatorOnly,
    /// A hosting contract with a party that does not make the software.
    Hosting,
    /// The party left neither makes nor runs the system (a reseller).
    Reseller,
    /// A system named directly (no party is left): its own `exit`, else replace.
    Named,
}

/// An exit kind with the rule that gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KindChoice {
    pub kind: ExitKind,
    pub basis: KindBasis,
}

impl KindChoice {
    fn new(kind: ExitKind, basis: KindBasis) -> KindChoice {
        KindChoice { kind, basis }
    }
}

/// The weight of a kind when several contracts of the party left cover
/// one system: the heaviest kind is what leaving all of them takes.
pub fn weight(k: ExitKind) -> u8 {
    match k {
        ExitKind::Resupport => 0,
        ExitKind::Rehost => 1,
        ExitKind::Insource => 2,
        ExitKind::Replace => 3,
    }
}

/// How a party relates to a system: it makes it, runs it, both or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Relation {
    maker: bool,
    operator: bool,
}

fn relation(g: &Graph, s: SystemId, left: impl Fn(VendorId) -> bool) -> Relation {
    let sys = g.model().system(s);
    let hit = |p: Party| p.vendor().is_some_and(&left);
    Relation {
        maker: hit(sys.vendor),
        operator: hit(sys.operator),
    }
}

/// The kind when the party left makes or runs the system (rules 3 to 5).
fn by_relation(g: &Graph, s: SystemId, r: Relation) -> Option<KindChoice> {
    let sys = g.model().system(s);
    if !(r.maker || r.operator) {
        return None;
    }
    if let Some(k) = sys.exit {
        return Some(KindChoice::new(k, KindBasis::SystemSays));
    }
    Some(
        if r.maker && sys.licence == Licence::OpenSource && !r.operator {
            KindChoice::new(ExitKind::Resupport, KindBasis::OpenSource)
        } else if r.maker {
            KindChoice::new(ExitKind::Replace, KindBasis::Maker)
        } else {
            KindChoice::new(ExitKind::Rehost, KindBasis::OperatorOnly)
        },
    )
}

/// The kind of leaving contract `c` for one system it covers.
pub fn for_contract(g: &Graph, c: ContractId, s: SystemId) -> KindChoice {
    let m = g.model();
    let con = m.contract(c);
    if let Some(k) = con.exit {
        return KindChoice::new(k, KindBasis::ContractSays);
    }
    if con.kind == ContractKind::Support {
        return KindChoice::new(ExitKind::Resupport, KindBasis::Support);
    }
    let group = g.top_parent(con.vendor);
    let r = relation(g, s, |v| g.top_parent(v) == group);
    if con.kind == ContractKind::Hosting {
        return match (m.system(s).exit, r.maker, r.operator) {
            (Some(k), true, _) | (Some(k), _, true) => KindChoice::new(k, KindBasis::SystemSays),
            (None, true, _) => KindChoice::new(ExitKind::Replace, KindBasis::MakerHosting),
            (_, _, true) => KindChoice::new(ExitKind::Rehost, KindBasis::OperatorOnly),
            _ => KindChoice::new(ExitKind::Rehost, KindBasis::Hosting),
        };
    }
    by_relation(g, s, r).unwrap_or(KindChoice::new(ExitKind::Replace, KindBasis::Reseller))
}

/// The kind of leaving the vendors for which `left` holds, for one
/// system: by its relation to them, else by the heaviest kind of their
/// contracts that cover it (`running` says which contracts still run).
/// `None` when the system has nothing to do with them.
pub fn for_vendors(
    g: &Graph,
    s: SystemId,
    left: impl Fn(VendorId) -> bool,
    running: impl Fn(ContractId) -> bool,
) -> Option<(KindChoice, Option<ContractId>)> {
    let r = relation(g, s, &left);
    if let Some(k) = by_relation(g, s, r) {
        return Some((k, None));
    }
    let m = g.model();
    g.contracts_of(s)
        .iter()
        .copied()
        .filter(|&c| left(m.contract(c).vendor) && running(c))
        .map(|c| (for_contract(g, c, s), Some(c)))
        .max_by(|(a, ca), (b, cb)| {
            weight(a.kind)
                .cmp(&weight(b.kind))
                // Ties: the first contract in file order.
                .then_with(|| cb.cmp(ca))
        })
}

/// The kind of a system named directly (`exit --systems`): its own `exit`,
/// else replace.
pub fn for_named(g: &Graph, s: SystemId) -> KindChoice {
    match g.model().system(s).exit {
        Some(k) => KindChoice::new(k, KindBasis::SystemSays),
        None => KindChoice::new(ExitKind::Replace, KindBasis::Named),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Limits, load_str};
    use std::path::Path;

    fn graph(body: &str) -> Graph {
        let text = format!(
            r#"[organisation]
name = "T"
home = "DE"

[[vendor]]
id = "ms"
name = "Maker Inc."
country = "US"

[[vendor]]
id = "ms-de"
name = "Maker Deutschland"
country = "DE"
parent = "ms"

[[vendor]]
id = "rz"
name = "Rechenzentrum"
country = "DE"

[[vendor]]
id = "shop"
name = "Reseller"
country = "DE"

{body}"#
        );
        let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
            .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
        Graph::build(m)
    }

    fn contract_kind(g: &Graph, c: &str, s: &str) -> KindChoice {
        let m = g.model();
        for_contract(g, m.contract_id(c).unwrap(), m.system_id(s).unwrap())
    }

    const SYSTEMS: &str = r#"
[[system]]
id = "app"
name = "App"
vendor = "ms"
operator = "rz"

[[system]]
id = "own"
name = "Own product of rz"
vendor = "rz"
operator = "rz"

[[system]]
id = "oss"
name = "Open source"
vendor = "ms"
licence = "open-source"
"#;

    #[test]
    fn contract_defaults_follow_kind_and_relation() {
        let g = graph(&format!(
            r#"{SYSTEMS}
[[contract]]
id = "support"
vendor = "ms-de"
covers = ["app"]
kind = "support"
end = 2027-12-31

[[contract]]
id = "hosting"
vendor = "rz"
covers = ["app", "own"]
kind = "hosting"
end = 2027-12-31

[[contract]]
id = "licence"
vendor = "ms-de"
covers = ["app", "oss"]
kind = "licence"
end = 2027-12-31

[[contract]]
id = "resold"
vendor = "shop"
covers = ["app"]
kind = "subscription"
end = 2027-12-31

[[contract]]
id = "said"
vendor = "shop"
covers = ["app"]
kind = "subscription"
end = 2027-12-31
exit = "resupport"
"#
        ));
        let k = |c, s| {
            let x = contract_kind(&g, c, s);
            (x.kind, x.basis)
        };
        // Support from a subsidiary of the maker is still a resupport.
        assert_eq!(
            k("support", "app"),
            (ExitKind::Resupport, KindBasis::Support)
        );
        // Hosting of someone else's product moves; of its own product, replaces.
        assert_eq!(
            k("hosting", "app"),
            (ExitKind::Rehost, KindBasis::OperatorOnly)
        );
        assert_eq!(
            k("hosting", "own"),
            (ExitKind::Replace, KindBasis::MakerHosting)
        );
        // The maker's licence (through its subsidiary) replaces, except open source.
        assert_eq!(k("licence", "app"), (ExitKind::Replace, KindBasis::Maker));
        assert_eq!(
            k("licence", "oss"),
            (ExitKind::Resupport, KindBasis::OpenSource)
        );
        assert_eq!(k("resold", "app"), (ExitKind::Replace, KindBasis::Reseller));
        assert_eq!(
            k("said", "app"),
            (ExitKind::Resupport, KindBasis::ContractSays)
        );
    }

    #[test]
    fn a_systems_own_exit_wins_for_its_maker_and_operator() {
        let g = graph(
            r#"
[[system]]
id = "app"
name = "App"
vendor = "rz"
operator = "rz"
exit = "insource"

[[contract]]
id = "hosting"
vendor = "rz"
covers = ["app"]
kind = "hosting"
end = 2027-12-31
"#,
        );
        let x = contract_kind(&g, "hosting", "app");
        assert_eq!(
            (x.kind, x.basis),
            (ExitKind::Insource, KindBasis::SystemSays)
        );
        let m = g.model();
        let rz = m.vendor_id("rz").unwrap();
        let (k, via) = for_vendors(&g, m.system_id("app").unwrap(), |v| v == rz, |_| true)
            .expect("rz runs it");
        assert_eq!((k.kind, via), (ExitKind::Insource, None));
    }

    #[test]
    fn leaving_vendors_uses_the_relation_then_the_heaviest_contract() {
        let g = graph(&format!(
            r#"{SYSTEMS}
[[contract]]
id = "support"
vendor = "shop"
covers = ["app"]
kind = "support"
end = 2027-12-31

[[contract]]
id = "resold"
vendor = "shop"
covers = ["app"]
kind = "subscription"
end = 2027-12-31
"#
        ));
        let m = g.model();
        let id = |v: &str| m.vendor_id(v).unwrap();
        let app = m.system_id("app").unwrap();
        let (rz, ms, shop) = (id("rz"), id("ms"), id("shop"));
        let k = for_vendors(&g, app, |v| v == rz, |_| true).unwrap().0;
        assert_eq!(k.kind, ExitKind::Rehost);
        let k = for_vendors(&g, app, |v| v == ms, |_| true).unwrap().0;
        assert_eq!(k.kind, ExitKind::Replace);
        // The shop only sells: its heaviest running contract decides.
        let (k, via) = for_vendors(&g, app, |v| v == shop, |_| true).unwrap();
        assert_eq!(k.kind, ExitKind::Replace);
        assert_eq!(via, m.contract_id("resold"));
        let resold = m.contract_id("resold").unwrap();
        let (k, via) = for_vendors(&g, app, |v| v == shop, |c| c != resold).unwrap();
        assert_eq!(k.kind, ExitKind::Resupport);
        assert_eq!(via, m.contract_id("support"));
        // Nothing to do with a vendor: no kind.
        assert!(for_vendors(&g, m.system_id("oss").unwrap(), |v| v == rz, |_| true).is_none());
    }
}
