"""The tiny test models load and generate through plain mlx-lm, as every later test assumes."""

import json


def test_tiny_llama_loads_and_follows_chat_template(tiny_model_dir):
    from mlx_lm import load

    model, tokenizer = load(str(tiny_model_dir))
    ids = tokenizer.apply_chat_template([{"role": "user", "content": "Quem foi Hassan Nader?"}],
                                        add_generation_prompt=True)
    text = tokenizer.decode(ids)
    assert "<|im_start|>user\nQuem foi Hassan Nader?<|im_end|>" in text
    assert text.endswith("<|im_start|>assistant\n")
    assert tokenizer.eos_token == "<|im_end|>"
    # Portuguese accents round-trip through the byte-level BPE.
    assert tokenizer.decode(tokenizer.encode("Leões de Faro, São Luís", add_special_tokens=False)) == "Leões de Faro, São Luís"


def test_tiny_mistral_config(tiny_mistral_dir):
    config = json.loads((tiny_mistral_dir / "config.json").read_text())
    assert config["model_type"] == "mistral"
    from mlx_lm import load

    model, _ = load(str(tiny_mistral_dir))
    assert len(model.layers) == 2
