# openblas.sh: the OpenBLAS kernels the Python peers run on; sourced by
# scripts/bench-mc.sh and scripts/bench-train.sh after they set PY.
#
# Debian's python3-numpy and python3-torch multiply matrices with the system
# BLAS (libblas.so.3), OpenBLAS when libopenblas0 is installed. OpenBLAS
# chooses its kernel set ("core") from the CPU's model number; a model newer
# than the OpenBLAS release gets its oldest x86-64 kernels (Prescott: SSE3),
# about five times slower than its AVX-512 ones (OpenBLAS 0.3.21 on an Intel
# Xeon of family 6 model 207). So by default (PEER_CORETYPE=auto) OpenBLAS's
# own choice is asked for and, when it has no AVX2 kernels but the CPU has
# AVX2 and FMA, the peers run with OPENBLAS_CORETYPE=SkylakeX (CPU with
# AVX-512 F, DQ, BW and VL) or Haswell (AVX2 and FMA): the best kernels this
# OpenBLAS has for the CPU. PEER_CORETYPE=default keeps OpenBLAS's own
# choice; PEER_CORETYPE=NAME forces the named one. OPENBLAS_L2_SIZE is unset
# for the peers.
#
# Defines peer CMD... (runs CMD with that environment) and prints one line,
# "# OpenBLAS kernels for the peers: ...".

peer_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
peer() { "${peer_env[@]}" "$@"; }

# openblas_core prints the kernel set of the OpenBLAS that numpy loads under
# peer's environment, or "none".
openblas_core() {
	peer "$PY" -c 'import numpy, sys; sys.path.insert(0, sys.argv[1]); from peer_common import openblas_core; print(openblas_core())' "${BASH_SOURCE[0]%/*}"
}

cpu_has() { # all the named flags are in /proc/cpuinfo
	local f
	for f; do grep -m1 -q -w "$f" /proc/cpuinfo || return 1; done
}

openblas_own=$(openblas_core)
case ${PEER_CORETYPE:-auto} in
auto)
	case $openblas_own in
	none | Haswell | Zen | SkylakeX | Cooperlake | SapphireRapids) ;;
	*)
		if cpu_has avx512f avx512dq avx512bw avx512vl; then
			peer_env+=(OPENBLAS_CORETYPE=SkylakeX)
		elif cpu_has avx2 fma; then
			peer_env+=(OPENBLAS_CORETYPE=Haswell)
		fi
		;;
	esac
	;;
default) ;;
*) peer_env+=(OPENBLAS_CORETYPE="$PEER_CORETYPE") ;;
esac
openblas_used=$(openblas_core)
if [ "$openblas_used" = "$openblas_own" ]; then
	echo "# OpenBLAS kernels for the peers: $openblas_used (OpenBLAS's own choice for this CPU)"
else
	echo "# OpenBLAS kernels for the peers: $openblas_used (OpenBLAS's own choice for this CPU: $openblas_own; PEER_CORETYPE=default keeps it)"
fi
