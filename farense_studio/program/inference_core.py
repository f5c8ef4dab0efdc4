"""The one home of what the app's chat, the inference program and the local server share.

The export FORMAT, the sampling DEFAULTS and their LIMITS, the program's MESSAGES (which
farense_studio.messages merges), FUSED_MARKER, the adapter files and their checksums, the end-of-turn tokens and the chat prompt (with the system prompt
folded into the first user turn for templates that refuse a system role). Standard library
only: every export carries a copy beside its inference.py, which imports it from there.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

FORMAT = "farense-studio-export"
FUSED_MARKER = "farense_fused.json"  # inside a fused model folder: the adaptation is already in
ADAPTER_FILES = ("adapters.safetensors", "adapter_config.json")

DEFAULTS = {"temperature": 0.7, "top_p": 0.9, "max_tokens": 256, "repetition_penalty": 1.1}
# Allowed ranges of the sampling settings (the program and the server refuse anything else;
# repetition_penalty 0 means off, as in mlx-lm).
LIMITS = {"temperature": (0, 5), "top_p": (0, 1), "max_tokens": (1, 32768), "repetition_penalty": (0, 10)}
MAX_PROMPT_CHARS = 20_000  # about ten pages: a question for the bot is a few lines

# The inference program's texts: code -> (European Portuguese, English).
# farense_studio.messages merges these too.
MESSAGES = {
    "infer_no_prompt": ("Não foi indicada nenhuma pergunta.", "No prompt was given."),
    "infer_empty_prompt": ("A pergunta está vazia.", "The prompt is empty."),
    "infer_prompt_too_long": ("A pergunta é demasiado longa ({length} caracteres; máximo {limit}).",
                              "The prompt is too long ({length} characters; at most {limit})."),
    "infer_bad_encoding": ("A pergunta não é texto UTF-8 válido.", "The prompt is not valid UTF-8 text."),
    "infer_bad_setting": ("Valor inválido para {name}: {value} (permitido: {low} a {high}).",
                          "Invalid value for {name}: {value} (allowed: {low} to {high})."),
    "infer_bad_arguments": ("Argumentos inválidos: {detail}", "Invalid arguments: {detail}"),
    "infer_no_model": ("Não se sabe que modelo base usar: indique --model.",
                       "No base model known: pass --model."),
    "infer_model_missing": ("Modelo base não encontrado: {model}.", "Base model not found: {model}."),
    "infer_model_unavailable": ("{detail}", "{detail}"),  # the app's own explanation (engine.models)
    "infer_model_failed": ("Não foi possível carregar o modelo base {model}: {detail}",
                           "Could not load the base model {model}: {detail}"),
    "infer_adapter_missing": ("Afinação não encontrada em {path}.", "Adapter not found in {path}."),
    "infer_adapter_changed": ("A afinação em {path} foi alterada depois da exportação ({file} não corresponde "
                              "ao metadata.json). Exporte de novo a partir do Farense Studio.",
                              "The adapter in {path} changed after the export ({file} does not match "
                              "metadata.json). Export it again from Farense Studio."),
    "infer_adapter_failed": ("A afinação em {path} está danificada ou não corresponde ao modelo base: {detail}",
                             "The adapter in {path} is damaged or does not match the base model: {detail}"),
    "infer_generation_failed": ("Falhou a geração da resposta: {detail}", "Generating the answer failed: {detail}"),
    "infer_mlx_missing": ("Este Python ({python}) não tem o mlx-lm e não se encontrou o ambiente do Farense Studio. "
                          "Instale o Farense Studio ou corra: pip install mlx-lm",
                          "This Python ({python}) lacks mlx-lm and Farense Studio's environment was not found. "
                          "Install Farense Studio or run: pip install mlx-lm"),
    "infer_unexpected": ("Erro inesperado: {detail}", "Unexpected error: {detail}"),
    "infer_documents_failed": ("Não foi possível consultar os documentos do clube: {detail}",
                               "Could not search the club's documents: {detail}"),
    "infer_documents_unavailable": ("Sem o ambiente do Farense Studio o índice em {path} não pode ser consultado: "
                                    "a resposta vem sem os documentos do clube.",
                                    "Without Farense Studio's environment the index in {path} cannot be searched: "
                                    "the answer comes without the club's documents."),
}

# Tokens that end an assistant turn in the chat templates we meet (ChatML, Llama 3, Gemma,
# Phi, Mistral). An adaptation that has not learnt to stop still ends at the first of these.
END_OF_TURN_TOKENS = ("<|im_end|>", "<|eot_id|>", "<|end_of_text|>", "<end_of_turn>", "<|end|>",
                      "</s>", "<|endoftext|>")


def in_limits(name: str, value) -> bool:
    """A finite number (not a bool) inside LIMITS[name]; NaN and infinity are not."""
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if name == "max_tokens" and not isinstance(value, int):
        return False
    return math.isfinite(value) and low <= value <= high


def clean_text(text: str) -> str:
    """Undecodable bytes of a path or an argument (lone surrogates) become U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes (from JSON "\ud83d")
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def changed_adapter_file(folder: Path, metadata: dict) -> str | None:
    """The first adapter file whose checksum differs from the one the export recorded in
    metadata["files"] (a changed or damaged adapter loads and answers garbage), else None.
    Exports older than the checksums, and missing files (reported when loading), pass."""
    recorded = metadata.get("files")
    recorded = recorded if isinstance(recorded, dict) else {}
    for name in ADAPTER_FILES:
        expected, path = recorded.get(name), Path(folder) / name
        if isinstance(expected, str) and expected.startswith("sha256:") and path.is_file() \
                and sha256_file(path) != expected[len("sha256:"):]:
            return name
    return None


# ---------------------------------------------------------------- chat prompt and end of turn

def add_end_of_turn(tokenizer) -> set[int]:
    """Adds every END_OF_TURN_TOKENS entry the vocabulary knows to the stop ids; returns them.

    Once per tokenizer: reading a large vocabulary takes tens of milliseconds."""
    if not getattr(tokenizer, "_farense_end_of_turn", False):
        vocab = tokenizer.get_vocab() if hasattr(tokenizer, "get_vocab") else {}
        for token in END_OF_TURN_TOKENS:
            if token in vocab:
                tokenizer.add_eos_token(token)
        try:
            tokenizer._farense_end_of_turn = True
        except AttributeError:  # a tokenizer that takes no attributes: added again next time
            pass
    return set(tokenizer.eos_token_ids)


def fold_system(messages: list[dict]) -> list[dict]:
    """The conversation without its system turn, whose text opens the first user turn.

    For templates that refuse a system role (older Mistral ones), which also want the user to
    speak first: the system text never lands on an assistant turn; an empty one just goes."""
    system, rest = messages[0].get("content") or "", [dict(m) for m in messages[1:]]
    for message in rest:
        if message.get("role") == "user":
            message["content"] = f"{system}\n\n{message['content']}" if system else message["content"]
            break
    return rest


def chat_tokens(tokenizer, messages: list[dict]) -> list[int]:
    """Token ids of a conversation through the model's chat template, ready for the reply;
    a system turn the template refuses is folded into the first user turn."""
    try:
        return list(tokenizer.apply_chat_template(messages, add_generation_prompt=True))
    except Exception:  # jinja's TemplateError, raised by the template itself
        if not messages or messages[0].get("role") != "system":
            raise
        return list(tokenizer.apply_chat_template(fold_system(messages), add_generation_prompt=True))
