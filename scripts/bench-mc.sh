#!/usr/bin/env bash
# bench-mc.sh: the Monte Carlo workload W1 (depth 32, width 1024, batch 1024,
# fresh N(0, 1/n) weights every layer, every layer's mean and variance),
# selu-solve mc, numpy and PyTorch back to back, in float32 and float64.
#
#   scripts/bench-mc.sh                # 5 runs of each, both dtypes
#   REPS=9 DTYPES=float32 scripts/bench-mc.sh
#   ROUNDS=2 scripts/bench-mc.sh       # alternate ours/numpy twice per dtype
#   TORCH=0 scripts/bench-mc.sh        # leave PyTorch out (it runs when python3-torch is installed)
#   PEER_CORETYPE=default scripts/bench-mc.sh   # the peers on OpenBLAS's own kernel choice (see below)
#   DEPTH=4 WIDTH=256 BATCH=256 REPS=2 scripts/bench-mc.sh   # a small network, to try the script
#   PAIRS=20 scripts/bench-mc.sh       # alternating runs, pair by pair (below)
#
# Times are of one full forward pass, weight drawing included, input
# generation excluded (selu-solve's "seconds", the timed runs of the peer
# workloads scripts/peers/w1_numpy.py and scripts/peers/w1_torch.py): the
# median and the minimum over REPS runs of each. The ratio of two runs made
# in the same minute is the figure to read (under load, the ratio of the
# minima, the least disturbed runs); the load average is printed with each
# line.
#
# The peers need /usr/bin/python3 (or $PYTHON) with numpy; without it the
# script stops with a message and exit status 1.
#
# numpy: Debian's /usr/bin/python3 with python3-numpy; with libopenblas0
# installed numpy uses OpenBLAS (update-alternatives libblas.so.3), otherwise
# the slow reference BLAS (printed below). Debian's python3-torch multiplies
# with the same libblas.so.3. On a CPU model that OpenBLAS does not know it
# would run its SSE3 kernels; by default the peers get its AVX2 or AVX-512
# ones (PEER_CORETYPE, see scripts/peers/openblas.sh; the kernel set used is
# printed). PEER_CORETYPE=default keeps OpenBLAS's own choice.
#
# PAIRS=N: alternating runs, pair by pair, the steadier figure on a shared
# machine. Every run is a fresh process doing one forward pass: selu-solve mc,
# then w1_numpy.py --warmup 0 --reps 1 (then w1_torch.py the same way), N
# times after one such round that is not counted. The ratio ours/peer is taken
# within each round and the median of the N ratios printed (with their
# range), for the in-process seconds (one pass, input generation excluded)
# and for the whole process (GNU time: wall, and CPU = user + system; the
# peers' start-up and imports included). Needs /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

REPS=${REPS:-5}
ROUNDS=${ROUNDS:-1}
DTYPES=${DTYPES:-"float32 float64"}
NUMPY_W1=scripts/peers/w1_numpy.py
TORCH_W1=scripts/peers/w1_torch.py
PY=${PYTHON:-/usr/bin/python3}
L=${DEPTH:-32} N=${WIDTH:-1024} B=${BATCH:-1024}

die() {
	echo "bench-mc: $*" >&2
	exit 1
}
[ -f "$NUMPY_W1" ] || die "peer workload $NUMPY_W1 is missing"
command -v "$PY" >/dev/null 2>&1 || die "no Python at $PY (set PYTHON)"
"$PY" -c 'import numpy' 2>/dev/null || die "$PY cannot import numpy (Debian: apt-get install python3-numpy)"

bin=$(mktemp -d)/selu-solve
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/selu-solve

echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, go $(go env GOVERSION), CPU features: $(grep -m1 -o -w -E 'avx2|fma|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)
echo "# numpy BLAS: $blas"
echo "# env: $(env | grep -E '^OPENBLAS' | tr '\n' ' ' || true)(unset for the peers)"

. scripts/peers/openblas.sh # peer CMD...: CMD with the OpenBLAS kernels chosen there

stats() { # numbers on stdin → "median min"
	sort -g | awk '{a[NR]=$1} END {if (NR == 0) exit 1; m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.4f %.4f\n", m, a[1]}'
}

ours() { # dtype → "median min" seconds over REPS runs
	local dt=$1 i
	for ((i = 0; i < REPS; i++)); do
		"$bin" mc --weights lecun --input-mean 0 --input-var 1 \
			--lambda 1.0507009873554805 --alpha 1.6732632423543772 \
			--depth $L --width $N --batch $B --dtype "$dt" --quiet --json |
			sed -n 's/.*"seconds": *\([0-9.eE+-]*\).*/\1/p' || true
	done | stats || die "selu-solve mc gave no time"
}

theirs() { # dtype → "median min" seconds (w1_numpy.py's own over REPS timed runs)
	peer_time "$NUMPY_W1" "$1"
}

peer_time() { # script dtype → "median min" seconds (the script's own over REPS timed runs)
	local out t
	out=$(peer "$PY" "$1" --dtype "$2" --L $L --n $N --B $B --reps "$REPS") ||
		die "$1 failed: $out"
	t=$(echo "$out" | sed -n 's/.*median_s=\([0-9.]*\) min_s=\([0-9.]*\).*/\1 \2/p')
	[ -n "$t" ] || die "no time from $1: $out"
	echo "$t"
}

# PyTorch (Debian's python3-torch 1.13) doing W1 the idiomatic way
# (scripts/peers/w1_torch.py), when installed. Prints "median min".
torch_w1() { peer_time "$TORCH_W1" "$1"; }

ratio() { awk -v o="$1" -v t="$2" 'BEGIN {if (o > 0 && t > 0) printf "%.2f", o / t; else exit 1}' || die "no ratio of \"$1\" and \"$2\" seconds"; }

have_torch=0
if [ "${TORCH:-1}" = 1 ] && "$PY" -c 'import torch' 2>/dev/null; then
	have_torch=1
	[ -f "$TORCH_W1" ] || die "peer workload $TORCH_W1 is missing"
	echo "# torch $("$PY" -c 'import torch; print(torch.__version__)'), $(nproc) threads"
fi

pairs() { # dtype → one line per peer, from PAIRS alternating rounds
	local dt=$1 i p line tf=$tdir/time
	local names=(ours numpy)
	((have_torch)) && names+=(torch)
	: >"$tdir/pairs"
	for ((i = 0; i <= PAIRS; i++)); do # round 0 warms the caches and is not counted
		line=
		for p in "${names[@]}"; do
			line+="$(once "$p" "$dt" "$tf") "
		done
		((i == 0)) || echo "$line" >>"$tdir/pairs"
	done
	"$PY" - "$tdir/pairs" "$dt" "$(cut -d' ' -f1-3 /proc/loadavg)" "${names[@]:1}" <<'PYEOF'
import statistics as st, sys
path, dt, load, peers = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows = [list(map(float, l.split())) for l in open(path) if l.strip()]
for k, name in enumerate(peers, 1):
    o = [r[0:3] for r in rows]
    t = [r[3 * k:3 * k + 3] for r in rows]
    rin = sorted(a[0] / b[0] for a, b in zip(o, t))
    rw = st.median(a[1] / b[1] for a, b in zip(o, t) if b[1] > 0)
    rc = st.median(a[2] / b[2] for a, b in zip(o, t) if b[2] > 0)
    print("%-8s %-6s %5d %9.4f %9.4f %7.2f %11s %7.2f %7.2f  %s" % (
        dt, name, len(rows), st.median(a[0] for a in o), st.median(b[0] for b in t),
        st.median(rin), "%.2f-%.2f" % (rin[0], rin[-1]), rw, rc, load))
PYEOF
}

once() { # ours|numpy|torch dtype timefile → "seconds wall cpu" of one fresh process
	local out s
	case $1 in
	ours)
		out=$(/usr/bin/time -f '%e %U %S' -o "$3" "$bin" mc --weights lecun --input-mean 0 --input-var 1 \
			--lambda 1.0507009873554805 --alpha 1.6732632423543772 \
			--depth $L --width $N --batch $B --dtype "$2" --quiet --json) || die "selu-solve mc failed"
		s=$(echo "$out" | sed -n 's/.*"seconds": *\([0-9.eE+-]*\).*/\1/p')
		;;
	*)
		local script=$NUMPY_W1
		[ "$1" = torch ] && script=$TORCH_W1
		out=$(peer /usr/bin/time -f '%e %U %S' -o "$3" "$PY" "$script" --dtype "$2" --L $L --n $N --B $B --warmup 0 --reps 1) ||
			die "$script failed: $out"
		s=$(echo "$out" | sed -n 's/.*median_s=\([0-9.]*\).*/\1/p')
		;;
	esac
	[ -n "$s" ] || die "no time from $1: $out"
	echo "$s $(awk '{printf "%s %.2f", $1, $2 + $3}' "$3")"
}

if [ "${PAIRS:-0}" -gt 0 ]; then
	[ -x /usr/bin/time ] || die "PAIRS needs GNU time in /usr/bin/time (apt-get install time)"
	tdir=$(dirname "$bin")
	printf '%-8s %-6s %5s %9s %9s %7s %11s %7s %7s  %s\n' dtype peer pairs ours_s peer_s r_in r_in_range r_wall r_cpu load
	for dt in $DTYPES; do
		pairs "$dt"
	done
	echo "# ours_s, peer_s: medians of the in-process seconds of one pass; r_in: median over the pairs of ours / peer in-process"
	echo "# (and its range); r_wall, r_cpu: medians of ours / peer for the whole processes (wall, user + system)"
	exit 0
fi

printf '%-8s %-5s %9s %9s %9s %9s %7s %7s' dtype round ours_med numpy_med ours_min numpy_min r_med r_min
((have_torch)) && printf ' %9s %9s %7s' torch_med torch_min r_torch
printf '  %s\n' load
for dt in $DTYPES; do
	for ((r = 1; r <= ROUNDS; r++)); do
		if ((r % 2)); then o=$(ours "$dt"); t=$(theirs "$dt"); else t=$(theirs "$dt"); o=$(ours "$dt"); fi
		read -r om omin <<<"$o"
		read -r tm tmin <<<"$t"
		rmed=$(ratio "$om" "$tm")
		rmin=$(ratio "$omin" "$tmin")
		printf '%-8s %-5s %9s %9s %9s %9s %7s %7s' "$dt" "$r" "$om" "$tm" "$omin" "$tmin" "$rmed" "$rmin"
		if ((have_torch)); then
			p=$(torch_w1 "$dt")
			read -r pm pmin <<<"$p"
			rt=$(ratio "$om" "$pm")
			printf ' %9s %9s %7s' "$pm" "$pmin" "$rt"
		fi
		printf '  %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
	done
done
echo "# r_med, r_min = ours / numpy of the medians and of the minima (target ≤ 0.80); r_torch = ours / torch, medians"
