#!/usr/bin/env bash
# The GPU machine has no internet: MLX (mlx, mlx-cuda-13, mlx-lm), the index's wheels (bm25s,
# PyStemmer, platformdirs) and the demo model's GGUF travel with the working tree in four parts of
# one tar (shared/design/device.md explains why: one call carries 64 MiB at most).
#   here:   tar cf bundle.tar <the three MLX wheels> SmolLM2-135M-Instruct.Q4_1.gguf
#           split -n 4 -d bundle.tar bpart_  (then bpart_00..03 into .whlA .. .whlD, extra wheels
#           into .whlD/extra/)
#   there:  calls 1-3 `mkdir -p /tmp/w && cp .whlX/bpart_* /tmp/w/`, call 4 copies .whlD and runs
#           `bash bench/evidence/gpu_install.sh .whlD` before its work.
# Then: export PYTHONPATH=/tmp/site:$PWD FARENSE_DEMO_GGUF=/tmp/w/SmolLM2-135M-Instruct.Q4_1.gguf
set -euo pipefail
LAST=${1:?the folder carried by the last call}
mkdir -p /tmp/w
if [ ! -d /tmp/site/mlx ]; then
    cp "$LAST"/bpart_* /tmp/w/
    cat /tmp/w/bpart_0* > /tmp/w/bundle.tar
    (cd /tmp/w && tar xf bundle.tar && rm -f bundle.tar bpart_*)
    python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site /tmp/w/*.whl "$LAST"/extra/*.whl
fi
PYTHONPATH=/tmp/site python3 -c "import mlx.core as mx, mlx_lm, bm25s, Stemmer; print('mlx', mx.__version__, mx.default_device(), 'mlx-lm', mlx_lm.__version__)"
ls -la /tmp/w
