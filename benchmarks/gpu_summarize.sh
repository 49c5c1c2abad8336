#!/usr/bin/env bash
# Summarization throughput of the mt5-small-shaped copier on one GPU (bfloat16, batched, both engines),
# printed after its CPU twin measured on the same machine with the same settings.
#
# Needs a CUDA build of torch and the ctranslate2 wheel (CUDA 12 built in): `pip install -e '.[dev]'`
# on Linux x86-64 gets both from PyPI (PyPI's torch wheel for Linux is the CUDA build; the CPU-only
# wheel, as used on Nashra's CI, cannot see a GPU, and this script says so and stops).
# Usage: bash benchmarks/gpu_summarize.sh          (about 4 minutes on one H200 with 16 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
"$PY" - <<'CHECK'
import sys

import torch

if not torch.cuda.is_available():
    sys.exit(
        f"gpu_summarize: torch {torch.__version__} sees no CUDA device (a CPU-only torch wheel, or no GPU); "
        "install the CUDA build of torch==2.13.0 and run again"
    )
import ctranslate2

print(f"GPU {torch.cuda.get_device_name(0)}; torch {torch.__version__} (CUDA {torch.version.cuda}); "
      f"ctranslate2 {ctranslate2.__version__} sees {ctranslate2.get_cuda_device_count()} CUDA device(s)")
CHECK
MODEL=$(mktemp -d)/mt5-small-shaped-copier
trap 'rm -rf "$(dirname "$MODEL")"' EXIT
echo "== CPU twin: the same model and settings on this machine's CPU (4 threads) =="
"$PY" benchmarks/summarize.py --model-dir "$MODEL" --sections 32 --naive-sections 4 --threads 4 --skip int8
echo "== GPU, bfloat16 =="
"$PY" benchmarks/summarize.py --model-dir "$MODEL" --device cuda --dtype bfloat16 --sections 512 \
    --naive-sections 32 --budget 131072
