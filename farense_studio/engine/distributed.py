"""Training on several computers at once, on MLX's own distributed layer (``mlx.launch``, ring).

``farense-studio train --hosts FILE`` starts one process per host of an MLX host file through
``mlx.launch``; each runs ``farense-studio train ... --group-member`` and joins the group with
``mx.distributed.init()``. The engine already splits every micro-batch's rows across ranks and
sums gradients (engine.session), so the group computes the steps of one machine with the same
global batch. Only rank 0 writes metrics, state and checkpoints (engine.trainer).

Control of a group is decided by rank 0 and agreed at every step boundary (``agree``): a stop or
pause request reaches rank 0 through its TrainingControl (Ctrl+C on the command line, the app)
or through a request file in the run folder (``request_stop``), and all ranks stop after the same
step into one checkpoint. A paused group is a stopped group (the other computers are freed);
resuming, on one computer or on a group of another size, continues from that checkpoint in the
same data order. A rank that dies ends the group (mlx.launch ends the others); the last
checkpoint resumes it.

Every computer must see the model, the prepared data and the run folder at the same paths (for
example a shared folder): the check (``check_hosts``) says so in plain words when one does not.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from farense_studio.files import atomic_write_json
from farense_studio.messages import CodedError

REQUEST_FILE = "pedido_do_grupo.json"  # {"action": "stop"} written into the run folder
MEMBER_FLAG = "--group-member"


class GroupError(CodedError):
    """A coded problem with a group of computers (rendered by messages/group.py)."""


@dataclass(frozen=True)
class GroupHost:
    """One computer of the group: the name SSH reaches and the addresses the ring uses."""

    rank: int
    ssh: str
    ips: tuple[str, ...]

    @property
    def local(self) -> bool:
        return self.ssh in ("127.0.0.1", "localhost", "::1")


def read_hosts(path: str | os.PathLike) -> list[GroupHost]:
    """The hosts of an MLX host file (read by MLX's own parser), checked for the ring backend."""
    from mlx._distributed_utils.common import Hostfile

    path = Path(path)
    if not path.is_file():
        raise GroupError("hosts_file_missing", path=str(path))
    try:
        hostfile = Hostfile.from_file(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise GroupError("hosts_file_invalid", path=str(path), detail=str(exc)) from exc
    hosts = [GroupHost(h.rank, h.ssh_hostname, tuple(h.ips)) for h in hostfile.hosts]
    if len(hosts) < 2:
        raise GroupError("hosts_too_few", path=str(path), count=len(hosts))
    missing = [h.ssh for h in hosts if not h.ips]
    if missing:
        raise GroupError("hosts_without_address", names=", ".join(missing))
    return hosts


def free_port() -> int:
    """A port free on this computer now (the ring listens on it and the next ones)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_command(hostfile: str | os.PathLike, member_argv: Sequence[str], python: str | None = None,
                   backend: str = "ring", port: int | None = None) -> list[str]:
    """The mlx.launch command that starts ``python -m farense_studio <member_argv> --group-member``
    on every host of the file (MLX's launcher, run with this interpreter). The ring's first port
    is one free here unless given (a fixed one may still be held by an earlier run)."""
    python = python or sys.executable
    launcher = "from mlx._distributed_utils.launch import main; import sys; sys.exit(main())"
    return [sys.executable, "-c", launcher, "--hostfile", str(hostfile), "--backend", backend,
            "--starting-port", str(port or free_port()), "--python", python, "--",
            "-m", "farense_studio", *member_argv, MEMBER_FLAG]


def join_group() -> Any:
    """This process's group (``mx.distributed.init`` with what mlx.launch set in the environment)."""
    import mlx.core as mx

    group = mx.distributed.init(strict=True)
    if group.size() < 2:
        raise GroupError("group_not_joined")
    return group


def agree(group: Any, *flags: bool) -> tuple[bool, ...]:
    """Rank 0's flags, known to every rank (one all_sum; the others contribute zeros)."""
    if group is None or group.size() < 2:
        return tuple(bool(f) for f in flags)
    import mlx.core as mx

    mine = [float(bool(f)) if group.rank() == 0 else 0.0 for f in flags]
    total = mx.distributed.all_sum(mx.array(mine, dtype=mx.float32), group=group)
    return tuple(bool(v > 0.5) for v in total.tolist())


def request_stop(run_dir: str | os.PathLike) -> Path:
    """Asks a group training in run_dir to stop after its current step (rank 0 reads it)."""
    return atomic_write_json(Path(run_dir) / REQUEST_FILE, {"action": "stop"})


def stop_requested(run_dir: str | os.PathLike) -> bool:
    return (Path(run_dir) / REQUEST_FILE).is_file()


def clear_request(run_dir: str | os.PathLike) -> None:
    try:
        (Path(run_dir) / REQUEST_FILE).unlink()
    except FileNotFoundError:
        pass


def check_hosts(hosts: Sequence[GroupHost], paths: Sequence[str | os.PathLike], *,
                timeout: float = 10.0, version: str | None = None) -> list[dict[str, Any]]:
    """One plain-words result per host: reachable, same app version, the paths present, memory.

    Local hosts are checked in this process; others through ``ssh HOST python -m farense_studio
    --group-check``. Each result: {"host", "ok", "code", "params"} (code rendered by messages).
    """
    from farense_studio import __version__

    version = version or __version__
    results = []
    for host in hosts:
        if host.local:
            report = local_report([str(p) for p in paths])
        else:
            report = _remote_report(host, paths, timeout)
        results.append(_judge(host, report, version))
    return results


def local_report(paths: Sequence[str]) -> dict[str, Any]:
    """What --group-check prints: version, memory and which paths exist, on this computer."""
    from farense_studio import __version__

    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError, AttributeError):
        memory = 0.0
    return {"version": __version__, "memory_gb": round(memory, 1),
            "missing": [p for p in paths if not Path(p).exists()]}


def _remote_report(host: GroupHost, paths: Sequence[str | os.PathLike], timeout: float) -> dict[str, Any]:
    command = f"python3 -m farense_studio --group-check {' '.join(shlex.quote(str(p)) for p in paths)}"
    try:
        done = subprocess.run(["ssh", "-o", "BatchMode=yes", "-o", f"ConnectTimeout={int(timeout)}", host.ssh,
                               command], capture_output=True, text=True, timeout=timeout + 5)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": "host_unreachable", "detail": str(exc)}
    if done.returncode != 0:
        return {"error": "host_unreachable", "detail": (done.stderr or done.stdout).strip()[-300:]}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": "host_no_app", "detail": done.stdout.strip()[-300:]}


def _judge(host: GroupHost, report: dict[str, Any], version: str, min_memory_gb: float = 8.0) -> dict[str, Any]:
    name = host.ssh
    if report.get("error"):
        return {"host": name, "ok": False, "code": report["error"], "params": {"host": name}}
    if report.get("version") != version:
        return {"host": name, "ok": False, "code": "host_other_version",
                "params": {"host": name, "theirs": report.get("version", "?"), "ours": version}}
    if report.get("missing"):
        return {"host": name, "ok": False, "code": "host_missing_paths",
                "params": {"host": name, "paths": ", ".join(report["missing"])}}
    memory = float(report.get("memory_gb") or 0.0)
    if memory and memory < min_memory_gb:
        return {"host": name, "ok": False, "code": "host_low_memory",
                "params": {"host": name, "memory": f"{memory:.0f}", "needed": f"{min_memory_gb:.0f}"}}
    return {"host": name, "ok": True, "code": "host_ready", "params": {"host": name, "memory": f"{memory:.0f}"}}
