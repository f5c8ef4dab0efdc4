"""`farense-studio chat`: ask the model (base or fine-tuned) from the terminal, one question or many."""

from __future__ import annotations

import sys
import threading
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "chat", help="conversar com o modelo no terminal / chat with the model in the terminal",
        description="Faz uma pergunta (-q) ou abre uma conversa (sem -q; linha vazia ou Ctrl+D termina). "
                    "Com --run usa a afinação desse treino e o seu prompt de sistema / asks one question "
                    "(-q) or opens a conversation; with --run it uses that run's adapter and system prompt.")
    source = parser.add_argument_group("modelo / model")
    source.add_argument("--run", metavar="DIR", help="pasta do treino / run folder")
    source.add_argument("--checkpoint", choices=("best", "latest"), default="best",
                        help="com --run: o melhor ponto de gravação (por omissão) ou o mais recente / "
                             "with --run: the best checkpoint (default) or the latest")
    source.add_argument("--adapter", metavar="DIR", help="pasta de uma afinação (exportada) / adapter folder")
    source.add_argument("--model", metavar="M",
                        help="modelo base: pasta, repositório ou 'demo' (por omissão o do treino) / base model")
    source.add_argument("--base", action="store_true", help="responder sem a afinação / answer without the adapter")
    parser.add_argument("-q", "--question", action="append", metavar="TEXT",
                        help="pergunta (pode repetir: conversa seguida) / question (repeatable: one conversation)")
    parser.add_argument("--system", metavar="TEXT", help="prompt de sistema / system prompt")
    gen = parser.add_argument_group("geração / generation")
    gen.add_argument("--temperature", type=float, default=0.7, help="0 = sem aleatoriedade / 0 = no randomness (0.7)")
    gen.add_argument("--top-p", type=float, default=0.9, help="(0.9)")
    gen.add_argument("--max-tokens", type=int, default=256, help="(256)")
    gen.add_argument("--repetition-penalty", type=float, default=1.1, help="(1.1)")
    gen.add_argument("--stats", action="store_true", help="tokens/s no fim de cada resposta / tokens per second after each reply")
    parser.set_defaults(func=run)


def _choose_model(args) -> tuple[str, str | None, Path | None]:
    """(base spec, adapter folder or None, run folder or None)."""
    from farense_studio.engine.generation import GenerationError, adapter_base_model, read_run_config

    run_dir = Path(args.run) if args.run else None
    adapter = Path(args.adapter) if args.adapter else None
    if run_dir is not None and adapter is None:
        from farense_studio.engine.checkpoints import resolve_checkpoint

        adapter = resolve_checkpoint(run_dir, args.checkpoint)
    base = args.model
    if base is None and run_dir is not None:
        base = read_run_config(run_dir).get("model")
    if base is None and adapter is not None:
        base = adapter_base_model(adapter)
        if base is None:
            raise GenerationError("adapter_base_unknown", path=str(adapter))
    return base or "demo", None if args.base or adapter is None else str(adapter), run_dir


def run(args) -> int:
    from farense_studio.engine.generation import (GenerationSettings, conversation, load_chat_model,
                                                  run_system_prompt, stream_reply)

    try:
        base, adapter, run_dir = _choose_model(args)
        model, tokenizer = load_chat_model(base, adapter)
    except Exception as exc:
        text = getattr(exc, "text", None)
        print(text() if callable(text) else str(exc), file=sys.stderr)
        return 1
    system = args.system if args.system is not None else run_system_prompt(run_dir, adapter)
    settings = GenerationSettings(temperature=args.temperature, top_p=args.top_p,
                                  max_tokens=args.max_tokens, repetition_penalty=args.repetition_penalty)
    interactive = not args.question
    questions = iter(args.question or [])
    turns: list[tuple[str, str]] = []
    stop = threading.Event()
    while True:
        try:
            question = next(questions) if not interactive else input("> " if sys.stdin.isatty() else "")
        except (StopIteration, EOFError):
            break
        if not question.strip():
            if interactive:
                break
            continue
        stop.clear()
        stream = stream_reply(model, tokenizer, conversation(system, turns, question), settings, stop)
        try:
            for chunk in stream:
                sys.stdout.write(chunk)
                sys.stdout.flush()
        except KeyboardInterrupt:  # Ctrl+C stops this answer, not the program
            stop.set()
            stream.close()
        print()
        if args.stats:
            s = stream.stats
            print(f"[{s.generation_tokens} tokens, {s.generation_tps:.1f} tokens/s, "
                  f"{(s.time_to_first_token or 0) * 1000:.0f} ms até ao primeiro, {s.finish_reason}]",
                  file=sys.stderr)
        turns.append((question, stream.text.strip()))
    return 0
