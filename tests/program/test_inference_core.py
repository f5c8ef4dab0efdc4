"""The one home of the chat prompt, end of turn, sampling limits and adapter checksums.

The app's chat, the inference program and the local server used to fold a refused system
prompt in three different ways; these tests pin the one behaviour they now share.
"""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import pytest

from farense_studio.program import PROGRAM_FILES, inference_core
from farense_studio.program.inference_core import (LIMITS, add_end_of_turn, changed_adapter_file, chat_tokens,
                                                   clean_text, fold_system, in_limits, sha256_file)


class NoSystemTokenizer:
    """A template that refuses the system role, as older Mistral ones do."""

    def apply_chat_template(self, messages, add_generation_prompt=True):
        if any(m["role"] == "system" for m in messages):
            raise ValueError("Conversation roles must alternate user/assistant/user/assistant/...")
        return [ord(c) for c in "|".join(f"{m['role']}:{m['content']}" for m in messages)]


def text_of(messages) -> str:
    return "".join(map(chr, chat_tokens(NoSystemTokenizer(), messages)))


def test_a_refused_system_prompt_opens_the_first_question():
    messages = [{"role": "system", "content": "Sê breve."}, {"role": "user", "content": "P1"},
                {"role": "assistant", "content": "R1"}, {"role": "user", "content": "P2"}]
    assert text_of(messages) == "user:Sê breve.\n\nP1|assistant:R1|user:P2"


def test_the_system_prompt_never_lands_on_an_assistant_turn():
    """The server used to merge it into whatever came second (here the assistant's turn)."""
    messages = [{"role": "system", "content": "Sê breve."}, {"role": "assistant", "content": "Olá!"},
                {"role": "user", "content": "P1"}]
    assert text_of(messages) == "assistant:Olá!|user:Sê breve.\n\nP1"


def test_an_empty_system_prompt_adds_no_blank_lines():
    messages = [{"role": "system", "content": ""}, {"role": "user", "content": "P1"}]
    assert text_of(messages) == "user:P1"
    assert fold_system(messages) == [{"role": "user", "content": "P1"}]
    assert messages[1]["content"] == "P1"  # the caller's messages are left alone


def test_a_template_that_takes_the_system_role_gets_it_unchanged(tiny_model_dir):
    from mlx_lm.utils import load_tokenizer

    tokenizer = load_tokenizer(Path(tiny_model_dir))
    messages = [{"role": "system", "content": "Sê breve."}, {"role": "user", "content": "Olá"}]
    text = tokenizer.decode(chat_tokens(tokenizer, messages))
    assert "Sê breve." in text and text.index("Sê breve.") < text.index("Olá")


def test_end_of_turn_tokens_become_stop_ids_once(tiny_model_dir):
    from mlx_lm.utils import load_tokenizer

    tokenizer = load_tokenizer(Path(tiny_model_dir))
    vocab = tokenizer.get_vocab()
    known = {vocab[t] for t in inference_core.END_OF_TURN_TOKENS if t in vocab}
    assert known, "the tiny model's vocabulary has ChatML's <|im_end|>"
    assert known <= add_end_of_turn(tokenizer)
    assert add_end_of_turn(tokenizer) == set(tokenizer.eos_token_ids)


@pytest.mark.parametrize("name, value, ok", [
    ("temperature", 0, True), ("temperature", 0.7, True), ("temperature", 5, True), ("temperature", 5.01, False),
    ("temperature", -0.1, False), ("temperature", math.nan, False), ("temperature", math.inf, False),
    ("temperature", True, False), ("temperature", "0.7", False), ("top_p", 1.0, True), ("top_p", 1.5, False),
    ("max_tokens", 256, True), ("max_tokens", 256.0, False), ("max_tokens", 0, False),
    ("repetition_penalty", -1, False), ("repetition_penalty", 0, True),
])
def test_sampling_limits(name, value, ok):
    assert in_limits(name, value) is ok


def test_defaults_are_inside_the_limits():
    assert all(in_limits(name, inference_core.DEFAULTS[name]) for name in LIMITS)


def test_undecodable_bytes_become_replacement_characters():
    assert clean_text("a\udcffb") == "a\ufffdb"
    cleaned = clean_text("a \ud83d b")  # a lone surrogate from JSON's "\ud83d"
    assert cleaned.startswith("a \ufffd") and cleaned.endswith("\ufffd b")
    assert json.loads(json.dumps(cleaned, ensure_ascii=False).encode("utf-8")) == cleaned


def test_a_changed_adapter_is_named(tmp_path):
    (tmp_path / "adapters.safetensors").write_bytes(b"weights")
    (tmp_path / "adapter_config.json").write_text("{}")
    files = {name: "sha256:" + sha256_file(tmp_path / name) for name in inference_core.ADAPTER_FILES}
    assert changed_adapter_file(tmp_path, {"files": files}) is None
    assert changed_adapter_file(tmp_path, {}) is None  # exports older than the checksums
    (tmp_path / "adapters.safetensors").write_bytes(b"weightz")
    assert changed_adapter_file(tmp_path, {"files": files}) == "adapters.safetensors"
    assert changed_adapter_file(tmp_path, {"files": "junk"}) is None


def test_the_program_files_import_only_the_standard_library():
    """An export's inference.py starts under any python3; only the hand-over to an installed app
    and mlx-lm (inside functions) reach beyond the standard library."""
    import sys

    def module_level(nodes):
        for node in nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                yield node
            elif isinstance(node, (ast.If, ast.Try)):
                yield from module_level(node.body + node.orelse)

    for source in PROGRAM_FILES.values():
        for node in module_level(ast.parse(Path(source).read_text(encoding="utf-8")).body):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                root = name.split(".")[0]
                assert node.__class__ is ast.ImportFrom and node.level == 1 or root in sys.stdlib_module_names \
                    or root == "inference_core", (source, name)
