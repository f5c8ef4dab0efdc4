"""The bodies of the Dados tab's jobs: reading, preparing and one question-generation pass.

Plain Python, no Qt (as engine.jobs): each body takes a JobContext (report progress, see a cancel
request) and, when the base model proposes questions, the model and tokenizer first. DatasetWork
starts them on the thread pool or the model worker's MLX thread and shows what they return.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from farense_studio.data.edits import Edits
from farense_studio.data.generated import GeneratedStore, generate, template_proposer, units_of_sources
from farense_studio.engine.jobs import JobContext
from farense_studio.gui.dataset.loader import LoadResult, PrepareResult, load_dataset, prepare_dataset

GenerationProgress = Callable[[int, int, float], None]  # units done, units in all, seconds left


def _counting(ctx: JobContext) -> Callable[[int, int], None]:
    """progress(done, total) for the data functions: reports, and stops there once cancelled."""

    def progress(done: int, total: int) -> None:
        ctx.check()
        ctx.progress((int(done), int(total)))

    return progress


def load(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any], settings: dict[str, Any],
         generated: str | None):
    """Reads every source with the edits applied (loader.load_dataset); progress: (done, total)."""

    def body(ctx: JobContext) -> LoadResult:
        return load_dataset(jsonl_sources, bio_sources, edits, settings, progress=_counting(ctx),
                            generated=generated)

    return body


def prepare(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any], settings: dict[str, Any],
            out_dir: Path, generated: str | None):
    """Builds the corpus afresh and writes it into out_dir (loader.prepare_dataset)."""

    def body(ctx: JobContext) -> PrepareResult:
        return prepare_dataset(jsonl_sources, bio_sources, edits, settings, out_dir, progress=_counting(ctx),
                               generated=generated)

    return body


def run_generation(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any], store_path: Path,
                   stop: threading.Event, on_progress: GenerationProgress, complete=None) -> dict[str, Any]:
    """One generation pass over the project's paragraphs and Q&A lines (templates, and the base model
    through ``complete`` when given: then this runs on the MLX thread). Returns the report as a dict;
    a stop ends the pass after the unit in hand (what is done stays)."""
    from farense_studio.engine.propose import ModelProposer  # plain Python: MLX only inside ``complete``

    units = units_of_sources(jsonl_sources, bio_sources, Edits.from_dict(edits))
    proposers = [("template", template_proposer)]
    if complete is not None:
        proposers.append(("model", ModelProposer(complete)))
    return generate(units, GeneratedStore(store_path), proposers, on_progress, stop.is_set).to_dict()


def generation(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any], store_path: Path,
               on_progress: GenerationProgress):
    """A pass with the templates alone: body(ctx), for the thread pool."""

    def body(ctx: JobContext) -> dict[str, Any]:
        return run_generation(jsonl_sources, bio_sources, edits, store_path, ctx.cancel_event, on_progress)

    return body


def generation_with_model(jsonl_sources: list[str], bio_sources: list[str], edits: dict[str, Any],
                          store_path: Path, on_progress: GenerationProgress):
    """A pass where the base model proposes too: body(model, tokenizer, ctx), for the MLX thread."""

    def body(model, tokenizer, ctx: JobContext) -> dict[str, Any]:
        from farense_studio.engine.propose import model_completion

        stop = ctx.cancel_event
        return run_generation(jsonl_sources, bio_sources, edits, store_path, stop, on_progress,
                              model_completion(model, tokenizer, stop_event=stop))

    return body
