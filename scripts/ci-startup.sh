#!/usr/bin/env bash
# Start-up cost of guard on one Node: the median wall time of 20 runs of `node -e ''` and of
# `guard run -- true` (bin/run.js through its shebang, so the Node first on PATH), in a
# built checkout. Every run gets a scratch HOME, state, config and audit log.
#
#   scripts/ci-startup.sh                       # the Node on PATH
#   scripts/ci-startup.sh "$(scripts/ci-node.sh 24.22.3)"   # a pinned one (needs a checkout
#                                               # whose better-sqlite3 is built for it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 0 ]; then PATH="$1/bin:$PATH"; export PATH; fi
runs=${GUARD_STARTUP_RUNS:-20}
[ -f "$root/dist/fast/lean.cjs" ] || { echo "scripts/ci-startup.sh: no dist/ in $root; run npm run build first" >&2; exit 69; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch/home XDG_STATE_HOME=$scratch/state XDG_CONFIG_HOME=$scratch/config GUARD_DB=$scratch/audit.db
mkdir -p "$HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"

# median: the median of the numbers on stdin, one a line.
median() { sort -n | awk '{v[NR] = $1} END {printf "%.0f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# medians COMMAND...: runs it $runs times (after one unmeasured run); prints the median wall
# time and the median CPU time (user + system, the command's children included), in ms. On a
# busy machine the CPU time is the steadier of the two.
medians() {
  local i out=$scratch/times
  "$@" >/dev/null 2>&1 || { echo "scripts/ci-startup.sh: '$*' failed" >&2; return 1; }
  : >"$out"
  TIMEFORMAT='%3R %3U %3S'
  for ((i = 0; i < runs; i++)); do
    { time "$@" >/dev/null 2>&1; } 2>>"$out"
  done
  printf 'wall %s ms, cpu %s ms' "$(awk '{print $1 * 1000}' "$out" | median)" "$(awk '{print ($2 + $3) * 1000}' "$out" | median)"
}

echo "node $(node --version), medians of $runs: node -e '' $(medians node -e ''); guard run -- true $(medians "$root/bin/run.js" run -- true)"
