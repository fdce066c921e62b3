//! The target-state model as TOML (`whatif -o`, `plan --target-states`):
//! the text of the main model file with what the moves changed, in place
//! (`toml_edit` keeps the layout and the comments of everything else).
//!
//! Written: a system's `status`, `operator` (its `region` is removed, so it
//! follows the operator), `users`, `criticality`, `data` (copied from the
//! system it replaces) and `depends_on`; a service's `needs`; an
//! interface's `from` and `to`, or its removal; a contract's `covers`, or
//! its removal; a scenario's `system:` cut; a measure's `contracts` that
//! name a removed contract. A change to an entity defined in an included file is
//! refused: the result would not be one file an architect can commit.

use crate::model::source::FileId;
use crate::model::{Cut, Dependency, Model, Party, Span, SystemId};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value, value};

/// Why the target state cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetError {
    pub message: String,
    pub help: String,
}

fn refuse(what: &str, id: &str, span: Span, m: &Model) -> TargetError {
    let file = m
        .sources
        .file(span.file)
        .map(|f| f.name.clone())
        .unwrap_or_default();
    TargetError {
        message: format!(
            "{what} `{id}` is defined in the included file {file}; the target state changes it"
        ),
        help: "move it into the main model file, or compare without -o".to_string(),
    }
}

fn main_file(span: Span) -> bool {
    span.file == FileId::default()
}

fn table_mut<'d>(doc: &'d mut DocumentMut, kind: &str, id: &str) -> Option<&'d mut Table> {
    doc.get_mut(kind)?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
}

fn remove_table(doc: &mut DocumentMut, kind: &str, id: &str) -> bool {
    let Some(arr) = doc.get_mut(kind).and_then(Item::as_array_of_tables_mut) else {
        return false;
    };
    let Some(i) = arr
        .iter()
        .position(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
    else {
        return false;
    };
    arr.remove(i);
    true
}

fn deps_value(m: &Model, deps: &[Dependency]) -> Item {
    let mut a = Array::new();
    for d in deps {
        match d {
            Dependency::One(s) => a.push(m.system(*s).id.as_str()),
            Dependency::Any(g) => {
                let mut inner = Array::new();
                for s in g {
                    inner.push(m.system(*s).id.as_str());
                }
                let mut t = InlineTable::new();
                t.insert("any", Value::Array(inner));
                a.push(Value::InlineTable(t));
            }
        }
    }
    value(a)
}

fn ids_value(m: &Model, ids: &[SystemId]) -> Item {
    let mut a = Array::new();
    for s in ids {
        a.push(m.system(*s).id.as_str());
    }
    value(a)
}

/// The main file's text with the changes from `before` to `after` (the
/// same model with moves applied by [`crate::model::edit::apply`]).
pub fn target_toml(before: &Model, after: &Model, text: &str) -> Result<String, TargetError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| TargetError {
            message: format!("the main model file cannot be edited: {}", e.message()),
            help: "check the file with `exitgraph check`".to_string(),
        })?;
    // Systems keep their positions (none is added or removed).
    for (i, (b, a)) in before.systems.iter().zip(&after.systems).enumerate() {
        let changed = b.status != a.status
            || b.operator != a.operator
            || b.users != a.users
            || b.criticality != a.criticality
            || b.depends_on != a.depends_on
            || (b.data.is_none() && a.data.is_some())
            || b.recovery.backup_system != a.recovery.backup_system
            || b.recovery.fallback != a.recovery.fallback;
        if !changed {
            continue;
        }
        if !main_file(b.span) {
            return Err(refuse("system", &b.id, b.span, before));
        }
        // The data a replacement takes over: the item of the system it replaces.
        let data_from = if b.data.is_none() && a.data.is_some() {
            after
                .systems
                .iter()
                .enumerate()
                .find(|(j, o)| {
                    *j != i
                        && before.systems[*j].in_use()
                        && !o.in_use()
                        && o.data.is_some()
                        && a.data.as_ref().is_some_and(|d| o.data.as_ref() == Some(d))
                })
                .and_then(|(j, _)| {
                    let id = &before.systems[j].id;
                    table_mut(&mut doc, "system", id).and_then(|t| t.get("data").cloned())
                })
        } else {
            None
        };
        let Some(t) = table_mut(&mut doc, "system", &b.id) else {
            return Err(refuse("system", &b.id, b.span, before));
        };
        if b.status != a.status {
            t.insert("status", value(a.status.as_str()));
        }
        if b.operator != a.operator {
            let op = match a.operator {
                Party::Own => "self".to_string(),
                Party::Vendor(v) => after.vendor(v).id.clone(),
            };
            t.insert("operator", value(op));
            t.remove("region");
        }
        if b.users != a.users {
            t.insert("users", value(a.users.min(i64::MAX as u64) as i64));
        }
        if b.criticality != a.criticality {
            t.insert("criticality", value(a.criticality.as_str()));
        }
        if b.depends_on != a.depends_on {
            if a.depends_on.is_empty() {
                t.remove("depends_on");
            } else {
                t.insert("depends_on", deps_value(after, &a.depends_on));
            }
        }
        if let Some(d) = data_from {
            t.insert("data", d);
        }
        let rec = |s: SystemId| value(after.system(s).id.as_str());
        if b.recovery.backup_system != a.recovery.backup_system
            && let Some(r) = t.get_mut("recovery").and_then(Item::as_table_like_mut)
            && let Some(s) = a.recovery.backup_system
        {
            r.insert("backup_system", rec(s));
        }
        if b.recovery.fallback != a.recovery.fallback
            && let Some(r) = t.get_mut("recovery").and_then(Item::as_table_like_mut)
            && let Some(crate::model::Alternative::System(s)) = &a.recovery.fallback
        {
            r.insert("fallback", rec(*s));
        }
    }
    for (b, a) in before.services.iter().zip(&after.services) {
        if b.needs == a.needs {
            continue;
        }
        if !main_file(b.span) {
            return Err(refuse("service", &b.id, b.span, before));
        }
        let Some(t) = table_mut(&mut doc, "service", &b.id) else {
            return Err(refuse("service", &b.id, b.span, before));
        };
        t.insert("needs", deps_value(after, &a.needs));
    }
    for b in &before.interfaces {
        let a = after.interface_id(&b.id).map(|x| after.interface(x));
        if a.is_some_and(|a| a.from == b.from && a.to == b.to) {
            continue;
        }
        if !main_file(b.span) {
            return Err(refuse("interface", &b.id, b.span, before));
        }
        match a {
            None => {
                remove_table(&mut doc, "interface", &b.id);
            }
            Some(a) => {
                if let Some(t) = table_mut(&mut doc, "interface", &b.id) {
                    t.insert("from", value(after.system(a.from).id.as_str()));
                    t.insert("to", value(after.system(a.to).id.as_str()));
                }
            }
        }
    }
    for b in &before.contracts {
        let a = after.contract_id(&b.id).map(|x| after.contract(x));
        if a.is_some_and(|a| a.covers == b.covers) {
            continue;
        }
        if !main_file(b.span) {
            return Err(refuse("contract", &b.id, b.span, before));
        }
        match a {
            None => {
                remove_table(&mut doc, "contract", &b.id);
            }
            Some(a) => {
                if let Some(t) = table_mut(&mut doc, "contract", &b.id) {
                    t.insert("covers", ids_value(after, &a.covers));
                }
            }
        }
    }
    for (b, a) in before.measures.iter().zip(&after.measures) {
        if b.contracts.len() == a.contracts.len() {
            continue;
        }
        if !main_file(b.span) {
            return Err(refuse("measure", &b.id, b.span, before));
        }
        if let Some(t) = table_mut(&mut doc, "measure", &b.id) {
            let mut arr = Array::new();
            for &c in &a.contracts {
                arr.push(after.contract(c).id.as_str());
            }
            t.insert("contracts", value(arr));
        }
    }
    for (b, a) in before.scenarios.iter().zip(&after.scenarios) {
        let moved: Vec<(String, String)> = b
            .cuts
            .iter()
            .zip(&a.cuts)
            .filter_map(|(x, y)| match (&x.target, &y.target) {
                (Cut::System(p), Cut::System(q)) if p != q => Some((
                    format!("system:{}", before.system(*p).id),
                    format!("system:{}", after.system(*q).id),
                )),
                _ => None,
            })
            .collect();
        if moved.is_empty() {
            continue;
        }
        if !main_file(b.span) {
            return Err(refuse("scenario", &b.id, b.span, before));
        }
        let Some(cut) = table_mut(&mut doc, "scenario", &b.id)
            .and_then(|t| t.get_mut("cut"))
            .and_then(Item::as_array_mut)
        else {
            continue;
        };
        let swap = |text: &str| {
            moved
                .iter()
                .find(|(o, _)| o == text)
                .map(|(_, n)| n.clone())
        };
        for v in cut.iter_mut() {
            match v {
                Value::String(s) => {
                    if let Some(n) = swap(s.value()) {
                        *v = Value::from(n);
                    }
                }
                Value::InlineTable(t) => {
                    if let Some(n) = t.get("target").and_then(|x| x.as_str()).and_then(swap) {
                        t.insert("target", Value::from(n));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(doc.to_string())
}
