#!/usr/bin/env bash
# .ci/fuzz.sh runs every fuzz target of the module (or of the packages given
# as arguments) for a short time each, one target per go test invocation:
#
#	bash .ci/fuzz.sh                              # every target, 10s each
#	FUZZTIME=10m bash .ci/fuzz.sh ./generated/... # longer, some packages
#
# FUZZTIME is passed to -fuzztime (a duration, or a count such as 5000x).
# FUZZFLAGS adds go test flags, e.g. FUZZFLAGS='-parallel 1'. FUZZJOBS runs
# that many targets at once (default 1); their output is then printed as
# each finishes. The targets' seed corpora run in every plain `go test`; a
# failing input is written to the package's testdata/fuzz/<Target>/ (commit
# it with the fix). See docs/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10s}
jobs=${FUZZJOBS:-1}
read -r -a flags <<<"${FUZZFLAGS:-}"
if (($# == 0)); then
	set -- ./...
fi

# go test -list prints each package's fuzz targets, then "ok <package> ...".
targets=()
names=()
while read -r first second _; do
	case $first in
	Fuzz*) names+=("$first") ;;
	ok)
		for name in "${names[@]}"; do
			targets+=("$second $name")
		done
		names=()
		;;
	esac
done < <(go test -list '^Fuzz' "$@")
if ((${#targets[@]} == 0)); then
	echo "fuzz.sh: no fuzz targets in $*" >&2
	exit 1
fi

# fuzz runs one target, printing its output at the end when others run
# beside it.
fuzz() {
	local pkg=$1 name=$2 out
	if ((jobs == 1)); then
		echo "==> $name in $pkg ($fuzztime)"
		go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "${flags[@]}" "$pkg"
		return
	fi
	local status=0
	out=$(go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "${flags[@]}" "$pkg" 2>&1) || status=$?
	printf '==> %s in %s (%s)\n%s\n' "$name" "$pkg" "$fuzztime" "$out"
	return "$status"
}

pids=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	if ((jobs == 1)); then
		fuzz "$pkg" "$name"
		continue
	fi
	while (($(jobs -rp | wc -l) >= jobs)); do
		wait -n || true
	done
	fuzz "$pkg" "$name" &
	pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
	wait "$pid" || failed=$((failed + 1))
done
if ((failed > 0)); then
	echo "fuzz.sh: $failed of ${#targets[@]} fuzz targets failed" >&2
	exit 1
fi
echo "==> ${#targets[@]} fuzz targets ran for $fuzztime each"
