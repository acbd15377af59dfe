#!/bin/sh
# bench-solver.sh: time the SELU solver side by side with mpmath.
#
# Builds selu-solve once, then for each number of digits N (default
# 30 50 100 1000) and the target (0, 1):
#   - mpmath: /usr/bin/python3 scripts/peers/solve_mpmath.py (findroot on
#     the closed-form map, median of warm in-process solves);
#   - ours in-process: go test -bench 'BenchmarkSolve/0_1/digits=N' ./solver,
#     the median of COUNT=5 runs;
#   - ours whole process: selu-solve --digits N --dropout '' --json, the
#     median wall time of REPS runs (start-up, solving and printing);
# and prints the times and the ratios mpmath/ours (> 1: ours is faster),
# with the load average after each line (other jobs slow both sides).
# Targets: in-process at least 20x faster at 50 digits; whole process
# faster than mpmath's solve at 1000 digits.
#
# The peer needs /usr/bin/python3 (or $PYTHON) with mpmath (Debian:
# python3-mpmath); without it, or when a step gives no time, the script
# stops with a message and exit status 1.
#
#   scripts/bench-solver.sh [N ...]      REPS=15 by default
set -eu
cd "$(dirname "$0")/.."
peer=scripts/peers/solve_mpmath.py
py=${PYTHON:-/usr/bin/python3}
reps=${REPS:-15}
digits=${*:-30 50 100 1000}

die() {
	echo "bench-solver: $*" >&2
	exit 1
}
[ -f "$peer" ] || die "peer workload $peer is missing"
[ -x "$py" ] || command -v "$py" >/dev/null 2>&1 || die "no Python at $py (set PYTHON)"
"$py" -c 'import mpmath' 2>/dev/null || die "$py cannot import mpmath (Debian: apt-get install python3-mpmath)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/selu-solve" ./cmd/selu-solve

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# wall time in seconds of one run of the command line "$@"
walltime() {
	t0=$(date +%s%N)
	"$@" >/dev/null
	t1=$(date +%s%N)
	echo "$t0 $t1" | awk '{printf "%.6f\n", ($2-$1)/1e9}'
}

printf '# %s %s, %s cores, %s, %s, reps=%s\n' "$(date -u +%FT%TZ)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" "$(nproc)" "$(go version)" "$($py -c 'import mpmath; print("mpmath", mpmath.__version__, mpmath.libmp.BACKEND)')" "$reps"
printf '%-7s %14s %14s %9s %16s %9s  %s\n' digits mpmath_s ours_inproc_s ratio ours_process_s ratio load
for n in $digits; do
	out=$("$py" "$peer" --digits "$n" --target 0/1 --reps "$reps") || die "$peer failed at $n digits: $out"
	m=$(echo "$out" | sed -n 's/.*median_s=\([0-9.e-]*\).*/\1/p' | head -1)
	[ -n "$m" ] || die "no time from $peer at $n digits: $out"
	ns=$(go test -run '^$' -bench "BenchmarkSolve/0_1/digits=$n\$" -benchtime "${BENCHTIME:-0.5s}" -count "${COUNT:-5}" ./solver |
		awk '/ns\/op/ {print $3}' | median)
	[ -n "$ns" ] || die "no BenchmarkSolve/0_1/digits=$n result (digit counts with a benchmark: 30 50 100 1000)"
	inproc=$(echo "$ns" | awk '{printf "%.6f", $1/1e9}')
	i=0
	: >"$tmp/times"
	while [ $i -lt "$reps" ]; do
		walltime "$tmp/selu-solve" --digits "$n" --dropout '' --json >>"$tmp/times"
		i=$((i + 1))
	done
	proc=$(median <"$tmp/times")
	echo "$n $m $inproc $proc $(cut -d' ' -f1-3 /proc/loadavg)" |
		awk '{printf "%-7s %14.6f %14.6f %8.1fx %16.6f %8.2fx  %s %s %s\n", $1, $2, $3, $2/$3, $4, $2/$4, $5, $6, $7}'
done
echo "# times are medians; ratio = mpmath / ours (> 1: ours is faster)"
