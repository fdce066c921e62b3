#!/usr/bin/env python3
"""The same three computations as exitgraph, written with networkx, checked
against exitgraph's results on the same model, and timed.

  1. the cut-off simulation of a scenario: the day each in-use system and
     each service goes down, and which are unsupported or degraded
     (docs/methodology.md, "Cut-off propagation" and "Cut-off and
     price-shock simulation");
  2. the critical path of an exit plan: which systems leave, precedence
     through hard dependencies by what each step does, precedence cycles
     and the resupport of one contract joined into one task, the longest
     path by expected duration (docs/methodology.md, "Exit plan" and "Exit
     plans that follow practice");
  3. the dependents counts of every in-use system: direct and indirect
     dependent systems, services that need it directly and through its
     dependents (the counts of the lock-in score's `interfaces` factor,
     docs/methodology.md, "Lock-in score").

The model is read from its TOML with tomllib. The inputs from exitgraph are
its JSON outputs on the same model:

  exitgraph simulate MODEL --scenario ID --format json   > simulate.json
  exitgraph exit MODEL --vendor ID --format json         > exit.json
  cargo run --release --example dependents -- MODEL      > dependents.json

The exit plan's durations and step kinds are taken from exit.json (each
system's expected duration, the PERT mean of its estimate, and whether it is
replaced, rehosted, resupported, insourced or decommissioned: the rules
that choose the kind are unit-tested in Rust), so both sides compute the
longest path over the same numbers; everything else (which systems leave,
the precedence, the cycles, the joint tasks, the path) is computed here from
the model. In the same way, the hour at which a system's replacement (the
setup of its fallback, the P80 of a switch to an alternative) is ready is
taken from simulate.json for the systems exitgraph reports as `replaced`;
that such a system would have stopped at that hour or later, and everything
its survival keeps running, is computed here. Every contract counts as
running: the generator makes no contract that ended before its review date
(a test checks this). The script exits with 1 when any result differs, and
prints a JSON summary with the time of each phase (seconds, `time.perf_counter`);
`read_exitgraph` is the time spent reading exitgraph's outputs, which is
checking, not part of the peer's job.

This is meant as a fair, plain networkx implementation: networkx's own
algorithms where one fits (descendants, condensation, the DAG longest path),
and a textbook loop where networkx has none (the AND/OR propagation of `any`
groups is not a shortest-path problem networkx can solve; it is Knuth's
generalisation of Dijkstra's algorithm, run here with heapq over the
networkx graph, the same algorithm exitgraph uses).

Only the model features the generated landscapes use are read: a single
file (no `include`), durations written as `14d`, `6w`, `6mo`, `2y`.
"""

import argparse
import heapq
import json
import math
import re
import sys
import time
import tomllib

import networkx as nx

EU = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}
DAYS = {"d": 1.0, "w": 7.0, "mo": 30.4375, "y": 365.25}
NEVER = math.inf


def duration_days(text):
    """`14d`, `6w`, `6mo`, `2y` and sums such as `1y 6mo`, in days."""
    parts = re.findall(r"(\d+)\s*(mo|d|w|y)", text)
    if not parts or re.sub(r"(\d+)\s*(mo|d|w|y)|\s", "", text):
        raise ValueError(f"duration `{text}` is not in a form this script reads")
    return sum(int(n) * DAYS[u] for n, u in parts)


class Model:
    """The parts of the model the three computations read."""

    def __init__(self, data):
        if "include" in data:
            raise ValueError("models with `include` are not supported by this script")
        self.vendors = {v["id"]: v for v in data.get("vendor", [])}
        self.systems = data.get("system", [])
        self.system = {s["id"]: s for s in self.systems}
        self.interfaces = data.get("interface", [])
        self.services = data.get("service", [])
        self.scenarios = {s["id"]: s for s in data.get("scenario", [])}
        self.in_use = {s["id"] for s in self.systems if s.get("status", "in-use") == "in-use"}
        self.contracts = data.get("contract", [])


def members(entry):
    """The systems of a `depends_on` or `needs` entry."""
    return entry["any"] if isinstance(entry, dict) else [entry]


def build_graphs(m):
    """The networkx graphs the computations share.

    - `owner`: vendor -> vendor it controls (parent -> child);
    - `deps`: in-use system t -> in-use system s that relies on t, with the
      edge attributes `hard` (a plain `depends_on` entry or a hard
      interface) and `groups` (indices of `any` groups of s that contain t);
      node attribute `group_size`: the in-use member count of each group;
    - `hard`: system s -> system t it hard-depends on, every status (the
      exit plan's precedence walks these);
    - `all_deps`: in-use t -> in-use s for every kind of dependency (hard,
      soft interface, `any` member), for the dependents counts.
    """
    owner = nx.DiGraph()
    owner.add_nodes_from(m.vendors)
    for v in m.vendors.values():
        if "parent" in v:
            owner.add_edge(v["parent"], v["id"])

    deps = nx.DiGraph()
    hard = nx.DiGraph()
    all_deps = nx.DiGraph()
    deps.add_nodes_from(m.in_use, group_size=())
    all_deps.add_nodes_from(m.in_use)
    hard.add_nodes_from(m.system)

    def hard_edge(s, t):
        hard.add_edge(s, t)
        if s in m.in_use and t in m.in_use:
            if deps.has_edge(t, s):
                deps[t][s]["hard"] = True
            else:
                deps.add_edge(t, s, hard=True, groups=[])

    def link(s, t):
        if s in m.in_use and t in m.in_use:
            all_deps.add_edge(t, s)

    for s in m.systems:
        sid = s["id"]
        sizes = []
        for entry in s.get("depends_on", []):
            if isinstance(entry, dict):
                live = [t for t in entry["any"] if t in m.in_use]
                for t in entry["any"]:
                    link(sid, t)
                if sid not in m.in_use or not live:
                    continue
                gid = len(sizes)
                sizes.append(len(set(live)))
                for t in set(live):
                    if deps.has_edge(t, sid):
                        deps[t][sid]["groups"].append(gid)
                    else:
                        deps.add_edge(t, sid, hard=False, groups=[gid])
            else:
                hard_edge(sid, entry)
                link(sid, entry)
        if sid in m.in_use:
            deps.nodes[sid]["group_size"] = tuple(sizes)
    for it in m.interfaces:
        if it.get("hard", True):
            hard_edge(it["from"], it["to"])
        link(it["from"], it["to"])
    return owner, deps, hard, all_deps


# ---- 1. cut-off simulation ----

def exposure(m, v):
    """The countries whose law reaches a vendor: its own and its parents'."""
    out = set()
    while v is not None:
        out.add(m.vendors[v]["country"])
        v = m.vendors[v].get("parent")
    return out


def resolve_cuts(m, owner, cuts):
    """Cut vendors and systems of a scenario's `cut` list."""
    vendors, systems = set(), set()
    for c in cuts:
        kind, _, ident = c.partition(":")
        if kind == "vendor":
            vendors |= {ident} | nx.descendants(owner, ident)
        elif kind == "jurisdiction":
            countries = EU if ident == "EU" else {ident}
            vendors |= {v for v in m.vendors if exposure(m, v) & countries}
        elif kind == "system":
            systems.add(ident)
        else:
            raise ValueError(f"unknown cut `{c}`")
    return vendors, systems


def propagate(m, owner, deps, cuts, ready):
    """The down day of every system and service that goes down, and the
    systems replaced in time: `ready` gives the hour a system's replacement
    is ready (from exitgraph); a system that would stop at or after that
    hour never stops, and takes nothing down."""
    cut_vendors, cut_systems = resolve_cuts(m, owner, cuts)
    day = {}
    replaced = {}
    heap = []

    def offer(s, d):
        if s not in replaced and d < day.get(s, NEVER):
            day[s] = d
            heapq.heappush(heap, (d, s))

    for s in m.systems:
        sid = s["id"]
        if sid not in m.in_use:
            continue
        if sid in cut_systems or s.get("operator", "self") in cut_vendors:
            offer(sid, 0)
        elif s.get("vendor", "self") in cut_vendors and "licence_check" in s:
            offer(sid, math.ceil(duration_days(s["licence_check"])))

    # Knuth's generalised Dijkstra: settle in day order; a hard dependent
    # gets the same day, an `any` group falls with its last member.
    settled = set()
    fallen = {}
    while heap:
        d, x = heapq.heappop(heap)
        if x in settled or day[x] != d:
            continue
        settled.add(x)
        if ready.get(x, NEVER) <= d * 24:
            replaced[x] = d
            del day[x]
            continue
        for s, edge in deps.succ[x].items():
            if edge["hard"]:
                offer(s, d)
            for gid in edge["groups"]:
                k = (s, gid)
                fallen[k] = fallen.get(k, 0) + 1
                if fallen[k] == deps.nodes[s]["group_size"][gid]:
                    offer(s, d)

    service_day = {}
    for sv in m.services:
        down = NEVER
        for entry in sv.get("needs", []):
            live = [t for t in members(entry) if t in m.in_use]
            if not live:
                continue
            # A plain entry falls with its system, a group with its last member.
            down = min(down, max(day.get(t, NEVER) for t in live))
        if down < NEVER:
            service_day[sv["id"]] = down
    return day, replaced, service_day, cut_vendors


def states_of(m, day, replaced, service_day, cut_vendors):
    """The state of every system and service that is not simply up."""
    states = {}
    for sid, d in day.items():
        states[sid] = ("down", d)
    for sid in replaced:
        states[sid] = ("replaced", None)
    for s in m.systems:
        sid = s["id"]
        if sid not in m.in_use or sid in states:
            continue
        if s.get("vendor", "self") in cut_vendors:
            states[sid] = ("unsupported", None)
    # Degraded: a soft interface or an `any` member leads to a down system.
    soft_or_any = {}
    for it in m.interfaces:
        if not it.get("hard", True):
            soft_or_any.setdefault(it["from"], set()).add(it["to"])
    for s in m.systems:
        for entry in s.get("depends_on", []):
            if isinstance(entry, dict):
                soft_or_any.setdefault(s["id"], set()).update(entry["any"])
    for sid, targets in soft_or_any.items():
        if sid in m.in_use and sid not in states and any(t in day for t in targets):
            states[sid] = ("degraded", None)

    services = {}
    for sv in m.services:
        if sv["id"] in service_day:
            services[sv["id"]] = ("down", service_day[sv["id"]])
            continue
        needed = [t for entry in sv.get("needs", []) for t in members(entry)]
        found = {states[t][0] for t in needed if t in states}
        if "unsupported" in found:
            services[sv["id"]] = ("unsupported", None)
        elif found:
            services[sv["id"]] = ("degraded", None)
    return states, services


# ---- 2. exit-plan critical path ----

def plan_systems(m, owner, target):
    """The systems of `vendor:ID` or `jurisdiction:CC`, sorted by id: in-use
    systems the target's vendors make or run, or that one of their contracts
    covers; mandated systems stay."""
    vendors, _ = resolve_cuts(m, owner, [target])
    covered = {s for c in m.contracts if c["vendor"] in vendors for s in c.get("covers", [])}
    return sorted(
        s["id"]
        for s in m.systems
        if s["id"] in m.in_use
        and "mandated" not in s
        and (
            s.get("vendor", "self") in vendors
            or s.get("operator", "self") in vendors
            or s["id"] in covered
        )
    )


def order(t, s):
    """Precedence when step s depends on step t: True t first, False s
    first, None no order (the rule of docs/methodology.md)."""
    if t == "decommission" and s in ("replace", "rehost", "insource", "decommission"):
        return False
    if t in ("replace", "rehost", "insource") and s in ("rehost", "insource"):
        return True
    return None


def critical_path(hard, systems, expected, kind, via):
    """Precedence, joint tasks and the longest path by expected duration."""
    switched = set(systems)
    # Walks from a switched system go through unswitched systems and stop
    # at the first switched system on each chain.
    through = hard.copy()
    through.remove_edges_from(list(hard.out_edges(switched)))
    prec = nx.DiGraph()
    prec.add_nodes_from(systems)
    for s in systems:
        reach = set()
        for t in hard.successors(s):
            if t not in reach:
                reach.add(t)
                reach |= nx.descendants(through, t)
        for t in reach & switched:
            if t != s:
                first = order(kind[t], kind[s])
                if first is True:
                    prec.add_edge(t, s)
                elif first is False:
                    prec.add_edge(s, t)
    # The resupport steps of one contract are one task: join them with a
    # cycle of edges, which the condensation merges.
    groups = {}
    for s in systems:
        if kind[s] == "resupport":
            groups.setdefault(via[s], []).append(s)
    for members in groups.values():
        for a, b in zip(members, members[1:] + members[:1]):
            if a != b:
                prec.add_edge(a, b)
    tasks = nx.condensation(prec)
    for c in tasks:
        members = tasks.nodes[c]["members"]
        days = sum(expected[s] for s in members)
        # One change of provider per resupport task: its shared days once.
        shared = [s for s in members if kind[s] == "resupport"]
        if len(shared) > 1:
            days -= (len(shared) - 1) * RESUPPORT_SHARED_MEAN
        tasks.nodes[c]["days"] = days
    # Node durations as edge weights: each task's duration on its out-edges
    # and on an edge to a common end.
    timed = nx.DiGraph()
    for a, b in tasks.edges:
        timed.add_edge(a, b, days=tasks.nodes[a]["days"])
    for c in tasks:
        timed.add_edge(c, "end", days=tasks.nodes[c]["days"])
    path = nx.dag_longest_path(timed, weight="days")
    length = nx.dag_longest_path_length(timed, weight="days")
    return tasks, [c for c in path if c != "end"], length


# The PERT mean of the default resupport_days (30, optimistic x 0.7,
# pessimistic x 1.8): (21 + 4 x 30 + 54) / 6.
RESUPPORT_SHARED_MEAN = (21.0 + 4 * 30.0 + 54.0) / 6


# ---- 3. dependents counts ----

def dependents_counts(m, all_deps):
    needed_by = {}
    for sv in m.services:
        for entry in sv.get("needs", []):
            for t in members(entry):
                needed_by.setdefault(t, set()).add(sv["id"])
    out = {}
    for sid in m.in_use:
        desc = nx.descendants(all_deps, sid)
        direct = set(all_deps.successors(sid)) - {sid}
        own = needed_by.get(sid, set())
        via = set()
        for d in desc:
            via |= needed_by.get(d, set())
        out[sid] = (len(direct), len(desc - direct), len(own), len(via - own))
    return out


# ---- checks ----

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--simulate", required=True, help="exitgraph simulate --format json")
    ap.add_argument("--exit", required=True, help="exitgraph exit --format json")
    ap.add_argument("--dependents", required=True, help="examples/dependents.rs output")
    args = ap.parse_args()

    times = {}
    problems = []

    def check(what, ok, detail=""):
        if not ok:
            problems.append(f"{what}: {detail}")

    t0 = time.perf_counter()
    with open(args.model, "rb") as f:
        data = tomllib.load(f)
    m = Model(data)
    times["parse"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    owner, deps, hard, all_deps = build_graphs(m)
    times["build_graphs"] = time.perf_counter() - t0

    # 1. Cut-off simulation. The hour each replaced system's replacement
    # is ready (the setup of its fallback, the P80 of a switch) is taken
    # from exitgraph's output; which systems it saves, and what that keeps
    # running, is computed here.
    t0 = time.perf_counter()
    with open(args.simulate) as f:
        rust = json.load(f)
    read_exitgraph = time.perf_counter() - t0
    ready = {s["id"]: s["back_at_hours"] for s in rust["systems"] if s["state"] == "replaced"}
    scenario = m.scenarios[args.scenario]
    t0 = time.perf_counter()
    day, replaced, service_day, cut_vendors = propagate(
        m, owner, deps, scenario.get("cut", []), ready
    )
    times["propagate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    states, services = states_of(m, day, replaced, service_day, cut_vendors)
    times["states"] = time.perf_counter() - t0
    times["simulate"] = times["propagate"] + times["states"]
    check("scenario", rust["scenario"] == args.scenario, rust["scenario"])
    stops = {s["id"]: s.get("stops_at_hours") for s in rust["systems"] if s["state"] == "replaced"}
    wrong = sorted(k for k in replaced if stops.get(k) != replaced[k] * 24)
    check(
        "replaced systems stop at the same hour",
        not wrong,
        ", ".join(f"{k}: networkx hour {replaced[k] * 24} exitgraph {stops.get(k)}" for k in wrong[:5]),
    )
    rust_systems = {s["id"]: (s["state"], s["down_from_day"]) for s in rust["systems"]}
    rust_services = {s["id"]: (s["state"], s["down_from_day"]) for s in rust["services"]}
    for name, mine, theirs in [
        ("systems", states, rust_systems),
        ("services", services, rust_services),
    ]:
        diff = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
        check(
            f"simulate {name}",
            not diff,
            f"{len(diff)} differ, e.g. "
            + ", ".join(f"{k}: networkx {mine.get(k)} exitgraph {theirs.get(k)}" for k in diff[:5]),
        )

    # 2. Critical path.
    t0 = time.perf_counter()
    with open(args.exit) as f:
        plan = json.load(f)
    read_exitgraph += time.perf_counter() - t0
    expected = {s["id"]: s["expected_days"] for s in plan["systems"]}
    kind = {s["id"]: s["kind"] for s in plan["systems"]}
    via = {s["id"]: s.get("via") for s in plan["systems"]}
    t0 = time.perf_counter()
    systems = plan_systems(m, owner, plan["target"])
    tasks, path, length = critical_path(hard, systems, expected, kind, via)
    times["critical_path"] = time.perf_counter() - t0
    check("plan systems", systems == [s["id"] for s in plan["systems"]], "the switched systems differ")
    joint = sorted(sorted(tasks.nodes[c]["members"]) for c in tasks if len(tasks.nodes[c]["members"]) > 1)
    check("joint tasks", joint == sorted(plan["joint_tasks"]), f"networkx {joint[:3]}")
    tol = 1e-6 * max(1.0, length)
    check(
        "critical path length",
        abs(length - plan["expected_days"]) <= tol,
        f"networkx {length} exitgraph {plan['expected_days']}",
    )
    # exitgraph breaks ties by task id, networkx by its own order: the
    # paths must agree in length; exitgraph's must be a path of this DAG.
    task_of = tasks.graph["mapping"]
    rust_tasks = []
    for s in plan["critical_path"]:
        if not rust_tasks or rust_tasks[-1] != task_of[s]:
            rust_tasks.append(task_of[s])
    ok = bool(rust_tasks) and tasks.in_degree(rust_tasks[0]) == 0 and all(
        tasks.has_edge(a, b) for a, b in zip(rust_tasks, rust_tasks[1:])
    )
    rust_len = sum(tasks.nodes[c]["days"] for c in rust_tasks)
    check("exitgraph's critical path is a path here", ok, str(plan["critical_path"][:5]))
    check("exitgraph's critical path has the longest length", abs(rust_len - length) <= tol, f"{rust_len} vs {length}")
    same_path = rust_tasks == path

    # 3. Dependents counts.
    t0 = time.perf_counter()
    counts = dependents_counts(m, all_deps)
    times["dependents"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    with open(args.dependents) as f:
        rust_counts = {
            r["system"]: (r["direct"], r["indirect"], r["services_direct"], r["services_indirect"])
            for r in json.load(f)["systems"]
        }
    read_exitgraph += time.perf_counter() - t0
    # Reading exitgraph's outputs is checking, not the peer's job.
    times["read_exitgraph"] = read_exitgraph
    diff = sorted(k for k in counts.keys() | rust_counts.keys() if counts.get(k) != rust_counts.get(k))
    check(
        "dependents counts",
        not diff,
        f"{len(diff)} differ, e.g. "
        + ", ".join(f"{k}: networkx {counts.get(k)} exitgraph {rust_counts.get(k)}" for k in diff[:5]),
    )

    summary = {
        "model": args.model,
        "systems": len(m.systems),
        "networkx": nx.__version__,
        "python": sys.version.split()[0],
        "seconds": {k: round(v, 4) for k, v in times.items()},
        "simulate": {
            "scenario": args.scenario,
            "systems_not_up": len(states),
            "systems_down": sum(1 for s in states.values() if s[0] == "down"),
            "services_not_up": len(services),
        },
        "critical_path": {
            "target": plan["target"],
            "systems": len(systems),
            "tasks": tasks.number_of_nodes(),
            "precedence_edges": tasks.number_of_edges(),
            "length_days": length,
            "same_path_as_exitgraph": same_path,
        },
        "dependents": {"systems": len(counts)},
        "agree": not problems,
        "problems": problems,
    }
    print(json.dumps(summary, indent=2))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
