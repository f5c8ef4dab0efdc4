"""Treinar on several Macs: the MLX host file, the `train --hosts` process, its metrics as events.

A group run is ``farense-studio train --hosts FILE --config ... --run-dir ...`` in a subprocess
(on a pool thread): it starts the group through mlx.launch and rank 0 writes the run folder as a
single-Mac run does. The pool job follows metrics.jsonl and reports the rows as the engine events
the run view already shows (a batch per poll), so the plot, the progress and the log are those of
any run. ``GroupRun`` answers the tab as the model worker does for a run on this Mac (train,
pause, stop); a group's pause is a stop into a checkpoint (engine.distributed.request_stop), which
frees the other Macs. Nothing here imports MLX.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from farense_studio.engine import events as E
from farense_studio.engine.distributed import request_stop
from farense_studio.engine.runs import METRICS_FILE, read_metrics_from

HOSTS_FILE = "computadores.json"  # the MLX host file written into the run folder
CONFIG_FILE = "grupo_treino.yaml"  # the config the group starts from (the run keeps its own copy)
LOG_FILE = "grupo.log"  # what mlx.launch and the members printed
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
POLL_S = 0.25


def lan_address(peer: str) -> str:
    """This Mac's address on the network that reaches peer (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect((socket.gethostbyname(peer), 9))
            return sock.getsockname()[0]
    except OSError:
        return socket.gethostbyname(socket.gethostname())


def host_entries(others: list[str]) -> list[dict]:
    """The MLX host file: this Mac first (started here, no SSH), then each other Mac. The ring
    connects by IP: this Mac's LAN address when another Mac is remote (127.0.0.1 only reaches
    itself); 127.0.0.1 when every member runs here (a test on one computer)."""
    remote = [name for name in others if name not in LOCAL_NAMES]
    me = lan_address(remote[0]) if remote else "127.0.0.1"
    entries = [{"ssh": "127.0.0.1", "ips": [me]}]
    for name in others:
        if name in LOCAL_NAMES:
            entries.append({"ssh": "127.0.0.1", "ips": [me]})
        else:
            entries.append({"ssh": name, "ips": [socket.gethostbyname(name)]})
    return entries


def write_hostfile(run_dir: Path, others: list[str]) -> Path:
    path = Path(run_dir) / HOSTS_FILE
    path.write_text(json.dumps(host_entries(others), indent=1), encoding="utf-8")
    return path


def group_command(run_dir: Path, hostfile: Path, config_file: Path | None, resume: bool,
                  more_epochs: int | None) -> list[str]:
    """`farense-studio train --hosts FILE ...` with this interpreter."""
    from farense_studio.gui import i18n

    argv = [sys.executable, "-m", "farense_studio", "--lang", i18n.current(), "train",
            "--hosts", str(hostfile), "--run-dir", str(run_dir)]
    if config_file is not None:
        argv += ["--config", str(config_file)]
    if more_epochs is not None:
        argv += ["--more-epochs", str(more_epochs)]
    elif resume:
        argv.append("--resume")
    return argv


class MetricsTail:
    """The rows added to a run's metrics.jsonl since the last read (engine.runs.read_metrics_from)."""

    def __init__(self, run_dir: Path, from_end: bool):
        self.run_dir = Path(run_dir)
        path = self.run_dir / METRICS_FILE
        self.offset = path.stat().st_size if from_end and path.is_file() else 0

    def rows(self) -> list[dict]:
        rows, self.offset = read_metrics_from(self.run_dir, self.offset)
        return rows


def row_event(row: dict, total_steps: int, epochs: int):
    """The engine event a metrics row stands for (None for rows the run view does not show)."""
    kind, step = row.get("kind"), int(row.get("step", 0))
    if kind == "train":
        elapsed = float(row.get("elapsed_s") or 0.0)
        eta = row["eta_s"] if "eta_s" in row else (  # the trainer's steady pace; older rows: the mean
            elapsed / step * (total_steps - step) if step and total_steps else None)
        return E.StepReport(step=step, total_steps=total_steps, epoch=int(row.get("epoch", 0)), epochs=epochs,
                            loss=float(row["loss"]), learning_rate=float(row.get("lr") or 0.0),
                            tokens=int(row.get("tokens") or 0), trained_tokens=int(row.get("trained_tokens") or 0),
                            tokens_per_second=float(row.get("tok_per_s") or 0.0),
                            peak_memory_gb=float(row.get("peak_mem_gb") or 0.0), elapsed_s=elapsed, eta_s=eta)
    if kind == "eval" and row.get("val_loss") is not None:
        return E.EvalReport(step=step, val_loss=float(row["val_loss"]))
    if kind == "checkpoint":
        return E.CheckpointSaved(step=step, epoch=0, path=Path(row.get("path", "")),
                                 seconds=float(row.get("seconds") or 0.0), bytes=int(row.get("bytes") or 0))
    if kind == "event" and row.get("text"):
        return E.Notice(code=str(row.get("code", "")), text=str(row["text"]))
    return None


def follow(argv: list[str], run_dir: Path, epochs: int, resume: bool):
    """The pool job's body: runs the group's command, reports lists of events as metrics.jsonl
    grows, and ends with the tab's TrainingEnd (a group that failed: group_failed, with the step
    its last checkpoint resumes from)."""
    from farense_studio import messages
    from farense_studio.engine.checkpoints import read_training_state
    from farense_studio.gui.model_worker import TrainingEnd

    def body(context):
        tail = MetricsTail(run_dir, from_end=resume)
        with open(Path(run_dir) / LOG_FILE, "ab") as log:
            process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        total = 0
        try:
            while True:
                done = process.poll() is not None
                rows = tail.rows()
                if rows and not total:
                    total = int((read_training_state(run_dir) or {}).get("total_steps") or 0)
                found = [e for e in (row_event(r, total, epochs) for r in rows) if e is not None]
                if found:
                    context.progress(found)
                if done:
                    break
                time.sleep(POLL_S)
        except Exception:  # noqa: BLE001 - this thread cannot follow the group: it ends it, resumable
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
        state = read_training_state(run_dir) or {}
        step = int(state.get("step") or 0)
        if state.get("state") == "finished":
            return TrainingEnd("finished", E.Finished(step=step, best_val_loss=state.get("best_val_loss"),
                                                      checkpoint=None))
        if state.get("state") == "stopped":
            return TrainingEnd("stopped", E.Stopped(step=step, checkpoint=None))
        hostfile = argv[argv.index("--hosts") + 1]
        command = (f"farense-studio train --run-dir {shlex.quote(str(run_dir))} --resume "
                   f"--hosts {shlex.quote(hostfile)}")
        params = {"step": step, "command": command}
        return TrainingEnd("failed", E.Failed("group_failed", params, messages.render("group_failed", params)))

    return body


class GroupRun:
    """A run on a group of Macs, driven like the model worker drives one on this Mac."""

    def __init__(self, others: list[str]):
        self.others = list(others)
        self.run_dir: Path | None = None
        self.is_paused = False  # a group never waits paused: it stops into a checkpoint
        self.is_stopping = False

    def train(self, config, run_dir, resume: bool = False, more_epochs: int | None = None):
        from farense_studio.gui.jobs import pool

        self.run_dir = Path(run_dir)
        hostfile = write_hostfile(self.run_dir, self.others)
        config_file = None
        if not resume and more_epochs is None:
            config_file = self.run_dir / CONFIG_FILE
            config.save(config_file)
        argv = group_command(self.run_dir, hostfile, config_file, resume, more_epochs)
        return pool().submit(follow(argv, self.run_dir, config.total_epochs + (more_epochs or 0),
                                    resume or more_epochs is not None), "train", min_interval_s=0)

    def pause_training(self) -> None:
        self.stop_training()

    def resume_training(self) -> None:
        pass

    def stop_training(self) -> None:
        if self.run_dir is not None and not self.is_stopping:
            self.is_stopping = True
            request_stop(self.run_dir)


def runner(tab):  # tab: the TrainingTab
    """Who trains the next run: a GroupRun when «Usar outros Macs» is on and another Mac is
    ready, else the model worker. The Pausar tooltip says what a pause is for each."""
    others = tab.goal.group.ready_hosts()
    if not others:
        tab.pause_button.setToolTip(QCoreApplication.translate(
            "RunView", "Faz uma pausa e grava um ponto de gravação; o computador fica livre. Retome quando quiser."))
        return tab.worker
    tab.pause_button.setToolTip(QCoreApplication.translate(
        "GroupPanel", "Num grupo de Macs, pausar é parar no fim do passo num ponto de gravação (os outros "
        "Macs ficam livres); o treino continua daí com Continuar treino."))
    tab.run_view.add_log(QCoreApplication.translate("GroupPanel", "A treinar em {count} Macs: este e {names}.").format(
        count=len(others) + 1, names=", ".join(others)))
    return GroupRun(others)


def on_events(view, value) -> None:
    """The run view shows a group's batch of events one by one (a single event passes through)."""
    for event in value if isinstance(value, list) else [value]:
        view.on_event(event)


def shared_paths(tab) -> list[str]:  # tab: the TrainingTab
    """What every Mac must see at the same path: the prepared data, the runs folder, the model
    (when it is a folder here)."""
    project = tab.project
    if project is None:
        return []
    paths = [str(project.preparado_dir), str(project.treinos_dir)]
    model = tab.goal.model_choice.spec()
    if model and os.path.isdir(model):
        paths.append(str(Path(model).resolve()))
    return paths
