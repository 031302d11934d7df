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
	# The decoding benchmarks are built with GOEXPERIMENT=jsonv2 so that the
	# encoding/json/v2 baseline (dec=jsonv2) runs beside the others; the
	# generated packages do not use it.
	GOEXPERIMENT=jsonv2 go test -c -o "$out/bench.test" ./internal/bench
	go test -c -o "$out/generate.test" ./internal/generate
	for ((i = 1; i <= COUNT; i++)); do
		echo "round $i of $COUNT" >&2
		(cd internal/bench && "$out/bench.test" -test.run '^$' -test.bench . \
			-test.benchtime "$BENCHTIME" -test.count 1) >>"$out/decode.txt"
		(cd internal/generate && "$out/generate.test" -test.run '^$' \
			-test.bench 'GenerateSpecs|Gofmt|GenerateSynthetic/codes=(100|1000)$' \
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
	printf "%-12s %9s %9s %9s | %6s %6s | %8s %8s %8s\n", "body", "parse", "jsonv2", "unmarshal", "allocs", "v2", "P/v2", "P/unm", "FR/P"
	for (k = 1; k <= names; k++) {
		n = order[k]
		if (n !~ /^BenchmarkDecode\/.*\/dec=parse$/) continue
		body = n; sub(/^BenchmarkDecode\/body=/, "", body); sub(/\/dec=parse$/, "", body)
		u = "BenchmarkDecode/body=" body "/dec=unmarshal"
		v = "BenchmarkDecode/body=" body "/dec=jsonv2"
		f = "BenchmarkDecode/body=" body "/dec=fromresponse"
		printf "%-12s %9.0f %9.0f %9.0f | %6d %6d | %8s %8s %8s\n", body,
			m(n, "cpu-ns/op"), m(v, "cpu-ns/op"), m(u, "cpu-ns/op"), m(n, "allocs/op"), m(v, "allocs/op"),
			ratio(m(n, "cpu-ns/op"), m(v, "cpu-ns/op")), ratio(m(n, "cpu-ns/op"), m(u, "cpu-ns/op")),
			ratio(m(f, "cpu-ns/op"), m(n, "cpu-ns/op"))
		if (body != "html") {
			worstv2 = max(worstv2, m(n, "cpu-ns/op") / m(v, "cpu-ns/op"))
			worstallocs = max(worstallocs, m(n, "allocs/op"))
		}
		worstfr = max(worstfr, m(f, "cpu-ns/op") / m(n, "cpu-ns/op"))
	}
	print ""
	check("Parse <= 1.0x jsonv2, every JSON body (cpu)", worstv2 <= 1.0, sprintf("worst %.2fx", worstv2))
	check("Parse <= 2 allocations, every JSON body", worstallocs <= 2, worstallocs " at most")
	check("FromResponse <= 1.2x Parse, every body (cpu)", worstfr <= 1.2, sprintf("worst %.2fx", worstfr))
	h = "BenchmarkErrorsIs/hit"
	check("errors.Is(wrapped, ErrX) <= 15 ns (cpu-ns)", m(h, "cpu-ns/op") <= 15, m(h, "cpu-ns/op") " ns (floor " m("BenchmarkErrorsIs/floor", "cpu-ns/op") " ns)")
	check("errors.Is(wrapped, ErrX) 0 allocs", m(h, "allocs/op") == 0, m(h, "allocs/op") " allocs")
	check("IsRetryable 0 allocs", m("BenchmarkIsRetryable", "allocs/op") == 0, m("BenchmarkIsRetryable", "allocs/op") " allocs")
	worst = 0
	for (k = 1; k <= names; k++) if (order[k] ~ /^BenchmarkRetryAfter\//) { a = m(order[k], "allocs/op"); if (a > worst) worst = a }
	check("RetryAfter 0 allocs (every case)", worst == 0, worst " allocs at most")
	s = "BenchmarkGenerateSpecs/set=seeds"
	k1 = "BenchmarkGenerateSynthetic/codes=1000"
	k10 = "BenchmarkGenerateSynthetic/codes=10000"
	check("four seed specs <= 15 ms CPU", m(s, "cpu-ns/op") <= 15e6, sprintf("%.1f ms", m(s, "cpu-ns/op") / 1e6))
	check("10,000 codes <= 1 s CPU", m(k10, "cpu-ns/op") <= 1e9, sprintf("%.2f s", m(k10, "cpu-ns/op") / 1e9))
	check("10,000 codes <= 300 MB allocated", m(k10, "B/op") <= 300e6, sprintf("%.0f MB", m(k10, "B/op") / 1e6))
	for (k = 1; k <= 3; k++) {
		set = k == 1 ? "seeds" : k == 2 ? "all" : "codes=1000"
		g = k == 3 ? k1 : "BenchmarkGenerateSpecs/set=" set
		check("generation <= 1.5x gofmt of its output, " set, m(g, "cpu-ns/op") <= 1.5 * m("BenchmarkGofmt/set=" set, "cpu-ns/op"), ratio(m(g, "cpu-ns/op"), m("BenchmarkGofmt/set=" set, "cpu-ns/op")) "x")
	}
	check("10k/1k <= 12 (cpu)", m(k10, "cpu-ns/op") <= 12 * m(k1, "cpu-ns/op"), ratio(m(k10, "cpu-ns/op"), m(k1, "cpu-ns/op")))
	printf "generated per code at 10k: %.1f lines, %.0f bytes (errors.go %.0f)\n", m(k10, "lines/code"), m(k10, "bytes/code"), m(k10, "errors.go-bytes/code")
}
function max(a, b) { return a > b ? a : b }
function check(what, ok, detail) {
	if (names == 0) return
	printf "%-4s %-44s %s\n", ok ? "met" : "MISS", what, detail
}
' "$out/decode.txt" "$out/generate.txt"
echo
echo "results: $out"
