//! Switch-time and switch-cost estimates per system.
//!
//! A switch is the project of replacing a system by an alternative. Its
//! duration is uncertain, so it is given as three estimates (optimistic,
//! likely, pessimistic) read as a PERT distribution: a Beta distribution on
//! [optimistic, pessimistic] with mode `likely` and shape 4, whose mean is
//! (o + 4m + p) / 6.
//!
//! Estimates written in the model (`[system.switch]`) are used as they are.
//! Otherwise the parametric model of `docs/methodology.md#switch-time-and-switch-cost-estimate` builds the
//! likely duration from five parts, each listed as a [`Factor`] so that the
//! parts add up to the likely days:
//!
//! ```text
//! likely = (base + training + interfaces + data) x customisation
//! base       = likely_days of the category
//! training   = training_days x training share of the category
//!                x log2(1 + trained users / users_per_wave)
//! interfaces = open_interface_days x open + proprietary_interface_days x closed
//! data       = data_days x log2(1 + volume_gb / data_gb_unit)
//!                x closed-format factor x export factor
//! optimistic = likely x optimistic_factor, pessimistic = likely x pessimistic_factor
//! ```
//!
//! The switch cost, when `[system.switch] cost` is absent, is
//! `cost_per_user` of the category x trained users + `cost_per_day` x
//! (base + interfaces + data) x customisation.
//!
//! [`estimate_switch_to`] refines the estimate for one named alternative:
//! less base work when the alternative already runs, no training for its
//! current users, and less data work when it reads an open format the system
//! exports.

use super::exit_kind::StepKind;
use crate::catalog::Catalog;
use crate::graph::Graph;
use crate::model::defaults::switch::{CategoryParams, SwitchCoefficients};
use crate::model::{Alternative, Customisation, Model, SystemId};
use serde::Serialize;

/// One part of a duration estimate, for explanations. The parts of an
/// estimate add up to its likely duration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Factor {
    pub name: String,
    /// Contribution to the likely duration, in days.
    pub days: f64,
    pub detail: String,
}

/// One part of a cost estimate. The parts add up to the cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostFactor {
    pub name: String,
    pub amount: f64,
    pub detail: String,
}

/// The switch estimate of one system (leaving it for an alternative).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    pub system: String,
    /// The alternative this estimate is for (`None`: a typical alternative).
    pub alternative: Option<String>,
    /// How the system is left: replace, rehost, resupport, insource or
    /// decommission (each has its own estimate).
    pub kind: StepKind,
    pub optimistic_days: f64,
    pub likely_days: f64,
    pub pessimistic_days: f64,
    /// PERT mean (o + 4m + p) / 6.
    pub expected_days: f64,
    /// Exact 80th percentile of the PERT (Beta) distribution.
    pub p80_days: f64,
    pub cost: f64,
    /// True when the durations were given in the model.
    pub given: bool,
    /// True when the cost was given in the model.
    pub cost_given: bool,
    /// Parts of the likely duration (they add up to `likely_days`).
    pub factors: Vec<Factor>,
    /// Parts of the cost (they add up to `cost`).
    pub cost_factors: Vec<CostFactor>,
}

/// PERT mean of three estimates.
pub fn pert_mean(o: f64, m: f64, p: f64) -> f64 {
    (o + 4.0 * m + p) / 6.0
}

/// The shape parameters (alpha, beta) of the PERT distribution of o <= m <= p
/// (shape 4), on the unit interval; `None` when o == p (a constant).
pub fn pert_shape(o: f64, m: f64, p: f64) -> Option<(f64, f64)> {
    if p <= o {
        return None;
    }
    let r = p - o;
    let m = m.clamp(o, p);
    Some((1.0 + 4.0 * (m - o) / r, 1.0 + 4.0 * (p - m) / r))
}

/// The `q` quantile (0..1) of the PERT distribution of o <= m <= p: the
/// inverse of the regularised incomplete beta function (statrs, algorithm
/// AS 109 with Newton steps), scaled to [o, p].
pub fn pert_quantile(o: f64, m: f64, p: f64, q: f64) -> f64 {
    match pert_shape(o, m, p) {
        None => o,
        Some((a, b)) => {
            let x = statrs::function::beta::inv_beta_reg(a, b, q.clamp(0.0, 1.0));
            o + (p - o) * x.clamp(0.0, 1.0)
        }
    }
}

/// The distribution function of the PERT distribution of o <= m <= p at
/// `t`: the regularised incomplete beta function (statrs) of (t - o) / (p - o).
/// A degenerate estimate (p <= o) is a step at o.
pub fn pert_cdf(o: f64, m: f64, p: f64, t: f64) -> f64 {
    match pert_shape(o, m, p) {
        None => {
            if t >= o {
                1.0
            } else {
                0.0
            }
        }
        Some((a, b)) => {
            let x = ((t - o) / (p - o)).clamp(0.0, 1.0);
            statrs::function::beta::beta_reg(a, b, x)
        }
    }
}

/// How a system's data can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// At least one open export format.
    Open,
    /// Only closed export formats.
    Closed,
    /// `exports` is not given.
    Undocumented,
    /// `exports = []`: explicitly no export.
    None,
}

/// Everything the parametric model reads about one switch.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    pub category: CategoryParams,
    pub users: u64,
    /// The organisation's staff; only staff are trained.
    pub staff: Option<u64>,
    pub open_interfaces: u32,
    pub proprietary_interfaces: u32,
    pub volume_gb: f64,
    /// The data lives in at least one closed format.
    pub closed_format: bool,
    pub export: ExportKind,
    pub customisation: Customisation,
    /// The alternative, when it is already in use (its id).
    pub alternative_in_use: Option<String>,
    /// Users who already use the alternative and need no training.
    pub already_trained: u64,
    /// An open format the system exports and the alternative reads (its id).
    pub shared_format: Option<String>,
    /// In-use systems that run on this one (`depends_on` dependents without
    /// an interface to it, which the interface terms already count).
    pub dependents: u32,
}

/// The parametric result: the likely duration with its parts, and the cost with its parts.
#[derive(Clone, Debug, PartialEq)]
pub struct Parametric {
    pub likely_days: f64,
    pub factors: Vec<Factor>,
    pub cost: f64,
    pub cost_factors: Vec<CostFactor>,
}

fn customisation_multiplier(c: &SwitchCoefficients, x: Customisation) -> f64 {
    match x {
        Customisation::None => c.customisation_none,
        Customisation::Low => c.customisation_low,
        Customisation::Medium => c.customisation_medium,
        Customisation::High => c.customisation_high,
    }
}

/// The data-migration multiplier of an export situation. Each worse
/// situation is at least as slow as the one before it, even when a model
/// overrides the coefficients in the wrong order.
fn export_multiplier(c: &SwitchCoefficients, e: ExportKind) -> f64 {
    let closed = c.closed_export_factor.max(1.0);
    match e {
        ExportKind::Open => 1.0,
        ExportKind::Closed | ExportKind::Undocumented => closed,
        ExportKind::None => c.no_export_factor.max(closed),
    }
}

fn fmt_num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.2}")
    }
}

/// The numbers of the parametric model, without the texts of its factors.
/// [`parametric`] builds its result from these, so that the numeric
/// shortcuts ([`days`], [`switch_to_p80`]) give exactly the same values.
struct Numbers {
    staff_cap: u64,
    trained: u64,
    base_mult: f64,
    base: f64,
    training: f64,
    interfaces: f64,
    dependents: f64,
    closed_mult: f64,
    export_mult: f64,
    shared_mult: f64,
    data: f64,
    sum: f64,
    custom: f64,
    likely: f64,
    per_user: f64,
    project_days: f64,
    project: f64,
}

fn numbers(c: &SwitchCoefficients, i: &Inputs) -> Numbers {
    let cat = &i.category;
    let staff_cap = i.staff.map_or(i.users, |s| i.users.min(s));
    let trained = staff_cap.saturating_sub(i.already_trained);
    let base_mult = if i.alternative_in_use.is_some() {
        c.alternative_in_use_factor
    } else {
        1.0
    };
    let base = cat.likely_days * base_mult;
    let waves = trained as f64 / c.users_per_wave;
    let training = c.training_days * cat.training * (1.0 + waves).log2();
    let interfaces = c.open_interface_days * i.open_interfaces as f64
        + c.proprietary_interface_days * i.proprietary_interfaces as f64;
    let dependents = c.dependent_days * i.dependents as f64;
    let closed_mult = if i.closed_format {
        c.closed_format_factor.max(1.0)
    } else {
        1.0
    };
    let export_mult = export_multiplier(c, i.export);
    let shared_mult = if i.shared_format.is_some() {
        c.shared_format_factor
    } else {
        1.0
    };
    let doublings = (1.0 + i.volume_gb / c.data_gb_unit).log2();
    let data = c.data_days * doublings * closed_mult * export_mult * shared_mult;
    let sum = base + training + interfaces + dependents + data;
    let custom = customisation_multiplier(c, i.customisation);
    let per_user = cat.cost_per_user * trained as f64;
    let project_days = (base + interfaces + dependents + data) * custom;
    let project = c.cost_per_day * project_days;
    Numbers {
        staff_cap,
        trained,
        base_mult,
        base,
        training,
        interfaces,
        dependents,
        closed_mult,
        export_mult,
        shared_mult,
        data,
        sum,
        custom,
        likely: sum * custom,
        per_user,
        project_days,
        project,
    }
}

/// The parametric model (see the module documentation).
pub fn parametric(c: &SwitchCoefficients, i: &Inputs) -> Parametric {
    let cat = &i.category;
    let Numbers {
        staff_cap,
        trained,
        base_mult,
        base,
        training,
        interfaces,
        dependents,
        closed_mult,
        export_mult,
        shared_mult,
        data,
        sum,
        custom,
        likely,
        per_user,
        project_days,
        project,
    } = numbers(c, i);
    let mut base_detail = format!(
        "{} d for category `{}` ({})",
        fmt_num(cat.likely_days),
        cat.category,
        cat.source
    );
    if let Some(a) = &i.alternative_in_use {
        base_detail.push_str(&format!(
            " x {} because `{a}` is already in use",
            fmt_num(base_mult)
        ));
    }

    let mut training_detail = format!(
        "{} d x {} (training share) x log2(1 + {trained} users / {} per wave)",
        fmt_num(c.training_days),
        fmt_num(cat.training),
        fmt_num(c.users_per_wave)
    );
    if staff_cap < i.users {
        training_detail.push_str(&format!(
            "; {} users, of whom at most {staff_cap} are staff",
            i.users
        ));
    }
    if i.already_trained > 0 {
        training_detail.push_str(&format!(
            "; {} already use the alternative",
            i.already_trained.min(staff_cap)
        ));
    }

    let interfaces_detail = format!(
        "{} open x {} d + {} proprietary x {} d",
        i.open_interfaces,
        fmt_num(c.open_interface_days),
        i.proprietary_interfaces,
        fmt_num(c.proprietary_interface_days)
    );

    let mut data_detail = format!(
        "{} d x log2(1 + {} GB / {} GB)",
        fmt_num(c.data_days),
        fmt_num(i.volume_gb),
        fmt_num(c.data_gb_unit)
    );
    if i.closed_format {
        data_detail.push_str(&format!(" x {} (closed format)", fmt_num(closed_mult)));
    }
    match i.export {
        ExportKind::Open => {}
        ExportKind::Closed => data_detail.push_str(&format!(
            " x {} (closed exports only)",
            fmt_num(export_mult)
        )),
        ExportKind::Undocumented => data_detail.push_str(&format!(
            " x {} (export not documented)",
            fmt_num(export_mult)
        )),
        ExportKind::None => {
            data_detail.push_str(&format!(" x {} (no export)", fmt_num(export_mult)))
        }
    }
    if let Some(f) = &i.shared_format {
        data_detail.push_str(&format!(
            " x {} (the alternative reads `{f}`)",
            fmt_num(shared_mult)
        ));
    }

    let factors = vec![
        Factor {
            name: "base".into(),
            days: base,
            detail: base_detail,
        },
        Factor {
            name: "training".into(),
            days: training,
            detail: training_detail,
        },
        Factor {
            name: "interfaces".into(),
            days: interfaces,
            detail: interfaces_detail,
        },
        Factor {
            name: "dependents".into(),
            days: dependents,
            detail: dependents_detail(c, i.dependents),
        },
        Factor {
            name: "data".into(),
            days: data,
            detail: data_detail,
        },
        Factor {
            name: "customisation".into(),
            days: likely - sum,
            detail: format!(
                "customisation `{}`: x {} on {} d",
                i.customisation,
                fmt_num(custom),
                fmt_num((sum * 10.0).round() / 10.0)
            ),
        },
    ];

    let cost_factors = vec![
        CostFactor {
            name: "users".into(),
            amount: per_user,
            detail: format!(
                "{trained} trained users x {} per user (category `{}`)",
                fmt_num(cat.cost_per_user),
                cat.category
            ),
        },
        CostFactor {
            name: "project".into(),
            amount: project,
            detail: format!(
                "{:.1} project days (base, interfaces, dependents, data, customisation) x {} per day",
                project_days,
                fmt_num(c.cost_per_day)
            ),
        },
    ];
    Parametric {
        likely_days: likely,
        factors,
        cost: per_user + project,
        cost_factors,
    }
}

fn dependents_detail(c: &SwitchCoefficients, n: u32) -> String {
    format!(
        "{n} systems run on it x {} d (dependent_days)",
        fmt_num(c.dependent_days)
    )
}

/// Interface counts (open, proprietary) per system: every interface that
/// starts or ends at the system and whose other end is not retired.
fn interface_counts(m: &Model) -> Vec<(u32, u32)> {
    let mut out = vec![(0u32, 0u32); m.systems.len()];
    for it in &m.interfaces {
        if it.from == it.to {
            continue;
        }
        for (me, other) in [(it.from, it.to), (it.to, it.from)] {
            if m.system(other).status == crate::model::Status::Retired {
                continue;
            }
            let slot = &mut out[me.index()];
            if it.open {
                slot.0 += 1;
            } else {
                slot.1 += 1;
            }
        }
    }
    out
}

fn export_kind(m: &Model, s: SystemId) -> ExportKind {
    match &m.system(s).exports {
        None => ExportKind::Undocumented,
        Some(v) if v.is_empty() => ExportKind::None,
        Some(v) if v.iter().any(|f| m.format(*f).open) => ExportKind::Open,
        Some(_) => ExportKind::Closed,
    }
}

fn inputs(m: &Model, s: SystemId, counts: (u32, u32), dependents: u32) -> Inputs {
    let sys = m.system(s);
    Inputs {
        category: m.defaults.switch.category(&sys.category),
        users: sys.users,
        staff: m.organisation.staff,
        open_interfaces: counts.0,
        proprietary_interfaces: counts.1,
        volume_gb: sys.data.as_ref().map_or(0.0, |d| d.volume_gb),
        closed_format: sys.formats.iter().any(|f| !m.format(*f).open),
        export: export_kind(m, s),
        customisation: sys.customisation,
        alternative_in_use: None,
        already_trained: 0,
        shared_format: None,
        dependents,
    }
}

/// The kind a system is left by when nothing else says otherwise: its own
/// `exit`, else replace. Estimates given in `[system.switch]` describe
/// this kind.
pub fn own_kind(m: &Model, s: SystemId) -> StepKind {
    m.system(s)
        .exit
        .map(StepKind::from)
        .unwrap_or(StepKind::Replace)
}

/// Whether the estimates of `[system.switch]` apply to a step of this kind.
fn given_applies(m: &Model, s: SystemId, kind: StepKind) -> bool {
    kind == own_kind(m, s)
}

/// Whether the durations of a step of this kind are given in the model.
pub fn given_for(m: &Model, s: SystemId, kind: StepKind) -> bool {
    m.system(s).switch.estimates.is_some() && given_applies(m, s, kind)
}

/// Optimistic, likely and pessimistic days and whether they are given:
/// what [`build`] puts in an estimate.
fn durations(m: &Model, s: SystemId, i: &Inputs, kind: StepKind) -> ([f64; 3], bool) {
    let c = &m.defaults.switch.coefficients;
    match &m.system(s).switch.estimates {
        Some([od, ld, pd]) if given_applies(m, s, kind) => {
            ([od.as_days(), ld.as_days(), pd.as_days()], true)
        }
        _ => (spread(c, step_likely(c, i, kind)), false),
    }
}

/// Optimistic, likely and pessimistic days around a likely duration.
fn spread(c: &SwitchCoefficients, l: f64) -> [f64; 3] {
    [
        l * c.optimistic_factor.min(1.0),
        l,
        l * c.pessimistic_factor.max(1.0),
    ]
}

/// The likely days of a step of one kind, without the texts of its factors.
fn step_likely(c: &SwitchCoefficients, i: &Inputs, kind: StepKind) -> f64 {
    match kind {
        StepKind::Replace => numbers(c, i).likely,
        StepKind::Rehost | StepKind::Insource => move_numbers(c, i, kind).iter().sum(),
        StepKind::Resupport => c.resupport_days + c.resupport_system_days,
        StepKind::Decommission => c.decommission_days,
    }
}

/// The parts of a rehost or insource: base, interfaces, dependents, data.
fn move_numbers(c: &SwitchCoefficients, i: &Inputs, kind: StepKind) -> [f64; 4] {
    let base = if kind == StepKind::Insource {
        c.insource_days
    } else {
        c.rehost_days
    };
    let interfaces =
        c.rehost_interface_days * (i.open_interfaces + i.proprietary_interfaces) as f64;
    let dependents = c.dependent_days * i.dependents as f64;
    let data = c.rehost_data_days * (1.0 + i.volume_gb / c.data_gb_unit).log2();
    [base, interfaces, dependents, data]
}

/// The cost of a step of one kind, without its texts.
fn step_cost(c: &SwitchCoefficients, i: &Inputs, kind: StepKind) -> f64 {
    match kind {
        StepKind::Replace => {
            let n = numbers(c, i);
            n.per_user + n.project
        }
        StepKind::Rehost | StepKind::Insource => {
            c.cost_per_day * move_numbers(c, i, kind).iter().sum::<f64>()
        }
        StepKind::Resupport => c.cost_per_day * c.resupport_system_days,
        StepKind::Decommission => c.cost_per_day * c.decommission_days,
    }
}

/// The parametric estimate of a step of one kind: the likely days with
/// their parts and the cost with its parts (see the module documentation).
pub fn parametric_step(c: &SwitchCoefficients, i: &Inputs, kind: StepKind) -> Parametric {
    let factor = |name: &str, days: f64, detail: String| Factor {
        name: name.into(),
        days,
        detail,
    };
    let project = |days: f64, what: &str| CostFactor {
        name: "project".into(),
        amount: c.cost_per_day * days,
        detail: format!(
            "{days:.1} days ({what}) x {} per day",
            fmt_num(c.cost_per_day)
        ),
    };
    match kind {
        StepKind::Replace => parametric(c, i),
        StepKind::Rehost | StepKind::Insource => {
            let [base, interfaces, dependents, data] = move_numbers(c, i, kind);
            let likely = base + interfaces + dependents + data;
            let (what, key) = if kind == StepKind::Insource {
                ("take over operation in-house", "insource_days")
            } else {
                ("move unchanged to another operator", "rehost_days")
            };
            Parametric {
                likely_days: likely,
                factors: vec![
                    factor(
                        "base",
                        base,
                        format!("{} d to {what} ({key})", fmt_num(base)),
                    ),
                    factor(
                        "interfaces",
                        interfaces,
                        format!(
                            "{} interfaces re-pointed x {} d",
                            i.open_interfaces + i.proprietary_interfaces,
                            fmt_num(c.rehost_interface_days)
                        ),
                    ),
                    factor("dependents", dependents, dependents_detail(c, i.dependents)),
                    factor(
                        "data",
                        data,
                        format!(
                            "{} d x log2(1 + {} GB / {} GB), copied without conversion",
                            fmt_num(c.rehost_data_days),
                            fmt_num(i.volume_gb),
                            fmt_num(c.data_gb_unit)
                        ),
                    ),
                ],
                cost: c.cost_per_day * likely,
                cost_factors: vec![project(likely, "all of the move")],
            }
        }
        StepKind::Resupport => Parametric {
            likely_days: c.resupport_days + c.resupport_system_days,
            factors: vec![
                factor(
                    "base",
                    c.resupport_days,
                    format!(
                        "{} d to contract another support provider (resupport_days)",
                        fmt_num(c.resupport_days)
                    ),
                ),
                factor(
                    "hand-over",
                    c.resupport_system_days,
                    format!(
                        "{} d hand-over of the system (resupport_system_days)",
                        fmt_num(c.resupport_system_days)
                    ),
                ),
            ],
            cost: c.cost_per_day * c.resupport_system_days,
            cost_factors: vec![project(c.resupport_system_days, "hand-over")],
        },
        StepKind::Decommission => Parametric {
            likely_days: c.decommission_days,
            factors: vec![factor(
                "base",
                c.decommission_days,
                format!(
                    "{} d to switch it off once nothing needs it (decommission_days)",
                    fmt_num(c.decommission_days)
                ),
            )],
            cost: c.cost_per_day * c.decommission_days,
            cost_factors: vec![project(c.decommission_days, "switching off")],
        },
    }
}

fn build(
    m: &Model,
    s: SystemId,
    i: &Inputs,
    alternative: Option<String>,
    kind: StepKind,
) -> Estimate {
    let sys = m.system(s);
    let c = &m.defaults.switch.coefficients;
    let par = parametric_step(c, i, kind);
    let given_here = given_applies(m, s, kind);
    let (o, l, p, given, factors) = match &sys.switch.estimates {
        Some([od, ld, pd]) if given_here => {
            let (o, l, p) = (od.as_days(), ld.as_days(), pd.as_days());
            let f = Factor {
                name: "given".into(),
                days: l,
                detail: format!(
                    "[system.switch] of `{}`: optimistic {od}, likely {ld}, pessimistic {pd}",
                    sys.id
                ),
            };
            (o, l, p, true, vec![f])
        }
        _ => {
            let [o, l, p] = spread(c, par.likely_days);
            (o, l, p, false, par.factors)
        }
    };
    let (cost, cost_given, cost_factors) = match sys.switch.cost {
        Some(x) if given_here => (
            x,
            true,
            vec![CostFactor {
                name: "given".into(),
                amount: x,
                detail: format!("[system.switch] cost of `{}`", sys.id),
            }],
        ),
        _ => (par.cost, false, par.cost_factors),
    };
    Estimate {
        system: sys.id.clone(),
        alternative,
        kind,
        optimistic_days: o,
        likely_days: l,
        pessimistic_days: p,
        expected_days: pert_mean(o, l, p),
        p80_days: pert_quantile(o, l, p, 0.8),
        cost,
        given,
        cost_given,
        factors,
        cost_factors,
    }
}

/// The estimate for leaving one system the way it is left by default
/// ([`own_kind`]: its `exit`, else replacing it by a typical alternative
/// of its category).
pub fn estimate(g: &Graph, s: SystemId) -> Estimate {
    estimate_step(g, s, own_kind(g.model(), s))
}

/// The estimate for one step of an exit plan: leaving system `s` by `kind`.
pub fn estimate_step(g: &Graph, s: SystemId, kind: StepKind) -> Estimate {
    let m = g.model();
    build(m, s, &graph_inputs(g, s), None, kind)
}

/// The inputs of one system from the graph's per-system lists.
fn graph_inputs(g: &Graph, s: SystemId) -> Inputs {
    inputs(g.model(), s, interface_counts_of(g, s), dependents_of(g, s))
}

/// In-use systems that run on `s`: `depends_on` dependents (plain entries
/// and `any` groups) with no interface to `s`, which the interface terms
/// count already.
fn dependents_of(g: &Graph, s: SystemId) -> u32 {
    let m = g.model();
    let linked: Vec<SystemId> = g
        .interfaces_of(s)
        .iter()
        .map(|&id| {
            let it = m.interface(id);
            if it.from == s { it.to } else { it.from }
        })
        .collect();
    g.dependents(s)
        .iter()
        .filter(|&&d| {
            d != s
                && m.system(d).in_use()
                && !linked.contains(&d)
                && m.system(d)
                    .depends_on
                    .iter()
                    .any(|x| x.members().contains(&s))
        })
        .count() as u32
}

/// The interface counts of one system: the same rule as [`interface_counts`],
/// over the graph's per-system interface list (a scan of every interface
/// per estimate made many estimates quadratic in the landscape's size).
fn interface_counts_of(g: &Graph, s: SystemId) -> (u32, u32) {
    let m = g.model();
    let mut c = (0, 0);
    for &id in g.interfaces_of(s) {
        let it = m.interface(id);
        if it.from == it.to {
            continue;
        }
        let other = if it.from == s { it.to } else { it.from };
        if m.system(other).status == crate::model::Status::Retired {
            continue;
        }
        if it.open {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
    }
    c
}

/// Estimates of every system (each by its [`own_kind`]), indexed by system index.
pub fn estimate_all(g: &Graph) -> Vec<Estimate> {
    let m = g.model();
    let counts = interface_counts(m);
    m.system_ids()
        .map(|s| {
            let i = inputs(m, s, counts[s.index()], dependents_of(g, s));
            build(m, s, &i, None, own_kind(m, s))
        })
        .collect()
}

/// Normalises a format label for comparison: lower case letters and digits only.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// The estimate for switching system `s` to one given alternative.
///
/// Compared with [`estimate`], the parametric model changes in three ways
/// (given estimates and costs are used unchanged, because the architect's
/// figures already describe the planned switch):
///
/// - the alternative is a system of the model that is already in use: the
///   base days are multiplied by `alternative_in_use_factor` (no tender, the
///   platform runs), and its users (at most the system's trained users) need
///   no training;
/// - the system exports an open format that the alternative stores or
///   exports (for a catalogue entry: a format it lists, matched by the
///   format's id or standard): the data days are multiplied by
///   `shared_format_factor`;
/// - otherwise the estimate equals [`estimate`].
pub fn estimate_switch_to(g: &Graph, s: SystemId, alternative: &Alternative) -> Estimate {
    let (i, label) = switch_to_inputs(g, s, alternative);
    build(g.model(), s, &i, Some(label), StepKind::Replace)
}

/// The optimistic, likely and pessimistic days of [`estimate`]`(g, s)`, the
/// same numbers without the texts of the factors: for analyses that need
/// many estimates and only their durations (the deadlines' exit plans).
pub fn days(g: &Graph, s: SystemId, kind: StepKind) -> [f64; 3] {
    durations(g.model(), s, &graph_inputs(g, s), kind).0
}

/// The figures of an [`Estimate`] without its texts (no factors).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    pub optimistic_days: f64,
    pub likely_days: f64,
    pub pessimistic_days: f64,
    pub expected_days: f64,
    pub p80_days: f64,
    pub cost: f64,
    pub given: bool,
    pub cost_given: bool,
}

/// The figures of [`estimate_step`]`(g, s, kind)`, the same numbers
/// without the texts of the factors: the exit plan reports only the
/// figures of its systems.
pub fn figures(g: &Graph, s: SystemId, kind: StepKind) -> Figures {
    let m = g.model();
    let i = graph_inputs(g, s);
    let ([o, l, p], given) = durations(m, s, &i, kind);
    let (cost, cost_given) = match m.system(s).switch.cost {
        Some(x) if given_applies(m, s, kind) => (x, true),
        _ => (step_cost(&m.defaults.switch.coefficients, &i, kind), false),
    };
    Figures {
        optimistic_days: o,
        likely_days: l,
        pessimistic_days: p,
        expected_days: pert_mean(o, l, p),
        p80_days: pert_quantile(o, l, p, 0.8),
        cost,
        given,
        cost_given,
    }
}

/// `p80_days` and `given` of [`estimate`]`(g, s)`, without the texts.
pub fn p80(g: &Graph, s: SystemId) -> (f64, bool) {
    let m = g.model();
    let ([o, l, p], given) = durations(m, s, &graph_inputs(g, s), own_kind(m, s));
    (pert_quantile(o, l, p, 0.8), given)
}

/// `p80_days` and `given` of [`estimate_switch_to`], without the texts:
/// the cut-off simulation asks for every alternative of every down system.
pub fn switch_to_p80(g: &Graph, s: SystemId, alternative: &Alternative) -> (f64, bool) {
    let (i, _) = switch_to_inputs(g, s, alternative);
    let ([o, l, p], given) = durations(g.model(), s, &i, StepKind::Replace);
    (pert_quantile(o, l, p, 0.8), given)
}

/// The inputs of a switch of `s` to one alternative, and the alternative's label.
fn switch_to_inputs(g: &Graph, s: SystemId, alternative: &Alternative) -> (Inputs, String) {
    let m = g.model();
    let sys = m.system(s);
    let mut i = graph_inputs(g, s);
    let open_exports: Vec<_> = {
        let mut v: Vec<_> = sys
            .exports
            .iter()
            .flatten()
            .copied()
            .filter(|f| m.format(*f).open)
            .collect();
        v.sort_by(|a, b| m.format(*a).id.cmp(&m.format(*b).id));
        v
    };
    let label = match alternative {
        Alternative::System(t) => {
            let alt = m.system(*t);
            if alt.in_use() {
                i.alternative_in_use = Some(alt.id.clone());
                i.already_trained = alt.users;
            }
            i.shared_format = open_exports
                .iter()
                .find(|f| alt.formats.contains(f) || alt.exports.iter().flatten().any(|x| x == *f))
                .map(|f| m.format(*f).id.clone());
            alt.id.clone()
        }
        Alternative::Catalog(id) => {
            if let Some(entry) = Catalog::builtin().get(id) {
                i.shared_format = open_exports
                    .iter()
                    .find(|f| {
                        let fmt = m.format(**f);
                        entry.formats.iter().any(|label| {
                            let head = label.split(" (").next().unwrap_or(label);
                            norm(head) == norm(&fmt.id)
                                || fmt
                                    .standard
                                    .as_deref()
                                    .is_some_and(|st| !st.is_empty() && label.contains(st))
                        })
                    })
                    .map(|f| m.format(*f).id.clone());
            }
            format!("catalog:{id}")
        }
    };
    (i, label)
}

#[cfg(test)]
pub(crate) mod tests;
