"""Builds tiny random-initialised Llama/Mistral models with a small byte-level BPE tokenizer.

Used by the tests (a session fixture), the benchmarks and the packaged app's --self-test: a
complete mlx-lm model folder (config.json, model.safetensors, tokenizer.json,
tokenizer_config.json with a ChatML chat template) made in about a second.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nÉs um assistente prestável.<|im_end|>\n' }}"
    "{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

_BASE_TEXT = """
O Sporting Clube Farense foi fundado a 1 de abril de 1910, em Faro, no Algarve.
Os adeptos chamam à equipa os Leões de Faro. O estádio é o Estádio de São Luís.
Hassan Nader foi o melhor marcador da Primeira Liga em 1994-95, com 21 golos.
Na época de 1994-95 o Farense ficou em quinto lugar e jogou a Taça UEFA contra o Lyon.
Quem foi Hassan Nader? Qual foi a melhor época do Farense? Onde joga o Farense?
The quick brown fox jumps over the lazy dog. What is the capital of France? Paris.
0123456789 ÁÀÂÃÉÊÍÓÔÕÚÇáàâãéêíóôõúç .,;:!?()[]{}"'-_/\\ @#%&*+=<>|~
"""


@dataclass(frozen=True)
class TinySpec:
    """Shape of a tiny model. Defaults give roughly 0.2M parameters."""

    arch: str = "llama"  # "llama" or "mistral"
    hidden_size: int = 64
    num_hidden_layers: int = 2
    intermediate_size: int = 128
    num_attention_heads: int = 4
    num_key_value_heads: int = 2
    vocab_size: int = 512
    max_position_embeddings: int = 2048
    tie_word_embeddings: bool = True
    seed: int = 0


def build_tokenizer(vocab_size: int, extra_text: str = ""):
    """A byte-level BPE tokenizer (tokenizers library) trained on a little Portuguese text."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    lines = (_BASE_TEXT + "\n" + extra_text).splitlines()
    tok.train_from_iterator([line for line in lines if line.strip()] * 4, trainer=trainer)
    return tok


def _write_tokenizer(tok, out: Path) -> None:
    tok.save(str(out / "tokenizer.json"))
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": None,
        "eos_token": "<|im_end|>",
        "pad_token": "<|endoftext|>",
        "unk_token": None,
        "model_max_length": 2048,
        "clean_up_tokenization_spaces": False,
        "chat_template": CHAT_TEMPLATE,
        "added_tokens_decoder": {
            str(tok.token_to_id(t)): {"content": t, "special": True, "lstrip": False,
                                      "rstrip": False, "normalized": False, "single_word": False}
            for t in SPECIAL_TOKENS
        },
    }
    (out / "tokenizer_config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2))
    (out / "special_tokens_map.json").write_text(json.dumps(
        {"eos_token": "<|im_end|>", "pad_token": "<|endoftext|>"}, indent=2))


def model_config(spec: TinySpec, vocab_size: int) -> dict:
    config = {
        "model_type": spec.arch,
        "architectures": ["MistralForCausalLM" if spec.arch == "mistral" else "LlamaForCausalLM"],
        "hidden_size": spec.hidden_size,
        "num_hidden_layers": spec.num_hidden_layers,
        "intermediate_size": spec.intermediate_size,
        "num_attention_heads": spec.num_attention_heads,
        "num_key_value_heads": spec.num_key_value_heads,
        "vocab_size": vocab_size,
        "rms_norm_eps": 1e-5,
        "rope_theta": 10000.0,
        "max_position_embeddings": spec.max_position_embeddings,
        "tie_word_embeddings": spec.tie_word_embeddings,
        "eos_token_id": 2,
        "torch_dtype": "float32",
    }
    if spec.arch == "mistral":
        config["sliding_window"] = None
    return config


def build_tiny_model(out_dir: str | Path, spec: TinySpec | None = None, extra_text: str = "") -> Path:
    """Writes a complete mlx-lm model folder to out_dir and returns it."""
    import mlx.core as mx
    import mlx.nn as nn
    from mlx.utils import tree_flatten
    from mlx_lm.models import llama

    spec = spec or TinySpec()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tok = build_tokenizer(spec.vocab_size, extra_text)
    vocab = tok.get_vocab_size()
    _write_tokenizer(tok, out)
    config = model_config(spec, vocab)
    config["eos_token_id"] = tok.token_to_id("<|im_end|>")
    (out / "config.json").write_text(json.dumps(config, indent=2))

    # Mistral in mlx-lm is the llama implementation; the same weights serve both.
    args = llama.ModelArgs.from_dict(config)
    mx.random.seed(spec.seed)
    model = llama.Model(args)
    # Small init keeps the untrained model's loss near log(vocab) and training stable.
    params = tree_flatten(model.parameters())
    scaled = [(k, (v * 0.5).astype(mx.float32) if v.ndim > 1 else v) for k, v in params]
    model.load_weights(scaled)
    mx.save_safetensors(str(out / "model.safetensors"), dict(tree_flatten(model.parameters())),
                        metadata={"format": "mlx"})
    return out


def _main() -> None:  # pragma: no cover - developer convenience
    import sys

    print(build_tiny_model(sys.argv[1] if len(sys.argv) > 1 else "tiny-model"))


if __name__ == "__main__":  # pragma: no cover
    _main()
