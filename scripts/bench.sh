#!/usr/bin/env bash
# make bench: every figure is a ratio against a baseline measured in the same
# run, never an absolute time (these machines are shared and noisy).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== 1. time to verdict vs one plain GET (loopback edge, 200 ms per response; goal: ratio <= 1.1)"
go test ./diagnose -run '^$' -bench 'BenchmarkTimeToVerdict|BenchmarkClassifyPage' -benchtime 20x -count 1 | tee "$out/go.txt"
ratio=$(awk '/BenchmarkTimeToVerdict/ { for (i=1;i<=NF;i++) if ($i=="ratio") print $(i-1) }' "$out/go.txt")
echo "time-to-verdict ratio: ${ratio}"

echo
echo "== 2. owner mode: loading a zone with 10,000 IP Access rules, 100 ms per API request, vs one request (goal: ratio <= 3)"
go test ./siteplan -run '^$' -bench 'BenchmarkLoadLargeZone' -benchtime 5x -count 1 | tee "$out/owner.txt"
echo "large-zone ratio: $(awk '/BenchmarkLoadLargeZone/ { for (i=1;i<=NF;i++) if ($i=="ratio") print $(i-1) }' "$out/owner.txt")"

echo
echo "== 3. Ray ID look-up vs one API round trip (100 ms per request): the query alone (goal: ratio <= 1.2), and the whole"
echo "   commands 'rayfix owner lookup ZONE RAYID', 'rayfix owner rules ZONE' and 'rayfix owner impact ZONE --expr …' (goal: ratio <= 3.5 each),"
echo "   the rule evaluator per expression (goal < 1 µs), and a change's preview walked for 5,000 groups of traffic (goal < 50 µs a group)"
go test ./advice -run '^$' -bench 'BenchmarkRayLookup' -benchtime 5x -count 1 | grep Benchmark
go test ./cli -run '^$' -bench 'BenchmarkLookupCommand|BenchmarkRulesCommand|BenchmarkImpactCommand' -benchtime 5x -count 1 | grep Benchmark
go test ./app/ruleslang -run '^$' -bench 'BenchmarkEvalTypical' -count 1 | grep Benchmark
go test ./impact -run '^$' -bench 'BenchmarkForChange5000' -benchtime 3x -count 1 | grep Benchmark

echo
echo "== 4. cold start to first frame and idle memory, RayFix vs a hello-world Fyne window (goal: ratio <= 1.2 each)"
go build -o "$out/rayfix" .
go build -o "$out/hello" ./bench/hello
export LANG=en_US.UTF-8

# start_ms BIN TITLE: milliseconds from exec until the window is mapped and
# visible (Fyne maps it once the first frame is ready), then RSS after 3 s idle.
measure() {
  local bin=$1 title=$2 t0 t1 pid rss
  t0=$(date +%s%N)
  XDG_CONFIG_HOME="$out/cfg-$RANDOM" "$bin" >/dev/null 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --name "^${title}\$" >/dev/null 2>&1; do
    sleep 0.005
    if (( ($(date +%s%N) - t0) / 1000000 > 30000 )); then echo "timeout"; kill $pid; return 1; fi
  done
  t1=$(date +%s%N)
  sleep 3
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$out/r.txt"; : > "$out/h.txt"
for i in 1 2 3 4 5; do   # interleaved, so drift hits both alike
  measure "$out/hello" Hello >> "$out/h.txt"
  measure "$out/rayfix" RayFix >> "$out/r.txt"
done
hs=$(cut -d' ' -f1 "$out/h.txt" | median); rs=$(cut -d' ' -f1 "$out/r.txt" | median)
hm=$(cut -d' ' -f2 "$out/h.txt" | median); rm_=$(cut -d' ' -f2 "$out/r.txt" | median)
echo "first frame: RayFix ${rs} ms, hello ${hs} ms → ratio $(awk -v a="$rs" -v b="$hs" 'BEGIN{printf "%.2f", a/b}')"
echo "idle RSS:    RayFix ${rm_} KiB, hello ${hm} KiB → ratio $(awk -v a="$rm_" -v b="$hm" 'BEGIN{printf "%.2f", a/b}')"
