#!/usr/bin/env bash
# bench-train.sh: one epoch of Fashion-MNIST on a dense SELU network, depth 8,
# width 512, batch 128, float32, SGD with momentum, 2 threads: selu-solve train
# against PyTorch (scripts/peers/train_pytorch.py, the same network, data
# preparation and optimizer) back to back, and the ratio of the epoch times
# (training pass only, the test pass excluded).
#
#   scripts/bench-train.sh             # ROUNDS=1: ours, then PyTorch
#   ROUNDS=3 scripts/bench-train.sh    # alternate three times; ratio of the medians
#
# Needs Debian's dataset-fashion-mnist (or DATA=dir with the idx files) and
# python3-torch with python3-numpy for /usr/bin/python3. A missing peer or
# missing data is an error (exit 1), not a skipped comparison. The machine may
# be shared: the load average is printed, and the ratio of two runs made in the
# same minute is the figure to read; on a loaded machine the ratio of the
# processes' CPU times (user + system, printed too) is the steadier one.
#
# PyTorch multiplies with the system OpenBLAS; on a CPU model that OpenBLAS
# does not know it would run its SSE3 kernels, so the script gives it its
# AVX2 or AVX-512 kernels (PEER_CORETYPE, scripts/peers/openblas.sh; the
# kernel set used is printed). PEER_CORETYPE=default keeps OpenBLAS's own
# choice.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

ROUNDS=${ROUNDS:-1}
DATA=${DATA:-/usr/share/datasets/fashion-mnist}
PY=/usr/bin/python3
ARGS=(--depth 8 --width 512 --batch 128 --epochs 1)

[ -d "$DATA" ] || { echo "bench-train: no data in $DATA (apt-get install dataset-fashion-mnist, or DATA=dir)" >&2; exit 1; }
"$PY" -c 'import torch, numpy' 2>/dev/null || { echo "bench-train: the peer needs python3-torch and python3-numpy for $PY (apt-get install python3-torch)" >&2; exit 1; }

tdir=$(mktemp -d)
bin=$tdir/selu-solve
trap 'rm -rf "$tdir"' EXIT
# Process CPU time (user + system, whole process: start-up, data loading,
# the epoch and the test pass) from GNU time, the figure to read when the
# machine is shared.
[ -x /usr/bin/time ] || { echo "bench-train: needs GNU time in /usr/bin/time (apt-get install time)" >&2; exit 1; }
TIME=(/usr/bin/time -f '%U %S' -o)
cpu() { awk '{printf "%.2f", $1 + $2}' "$1"; }
go build -o "$bin" ./cmd/selu-solve

echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, go $(go env GOVERSION), torch $("$PY" -c 'import torch; print(torch.__version__)')"
echo "# network: ${ARGS[*]}, float32, SGD lr 0.01 momentum 0.9, 2 threads"
. scripts/peers/openblas.sh # peer CMD...: CMD with the OpenBLAS kernels chosen there

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

ours_t=() theirs_t=() ours_c=() theirs_c=()
for ((r = 1; r <= ROUNDS; r++)); do
	echo "# round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	j=$(GOMAXPROCS=2 "${TIME[@]}" "$tdir/ours" "$bin" train "${ARGS[@]}" --data "$DATA" --test-limit 1000 --quiet --json)
	o=$(printf '%s' "$j" | "$PY" -c 'import json,sys; e=json.load(sys.stdin)["epochs"][0]; print(e["seconds"], e["test_accuracy"])')
	echo "selu-solve train: ${o% *} s, test accuracy ${o#* } (first 1000 test samples); process CPU $(cpu "$tdir/ours") s"
	ours_t+=("${o% *}")
	ours_c+=("$(cpu "$tdir/ours")")
	p=$(peer "${TIME[@]}" "$tdir/theirs" "$PY" scripts/peers/train_pytorch.py "${ARGS[@]}" --data "$DATA" --threads 2 | tail -1)
	t=$(printf '%s' "$p" | "$PY" -c 'import json,sys; e=json.load(sys.stdin); print(e["seconds"], e["test_accuracy"])')
	echo "pytorch:          ${t% *} s, test accuracy ${t#* }; process CPU $(cpu "$tdir/theirs") s"
	theirs_t+=("${t% *}")
	theirs_c+=("$(cpu "$tdir/theirs")")
done
mo=$(printf '%s\n' "${ours_t[@]}" | median)
mt=$(printf '%s\n' "${theirs_t[@]}" | median)
awk -v o="$mo" -v t="$mt" 'BEGIN { printf "epoch time ratio ours/pytorch = %.3f (%.2f s / %.2f s, medians of %d)\n", o / t, o, t, '"$ROUNDS"' }'
mo=$(printf '%s\n' "${ours_c[@]}" | median)
mt=$(printf '%s\n' "${theirs_c[@]}" | median)
awk -v o="$mo" -v t="$mt" 'BEGIN { printf "process CPU time ratio ours/pytorch = %.3f (%.2f s / %.2f s, user + system, medians of %d)\n", o / t, o, t, '"$ROUNDS"' }'
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
