"""`farense-studio download REPO [--revision R]`: fetch a base model into the Hugging Face cache.

Resumes what an earlier (interrupted) run left; Ctrl-C cancels cleanly and keeps the part
already downloaded. Prints the snapshot folder on success.
"""

from __future__ import annotations

import sys
import time

from farense_studio.commands.status_line import StatusLine


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "download",
        help="descarregar um modelo base do Hugging Face / download a base model from Hugging Face",
        description="Descarrega um repositório de modelo (formato mlx-lm) para a cache do Hugging Face, "
                    "retomando o que já existir / downloads a model repository (mlx-lm format) into the "
                    "Hugging Face cache, resuming what is already there.")
    parser.add_argument("repo", metavar="REPO",
                        help="repositório, p. ex. / repository, e.g. mlx-community/Mistral-7B-Instruct-v0.3-4bit")
    parser.add_argument("--revision", metavar="R",
                        help="ramo, etiqueta ou commit (por omissão a versão fixada) / branch, tag or commit "
                             "(default: the pinned revision)")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="cache do Hugging Face (por omissão a normal) / Hugging Face cache (default: the usual)")
    parser.add_argument("--quiet", action="store_true", help="sem barra de progresso / no progress bar")
    parser.set_defaults(func=run)


class _Bar:
    """A one-line terminal progress bar on stderr."""

    def __init__(self, stream=None, width: int = 28):
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.line = StatusLine(self.stream)  # redrawn on a terminal, a line every 2 s in a log
        self._first_done: int | None = None

    def __call__(self, event) -> None:
        from farense_studio.engine.download import DownloadProgress
        from farense_studio.messages import format_bytes

        if not isinstance(event, DownloadProgress) or event.code != "model_download_progress":
            self.line.end()
            print(event.text(), file=self.stream, flush=True)
            return
        fraction = event.fraction or 0.0
        filled = int(round(fraction * self.width))
        if self._first_done is None:  # bytes already there from an earlier run
            self._first_done, self.started = event.done, time.monotonic()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        fresh = event.done - self._first_done
        rate = format_bytes(int(fresh / elapsed)) + "/s" if fresh > 0 and elapsed > 0.5 else ""
        line = (f"[{'#' * filled}{'.' * (self.width - filled)}] {fraction * 100:5.1f}%  "
                f"{format_bytes(event.done)} / {format_bytes(event.total)}  {rate}  "
                f"{event.file} ({event.files_done + 1}/{event.files_total})")
        self.line.show(line, final=fraction >= 1.0)


def run(args) -> int:
    from farense_studio.engine.download import DownloadJob
    from farense_studio.engine.models import ModelError, check_model_folder, split_repo_spec

    repo, revision = split_repo_spec(args.repo)
    if args.revision:
        revision = args.revision
    bar = None if args.quiet else _Bar()
    options = {"cache_dir": args.cache_dir} if args.cache_dir else {}
    job = DownloadJob(repo, revision, progress=bar, **options).start()
    try:
        while True:
            try:
                path = job.result(timeout=0.2)
                break
            except TimeoutError:
                continue
    except KeyboardInterrupt:
        job.cancel()
        try:
            job.result(timeout=30)
        except (ModelError, TimeoutError) as exc:
            if bar:
                bar.line.end()
            print(exc.text() if isinstance(exc, ModelError) else str(exc), file=sys.stderr)
        return 130
    except ModelError as exc:
        if bar:
            bar.line.end()
        print(exc.text(), file=sys.stderr)
        return 1
    if bar:
        bar.line.end()
    try:
        check_model_folder(path)
    except ModelError as exc:
        print(exc.text(), file=sys.stderr)
        return 1
    print(path)
    return 0
