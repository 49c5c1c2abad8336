#!/usr/bin/env bash
# Summarization throughput of the mt5-small-shaped copier on one GPU (bfloat16, batched, both engines),
# printed after its CPU twin measured on the same machine with the same model and settings.
#
# Needs Python with a CUDA build of torch, transformers 5, sentencepiece, and ctranslate2 for the
# CTranslate2 ways (skipped with a note when missing; ctranslate2's PyPI wheel runs on CUDA 12, so on a
# CUDA 13 machine its GPU way reports that it cannot load). A CPU-only torch wheel cannot see a GPU:
# the script says so and stops. Run from anywhere: bash benchmarks/gpu_summarize.sh
# About 4 minutes on one H200 with 16 cores (an estimate: not yet run there).
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
export NASHRA_CACHE_DIR="$WORK/cache"
echo "== CPU twin: the same model and settings on this machine's CPU, 4 threads =="
"$PY" benchmarks/summarize.py --model-dir "$WORK/model" --sections 24 --naive-sections 4 --threads 4 \
    --skip "int8${SKIP:+,ct2}"
echo "== GPU, bfloat16 =="
"$PY" benchmarks/summarize.py --model-dir "$WORK/model" --device cuda --dtype bfloat16 --sections 256 \
    --naive-sections 16 --budget 131072 $SKIP
