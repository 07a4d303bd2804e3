#!/usr/bin/env bash
# make bench: every figure is a ratio against a baseline measured in the same
# run, never an absolute time (these machines are shared and noisy).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== time to verdict vs one plain GET (loopback edge, 200 ms per response; goal ratio <= 1.1)"
go test ./diagnose -run '^$' -bench 'BenchmarkTimeToVerdict|BenchmarkClassifyPage' -benchtime 20x -count 1 | tee /tmp/rayfix-bench.txt
ratio=$(awk '/BenchmarkTimeToVerdict/ { for (i=1;i<=NF;i++) if ($i=="ratio") print $(i-1) }' /tmp/rayfix-bench.txt)
echo "time-to-verdict ratio: ${ratio} (goal <= 1.1)"
