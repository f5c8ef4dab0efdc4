"""Does an answer hold the kind of thing its question asks for? (issue 18: «não sei»).

A question that asks for a price, a measure, a score, a date, a season or a count, answered with
the club's documents but without one («Quanto custa um bilhete de época?» -> «Hassan Nader jogou dez
épocas no Farense...»), was answered from a passage about something else: every front end that
answers with the documents (Conversar, the server, an exported inference.py, the fact check) then
answers data.document_prompt.DONT_KNOW_REPLY instead. Model-free, no Qt.

The kinds and their words were written on the tuning sets only and then read, unchanged, on the
held-out sets (bench/evidence/answer_type.py over every saved evaluation of sessions 3-9): no right
answer lost; wrong answers to questions the documents do not answer turned into «não sei»: 1-4 a
run on the tuning set, 1 on the held-out set.
"""

from __future__ import annotations

import re

from farense_studio.data.grounding import fold

NUMBER_WORDS = (r"\b(um|uma|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|"
                r"quinze|dezasseis|dezassete|dezoito|dezanove|vinte|trinta|quarenta|cinquenta|sessenta|"
                r"setenta|oitenta|noventa|cem|cento|centenas?|dezenas?|mil|milhares|milhoes|nenhum|nenhuma)\b")
MONTHS = r"\b(janeiro|fevereiro|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)\b"
WEEKDAYS = r"\b(segunda|terca|quarta|quinta|sexta|sabado|domingo)\b"
# kind: (the question asks for it, the answer holds one), both on folded text (data.grounding.fold).
# The first kind a question asks for is the one checked.
KINDS: dict[str, tuple[str, str]] = {
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
# What each kind is, for the words that explain a «não sei» (Portuguese, English).
KIND_NAMES = {
    "price": ("um preço", "a price"),
    "measure": ("uma medida", "a measure"),
    "score": ("um resultado", "a score"),
    "date": ("uma data", "a date"),
    "season": ("uma época", "a season"),
    "count": ("um número", "a number"),
}


def asked_kind(question: str) -> str | None:
    """The kind of thing the question asks for, if it is one of KINDS."""
    asked = fold(question)
    return next((kind for kind, (asks, _holds) in KINDS.items() if re.search(asks, asked)), None)


def missing_kind(question: str, answer: str) -> str | None:
    """The kind the question asks for when the answer holds none of it, else None."""
    kind = asked_kind(question)
    if kind is None or re.search(KINDS[kind][1], fold(answer)):
        return None
    return kind
