#!/usr/bin/env bash
# Summarization throughput of the mt5-small-shaped copier on one GPU (bfloat16, batched, both engines),
# printed after its CPU twin measured on the same machine with the same model and settings.
#
# Needs Python with a CUDA build of torch, transformers 5, sentencepiece, and ctranslate2 for the
# CTranslate2 ways (skipped with a note when missing). A CPU-only torch wheel cannot see a GPU: the
# script says so and stops. Run from anywhere: bash benchmarks/gpu_summarize.sh
#
# ctranslate2's PyPI wheel (4.x) is built for CUDA 12 and opens cuBLAS by the name libcublas.so.12; a
# host with CUDA 13 alone has libcublas.so.13. The nine cuBLAS functions CTranslate2 calls
# (cublasCreate_v2, cublasDestroy_v2, cublasSetStream_v2, cublasGetMathMode, cublasGetProperty,
# cublasGemmEx, cublasGemmStridedBatchedEx, cublasSgemm_v2, cublasSgemmStridedBatched: the strings in
# libctranslate2) keep their signatures in cuBLAS 13, so where libcublas.so.12 cannot be opened and a
# libcublas.so.13 is found, the script puts a link by the old name in a folder of its own at the head of
# LD_LIBRARY_PATH and says so; the identical-output column then shows whether the outputs held.
# Under 3 minutes on one H200 with 16 cores (2026-12-01).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-$(command -v python3 || command -v python)}
export PYTHONUNBUFFERED=1
"$PY" - <<'CHECK'
import sys

import torch

if not torch.cuda.is_available():
    sys.exit(
        f"gpu_summarize: torch {torch.__version__} sees no CUDA device (a CPU-only torch wheel, or no GPU)"
    )
print(f"GPU {torch.cuda.get_device_name(0)}; torch {torch.__version__} (CUDA {torch.version.cuda})")
try:
    import ctranslate2
except ImportError:
    print("ctranslate2 is not installed: the CTranslate2 ways are skipped")
else:
    print(f"ctranslate2 {ctranslate2.__version__} sees {ctranslate2.get_cuda_device_count()} CUDA device(s)")
CHECK
SKIP=""
"$PY" -c "import ctranslate2" 2>/dev/null || SKIP="--skip ct2"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -z "$SKIP" ]; then
    CUBLAS13=$("$PY" - <<'FIND'
import ctypes
import glob
import os
import sys

try:
    ctypes.CDLL("libcublas.so.12")
except OSError:
    pass
else:
    sys.exit(0)  # CUDA 12's cuBLAS is there: nothing to do
try:
    import nvidia

    roots = [os.path.join(p, "**", "libcublas.so.13*") for p in nvidia.__path__]
except ImportError:
    roots = []
roots += ["/usr/local/cuda/lib64/libcublas.so.13*", "/usr/lib/x86_64-linux-gnu/libcublas.so.13*"]
found = sorted(f for root in roots for f in glob.glob(root, recursive=True))
print(found[0] if found else "")
FIND
)
    if [ -n "$CUBLAS13" ]; then
        mkdir -p "$WORK/cublas12"
        ln -s "$CUBLAS13" "$WORK/cublas12/libcublas.so.12"
        export LD_LIBRARY_PATH="$WORK/cublas12:$(dirname "$CUBLAS13")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        echo "no libcublas.so.12 here: CTranslate2 opens $CUBLAS13 through a link by that name"
    fi
fi
export NASHRA_CACHE_DIR="$WORK/cache"
echo "== CPU twin: the same model and settings on this machine's CPU, 4 threads =="
"$PY" benchmarks/summarize.py --model-dir "$WORK/model" --sections 24 --naive-sections 4 --threads 4 \
    --skip "int8${SKIP:+,ct2}"
echo "== GPU, bfloat16 =="
"$PY" benchmarks/summarize.py --model-dir "$WORK/model" --device cuda --dtype bfloat16 --sections 256 \
    --naive-sections 8 --budget 131072 --repeat 3 $SKIP
