#!/usr/bin/env bash
# The UI phase (npm run test:e2e) three times in a row while two CPU-heavy processes run beside it: the
# UI tests must hold on a busy machine (no waits that assume a fast one). Prints each run's result and
# time, the load average seen, and exits non-zero if any run failed.
# usage: bash scripts/ui-under-load.sh [runs]   (WSP_CODE_SERVER=minimum|newest picks the VS Code)
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LOG_DIR=test-results/ui-under-load
mkdir -p "$LOG_DIR"

# Two busy loops, one per core of the 2-core CI machine; ended by their own pids whatever happens.
burners=()
for _ in 1 2; do
  node -e 'for (;;) {}' &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null' EXIT INT TERM
echo "ui-under-load: 2 CPU burners (pids ${burners[*]}), $RUNS runs of the UI phase, code-server ${WSP_CODE_SERVER:-minimum}"

failed=0
results=()
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s)
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  npm run -s test:e2e >"$LOG_DIR/run-$i.log" 2>&1
  code=$?
  # The next run empties the version's screenshot folder: keep this run's (its failures' pictures).
  rm -rf "$LOG_DIR/run-$i-screenshots"
  cp -r "test-results/screenshots/${WSP_CODE_SERVER:-minimum}" "$LOG_DIR/run-$i-screenshots" 2>/dev/null
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOG_DIR/run-$i.log" | tail -1)
  line="run $i: exit $code, ${summary:-no summary}, $(( $(date +%s) - start )) s, load average $load_before at start, $load_after at end"
  echo "ui-under-load: $line"
  results+=("$line")
  [ "$code" -eq 0 ] || { failed=$((failed + 1)); grep -E '^\s+[0-9]+\) ' "$LOG_DIR/run-$i.log" | head -20; }
done
echo "ui-under-load: $((RUNS - failed)) of $RUNS runs passed (logs in $LOG_DIR/)"
[ "$failed" -eq 0 ]
