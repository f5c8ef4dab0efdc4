"""`farense-infer`: the inference program run from the installed app.

The program itself lives in farense_studio/program/ (copied into every export as inference.py);
this module adds what only the installed app knows: run folders (config.yaml and their best
checkpoint), the bundled demo model ("demo", converted again if missing), Hugging Face
models through engine.models.resolve_model, and the club's documents (serve.documents: the
index a run's prepared data or an export carries, searched with bm25s).
"""

from __future__ import annotations

from pathlib import Path

from farense_studio.engine.documents_check import run_index_folder
from farense_studio.engine.generation import read_run_config
from farense_studio.program import inference_program as program
from farense_studio.program.inference_program import EXIT_MODEL, InferError, Plan


def run_dir_of(folder: Path) -> Path | None:
    """The run folder a folder is, or holds a checkpoint of (…/checkpoints/<checkpoint>)."""
    for candidate in (folder, *list(folder.parents)[:2]):
        if (candidate / "config.yaml").is_file() and (candidate / "checkpoints").is_dir():
            return candidate
    return None


def plan_for_folder(folder: Path, which: str = "best") -> Plan:
    """Export folder, adapter folder, checkpoint folder or run folder -> what to load."""
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise InferError("infer_adapter_missing", EXIT_MODEL, path=str(folder))
    metadata = program.load_metadata(folder)
    if metadata or ((folder / "adapter_config.json").is_file() and run_dir_of(folder) is None):
        return program.plan_from_folder(folder, metadata)
    run = run_dir_of(folder)
    if run is None:
        raise InferError("infer_adapter_missing", EXIT_MODEL, path=str(folder))
    config = read_run_config(run)
    adapter = folder
    if run == folder:
        from farense_studio.engine.checkpoints import resolve_checkpoint

        try:
            adapter = Path(resolve_checkpoint(run, which))
        except Exception as exc:  # no checkpoint yet
            raise InferError("infer_adapter_missing", EXIT_MODEL, path=str(run)) from exc
    return Plan(config.get("model"), adapter, config.get("system_prompt"), {},
                revision=config.get("model_revision"), index=run_index_folder(run, config))


def make_plan(adapter: str | Path | None, model: str | None = None, *, export_dir: Path | None = None,
              which: str = "best") -> Plan:
    """The plan for --adapter/--model (the server uses this too)."""
    folder = Path(adapter) if adapter else export_dir
    plan = plan_for_folder(folder, which) if folder is not None else Plan(None, None, None, {})
    if model:
        plan.base, plan.base_hint, plan.revision = model, None, None
    return plan


def resolve_base(plan: Plan) -> Path:
    """The base model folder: the recorded path first, then engine.models.resolve_model."""
    from farense_studio.engine.models import ModelError, pin_revision, resolve_model

    if plan.base_hint and Path(plan.base_hint).is_dir() and plan.base != "demo":
        return Path(plan.base_hint)
    try:
        return resolve_model(pin_revision(plan.base, plan.revision))
    except ModelError as exc:
        raise InferError("infer_model_unavailable", EXIT_MODEL, detail=exc.text()) from exc


def _plan_for_args(args, export_dir: Path | None) -> Plan:
    return make_plan(args.adapter, None, export_dir=export_dir)


def main(argv: list[str] | None = None, export_dir: Path | None = None) -> int:
    """Entry point of farense-infer (and of an exported inference.py inside the app's environment)."""
    from farense_studio.serve.documents import ground

    return program.main(argv, export_dir=export_dir, plan_for=_plan_for_args, resolve_base=resolve_base,
                        ground=ground, prog="farense-infer" if export_dir is None else "inference.py")


if __name__ == "__main__":
    raise SystemExit(main())
