//! The three files of an inventory import: vendors, systems and contracts.

use super::columns::{C, S, V};
use super::table::{FileColumns, Table, Unknowns, parse_cell, read_table};
use super::{CsvInput, CsvOptions, Formats, RowIds, SystemKeys, Vendors, no_column};
use crate::catalog::Catalog;
use crate::interop::emit::{DraftContract, DraftSystem, DraftVendor, IdPool};
use crate::interop::mapping::FileKind;
use crate::interop::words::{self, fold};
use crate::interop::{ImportError, NoteKind, Report};
use crate::model::{ContractKind, Licence};
use std::collections::BTreeSet;

pub(super) fn read_vendors(
    input: &CsvInput<'_>,
    vreg: &mut Vendors,
    opts: &CsvOptions,
    report: &mut Report,
) -> Result<FileColumns, ImportError> {
    let t: Table<V> = read_table(input, opts.mapping.file(FileKind::Vendors), report)?;
    if !t.has(V::Name) && !t.has(V::Id) {
        return Err(no_column(&t, "name", "`name` or `id`"));
    }
    let mut ids = RowIds::new(t.has(V::Id));
    let mut parents: Vec<(usize, String, u64)> = Vec::new();
    for row in &t.rows {
        let line = row.line;
        let given_id = t.get(row, V::Id);
        let name = t.get(row, V::Name);
        let Some((id, name)) = ids.take(&mut vreg.ids, &t.file, line, given_id, name, report)
        else {
            continue;
        };
        let mut placeholder = true;
        let country = match t.get(row, V::Country) {
            Some(c) => match words::country(c) {
                Some(c) => {
                    placeholder = false;
                    c
                }
                None => {
                    report.push(
                        NoteKind::Assumed,
                        &t.file,
                        Some(line),
                        format!("country `{c}` of vendor `{id}` not understood: placeholder {} written; correct it", vreg.stub_country),
                    );
                    vreg.stub_country
                }
            },
            None => {
                report.push(
                    NoteKind::Assumed,
                    &t.file,
                    Some(line),
                    format!(
                        "vendor `{id}` has no country: placeholder {} written; complete it",
                        vreg.stub_country
                    ),
                );
                vreg.stub_country
            }
        };
        let i = vreg.add(DraftVendor {
            id,
            name,
            country,
            parent: None,
            description: t.get(row, V::Description).map(str::to_string),
            placeholder,
            comment: Some(if placeholder {
                format!(
                    "{}, line {line}; TODO: country {} is a placeholder",
                    t.file, vreg.stub_country
                )
            } else {
                format!("{}, line {line}", t.file)
            }),
        });
        if let Some(p) = t.get(row, V::Parent) {
            parents.push((i, p.to_string(), line));
        }
    }
    // Parents may name vendors listed further down, so they resolve last.
    let lines: std::collections::BTreeMap<usize, u64> =
        parents.iter().map(|(i, _, line)| (*i, *line)).collect();
    for (i, p, line) in parents {
        let pid = vreg.resolve(&p, &t.file, line, report);
        match pid {
            Some(pid) if pid == "self" || pid == vreg.drafts[i].id => report.push(
                NoteKind::NotMapped,
                &t.file,
                Some(line),
                format!(
                    "parent `{p}` of vendor `{}` left out: a vendor cannot own itself",
                    vreg.drafts[i].id
                ),
            ),
            Some(pid) => vreg.drafts[i].parent = Some(pid),
            None => report.push(
                NoteKind::NotMapped,
                &t.file,
                Some(line),
                format!(
                    "parent `{p}` of vendor `{}` left out: no usable name",
                    vreg.drafts[i].id
                ),
            ),
        }
    }
    // A loop of parents (a owns b owns a) is not a group structure: the
    // link that closes it is dropped and reported.
    for (i, parent, ids) in crate::interop::break_parent_loops(&mut vreg.drafts) {
        let line = lines.get(&i).copied();
        report.push(
            NoteKind::NotMapped,
            &t.file,
            line,
            format!(
                "parent `{parent}` of vendor `{}` left out: it closes a loop of parents ({} -> {}); name the real owner",
                vreg.drafts[i].id,
                ids.join(" -> "),
                ids[0]
            ),
        );
    }
    ids.flush(&t.file, report);
    Ok(t.columns)
}

pub(super) fn read_systems(
    input: &CsvInput<'_>,
    vreg: &mut Vendors,
    opts: &CsvOptions,
    report: &mut Report,
) -> Result<(Vec<DraftSystem>, Formats, FileColumns), ImportError> {
    let t: Table<S> = read_table(input, opts.mapping.file(FileKind::Systems), report)?;
    if !t.has(S::Name) && !t.has(S::Id) {
        return Err(no_column(&t, "name", "`name` or `id`"));
    }
    let file = t.file.clone();
    let values = &opts.mapping;
    let mut unknown = Unknowns::default();
    let mut pool = IdPool::default();
    let mut ids = RowIds::new(t.has(S::Id));
    let mut formats = Formats::default();
    let mut out: Vec<DraftSystem> = Vec::new();
    // Dependencies and alternatives name other rows: resolved after all rows.
    let mut later: Vec<(usize, u64, Vec<String>, Vec<String>)> = Vec::new();
    for row in &t.rows {
        let line = row.line;
        let Some((id, name)) = ids.take(
            &mut pool,
            &file,
            line,
            t.get(row, S::Id),
            t.get(row, S::Name),
            report,
        ) else {
            continue;
        };
        let mut s = DraftSystem {
            id,
            name,
            comment: Some(format!("{file}, line {line}")),
            ..Default::default()
        };
        s.description = t.get(row, S::Description).map(str::to_string);
        s.category = t.get(row, S::Category).map(words::category);
        s.exit_plan = t.get(row, S::ExitPlan).map(str::to_string);
        s.layer = parse_cell(
            &t,
            row,
            S::Layer,
            values,
            &mut unknown,
            "Infrastruktur/infrastructure, Plattform/platform, Anwendung/application, Daten/data",
            words::layer,
        );
        s.criticality = parse_cell(
            &t,
            row,
            S::Criticality,
            values,
            &mut unknown,
            "kritisch/critical, hoch/high, mittel/medium, niedrig/low",
            words::criticality,
        );
        s.status = parse_cell(
            &t,
            row,
            S::Status,
            values,
            &mut unknown,
            "in Betrieb/in use, geplant/planned, in Prüfung/under review, abgeschaltet/retired, abgelehnt/denied",
            words::status,
        );
        s.customisation = parse_cell(
            &t,
            row,
            S::Customisation,
            values,
            &mut unknown,
            "keine/none, gering/low, mittel/medium, hoch/high",
            words::customisation,
        );
        s.users = parse_cell(
            &t,
            row,
            S::Users,
            values,
            &mut unknown,
            "a whole number",
            words::count,
        );
        s.region = parse_cell(
            &t,
            row,
            S::Region,
            values,
            &mut unknown,
            "a country code or name, or EU",
            words::region,
        );
        s.licence = parse_cell(
            &t,
            row,
            S::Licence,
            values,
            &mut unknown,
            "Open Source, proprietär/proprietary",
            words::licence,
        );
        if let Some(open) = parse_cell(
            &t,
            row,
            S::OpenSource,
            values,
            &mut unknown,
            "ja/yes or nein/no",
            words::yes_no,
        ) {
            let l = if open {
                Licence::OpenSource
            } else {
                Licence::Proprietary
            };
            match s.licence {
                Some(given) if given != l => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "column `{}` contradicts column `{}`; the licence column was kept",
                        t.header(S::OpenSource),
                        t.header(S::Licence)
                    ),
                ),
                _ => s.licence = Some(l),
            }
        }
        if let Some(v) = t.get(row, S::Vendor) {
            s.vendor = vreg.resolve(v, &file, line, report);
        }
        if s.vendor.is_none() {
            s.vendor = Some(vreg.unknown());
        }
        if let Some(v) = t.get(row, S::Operator) {
            s.operator = vreg.resolve(v, &file, line, report);
        }
        // Who runs it, when no operator is named: the vendor for software
        // as a service, the organisation on premises.
        let deployment = parse_cell(
            &t,
            row,
            S::Deployment,
            values,
            &mut unknown,
            "SaaS/cloud/hosted: run by the vendor; on-premise/intern: run in-house",
            words::deployment,
        );
        if s.operator.is_none() {
            s.operator = match deployment {
                Some(words::Deployment::ByVendor) => s.vendor.clone(),
                Some(words::Deployment::InHouse) => Some("self".into()),
                None => None,
            };
        }
        if let Some(cell) = t.get(row, S::Formats) {
            for e in words::list(cell) {
                if let Some(id) = formats.resolve(&e, &file, line, report)
                    && !s.formats.contains(&id)
                {
                    s.formats.push(id);
                }
            }
        }
        if let Some(cell) = t.get(row, S::Exports) {
            let mut ex = Vec::new();
            let none = matches!(words::yes_no(cell), Some(false))
                || ["keine", "none", "kein export", "no export"]
                    .iter()
                    .any(|w| fold(w) == fold(cell));
            if !none {
                for e in words::list(cell) {
                    if let Some(id) = formats.resolve(&e, &file, line, report)
                        && !ex.contains(&id)
                    {
                        ex.push(id);
                    }
                }
            }
            s.exports = Some(ex);
        }
        let deps = t
            .get(row, S::DependsOn)
            .map(words::list)
            .unwrap_or_default();
        let alts = t
            .get(row, S::Alternatives)
            .map(words::list)
            .unwrap_or_default();
        out.push(s);
        if !deps.is_empty() || !alts.is_empty() {
            later.push((out.len() - 1, line, deps, alts));
        }
    }
    let keys = SystemKeys::new(&out);
    for (i, line, deps, alts) in later {
        // Entries already listed, so that a long cell is not scanned for
        // every entry.
        let mut listed: BTreeSet<String> = BTreeSet::new();
        let mut listed_alts: BTreeSet<String> = BTreeSet::new();
        for d in deps {
            match keys.get(&d) {
                Some(j) if j == i => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "`{}` cannot depend on itself; entry `{d}` left out",
                        out[i].id
                    ),
                ),
                Some(j) => {
                    let id = out[j].id.clone();
                    if listed.insert(id.clone()) {
                        out[i].depends_on.push(id);
                    }
                }
                None => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "dependency `{d}` of `{}` matches no system id or name; left out",
                        out[i].id
                    ),
                ),
            }
        }
        for a in alts {
            let entry = if let Some(c) = a.strip_prefix("catalog:") {
                Catalog::builtin()
                    .get(c.trim())
                    .map(|e| format!("catalog:{}", e.id))
            } else {
                match keys.get(&a) {
                    Some(j) if j != i => Some(out[j].id.clone()),
                    _ => None,
                }
            };
            match entry {
                Some(e) => {
                    if listed_alts.insert(e.clone()) {
                        out[i].alternatives.push(e);
                    }
                }
                None => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!("alternative `{a}` of `{}` is neither another row nor a catalogue entry (`catalog:ID`); left out", out[i].id),
                ),
            }
        }
    }
    unknown.flush(&file, report);
    ids.flush(&file, report);
    Ok((out, formats, t.columns))
}

pub(super) fn read_contracts(
    input: &CsvInput<'_>,
    systems: &[DraftSystem],
    vreg: &mut Vendors,
    opts: &CsvOptions,
    report: &mut Report,
) -> Result<(Vec<DraftContract>, FileColumns), ImportError> {
    let t: Table<C> = read_table(input, opts.mapping.file(FileKind::Contracts), report)?;
    if !t.has(C::Vendor) {
        return Err(no_column(&t, "vendor", "`vendor`"));
    }
    let values = &opts.mapping;
    let mut unknown = Unknowns::default();
    let mut ids = RowIds::new(t.has(C::Id) || t.has(C::Name));
    let file = t.file.clone();
    let mut pool = IdPool::default();
    let mut out = Vec::new();
    let keys = SystemKeys::new(systems);
    for row in &t.rows {
        let line = row.line;
        let Some(vcell) = t.get(row, C::Vendor) else {
            report.push(
                NoteKind::Skipped,
                &file,
                Some(line),
                "contract skipped: no vendor",
            );
            continue;
        };
        let name = t.get(row, C::Name);
        // Without id or name, the id is made from the vendor.
        let fallback = format!("{vcell} contract");
        let naming = name.or(if t.get(row, C::Id).is_none() {
            Some(fallback.as_str())
        } else {
            None
        });
        let Some((id, _)) = ids.take(&mut pool, &file, line, t.get(row, C::Id), naming, report)
        else {
            continue;
        };
        let vendor = match vreg.resolve(vcell, &file, line, report) {
            Some(v) if v != "self" => v,
            _ => {
                report.push(
                    NoteKind::Skipped,
                    &file,
                    Some(line),
                    format!("contract `{id}` skipped: vendor `{vcell}` is not a vendor"),
                );
                continue;
            }
        };
        let mut covers = Vec::new();
        let mut listed: BTreeSet<usize> = BTreeSet::new();
        for e in t.get(row, C::Covers).map(words::list).unwrap_or_default() {
            match keys.get(&e) {
                Some(j) => {
                    if listed.insert(j) {
                        covers.push(systems[j].id.clone());
                    }
                }
                None => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "`{e}` in `{}` of contract `{id}` matches no system; left out",
                        t.header(C::Covers)
                    ),
                ),
            }
        }
        let kind = match parse_cell(
            &t,
            row,
            C::Kind,
            values,
            &mut unknown,
            "Lizenz/licence, Abo/subscription, Cloud, Wartung/support, Hosting",
            words::contract_kind,
        ) {
            Some(k) => k,
            None => {
                report.push(
                    NoteKind::Assumed,
                    &file,
                    Some(line),
                    format!("contract `{id}` has no usable kind: `licence` written; correct it"),
                );
                ContractKind::Licence
            }
        };
        let dur = |f: C, unknown: &mut Unknowns| {
            parse_cell(
                &t,
                row,
                f,
                values,
                unknown,
                "a duration such as `3 Monate`, `1 Jahr`, `6mo`",
                |s| words::duration(s).ok(),
            )
        };
        let start = parse_cell(
            &t,
            row,
            C::Start,
            values,
            &mut unknown,
            "a date 2027-06-30 or 30.06.2027",
            words::date,
        );
        let mut end = parse_cell(
            &t,
            row,
            C::End,
            values,
            &mut unknown,
            "a date 2027-06-30 or 30.06.2027",
            words::date,
        );
        let mut term = dur(C::Term, &mut unknown);
        let notice = dur(C::Notice, &mut unknown);
        let mut renewal = dur(C::Renewal, &mut unknown);
        let data_retrieval = dur(C::DataRetrieval, &mut unknown);
        let annual_cost = parse_cell(
            &t,
            row,
            C::AnnualCost,
            values,
            &mut unknown,
            "an amount such as 45.000,00",
            words::number,
        );
        let switching_charge = parse_cell(
            &t,
            row,
            C::SwitchingCharge,
            values,
            &mut unknown,
            "an amount such as 45.000,00",
            words::number,
        );
        if term.is_some_and(|d| d.is_zero()) {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("term of contract `{id}` is zero; left out"),
            );
            term = None;
        }
        if end.is_some() && term.is_some() {
            report.push(NoteKind::NotMapped, &file, Some(line), format!("contract `{id}` has both an end and a term: the end was kept, the term left out"));
            term = None;
        }
        if term.is_some() && start.is_none() {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("term of contract `{id}` left out: it needs a start date"),
            );
            term = None;
        }
        if renewal.is_some_and(|d| d.is_zero()) {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("renewal of contract `{id}` is zero; left out"),
            );
            renewal = None;
        }
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("end {e} of contract `{id}` is before its start {s}; the end was left out"),
            );
            end = None;
        }
        if end.is_none() && term.is_none() {
            report.push(
                NoteKind::Skipped,
                &file,
                Some(line),
                format!("contract `{id}` skipped: it has no end date (give `end`, or `start` and `term`)"),
            );
            continue;
        }
        out.push(DraftContract {
            id,
            name: name.map(str::to_string),
            description: t.get(row, C::Description).map(str::to_string),
            vendor,
            covers,
            kind,
            start,
            end,
            term,
            notice,
            renewal,
            annual_cost,
            data_retrieval,
            switching_charge,
            comment: Some(format!("{file}, line {line}")),
        });
    }
    unknown.flush(&file, report);
    ids.flush(&file, report);
    Ok((out, t.columns))
}
