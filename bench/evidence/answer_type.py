"""Does the answer hold the kind of thing its question asks for? A model-free check of the answers
that knowledge_gpu.sh's evaluations saved (fine-tuned + documents), for issue 18's «não sei».

    python bench/evidence/answer_type.py bench/results/knowledge_gpu/sessao*/*.teste.json ...

A question that asks for a price, a measure, a score, a date, a season or a count, answered without
one (no euros in the answer to «Quanto custa...?», no number of metres to «Qual é a altura...?»),
was answered from a passage about something else: the check would turn it into «não sei». The
kinds and their words were written once, on the tuning sets (perguntas_teste.jsonl and
perguntas_sem_resposta_afinacao.jsonl), then read on the held-out sets unchanged. For each file:
on answerable questions, the right answers the check would lose; on questions the documents do not
answer, the wrong answers it would turn into «não sei» (answers that already say «não sei», and
questions the shipped documents' rule answers before the model, are left out). No model run.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from farense_studio.data.raft import says_dont_know  # noqa: E402
from farense_studio.engine.keywords import fold  # noqa: E402

NUMBER_WORDS = (r"\b(um|uma|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|"
                r"quinze|dezasseis|dezassete|dezoito|dezanove|vinte|trinta|quarenta|cinquenta|sessenta|"
                r"setenta|oitenta|noventa|cem|cento|centenas?|dezenas?|mil|milhares|milhoes|nenhum|nenhuma)\b")
MONTHS = r"\b(janeiro|fevereiro|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)\b"
WEEKDAYS = r"\b(segunda|terca|quarta|quinta|sexta|sabado|domingo)\b"
# kind: (the question asks for it, folded; the answer holds one, folded). The first kind asked wins.
KINDS = {
    "price": (r"\bquanto (custa|custam|custou|custaram|vale|valem|valeu|paga|pagam|pagou|ganha|ganhou|recebe|"
              r"recebeu)\b|\bpreco\b|\bsalario\b|\bordenado\b",
              r"€|\beuros?\b|\bescudos?\b|\bcontos\b|\$|\blibras\b|\bdolares\b|\bgratis\b|\bgratuit"),
    "measure": (r"\bqual (e|era|foi) a (altura|lotacao|capacidade)\b|\bque altura (tem|tinha)\b|"
                r"\bquanto (mede|media|pesa|pesava)\b|\bqual (e|era) o peso\b|\bque lotacao\b|\bque capacidade\b",
                r"\d.*\b(m|cm|metros?|kg|quilos?|lugares|espectadores|pessoas)\b"),
    "score": (r"\bgoleada\b|\bresultados?\b|\bpor quantos\b", r"\b\d{1,2}\s*[-–x]\s*\d{1,2}\b|\bempat|\bgolos?\b"),
    "date": (r"\bem que ano\b|^que ano\b|\bque data\b|\bem que dia\b", r"\d|" + MONTHS + "|" + WEEKDAYS),
    "season": (r"\bque epoca\b|\bque temporada\b", r"\d"),
    "count": (r"\bquant[oa]s\b", r"\d|" + NUMBER_WORDS),
}


def missing_kind(question: str, answer: str) -> str | None:
    """The kind the question asks for when the answer holds none of it, else None."""
    asked, said = fold(question), fold(answer)
    for kind, (asks, holds) in KINDS.items():
        if re.search(asks, asked):
            return None if re.search(holds, said) else kind
    return None


def read(path: Path) -> str:
    rows = json.loads(path.read_text(encoding="utf-8"))["documents"]["rows"]
    silent_set = "sem_resposta" in path.name
    flagged, counted = [], 0
    for row in rows:
        answer = row.get("tuned_answer") or ""
        if silent_set and (row.get("silent") or says_dont_know(answer)):
            continue
        if not silent_set and not row.get("tuned_correct"):
            continue
        counted += 1
        kind = missing_kind(row["question"], answer)
        if kind:
            flagged.append(f"{kind}: {row['question']}")
    what = "wrong answers -> «não sei»" if silent_set else "right answers lost"
    return f"{path.parent.name}/{path.name}: {what} {len(flagged)} of {counted}" + "".join(
        f"\n    {line}" for line in flagged)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(read(Path(name)))
