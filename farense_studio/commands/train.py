"""`farense-studio train`: headless LoRA training with a one-line progress bar.

Ctrl+C stops at the next step boundary into a checkpoint and exits 0 with the command that
resumes; a second Ctrl+C quits at once. ``--run-dir DIR --more-epochs N [--learning-rate X]``
trains a finished or stopped run N more passes over the data as a new phase (Trainer.extend). Exit codes: 0 finished or stopped, 1 failed, 2 bad
arguments or configuration.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time
from pathlib import Path

from farense_studio.engine.distributed import MEMBER_FLAG


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "train", help="treinar uma afinação LoRA / train a LoRA adapter",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=settings_help(),
        description="Treina sem interface gráfica a partir de um ficheiro de configuração YAML "
                    "(--print-default-config mostra um completo). Ctrl+C pausa num ponto de "
                    "gravação / trains headless from a YAML config; Ctrl+C pauses into a checkpoint.")
    parser.add_argument("--config", metavar="FILE", help="configuração YAML / YAML configuration")
    parser.add_argument("--run-dir", metavar="DIR",
                        help="pasta do treino (por omissão uma nova em treinos/) / run folder")
    parser.add_argument("--resume", action="store_true",
                        help="continuar o treino de --run-dir / resume the run in --run-dir")
    parser.add_argument("--more-epochs", metavar="N", type=int,
                        help="treinar mais N passagens pelos dados um treino concluído ou parado "
                             "(--run-dir), numa fase nova / train a finished or stopped run N more "
                             "passes through the data, as a new phase")
    parser.add_argument("--learning-rate", metavar="X", type=float,
                        help="com --more-epochs: taxa de aprendizagem máxima da fase nova (por "
                             "omissão a do treino) / with --more-epochs: the new phase's peak "
                             "learning rate (default: the run's)")
    parser.add_argument("--preset", metavar="NAME",
                        help="Rápido, Equilibrado ou Especializado (lote escolhido pela memória) / "
                             "training goal (batch chosen from the memory)")
    parser.add_argument("--model", metavar="M", help="substitui o modelo da configuração / overrides model")
    parser.add_argument("--data", metavar="DIR", help="substitui data_dir / overrides data_dir")
    parser.add_argument("--hosts", metavar="FILE",
                        help="treinar num grupo de computadores (ficheiro de anfitriões do MLX, "
                             "mlx.launch com o backend ring); todos veem o modelo, os dados e a pasta "
                             "do treino nos mesmos caminhos / train on a group of computers (MLX host file)")
    parser.add_argument(MEMBER_FLAG, action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--print-default-config", action="store_true",
                        help="imprimir uma configuração completa e sair / print a full config and exit")
    parser.set_defaults(func=run)


def settings_help(lang: str | None = None, width: int = 100) -> str:
    """The settings of a configuration file, from TrainConfig's field metadata: name, label,
    the range or choices the app offers, and the help text (in the CLI's language)."""
    import textwrap

    from farense_studio import messages
    from farense_studio.engine.config import settings_info

    lang = lang or messages.current_language()
    lines = ["definições do ficheiro de configuração (YAML) / configuration file settings:"]
    for key, info in settings_info().items():
        if info.choices:
            offered = " | ".join(str(v) for v in info.choices)
        elif info.minimum is not None:
            shown = (lambda v: str(int(v))) if info.kind == "int" else (lambda v: f"{v:g}")
            offered = f"{shown(info.minimum)} … {shown(info.maximum)}"
        else:
            offered = {"bool": "true | false", "list": "[…]"}.get(info.kind, "")
        if info.optional:
            offered += " | null"
        head = f"{info.label(lang)} ({offered})" if offered else info.label(lang)
        lines.append(f"  {key}: {head}")
        lines += textwrap.wrap(info.help(lang), width, initial_indent=" " * 6, subsequent_indent=" " * 6)
    return "\n".join(lines)


def _load_config(args):
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.presets import apply_preset
    from farense_studio.engine.runs import CONFIG_FILE

    if args.config:
        config = TrainConfig.load(args.config)
    elif args.resume and args.run_dir and (Path(args.run_dir) / CONFIG_FILE).is_file():
        config = TrainConfig.load(Path(args.run_dir) / CONFIG_FILE)
    else:
        config = TrainConfig()
    if args.model:
        config = config.copy(model=args.model)
    if args.preset:  # after the model: a small model takes its own table (engine.presets)
        from farense_studio.engine.speed import model_parameters

        config = apply_preset(config, args.preset, model_parameters=model_parameters(config.model))
    if args.data:
        config = config.copy(data_dir=str(Path(args.data).resolve()))
    return config.validate()


def _default_run_dir(config) -> Path:
    from farense_studio.engine.runs import new_run_dir

    data = Path(config.data_dir) if config.data_dir else Path.cwd()
    treinos = data.parent / "treinos" if data.name == "preparado" else Path.cwd() / "treinos"
    return new_run_dir(treinos, (config.preset or "").lower() or None)


def run(args) -> int:
    from farense_studio import messages
    from farense_studio.engine.config import ConfigError, TrainConfig

    if args.print_default_config:
        try:
            config = _load_config(args) if (args.config or args.preset) else TrainConfig()
        except ConfigError as exc:
            print(messages.render(exc.code, exc.params), file=sys.stderr)
            return 2
        sys.stdout.write("# Farense Studio: configuração de treino / training configuration\n")
        sys.stdout.write(config.to_yaml())
        return 0
    if args.resume and not args.run_dir:
        print("--resume precisa de --run-dir / --resume needs --run-dir", file=sys.stderr)
        return 2
    if args.learning_rate is not None and args.more_epochs is None:
        print("--learning-rate só com --more-epochs / --learning-rate needs --more-epochs",
              file=sys.stderr)
        return 2
    if args.hosts and not args.group_member:
        return _train_group(args)
    if args.more_epochs is not None:
        return _train_more(args)
    if not args.config and not args.resume:
        print("indique --config FILE (ou --print-default-config) / give --config FILE",
              file=sys.stderr)
        return 2
    try:
        config = _load_config(args)
    except (ConfigError, OSError) as exc:
        code = getattr(exc, "code", "invalid_config")
        params = getattr(exc, "params", {"detail": str(exc)})
        print(messages.render(code, params), file=sys.stderr)
        return 2
    run_dir = Path(args.run_dir) if args.run_dir else _default_run_dir(config)
    return _train(config, run_dir, args.resume, group_member=args.group_member)


def _train_more(args) -> int:
    from farense_studio import messages
    from farense_studio.engine.config import ConfigError, TrainConfig
    from farense_studio.engine.runs import CONFIG_FILE

    if not args.run_dir or args.resume or args.config or args.preset:
        print("--more-epochs precisa de --run-dir (e não de --resume, --config ou --preset) / "
              "--more-epochs needs --run-dir (and no --resume, --config or --preset)", file=sys.stderr)
        return 2
    run_dir = Path(args.run_dir)
    try:
        config = TrainConfig.load(run_dir / CONFIG_FILE)
        if args.model:
            config = config.copy(model=args.model)
        if args.data:
            config = config.copy(data_dir=str(Path(args.data).resolve()))
        config.validate()
    except (ConfigError, OSError) as exc:
        code = getattr(exc, "code", "invalid_config")
        params = getattr(exc, "params", {"detail": str(exc)})
        print(messages.render(code, params), file=sys.stderr)
        return 2
    return _train(config, run_dir, True, extend=(args.more_epochs, args.learning_rate),
                  group_member=args.group_member)


def _train(config, run_dir: Path, resume: bool, extend: tuple | None = None,
           group_member: bool = False) -> int:
    from farense_studio import messages
    from farense_studio.engine.control import TrainingControl
    from farense_studio.engine.trainer import Trainer

    control = TrainingControl()
    bar = ProgressBar(sys.stdout)
    group = None
    if group_member:
        from farense_studio.engine.distributed import GroupError, join_group

        try:
            group = join_group()
        except (GroupError, RuntimeError) as exc:
            print(exc.text() if isinstance(exc, GroupError) else str(exc), file=sys.stderr)
            return 1
    interrupted = {"count": 0}

    def on_sigint(signum, frame):
        interrupted["count"] += 1
        if interrupted["count"] > 1:
            raise KeyboardInterrupt
        bar.line("A parar no fim do passo atual… (Ctrl+C outra vez sai já) / "
                 "stopping after the current step…")
        control.stop()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        title = "Treinar mais" if extend else ("A continuar" if resume else "Treino")
        bar.line(f"{title}: {run_dir}")
        trainer = Trainer(config, run_dir, on_event=bar.on_event, control=control,
                          group=group)
        result = trainer.extend(*extend) if extend else trainer.run(resume=resume)
    finally:
        signal.signal(signal.SIGINT, previous)
        bar.close()
    if result.status == "failed":
        if result.error is not None and result.error.code in ("disk_full_run", "run_not_writable"):
            command = f"farense-studio train --run-dir {shlex.quote(str(run_dir))} --resume"
            print(messages.render("resume_command", {"command": command}))
        return 1
    if result.status == "stopped" and not group_member:  # a group's launcher prints its own hint
        command = f"farense-studio train --run-dir {shlex.quote(str(run_dir))} --resume"
        print(messages.render("resume_hint", {"step": result.step, "command": command}))
    return 0


def _member_argv(args, run_dir: Path) -> list[str]:
    """The `train` arguments every member of the group runs (absolute paths, one run folder)."""
    argv = ["train", "--run-dir", str(run_dir.resolve())]
    if args.config:
        argv += ["--config", str(Path(args.config).resolve())]
    if args.resume:
        argv.append("--resume")
    if args.more_epochs is not None:
        argv += ["--more-epochs", str(args.more_epochs)]
    if args.learning_rate is not None:
        argv += ["--learning-rate", repr(args.learning_rate)]
    if args.preset:
        argv += ["--preset", args.preset]
    if args.model:
        argv += ["--model", args.model]
    if args.data:
        argv += ["--data", str(Path(args.data).resolve())]
    return argv


def _train_group(args) -> int:
    """Starts the group through mlx.launch and waits; Ctrl+C asks rank 0 to stop the whole group
    after its current step (a second Ctrl+C ends every process at once)."""
    import subprocess

    from farense_studio import messages
    from farense_studio.engine import checkpoints as C
    from farense_studio.engine.config import ConfigError
    from farense_studio.engine.distributed import GroupError, launch_command, read_hosts, request_stop

    try:
        hosts = read_hosts(args.hosts)
    except GroupError as exc:
        print(exc.text(), file=sys.stderr)
        return 2
    if args.run_dir:
        run_dir = Path(args.run_dir)
    elif args.config and not args.resume and args.more_epochs is None:
        try:
            run_dir = _default_run_dir(_load_config(args))
        except (ConfigError, OSError) as exc:
            print(messages.render(getattr(exc, "code", "invalid_config"),
                                  getattr(exc, "params", {"detail": str(exc)})), file=sys.stderr)
            return 2
    else:
        print("--hosts precisa de --config ou de --run-dir / --hosts needs --config or --run-dir", file=sys.stderr)
        return 2
    run_dir.mkdir(parents=True, exist_ok=True)
    print(messages.render("group_starting", {"count": len(hosts), "run_dir": str(run_dir)}), flush=True)
    process = subprocess.Popen(launch_command(args.hosts, _member_argv(args, run_dir)), start_new_session=True)
    interrupted = 0

    def on_sigint(signum, frame):
        nonlocal interrupted
        interrupted += 1
        if interrupted > 1:
            import os

            os.killpg(process.pid, signal.SIGTERM)
            return
        request_stop(run_dir)
        print(messages.render("group_stopping", {}), flush=True)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    state = C.read_training_state(run_dir) or {}
    command = f"farense-studio train --run-dir {shlex.quote(str(run_dir))} --resume --hosts {shlex.quote(args.hosts)}"
    if state.get("state") == "finished":
        return 0
    if state.get("state") == "stopped":
        print(messages.render("resume_hint", {"step": state.get("step", 0), "command": command}))
        return 0
    print(messages.render("group_failed", {"step": state.get("step", 0), "command": command}), file=sys.stderr)
    return 1


class ProgressBar:
    """One line redrawn in place on a terminal; on a pipe or log file, a line only every 10% of
    the run (or 60 s) so logs never flood."""

    def __init__(self, stream, width: int = 100):
        self.stream = stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.width = width
        self._drawn = False
        self._last_print = 0.0
        self._last_fraction = -1.0

    def on_event(self, event) -> None:
        from farense_studio import messages
        from farense_studio.engine import events as E

        if isinstance(event, E.StepReport):
            self._step(event)
        elif isinstance(event, E.EvalReport):
            self.line(messages.render("eval_report", {"step": event.step,
                                                      "val_loss": f"{event.val_loss:.4f}"}))
        elif isinstance(event, (E.Notice, E.Failed, E.PhaseStarted)):
            self.line(event.text)
        elif isinstance(event, E.Finished):
            best = f"{event.best_val_loss:.4f}" if event.best_val_loss is not None else "—"
            self.line(messages.render("training_finished", {"step": event.step, "best": best}))
            if event.checkpoint:
                self.line(f"→ {event.checkpoint}")
        elif isinstance(event, E.Stopped):
            self.line(messages.render("training_stopped", {"step": event.step}))

    def _step(self, r) -> None:
        from farense_studio.engine.estimate import format_duration

        eta = format_duration(r.eta_s) if r.eta_s is not None else "?"
        text = (f"passo {r.step}/{r.total_steps} · passagem {r.epoch + 1}/{r.epochs} · "
                f"erro {r.loss:.4f} · {r.tokens_per_second:,.0f} tok/s · ETA {eta}")
        if self.tty:
            filled = int(20 * r.step / max(1, r.total_steps))
            bar = "█" * filled + "░" * (20 - filled)
            self.stream.write("\r" + f"{bar} {text}"[: self.width].ljust(self.width))
            self.stream.flush()
            self._drawn = True
            return
        fraction = r.step / max(1, r.total_steps)
        now = time.monotonic()
        if (fraction - self._last_fraction >= 0.1 or now - self._last_print >= 60
                or r.step == r.total_steps):
            self._last_fraction, self._last_print = fraction, now
            self.stream.write(text + "\n")
            self.stream.flush()

    def line(self, text: str) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * self.width + "\r")
            self._drawn = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
