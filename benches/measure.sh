#!/usr/bin/env bash
# Takes every figure of docs/performance.md in one run and writes them to
# OUT (default target/perf): the machine, the benchmarks at 1,000, 10,000
# and 100,000 systems, peak memory and wall time of each command at
# 100,000 systems (/usr/bin/time -v) without a snapshot (cold) and with one
# (warm), the floors of loading, the networkx comparison, and the whole job
# of exitgraph against the Python peer, cold and warm. With SCALE=1 also
# 300,000, 1,000,000 and 2,200,000 systems (about 15 more minutes, 16 GB
# of memory and 4 GB of disk).
#
#   bash benches/measure.sh [OUT]
#   SCALE=1 bash benches/measure.sh [OUT]
#   BENCH=0 bash benches/measure.sh [OUT]    # without the divan benchmarks
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
[ "${BENCH:-1}" = 1 ] && cargo bench --bench analyses --no-run
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
# Snapshots go to a folder of their own; cold runs read and write none.
CACHE=(--cache-dir "$OUT/cache")
rm -rf "$OUT/cache"
run() { # name, args...
  local name=$1
  shift
  /usr/bin/time -v "$BIN" "$@" > "${DEST:-$OUT/cmd-$name.out}" 2> "$OUT/cmd-$name.time" || true
  printf '%-14s %8s s wall %8s s user %8s KB peak\n' "$name" \
    "$(grep 'Elapsed (wall' "$OUT/cmd-$name.time" | awk '{print $NF}')" \
    "$(grep 'User time' "$OUT/cmd-$name.time" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$OUT/cmd-$name.time" | awk '{print $NF}')"
}
commands() { # suffix, cache options...
  local x=$1
  shift
  for n in 1000 10000 100000; do
    run "check-$n$x" check "$OUT/g$n.toml" "$@"
  done
  run "hotspots$x" hotspots "$M" --format json "$@"
  run "deadlines$x" deadlines "$M" --format json "$@"
  run "exit-largest$x" exit "$M" --vendor "$LARGEST" --format json "$@"
  run "simulate$x" simulate "$M" --scenario us-sanctions --format json "$@"
  run "plan-10000$x" plan "$OUT/g10000.toml" --format json "$@"
  run "each-vendor$x" simulate "$M" --each-vendor --format json "$@"
  run "score$x" score "$M" --format json "$@"
  run "paths$x" paths "$M" --format json "$@"
  run "review$x" review "$M" --out "$OUT/review-100k" "$@"
  run "diff$x" diff "$M" "$M" "$@"
}
{
  commands "" --no-cache
  # The first command of each model writes its snapshot; the rest read it.
  for n in 1000 10000 100000; do
    run "write-$n" check "$OUT/g$n.toml" "${CACHE[@]}"
  done
  commands "-warm" "${CACHE[@]}"
} | tee "$OUT/commands.txt"

echo "== floors of loading at 100,000 systems"
target/release/examples/floors "$M" | tee "$OUT/floors.txt"

if [ "${BENCH:-1}" = 1 ]; then
  echo "== benchmarks"
  cargo bench --bench analyses 2>&1 | tee "$OUT/bench.txt"
fi

echo "== networkx comparison at 100,000 systems"
"$BIN" simulate "$M" --scenario us-sanctions --format json > "$OUT/nx-simulate.json"
"$BIN" exit "$M" --vendor "$LARGEST" --format json > "$OUT/nx-exit.json"
target/release/examples/dependents "$M" > "$OUT/nx-dependents.json"
/usr/bin/time -v python3 benches/networkx/compare.py "$M" --scenario us-sanctions \
  --simulate "$OUT/nx-simulate.json" --exit "$OUT/nx-exit.json" \
  --dependents "$OUT/nx-dependents.json" > "$OUT/networkx.json" 2> "$OUT/networkx.time" || true
cat "$OUT/networkx.json"

# The whole job: the Python peer reads the TOML and computes the cut-off
# simulation, the critical path and the dependents counts; exitgraph runs
# the two commands the peer checks against (simulate and exit), cold and
# warm (the snapshot written by the commands above).
secs() { grep 'Elapsed (wall' "$1" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }
{
  # The peer's wall time without reading exitgraph's outputs (checking).
  py=$(echo "$(secs "$OUT/networkx.time") - $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"]["read_exitgraph"])' "$OUT/networkx.json")" | bc -l)
  cold=$(echo "$(secs "$OUT/cmd-simulate.time") + $(secs "$OUT/cmd-exit-largest.time")" | bc -l)
  warm=$(echo "$(secs "$OUT/cmd-simulate-warm.time") + $(secs "$OUT/cmd-exit-largest-warm.time")" | bc -l)
  echo "python peer, whole job: $py s"
  echo "exitgraph simulate + exit, cold: $cold s (ratio $(echo "$py / $cold" | bc -l | cut -c1-5))"
  echo "exitgraph simulate + exit, warm: $warm s (ratio $(echo "$py / $warm" | bc -l | cut -c1-5))"
} | tee "$OUT/peer.txt"

if [ "${SCALE:-0}" = 1 ]; then
  echo "== 300,000, 1,000,000 and 2,200,000 systems"
  # Outputs of gigabytes are not kept. Past 390,000 systems a generated
  # model exceeds the default limits of 256 MiB and 2,000,000 entities.
  DEST=/dev/null
  BIG=(--max-file-size 2000000000 --max-entities 6000000)
  {
    for n in 300000 1000000 2200000; do
      "$GEN" --systems "$n" --seed 1 -o "$OUT/g$n.toml"
      ls -l "$OUT/g$n.toml"
      run "check-$n" check "$OUT/g$n.toml" --no-cache "${BIG[@]}"
      run "write-$n" check "$OUT/g$n.toml" "${CACHE[@]}" "${BIG[@]}"
      run "check-$n-warm" check "$OUT/g$n.toml" "${CACHE[@]}" "${BIG[@]}"
      run "simulate-$n-warm" simulate "$OUT/g$n.toml" --scenario us-sanctions --format json "${CACHE[@]}" "${BIG[@]}"
      run "hotspots-$n-warm" hotspots "$OUT/g$n.toml" --format json "${CACHE[@]}" "${BIG[@]}"
      run "export-$n-warm" export "$OUT/g$n.toml" --to graphml "${CACHE[@]}" "${BIG[@]}"
      # The models of gigabytes and their snapshots are not kept either.
      rm -f "$OUT/g$n.toml"
    done
    rm -rf "$OUT/cache"
  } | tee "$OUT/scale.txt"
fi

echo "uptime after: $(uptime)" >> "$OUT/machine.txt"
echo "== done: $OUT"
