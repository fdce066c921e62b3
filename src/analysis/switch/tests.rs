//! The switch estimate on hand-checked models and inputs.

use super::*;
use crate::model::defaults::switch::SwitchParams;
use crate::model::{Limits, load_str};
use proptest::prelude::*;
use std::path::Path;

pub(crate) fn graph(toml: &str) -> Graph {
    let m = load_str("t.toml", Path::new("t.toml"), toml, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

const STEP_KINDS: [StepKind; 5] = [
    StepKind::Replace,
    StepKind::Rehost,
    StepKind::Resupport,
    StepKind::Insource,
    StepKind::Decommission,
];

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

fn sys(g: &Graph, id: &str) -> SystemId {
    g.model()
        .system_id(id)
        .unwrap_or_else(|| panic!("no system {id}"))
}

#[test]
fn pert_quantiles_match_closed_forms() {
    // m = o: Beta(1, 5), CDF 1 - (1 - x)^5, so x80 = 1 - 0.2^(1/5).
    close(pert_quantile(0.0, 0.0, 1.0, 0.8), 1.0 - 0.2f64.powf(0.2));
    // m = p: Beta(5, 1), CDF x^5, so x80 = 0.8^(1/5); scaled to [10, 20].
    close(
        pert_quantile(10.0, 20.0, 20.0, 0.8),
        10.0 + 10.0 * 0.8f64.powf(0.2),
    );
    // Symmetric: the median is the mode.
    close(pert_quantile(2.0, 5.0, 8.0, 0.5), 5.0);
    // Beta(3, 3): I_x = 10x^3 - 15x^4 + 6x^5; the 80th percentile solves I_x = 0.8.
    let x = pert_quantile(0.0, 0.5, 1.0, 0.8);
    let cdf = 10.0 * x.powi(3) - 15.0 * x.powi(4) + 6.0 * x.powi(5);
    assert!((cdf - 0.8).abs() < 1e-12, "{x} {cdf}");
    // A constant has every quantile equal to itself.
    assert_eq!(pert_quantile(7.0, 7.0, 7.0, 0.8), 7.0);
}

fn video_reference() -> Inputs {
    Inputs {
        category: SwitchParams::default().category("video"),
        users: 1200,
        staff: Some(1200),
        open_interfaces: 1,
        proprietary_interfaces: 0,
        volume_gb: 0.0,
        closed_format: false,
        export: ExportKind::Open,
        customisation: Customisation::Low,
        alternative_in_use: None,
        already_trained: 0,
        shared_format: None,
        dependents: 0,
    }
}

#[test]
fn the_video_reference_case_reproduces_twelve_months_and_a_six_figure_budget() {
    // KGSt 2024: Teams -> BigBlueButton for 1,200 staff, 12 months, six figures.
    let c = SwitchCoefficients::default();
    let r = parametric(&c, &video_reference());
    // 90 base + 50 x log2(1 + 1200/50) training + 15 for one open interface.
    close(r.likely_days, 90.0 + 50.0 * 25f64.log2() + 15.0);
    close(r.likely_days, 337.1928094887362);
    let expected = pert_mean(0.7 * r.likely_days, r.likely_days, 1.8 * r.likely_days);
    close(expected, 365.2922102794642); // 12.0 months of 30.4375 days
    // 1,200 x 150 per user + 800 x (90 + 15) project days.
    close(r.cost, 264_000.0);
}

#[test]
fn a_closed_database_without_export_adds_up_by_hand() {
    let g = graph(
        r#"
[organisation]
name = "T"
home = "DE"
staff = 100
[[format]]
id = "blob"
name = "Blob"
open = false
[[system]]
id = "db"
name = "DB"
category = "database"
users = 40
customisation = "high"
formats = ["blob"]
exports = []
data = { volume_gb = 630 }
[[system]]
id = "app"
name = "App"
[[system]]
id = "rep"
name = "Reporting"
[[interface]]
id = "app-db"
from = "app"
to = "db"
open = false
[[interface]]
id = "db-rep"
from = "db"
to = "rep"
open = true
"#,
    );
    let e = estimate(&g, sys(&g, "db"));
    let days: Vec<(&str, f64)> = e
        .factors
        .iter()
        .map(|f| (f.name.as_str(), f.days))
        .collect();
    // base 120; training share 0; 15 + 40 interface days;
    // 10 x log2(1 + 630/10) = 60 data days x 1.25 closed x 2.5 no export = 187.5;
    // (120 + 55 + 187.5) x 1.7 high customisation = 616.25.
    assert_eq!(
        days,
        [
            ("base", 120.0),
            ("training", 0.0),
            ("interfaces", 55.0),
            ("dependents", 0.0),
            ("data", 187.5),
            ("customisation", 253.75)
        ]
    );
    close(e.likely_days, 616.25);
    close(e.optimistic_days, 431.375);
    close(e.pessimistic_days, 1109.25);
    close(e.expected_days, 4005.625 / 6.0);
    close(e.cost, 800.0 * 616.25);
    assert!(!e.given && !e.cost_given);
    let sum: f64 = e.factors.iter().map(|f| f.days).sum();
    close(sum, e.likely_days);
    let cost: f64 = e.cost_factors.iter().map(|f| f.amount).sum();
    close(cost, e.cost);
    // `app` (category other: fallback 120 base) rebuilds one proprietary interface.
    let a = estimate(&g, sys(&g, "app"));
    close(a.likely_days, 160.0);
    close(a.cost, 128_000.0);
    // estimate_all agrees with estimate.
    let all = estimate_all(&g);
    assert_eq!(all[sys(&g, "db").index()], e);
}

#[test]
fn only_staff_are_trained() {
    let mut i = video_reference();
    i.category = SwitchParams::default().category("website");
    i.users = 75_000;
    i.open_interfaces = 0;
    let r = parametric(&SwitchCoefficients::default(), &i);
    // 50 x 0.1 x log2(1 + 1200/50): visitors beyond the staff are not trained.
    close(r.factors[1].days, 23.21928094887362);
    close(r.cost, 50.0 * 1200.0 + 800.0 * 120.0);
}

#[test]
fn given_estimates_are_used_as_they_are() {
    let g = graph(
        r#"
[organisation]
name = "T"
home = "DE"
[[system]]
id = "m365"
name = "M365"
category = "office-suite"
users = 10
switch = { optimistic = "12mo", likely = "24mo", pessimistic = "48mo", cost = 7200000 }
[[system]]
id = "x"
name = "X"
switch = { optimistic = "10d", likely = "10d", pessimistic = "10d" }
"#,
    );
    let e = estimate(&g, sys(&g, "m365"));
    assert_eq!(
        (e.optimistic_days, e.likely_days, e.pessimistic_days),
        (365.25, 730.5, 1461.0)
    );
    close(e.expected_days, 791.375);
    assert_eq!(e.cost, 7_200_000.0);
    assert!(e.given && e.cost_given);
    assert_eq!(e.factors.len(), 1);
    // p80 is the exact Beta quantile: the CDF there is 0.8.
    let (a, b) = pert_shape(365.25, 730.5, 1461.0).unwrap_or((0.0, 0.0));
    let x = (e.p80_days - 365.25) / (1461.0 - 365.25);
    let cdf = statrs::function::beta::beta_reg(a, b, x);
    assert!((cdf - 0.8).abs() < 1e-10, "{cdf}");
    // Equal estimates: every figure is that value; the cost is estimated.
    let x = estimate(&g, sys(&g, "x"));
    assert_eq!((x.expected_days, x.p80_days), (10.0, 10.0));
    assert!(x.given && !x.cost_given);
    close(x.cost, 300.0 * 0.0 + 800.0 * 120.0);
}

const SWITCH_TO: &str = r#"
[organisation]
name = "T"
home = "DE"
staff = 1200
[[format]]
id = "odf"
name = "ODF"
open = true
standard = "ISO/IEC 26300"
[[system]]
id = "video-old"
name = "Old video"
category = "video"
users = 1200
exports = ["odf"]
data = { volume_gb = 150 }
alternatives = ["bbb", "jitsi"]
[[system]]
id = "bbb"
name = "BigBlueButton"
category = "video"
users = 600
formats = ["odf"]
[[system]]
id = "jitsi"
name = "Jitsi"
category = "video"
status = "candidate"
"#;

#[test]
fn a_switch_to_an_alternative_in_use_that_reads_the_export_is_faster() {
    let g = graph(SWITCH_TO);
    let s = sys(&g, "video-old");
    // Typical: 90 + 50 log2(25) + 10 log2(16) = 40 data days.
    let typical = estimate(&g, s);
    close(typical.likely_days, 362.1928094887362);
    // bbb runs already (base x 0.5), its 600 users need no training
    // (50 log2(1 + 600/50)), and it reads odf (data x 0.5).
    let to_bbb = estimate_switch_to(&g, s, &Alternative::System(sys(&g, "bbb")));
    close(to_bbb.likely_days, 45.0 + 50.0 * 13f64.log2() + 20.0);
    assert_eq!(to_bbb.alternative.as_deref(), Some("bbb"));
    // A candidate that reads nothing the system exports: same as typical.
    let to_jitsi = estimate_switch_to(&g, s, &Alternative::System(sys(&g, "jitsi")));
    close(to_jitsi.likely_days, typical.likely_days);
    // A catalogue entry listing "ODF (ISO/IEC 26300)" shares the format.
    let to_lo = estimate_switch_to(&g, s, &Alternative::Catalog("libreoffice".into()));
    close(to_lo.likely_days, 342.1928094887362);
    assert_eq!(to_lo.alternative.as_deref(), Some("catalog:libreoffice"));
}

fn arb_inputs() -> impl Strategy<Value = Inputs> {
    (
        0u64..100_000,
        proptest::option::of(1u64..5_000),
        0u32..20,
        0u32..20,
        0.0f64..100_000.0,
        any::<bool>(),
        0usize..4,
        0usize..4,
        0usize..22,
    )
        .prop_map(|(users, staff, open, prop, vol, closed, exp, cust, cat)| {
            let p = SwitchParams::default();
            Inputs {
                category: p.categories[cat % p.categories.len()].clone(),
                users,
                staff,
                open_interfaces: open,
                proprietary_interfaces: prop,
                volume_gb: vol,
                closed_format: closed,
                export: [
                    ExportKind::Open,
                    ExportKind::Closed,
                    ExportKind::Undocumented,
                    ExportKind::None,
                ][exp],
                customisation: [
                    Customisation::None,
                    Customisation::Low,
                    Customisation::Medium,
                    Customisation::High,
                ][cust],
                dependents: 0,
                alternative_in_use: None,
                already_trained: 0,
                shared_format: None,
            }
        })
}

proptest! {
    /// More users, more proprietary interfaces, closed formats, no export and
    /// more data never make a switch shorter or cheaper.
    #[test]
    fn estimates_move_the_right_way(i in arb_inputs(), more_users in 0u64..10_000, more_prop in 0u32..5, more_gb in 0.0f64..10_000.0) {
        let c = SwitchCoefficients::default();
        let base = parametric(&c, &i);
        let worse = |j: Inputs| {
            let r = parametric(&c, &j);
            prop_assert!(r.likely_days >= base.likely_days - 1e-9, "{} < {}", r.likely_days, base.likely_days);
            prop_assert!(r.cost >= base.cost - 1e-6);
            Ok(())
        };
        worse(Inputs { users: i.users + more_users, ..i.clone() })?;
        worse(Inputs { proprietary_interfaces: i.proprietary_interfaces + more_prop, ..i.clone() })?;
        worse(Inputs { volume_gb: i.volume_gb + more_gb, ..i.clone() })?;
        worse(Inputs { closed_format: true, ..i.clone() })?;
        worse(Inputs { export: ExportKind::None, ..i.clone() })?;
        if i.export == ExportKind::Open {
            worse(Inputs { export: ExportKind::Closed, ..i.clone() })?;
        }
        // Factors add up to the likely days and the cost parts to the cost.
        let sum: f64 = base.factors.iter().map(|f| f.days).sum();
        prop_assert!((sum - base.likely_days).abs() < 1e-6);
        let cost: f64 = base.cost_factors.iter().map(|f| f.amount).sum();
        prop_assert!((cost - base.cost).abs() < 1e-6);
    }

    /// The PERT quantiles are ordered and lie within [o, p].
    #[test]
    fn pert_quantiles_are_ordered(o in 0.0f64..1000.0, a in 0.0f64..1000.0, b in 0.0f64..1000.0) {
        let (m, p) = (o + a.min(b), o + a.max(b));
        let q50 = pert_quantile(o, m, p, 0.5);
        let q80 = pert_quantile(o, m, p, 0.8);
        let q95 = pert_quantile(o, m, p, 0.95);
        prop_assert!(o <= q50 && q50 <= q80 && q80 <= q95 && q95 <= p, "{o} {q50} {q80} {q95} {p}");
    }
}

/// The numeric shortcuts (`days`, `p80`, `switch_to_p80`) give bit for bit
/// the numbers of the full estimates, for every system and alternative of
/// Musterstadt (given and parametric estimates, catalogue and model
/// alternatives, alternatives in use and with shared formats).
#[test]
fn numeric_shortcuts_equal_the_full_estimates() {
    let text = include_str!("../../../examples/musterstadt.toml");
    let g = graph(text);
    let m = g.model();
    let mut alternatives = 0;
    for s in m.system_ids() {
        let e = estimate(&g, s);
        assert_eq!(p80(&g, s), (e.p80_days, e.given));
        for kind in STEP_KINDS {
            let e = estimate_step(&g, s, kind);
            let d = days(&g, s, kind);
            assert_eq!(
                d.map(f64::to_bits),
                [e.optimistic_days, e.likely_days, e.pessimistic_days].map(f64::to_bits),
                "{kind:?}"
            );
        }
        for a in &m.system(s).alternatives {
            let e = estimate_switch_to(&g, s, a);
            let (q, given) = switch_to_p80(&g, s, a);
            assert_eq!((q.to_bits(), given), (e.p80_days.to_bits(), e.given));
            alternatives += 1;
        }
    }
    assert!(
        alternatives > 10,
        "the check covers alternatives: {alternatives}"
    );
}

/// `figures` gives bit for bit the figures of `estimate` (given and
/// parametric durations and costs), for every system of Musterstadt.
#[test]
fn figures_equal_the_full_estimate() {
    let g = graph(include_str!("../../../examples/musterstadt.toml"));
    let (mut given, mut parametric) = (0, 0);
    for (s, kind) in g
        .model()
        .system_ids()
        .flat_map(|s| STEP_KINDS.map(|k| (s, k)))
    {
        let e = estimate_step(&g, s, kind);
        let f = figures(&g, s, kind);
        let bits = |x: [f64; 6]| x.map(f64::to_bits);
        assert_eq!(
            bits([
                f.optimistic_days,
                f.likely_days,
                f.pessimistic_days,
                f.expected_days,
                f.p80_days,
                f.cost
            ]),
            bits([
                e.optimistic_days,
                e.likely_days,
                e.pessimistic_days,
                e.expected_days,
                e.p80_days,
                e.cost
            ])
        );
        assert_eq!((f.given, f.cost_given), (e.given, e.cost_given));
        if e.cost_given {
            given += 1
        } else {
            parametric += 1
        }
    }
    assert!(
        given > 0 && parametric > 0,
        "both kinds of cost: {given} {parametric}"
    );
}

/// A platform with three systems on it (two through `depends_on`, one also
/// through an interface) and 70 GB of data, left each way.
const PLATFORM: &str = r#"
[organisation]
name = "T"
home = "DE"
[[system]]
id = "server"
name = "Server platform"
category = "os"
layer = "platform"
data = { volume_gb = 70 }
[[system]]
id = "a"
name = "A"
depends_on = ["server"]
[[system]]
id = "b"
name = "B"
depends_on = [{ any = ["server", "a"] }]
[[system]]
id = "c"
name = "C"
depends_on = ["server"]
[[system]]
id = "retired"
name = "Retired"
status = "retired"
depends_on = ["server"]
[[interface]]
id = "c-server"
from = "c"
to = "server"
open = true
"#;

#[test]
fn each_exit_kind_has_its_own_estimate() {
    let g = graph(PLATFORM);
    let s = sys(&g, "server");
    let part = |e: &Estimate, name: &str| {
        e.factors
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.days)
            .unwrap_or_else(|| panic!("no factor {name}"))
    };
    // a and b run on it (b through an `any` group); c has an interface,
    // which the interface term counts; the retired system does not count.
    let replace = estimate_step(&g, s, StepKind::Replace);
    close(part(&replace, "dependents"), 2.0 * 5.0);
    close(part(&replace, "interfaces"), 15.0);
    // log2(1 + 70 / 10) = 3 doublings of data.
    // Rehost: 90 base + 1 interface x 5 + 2 dependents x 5 + 5 x 3 data.
    let rehost = estimate_step(&g, s, StepKind::Rehost);
    assert_eq!(rehost.kind, StepKind::Rehost);
    close(rehost.likely_days, 90.0 + 5.0 + 10.0 + 15.0);
    close(rehost.cost, 800.0 * 120.0);
    close(rehost.optimistic_days, 0.7 * 120.0);
    close(rehost.pessimistic_days, 1.8 * 120.0);
    // Insource: the same parts on 120 base days.
    let insource = estimate_step(&g, s, StepKind::Insource);
    close(insource.likely_days, 120.0 + 5.0 + 10.0 + 15.0);
    // Resupport: weeks, whatever the system: 30 + 2 hand-over days.
    let resupport = estimate_step(&g, s, StepKind::Resupport);
    close(resupport.likely_days, 32.0);
    close(resupport.cost, 800.0 * 2.0);
    let off = estimate_step(&g, s, StepKind::Decommission);
    close(off.likely_days, 10.0);
    // Every estimate's parts add up to its likely days.
    for e in [&replace, &rehost, &insource, &resupport, &off] {
        let sum: f64 = e.factors.iter().map(|f| f.days).sum();
        close(sum, e.likely_days);
        let cost: f64 = e.cost_factors.iter().map(|f| f.amount).sum();
        close(cost, e.cost);
    }
    // Weeks, months, months, years: the kinds in their documented order.
    assert!(resupport.p80_days < rehost.p80_days);
    assert!(rehost.p80_days < insource.p80_days);
}

#[test]
fn given_estimates_describe_the_systems_own_way_of_leaving() {
    let g = graph(
        r#"
[organisation]
name = "T"
home = "DE"
[[system]]
id = "app"
name = "App"
exit = "rehost"
switch = { optimistic = "10d", likely = "20d", pessimistic = "40d", cost = 5000 }
"#,
    );
    let s = sys(&g, "app");
    let own = estimate(&g, s);
    assert_eq!(
        (own.kind, own.likely_days, own.cost),
        (StepKind::Rehost, 20.0, 5000.0)
    );
    assert!(own.given && own.cost_given);
    // Replacing it is another project: the parametric estimate.
    let replace = estimate_step(&g, s, StepKind::Replace);
    assert!(!replace.given && !replace.cost_given);
}
