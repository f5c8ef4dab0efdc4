"""Builds a tiny exported model for the bot's Node tests; prints one JSON line on stdout.

Run with Farense Studio's Python (FARENSE_PYTHON): a tiny random Llama, a run trained until it
answers QUESTION with ANSWER on the sample project's prepared data, and two exports of it, all
under the folder given as argument: "export" without the club's documents (the answer is
exactly ANSWER) and "exportWithDocuments", which carries their index (the answer has sources).
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "tests"))  # helpers.tiny_run, as the export tests use it

from helpers.tiny_run import ANSWER, QUESTION, make_tiny_run  # noqa: E402

from farense_studio.data import build_corpus, write_prepared  # noqa: E402
from farense_studio.engine.export import ExportOptions, export_run  # noqa: E402
from farense_studio.engine.tiny_model import build_tiny_model  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1])
    base = build_tiny_model(out / "modelo-base")
    from farense_studio.paths import sample_data_dir

    sample = sample_data_dir()
    prepared = write_prepared(build_corpus([sample / "qa.jsonl"], [sample / "biografias"]), out / "preparado")
    run = make_tiny_run(base, out / "treinos" / "treino-tiny", data_dir=prepared)
    plain = export_run(run, out / "exportacoes", ExportOptions(documents=False))
    with_documents = export_run(run, out / "exportacoes")
    print(json.dumps({"export": str(plain), "exportWithDocuments": str(with_documents), "question": QUESTION,
                      "answer": ANSWER}, ensure_ascii=False))


if __name__ == "__main__":
    main()
