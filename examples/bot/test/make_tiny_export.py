"""Builds a tiny exported model for the bot's Node tests; prints one JSON line on stdout.

Run with Farense Studio's Python (FARENSE_PYTHON): a tiny random Llama, a run trained until it
answers QUESTION with ANSWER, and its export, all under the folder given as argument.
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "tests" / "export"))

from tiny_run import ANSWER, QUESTION, make_tiny_run  # noqa: E402

from farense_studio.engine.export import export_run  # noqa: E402
from farense_studio.engine.tiny_model import build_tiny_model  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1])
    base = build_tiny_model(out / "modelo-base")
    run = make_tiny_run(base, out / "treinos" / "treino-tiny")
    folder = export_run(run, out / "exportacoes")
    print(json.dumps({"export": str(folder), "question": QUESTION, "answer": ANSWER}, ensure_ascii=False))


if __name__ == "__main__":
    main()
