#!/usr/bin/env bash
# The GPU machine has no internet: MLX (mlx, mlx-cuda-13, mlx-lm), the index's wheels (bm25s,
# PyStemmer, platformdirs) and the demo model's GGUF travel with the working tree in four parts of
# one tar (shared/design/device.md explains why: one call carries 64 MiB at most, the working tree
# of ~12 MB included, so three parts of 63 MB do not fit); each folder holds a file bpart_total
# with the number of parts.
#   here:   tar cf bundle.tar <the three MLX wheels> SmolLM2-135M-Instruct.Q4_1.gguf   (wheels first)
#           split -n 4 -d bundle.tar bpart_; bpart_00..03 into .whlA .. .whlD, the index's wheels
#           into .whlB/extra/
#   there:  every call runs `bash bench/evidence/gpu_install.sh .whlX` with the folder it carries:
#           after the second part MLX is installed (the wheels fill the first two parts), after the
#           fourth the GGUF is there too. Later calls of the same lease find both in /tmp.
# Then: export PYTHONPATH=/tmp/site:$PWD FARENSE_DEMO_GGUF=/tmp/w/SmolLM2-135M-Instruct.Q4_1.gguf
set -euo pipefail
CARRIED=${1:?the folder this call carries}
mkdir -p /tmp/w
cp "$CARRIED"/bpart_* /tmp/w/ 2>/dev/null || true
if [ ! -d /tmp/site/mlx ] && [ -f /tmp/w/bpart_01 ]; then
    (cd /tmp/w && cat bpart_00 bpart_01 | tar xf - --wildcards '*.whl' 2>/dev/null || true)
    python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site /tmp/w/*.whl \
        "$CARRIED"/extra/*.whl
fi
LAST=$(printf 'bpart_%02d' $(( $(cat "$CARRIED"/bpart_total 2>/dev/null || echo 4) - 1 )))
if [ ! -f /tmp/w/SmolLM2-135M-Instruct.Q4_1.gguf ] && [ -f "/tmp/w/$LAST" ]; then
    (cd /tmp/w && cat bpart_0* | tar xf - SmolLM2-135M-Instruct.Q4_1.gguf && rm -f bpart_*)
fi
if [ -d /tmp/site/mlx ]; then
    PYTHONPATH=/tmp/site python3 -c "import mlx.core as mx, mlx_lm, bm25s, Stemmer; print('mlx', mx.__version__, mx.default_device(), 'mlx-lm', mlx_lm.__version__)"
fi
ls -la /tmp/w
