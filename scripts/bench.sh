#!/usr/bin/env bash
# scripts/bench.sh runs errgen's benchmarks (internal/bench: decoding by the
# generated packages; internal/generate: the generator) and prints benchstat
# tables and the ratio table of docs/PERFORMANCE.md.
#
#	scripts/bench.sh                # 10 rounds, results in a new temporary directory
#	COUNT=3 scripts/bench.sh        # fewer rounds
#	OUT=/tmp/b scripts/bench.sh     # keep results in /tmp/b
#	REPORT=/tmp/b scripts/bench.sh  # only print the tables of an earlier run
#	LARGE=1 scripts/bench.sh        # also vet the 10,000-code package (a minute or more)
#
# Each round runs every benchmark once (-count 1), baselines next to the
# generated code in the same process, so that a burst of load on a shared
# machine hits both; the tables use the median of the rounds. benchstat is
# installed at a pinned version into $OUT/bin, not into go.mod.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-500ms} # per decoding benchmark and round
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da # golang.org/x/perf

if [[ -n ${REPORT:-} ]]; then
	out=$REPORT
else
	out=${OUT:-$(mktemp -d)}
	mkdir -p "$out"
	: >"$out/decode.txt"
	: >"$out/generate.txt"
	go version >"$out/machine.txt"
	grep -m1 'model name' /proc/cpuinfo >>"$out/machine.txt" 2>/dev/null || true
	echo "cores: $(getconf _NPROCESSORS_ONLN)" >>"$out/machine.txt"
	go test -c -o "$out/bench.test" ./internal/bench
	go test -c -o "$out/generate.test" ./internal/generate
	for ((i = 1; i <= COUNT; i++)); do
		echo "round $i of $COUNT" >&2
		(cd internal/bench && "$out/bench.test" -test.run '^$' -test.bench . \
			-test.benchtime "$BENCHTIME" -test.count 1) >>"$out/decode.txt"
		(cd internal/generate && "$out/generate.test" -test.run '^$' \
			-test.bench 'GenerateSpecs|GenerateSynthetic/codes=(100|1000)$' \
			-test.benchtime 10x -test.count 1) >>"$out/generate.txt"
		(cd internal/generate && "$out/generate.test" -test.run '^$' \
			-test.bench 'GenerateSynthetic/codes=10000$' \
			-test.benchtime 1x -test.count 1) >>"$out/generate.txt"
	done
	if [[ ${LARGE:-} == 1 ]]; then
		(cd internal/generate && ERRGEN_LARGE=1 "$out/generate.test" \
			-test.run '^TestSyntheticSpecCompiles$' -test.v) | tee "$out/large.txt"
	fi
fi

benchstat=$(command -v benchstat || true)
if [[ -z $benchstat ]]; then
	benchstat=$out/bin/benchstat
	if [[ ! -x $benchstat ]]; then
		GOBIN=$out/bin go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
	fi
fi

cat "$out/machine.txt"
echo
echo "== decoding: columns are the decoders, compared with dec=unmarshal"
"$benchstat" -col /dec -filter '.name:Decode' "$out/decode.txt"
echo
echo "== errors.Is, IsRetryable, RetryAfter"
"$benchstat" -filter '-.name:Decode' "$out/decode.txt"
echo
echo "== generator"
"$benchstat" "$out/generate.txt"
echo

# The ratio table: medians over the rounds. ns is wall time, cpu-ns the
# process's CPU time per operation (see docs/PERFORMANCE.md).
awk '
function median(key,    n, a, i, j, t) {
	n = split(vals[key], a, " ")
	for (i = 2; i <= n; i++) {
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
	if (n == 0) return -1
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^Benchmark/ {
	name = $1
	sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i += 2) {
		key = name SUBSEP $(i + 1)
		vals[key] = vals[key] " " $i
	}
	if (!(name in seen)) { seen[name] = 1; order[++names] = name }
}
function m(name, unit) { return median(name SUBSEP unit) }
function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : (a == 0 ? "0/0" : "inf") }
END {
	printf "%-12s %10s %10s %10s %10s | %7s %7s %7s | %8s %8s %8s %8s\n", "body", "parse ns", "cpu-ns", "unm cpu", "2pass cpu", "allocs", "unm", "2pass", "P/U ns", "P/U cpu", "P/2 ns", "P/2 cpu"
	for (k = 1; k <= names; k++) {
		n = order[k]
		if (n !~ /^BenchmarkDecode\/.*\/dec=parse$/) continue
		body = n; sub(/^BenchmarkDecode\/body=/, "", body); sub(/\/dec=parse$/, "", body)
		u = "BenchmarkDecode/body=" body "/dec=unmarshal"
		t = "BenchmarkDecode/body=" body "/dec=twopass"
		printf "%-12s %10.0f %10.0f %10.0f %10.0f | %7d %7d %7d | %8s %8s %8s %8s\n", body,
			m(n, "ns/op"), m(n, "cpu-ns/op"), m(u, "cpu-ns/op"), m(t, "cpu-ns/op"),
			m(n, "allocs/op"), m(u, "allocs/op"), m(t, "allocs/op"),
			ratio(m(n, "ns/op"), m(u, "ns/op")), ratio(m(n, "cpu-ns/op"), m(u, "cpu-ns/op")),
			ratio(m(n, "ns/op"), m(t, "ns/op")), ratio(m(n, "cpu-ns/op"), m(t, "cpu-ns/op"))
	}
	print ""
	p = "BenchmarkDecode/body=nested/dec=parse"
	u = "BenchmarkDecode/body=nested/dec=unmarshal"
	t = "BenchmarkDecode/body=nested/dec=twopass"
	check("Parse <= Unmarshal, time (cpu-ns)", m(p, "cpu-ns/op") <= m(u, "cpu-ns/op"), m(p, "cpu-ns/op") " vs " m(u, "cpu-ns/op"))
	check("Parse <= Unmarshal, time (wall ns)", m(p, "ns/op") <= m(u, "ns/op"), m(p, "ns/op") " vs " m(u, "ns/op"))
	check("Parse <= Unmarshal, allocations", m(p, "allocs/op") <= m(u, "allocs/op"), m(p, "allocs/op") " vs " m(u, "allocs/op"))
	check("Parse <= two-pass / 2 (cpu-ns)", m(p, "cpu-ns/op") <= m(t, "cpu-ns/op") / 2, m(p, "cpu-ns/op") " vs " m(t, "cpu-ns/op") "/2")
	check("Parse <= two-pass / 2 (wall ns)", m(p, "ns/op") <= m(t, "ns/op") / 2, m(p, "ns/op") " vs " m(t, "ns/op") "/2")
	h = "BenchmarkErrorsIs/hit"
	check("errors.Is(wrapped, ErrX) < 25 ns (cpu-ns)", m(h, "cpu-ns/op") < 25, m(h, "cpu-ns/op") " ns")
	check("errors.Is(wrapped, ErrX) < 25 ns (wall ns)", m(h, "ns/op") < 25, m(h, "ns/op") " ns")
	check("errors.Is(wrapped, ErrX) 0 allocs", m(h, "allocs/op") == 0, m(h, "allocs/op") " allocs")
	check("IsRetryable 0 allocs", m("BenchmarkIsRetryable", "allocs/op") == 0, m("BenchmarkIsRetryable", "allocs/op") " allocs")
	worst = 0
	for (k = 1; k <= names; k++) if (order[k] ~ /^BenchmarkRetryAfter\//) { a = m(order[k], "allocs/op"); if (a > worst) worst = a }
	check("RetryAfter 0 allocs (every case)", worst == 0, worst " allocs at most")
	s = "BenchmarkGenerateSpecs"
	k1 = "BenchmarkGenerateSynthetic/codes=1000"
	k10 = "BenchmarkGenerateSynthetic/codes=10000"
	check("four specs < 20 ms (wall)", m(s, "ns/op") < 20e6, sprintf("%.1f ms (cpu %.1f ms)", m(s, "ns/op") / 1e6, m(s, "cpu-ns/op") / 1e6))
	check("10,000 codes < 2 s (wall)", m(k10, "ns/op") < 2e9, sprintf("%.2f s (cpu %.2f s)", m(k10, "ns/op") / 1e9, m(k10, "cpu-ns/op") / 1e9))
	check("10k/1k <= 12 (wall)", m(k10, "ns/op") <= 12 * m(k1, "ns/op"), ratio(m(k10, "ns/op"), m(k1, "ns/op")))
	check("10k/1k <= 12 (cpu)", m(k10, "cpu-ns/op") <= 12 * m(k1, "cpu-ns/op"), ratio(m(k10, "cpu-ns/op"), m(k1, "cpu-ns/op")))
	printf "generated per code at 10k: %.1f lines, %.0f bytes (errors.go %.0f)\n", m(k10, "lines/code"), m(k10, "bytes/code"), m(k10, "errors.go-bytes/code")
}
function check(what, ok, detail) {
	if (names == 0) return
	printf "%-4s %-44s %s\n", ok ? "met" : "MISS", what, detail
}
' "$out/decode.txt" "$out/generate.txt"
echo
echo "results: $out"
