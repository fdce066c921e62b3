#!/usr/bin/env bash
# Takes every figure of docs/performance.md in one run and writes them to
# OUT (default target/perf): the machine, the benchmarks at 1,000, 10,000
# and 100,000 systems, peak memory and wall time of each command at
# 100,000 systems (/usr/bin/time -v), and the networkx comparison.
#
#   bash benches/measure.sh [OUT]
#
# Run it on a quiet machine: the script records `uptime` before and after.
# It takes about 10 minutes on the 2-core reference machine. Needs
# /usr/bin/time (Debian package `time`) and python3 with networkx.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/perf}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

echo "== build"
cargo build --release --bins --examples
cargo bench --bench analyses --no-run
BIN=target/release/exitgraph
GEN=target/release/examples/generate

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "rustc: $(rustc --version)"
  echo "python: $(python3 --version 2>&1), networkx $(python3 -c 'import networkx; print(networkx.__version__)')"
  echo "uptime before: $(uptime)"
  lscpu
  free -m
} > "$OUT/machine.txt"

echo "== models"
for n in 1000 10000 100000; do
  "$GEN" --systems "$n" --seed 1 -o "$OUT/g$n.toml"
done
ls -l "$OUT"/g*.toml > "$OUT/models.txt"

# Peak memory and wall time of whole commands (load and validate included).
echo "== commands at 100,000 systems"
M="$OUT/g100000.toml"
LARGEST=$(grep -A4 'id = "largest-vendor-cut"' "$M" | sed -n 's/.*vendor:\([a-z0-9-]*\).*/\1/p')
run() { # name, args...
  local name=$1
  shift
  /usr/bin/time -v "$BIN" "$@" > "$OUT/cmd-$name.out" 2> "$OUT/cmd-$name.time" || true
  printf '%-14s %8s s wall %8s s user %8s KB peak\n' "$name" \
    "$(grep 'Elapsed (wall' "$OUT/cmd-$name.time" | awk '{print $NF}')" \
    "$(grep 'User time' "$OUT/cmd-$name.time" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$OUT/cmd-$name.time" | awk '{print $NF}')"
}
{
  for n in 1000 10000 100000; do
    run "check-$n" check "$OUT/g$n.toml"
  done
  run hotspots hotspots "$M" --format json
  run deadlines deadlines "$M" --format json
  run exit-largest exit "$M" --vendor "$LARGEST" --format json
  run simulate simulate "$M" --scenario us-sanctions --format json
  run plan-10000 plan "$OUT/g10000.toml" --format json
  run each-vendor simulate "$M" --each-vendor --format json
  run score score "$M" --format json
  run paths paths "$M" --format json
  run review review "$M" --out "$OUT/review-100k"
  run diff diff "$M" "$M"
} | tee "$OUT/commands.txt"

echo "== benchmarks"
cargo bench --bench analyses 2>&1 | tee "$OUT/bench.txt"

echo "== networkx comparison at 100,000 systems"
"$BIN" simulate "$M" --scenario us-sanctions --format json > "$OUT/nx-simulate.json"
"$BIN" exit "$M" --vendor "$LARGEST" --format json > "$OUT/nx-exit.json"
target/release/examples/dependents "$M" > "$OUT/nx-dependents.json"
/usr/bin/time -v python3 benches/networkx/compare.py "$M" --scenario us-sanctions \
  --simulate "$OUT/nx-simulate.json" --exit "$OUT/nx-exit.json" \
  --dependents "$OUT/nx-dependents.json" > "$OUT/networkx.json" 2> "$OUT/networkx.time" || true
cat "$OUT/networkx.json"

echo "uptime after: $(uptime)" >> "$OUT/machine.txt"
echo "== done: $OUT"
