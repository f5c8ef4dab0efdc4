"""Our Trainer against mlx-lm's train() on the same model, data, batch, length, LoRA and steps.

    python bench/train_throughput.py                      # tiny model on the CPU
    python bench/train_throughput.py --model DIR --steps 60 --batch 4 --layers 16   # GPU

Three runs in one process, each timed between step --warmup and the last step (compilation
excluded; checkpoints and events included):
  peer     mlx_lm.tuner.trainer.train() with its iterate_batches (meant to be length-sorted and
           padded to 1 + a multiple of 32; in mlx-lm 0.32.2 CacheDataset.itemlen measures the raw
           record, a one-key dict, so its batches are in fact in file order)
  same     our Trainer with the batching mlx-lm means (length-sorted, pad 32)
  bucket   our Trainer with length buckets re-drawn each epoch
  ours     our Trainer as shipped: each step's examples drawn at random from the seed; steps of
           models of 1B+ parameters split into length-homogeneous micro-batches where that
           saves padding (same gradient)
  split    as ours, with splitting forced whatever the model's size
  whole    as ours, each step's micro-batches built into one graph (no evaluation between
           them: the engine before EVAL_EACH_MICRO_BATCH)
  nonorm   as ours without the gradient norm it reports each step when not clipping (mlx-lm's
           loop computes none): measures what that norm costs
  coarse   shuffled steps padded to 1 + a multiple of 64, never split: the fewest batch shapes
           (each new shape is a new compiled graph; on CUDA its kernels are compiled at run time)
  shuffle  shuffled steps padded to 1 + a multiple of 16, never split (the default below 1B)
  pack     packing (engine.packing): whole examples share rows of --seq tokens, kept apart by a
           block-diagonal causal mask; a step takes about --batch x --accumulation examples
  pack1    pack with one row width (engine.packing.MIN_SAVING out of reach): rows before the
           second, narrower width, to tell what the two widths bring
  *_sync   any of ours (pack_sync, ours_sync...) with engine.trainer_pipeline.PIPELINE off: each
           step's values are read before the next step is built (the loop before issue 19);
           without the suffix the next step is launched while this one computes, as shipped.
           Same losses either way: e.g. --variants peer,pack,pack_sync
Computed tokens/s (padding included) compare the loops; real tokens/s what a user gets.
It prints computed (padded) and real (non-padding) tokens per second of each and the ratios,
the peak memory of each run (mx.get_peak_memory, reset before each run; weights included), the
model FLOP utilisation (bench/flops.py) and the validation loss of each adapter after the run,
measured by one function.
--rows club: the club's sample corpus lengths (bench/data/club_lengths.json, SmolLM2 tokens):
the corpus's 190 examples, or --examples N drawn from its length histogram; --epochs passes, the
steps follow (mlx-lm: passes x examples // batch iterations).
--rows qa (default): Q&A-length data: a short system prompt, one question, an answer of one to
four sentences (60-180 tokens). --rows full: every row longer than --seq, cut there, so each
row trains --seq - 1 positions (use --seq 513 for "batch x 512" rows, the PEFT shape).
--accumulation N: every step is N micro-batches of --batch rows (mlx-lm: grad_accumulation_steps,
its iterations counted as micro-batches).
--epochs E: the --steps steps make E passes over steps x batch / E examples (later passes see
no new batch shape).
Timings are never asserted anywhere; the figures go in the issue note.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import flops  # noqa: E402  (bench/flops.py)

SYSTEM = "És o assistente do Sporting Clube Farense."
FACTS = [
    "O Sporting Clube Farense foi fundado a 1 de abril de 1910, em Faro, no Algarve.",
    "O estádio do clube é o Estádio de São Luís, no centro de Faro.",
    "Hassan Nader foi o melhor marcador da Primeira Liga em 1994-95, com 21 golos.",
    "Os adeptos chamam à equipa os Leões de Faro.",
    "Na época de 1994-95 o Farense ficou em quinto lugar e jogou a Taça UEFA contra o Lyon.",
    "O clube voltou à Primeira Liga em 2020 depois de muitos anos nas divisões inferiores.",
]
QUESTIONS = ["Quem foi Hassan Nader?", "Onde joga o Farense?", "Quando foi fundado o clube?",
             "Qual foi a melhor época do Farense?", "Como se chamam os adeptos do Farense?",
             "Que jogos europeus disputou o Farense?"]


def write_qa_data(folder: Path, n_train: int, n_valid: int, seed: int = 0,
                  full_rows: bool = False) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, count in (("train.jsonl", n_train), ("valid.jsonl", n_valid)):
        with open(folder / name, "w", encoding="utf-8") as fh:
            for _ in range(count):
                if full_rows:  # ~40 sentences, ~2,800 characters: longer than 1,024 tokens
                    answer = " ".join(rng.choice(FACTS) for _ in range(40))
                else:
                    answer = " ".join(rng.sample(FACTS, rng.randint(1, 4)))
                record = {"messages": [{"role": "system", "content": SYSTEM},
                                       {"role": "user", "content": rng.choice(QUESTIONS)},
                                       {"role": "assistant", "content": answer}]}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return folder


CLUB_LENGTHS = Path(__file__).resolve().parent / "data" / "club_lengths.json"


def write_club_data(folder: Path, tokenizer, examples: int = 0, seed: int = 0) -> Path:
    """Q&A rows whose (prompt, total) token lengths with this tokenizer are those of the club's
    sample corpus (bench/data/club_lengths.json, bench/club_lengths.py): the corpus itself
    (examples 0: 190 training, 20 checking) or `examples` training rows drawn from its length
    histogram (checking: the corpus's 20). Questions and answers are cut from the facts above."""
    lengths = json.loads(CLUB_LENGTHS.read_text())
    rng = random.Random(seed)
    pools = {}
    for key, texts in (("q", QUESTIONS), ("a", FACTS)):
        text = " ".join(rng.choice(texts) for _ in range(400))
        pools[key] = list(tokenizer.encode(text, add_special_tokens=False))

    def piece(key: str, count: int) -> str:
        ids = pools[key]
        start = rng.randrange(0, len(ids) - count - 1)
        return tokenizer.decode(ids[start:start + max(1, count)]).strip()

    def template(messages, generation=False):
        return len(tokenizer.apply_chat_template(messages, add_generation_prompt=generation,
                                                 return_dict=False))

    system = {"role": "system", "content": SYSTEM}
    prompt_base = template([system, {"role": "user", "content": ""}], True)
    folder.mkdir(parents=True, exist_ok=True)
    train = lengths["train"]
    if examples:
        train = [rng.choice(train) for _ in range(examples)]
    for name, pairs in (("train.jsonl", train), ("valid.jsonl", lengths["valid"])):
        with open(folder / name, "w", encoding="utf-8") as fh:
            for offset, total in pairs:
                question = piece("q", offset - prompt_base)
                prompt = [system, {"role": "user", "content": question}]
                answer_base = template(prompt + [{"role": "assistant", "content": ""}])
                answer = piece("a", total - answer_base)
                fh.write(json.dumps({"messages": prompt + [{"role": "assistant", "content": answer}]},
                                    ensure_ascii=False) + "\n")
    return folder


def build_bench_model(folder: Path) -> Path:
    """The small random model the benches use when no --model is given (CPU-sized)."""
    from farense_studio.engine.tiny_model import TinySpec, build_tiny_model

    return build_tiny_model(folder, TinySpec(hidden_size=128, num_hidden_layers=4,
                                             intermediate_size=344, num_attention_heads=4,
                                             num_key_value_heads=2))


def run_peer(args, data: Path, out: Path) -> dict:
    """mlx-lm's own train() loop, timed through its report callback."""
    import mlx.core as mx
    import mlx.optimizers as optim
    import numpy as np
    from mlx_lm import load
    from mlx_lm.tuner import trainer as peer
    from mlx_lm.tuner.callbacks import TrainingCallback
    from mlx_lm.tuner.datasets import CacheDataset, ChatDataset
    from mlx_lm.tuner.utils import linear_to_lora_layers

    model, tokenizer = load(str(args.model))
    model.freeze()
    mx.random.seed(args.seed)
    linear_to_lora_layers(model, args.layers, {"rank": args.rank, "scale": args.alpha / args.rank,
                                               "dropout": args.dropout})
    records = [json.loads(line) for line in open(data / "train.jsonl", encoding="utf-8")]
    class CutDataset(CacheDataset):
        """mlx-lm's CacheDataset (so iterate_batches orders it exactly as `mlx_lm lora` does),
        its items cut to --seq as our trainer cuts at tokenization: mlx-lm would cut each batch
        itself, the same tokens, printing a warning every time."""

        def __getitem__(self, idx):
            tokens, offset = super().__getitem__(idx)
            return tokens[: args.seq], offset

    train_set = CutDataset(ChatDataset(records, tokenizer, mask_prompt=True))
    tokens: list[tuple[int, int, int, int]] = []  # (padded, real, positions, rows) an iteration

    def counting_batches(**kw):
        kw["dataset"] = train_set
        for batch, lengths in peer.iterate_batches(**kw):
            tokens.append((int(batch.size), int(mx.sum(lengths[:, 1]).item()),
                           int(batch.shape[0] * (batch.shape[1] - 1)), int(batch.shape[0])))
            yield batch, lengths

    marks: dict[int, float] = {}

    class Clock(TrainingCallback):
        def on_train_loss_report(self, info):
            marks[info["iteration"]] = time.perf_counter()

    acc = args.accumulation
    targs = peer.TrainingArgs(batch_size=args.batch, iters=args.steps * acc,
                              steps_per_report=args.warmup * acc, grad_accumulation_steps=acc,
                              steps_per_eval=10**9, steps_per_save=args.save_every,
                              adapter_file=str(out / "peer" / "adapters.safetensors"),
                              max_seq_length=args.seq, grad_checkpoint=args.grad_checkpoint)
    (out / "peer").mkdir(parents=True, exist_ok=True)
    optimizer = optim.Adam(learning_rate=args.lr)
    np.random.seed(args.seed)  # mlx-lm's iterate_batches draws its order from numpy's global state
    block = type(model.layers[0])
    plain_call = block.__call__
    try:  # mlx-lm's grad_checkpoint patches the block class: put it back for the runs after
        peer.train(model, optimizer, train_set, None, args=targs, training_callback=Clock(),
                   iterate_batches=counting_batches)
    finally:
        block.__call__ = plain_call
    peak = mx.get_peak_memory()
    first, last = min(marks), max(marks)
    window = tokens[first:last]
    seconds = marks[last] - marks[first]
    return {"seconds": seconds, "steps": (last - first) // acc, "padded": sum(w[0] for w in window),
            "real": sum(w[1] for w in window), "positions": sum(w[2] for w in window),
            "rows": sum(w[3] for w in window), "examples": len(tokens) * args.batch,
            "peak_gb": peak / 1e9, "model": model, "tokenizer": tokenizer}


VARIANTS = {  # name: (batching, pad_multiple, split_cost); "ours": the shipped defaults
    "same": ("sorted", 32, None),
    "bucket": ("bucket", 16, None),
    "ours": None,
    "whole": None,
    "nonorm": None,
    "split": ("shuffle", 16, 64),  # splitting forced, whatever the model's size
    "split8": ("shuffle", 8, 64),
    "coarse": ("shuffle", 64, None),
    "pack": ("pack", 16, None),  # whole examples share rows of --seq tokens (engine.packing)
    "pack1": ("pack", 16, None),  # the same with one row width
    "shuffle": ("shuffle", 16, None),  # shuffled steps, never split, whatever the model's size
}


SYNC = "_sync"  # suffix of a variant run without launching the next step ahead


def _shipped() -> dict:
    """The engine's shipped values that the variants change, read before any variant runs."""
    from farense_studio.engine import packing, session

    return {"split_min_params": session.SPLIT_MIN_PARAMS, "flatten": session.tree_flatten_values,
            "min_saving": packing.MIN_SAVING}


SHIPPED = _shipped()


def _no_values(tree) -> list:
    """For "nonorm": the unclipped gradient norm sums nothing (reported as 0)."""
    return []


def _variant(name: str, split_cost: int | None) -> dict:
    from farense_studio.engine.config import TrainConfig

    from farense_studio.engine import packing, session, trainer_pipeline

    trainer_pipeline.PIPELINE = not name.endswith(SYNC)
    name = name.removesuffix(SYNC)
    packing.MIN_SAVING = 2.0 if name == "pack1" else SHIPPED["min_saving"]  # 2.0: never a second width
    packing._layout.cache_clear()  # layouts are cached with the setting of their time

    session.EVAL_EACH_MICRO_BATCH = name != "whole"
    session.tree_flatten_values = (_no_values if name == "nonorm" else SHIPPED["flatten"])
    if VARIANTS[name] is None:
        session.SPLIT_MIN_PARAMS = SHIPPED["split_min_params"]
        defaults = TrainConfig()
        return {"batching": defaults.batching, "pad_multiple": defaults.pad_multiple,
                "split_cost": defaults.split_cost}
    session.SPLIT_MIN_PARAMS = 0  # the variants apply their setting whatever the model's size
    batching, pad, split = VARIANTS[name]
    if split_cost is not None and name.startswith("split"):
        split = split_cost
    return {"batching": batching, "pad_multiple": pad, "split_cost": split}


def run_ours(args, data: Path, out: Path, name: str) -> dict:
    from farense_studio.engine import events as E
    from farense_studio.engine.config import LoraSettings, TrainConfig
    from farense_studio.engine.runs import read_metrics
    from farense_studio.engine.trainer import Trainer

    import mlx.core as mx

    # No validation file: the app checks the validation loss at every pass end, the peer runs
    # here without one; the adapters are compared afterwards by validation_loss().
    train_only = out / "train_only"
    train_only.mkdir(parents=True, exist_ok=True)
    (train_only / "train.jsonl").write_bytes((data / "train.jsonl").read_bytes())
    (train_only / "valid.jsonl").write_text("")
    config = TrainConfig(model=str(args.model), data_dir=str(train_only), epochs=args.epochs,
                         batch_size=args.batch, grad_accumulation=args.accumulation,
                         learning_rate=args.lr,
                         warmup_steps=0, lr_schedule="constant", max_grad_norm=0.0,
                         max_seq_length=args.seq, system_prompt="", seed=args.seed,
                         eval_every=0, checkpoint_every=args.save_every, keep_last=2,
                         grad_checkpoint=args.grad_checkpoint,
                         **_variant(name, args.split_cost),
                         lora=LoraSettings(rank=args.rank, alpha=args.alpha,
                                           dropout=args.dropout, num_layers=args.layers))
    marks: dict[int, float] = {}
    holder = {}

    def on_event(event):
        if isinstance(event, E.StepReport):
            marks[event.step] = time.perf_counter()

    trainer = Trainer(config, out / name, on_event=on_event)
    result = trainer.run()
    assert result.status == "finished", result.error
    peak = mx.get_peak_memory()
    holder["model"], holder["tokenizer"] = trainer.session.model, trainer.session.tokenizer
    rows = {r["step"]: r for r in read_metrics(out / name) if r["kind"] == "train"}
    first, last = args.warmup, max(marks)
    steps = range(first + 1, last + 1)
    padded = sum(rows[s]["tokens_padded"] for s in steps)
    session = trainer.session
    if session.packed:  # the rows of the timed steps' plans (one or two row widths)
        per_epoch = session.steps_per_epoch
        plans = {e: session.plan(e) for e in {(s - 1) // per_epoch for s in steps}}
        n_rows = sum(len(plans[(s - 1) // per_epoch][(s - 1) % per_epoch]) for s in steps)
    else:
        n_rows = len(steps) * args.batch * args.accumulation
    return {"seconds": marks[last] - marks[first], "steps": len(steps), "padded": padded,
            "real": sum(rows[s]["tokens"] for s in steps),
            "positions": padded - n_rows, "rows": n_rows,  # a row trains width - 1 positions
            "examples": len(session.train) * config.epochs, "batching": session.batching,
            "steps_per_epoch": session.steps_per_epoch,
            "peak_gb": peak / 1e9,
            "checkpoints": sum(1 for r in read_metrics(out / name) if r["kind"] == "checkpoint"),
            **holder}


def validation_loss(model, tokenizer, data: Path, seq: int) -> float:
    """One measure for every adapter: token-weighted answer loss on valid.jsonl."""
    import mlx.core as mx

    from farense_studio.engine import batches as B
    from farense_studio.engine.lora import masked_loss

    split = B.tokenize_split(data / "valid.jsonl", tokenizer, system_prompt=None,
                             mask_prompt=True, max_seq_length=seq)
    model.eval()
    total = count = 0.0
    for rows in B.eval_batches(split, 8):
        batch = B.make_batch(split, rows)
        loss, n = masked_loss(model, mx.array(batch.tokens), mx.array(batch.lengths), mx.array(1.0))
        total += loss.item()
        count += n.item()
    return total / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model folder (default: a tiny model built here)")
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=10, help="steps excluded from timing")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seq", type=int, default=512)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--alpha", type=float, default=32.0)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--save-every", type=int, default=25)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=1, help="alternate the runs, keep the best")
    parser.add_argument("--variants", default="peer,same,ours",
                        help=f"runs, among peer,{','.join(VARIANTS)}, each of ours also with "
                             f"the suffix {SYNC} (next step not launched ahead)")
    parser.add_argument("--split-cost", type=int, help="override split_cost of the split* runs")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--rows", choices=("qa", "full", "club"), default="qa",
                        help="qa: Q&A-length rows; full: every row cut at --seq; club: the "
                             "sample corpus's lengths (--examples 0) or --examples rows drawn "
                             "from its length histogram; --steps then follows from --epochs")
    parser.add_argument("--examples", type=int, default=0, help="with --rows club")
    parser.add_argument("--epochs", type=int, default=1, help="passes the --steps make")
    parser.add_argument("--accumulation", type=int, default=1, help="micro-batches a step")
    parser.add_argument("--grad-checkpoint", action="store_true",
                        help="mlx-lm's gradient checkpointing in every run")
    parser.add_argument("--peak-tflops", type=float, default=flops.H100_SXM_BF16_DENSE_TFLOPS,
                        help="the GPU's dense bf16 peak for the FLOP utilisation")
    args = parser.parse_args()
    if args.rows != "club" and args.steps % args.warmup:
        parser.error("--steps must be a multiple of --warmup (mlx-lm reports every --warmup)")
    if args.rows != "club" and (args.steps * args.batch * args.accumulation) % args.epochs:
        parser.error("--steps x --batch x --accumulation must be a multiple of --epochs")

    import mlx.core as mx
    from mlx.utils import tree_flatten

    work = Path(tempfile.mkdtemp(prefix="farense-bench-"))
    if not args.model:
        args.model = build_bench_model(work / "model")
    if args.rows == "club":
        from mlx_lm.tokenizer_utils import load as load_tokenizer

        data = write_club_data(work / "data", load_tokenizer(Path(args.model)), args.examples)
        n_train = sum(1 for _ in open(data / "train.jsonl", encoding="utf-8"))
        # mlx-lm's passes drop a last partial batch; ours keep it (a few more examples).
        args.steps = args.epochs * (n_train // (args.batch * args.accumulation))
    else:
        data = write_qa_data(work / "data",
                             n_train=args.steps * args.batch * args.accumulation // args.epochs,
                             n_valid=16 if args.rows == "full" else 64,
                             full_rows=args.rows == "full")
    model_config = json.loads((Path(args.model) / "config.json").read_text())
    print(f"device {mx.default_device()}, model {args.model}, {args.steps} steps x batch "
          f"{args.batch} x {args.accumulation} micro-batches, seq {args.seq}, {args.rows} rows, {args.epochs} passes, rank "
          f"{args.rank}, {args.layers} layers, grad checkpoint {args.grad_checkpoint}", flush=True)

    best: dict[str, dict] = {}
    for repeat in range(args.repeats):
        for name in args.variants.split(","):
            out = work / f"r{repeat}"
            gc.collect()
            mx.clear_cache()
            mx.reset_peak_memory()
            if name == "peer":
                figures = run_peer(args, data, out)
            else:
                figures = run_ours(args, data, out, name)
            figures["padded_tps"] = figures["padded"] / figures["seconds"]
            figures["real_tps"] = figures["real"] / figures["seconds"]
            figures["positions_tps"] = figures["positions"] / figures["seconds"]
            rows = figures["rows"]
            width = figures["positions"] / rows  # mean trained width
            count = flops.lora_flops_per_token(model_config, round(width), args.layers, args.rank)
            figures["flops_per_token"] = count["total"]
            # Useful work only: the real (non-padding) positions, n - 1 for a row of n tokens.
            useful = (figures["real"] - rows) / figures["seconds"]
            figures["mfu"] = flops.mfu(count["total"], useful, args.peak_tflops)
            figures["weights_gb"] = sum(v.nbytes for _, v in
                                        tree_flatten(figures["model"].parameters())) / 1e9
            figures["val_loss"] = validation_loss(figures.pop("model"), figures.pop("tokenizer"),
                                                  data, args.seq)
            if name not in best or figures["real_tps"] > best[name]["real_tps"]:
                best[name] = figures
            print(f"  {name:6s} [{figures.get('batching', 'mlx-lm')}, "
                  f"{figures.get('steps_per_epoch', '?')} steps a pass] "
                  f"{figures['steps']} timed steps ({figures['examples']} examples "
                  f"in the run, {figures['rows']} rows timed) in {figures['seconds']:.2f} s: "
                  f"{figures['padded_tps']:,.0f} computed tok/s, {figures['real_tps']:,.0f} real "
                  f"tok/s ({figures['real'] / figures['padded']:.0%} real), peak "
                  f"{figures['peak_gb']:.2f} GB (weights {figures['weights_gb']:.2f} GB), MFU "
                  f"{figures['mfu']:.1%} at {figures['flops_per_token'] / 1e9:.2f} GFLOP/token, "
                  f"val loss {figures['val_loss']:.4f}", flush=True)

    peer = best.get("peer")
    summary = {"val_loss": {k: v["val_loss"] for k, v in best.items()},
               "peak_gb": {k: v["peak_gb"] for k, v in best.items()},
               "mfu": {k: v["mfu"] for k, v in best.items()}}
    for name, run in best.items():
        if peer is None or name == "peer":
            continue
        summary[name] = {"computed_tokens_per_s_ratio": run["padded_tps"] / peer["padded_tps"],
                         "real_tokens_per_s_ratio": run["real_tps"] / peer["real_tps"],
                         "steps_per_s_ratio": (run["steps"] / run["seconds"])
                         / (peer["steps"] / peer["seconds"])}
        print(f"ratio {name} / peer: {summary[name]['real_tokens_per_s_ratio']:.3f}x real tokens/s, "
              f"{summary[name]['computed_tokens_per_s_ratio']:.3f}x computed tokens/s, "
              f"{summary[name]['steps_per_s_ratio']:.3f}x steps/s")
    print("val loss after the run (the same passes over the same examples): "
          + ", ".join(f"{k} {v:.4f}" for k, v in summary["val_loss"].items()))
    if peer is not None:
        summary["val_loss_delta"] = {k: v - peer["val_loss"] for k, v in summary["val_loss"].items()}
        print("val loss - peer's: " + ", ".join(f"{k} {v:+.4f}" for k, v in
                                                summary["val_loss_delta"].items() if k != "peer"))
    if args.json:
        Path(args.json).write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                               "runs": {k: {kk: vv for kk, vv in v.items()}
                                                        for k, v in best.items()},
                                               "summary": summary}, indent=2))


if __name__ == "__main__":
    main()
