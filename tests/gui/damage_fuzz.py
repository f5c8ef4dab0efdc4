"""Seeded damage for the app-opening fuzz: a project with every file the window reads at start,
then one file of it truncated, flipped, replaced or given a value of another type."""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

from farense_studio.project import Project

ODD_VALUES = ["abc", "", "yesterday", -1, 0, 3, 1e308, -0.5, True, False, None, [], {}, [1, "x"], {"a": 1},
              "../../etc/passwd", "demo@@x", "\u00e9poca", ["run:"], {"lora": "x"}, "checkpoint_epoch0_step9"]


def make_project(folder: Path) -> tuple[Project, Path]:
    """A project with settings, edits and one paused run with a checkpoint, plus its settings INI."""
    project = Project.create(folder / "Arquivo", "Arquivo")
    project.settings.update(
        training={"model": "demo", "preset": "Rápido", "advanced": {"learning_rate": 2e-4, "lora": {"rank": 8}},
                  "questions_file": None},
        chat={"choice": None, "compare": False, "questions_file": None,
              "generation": {"temperature": 0.7, "top_p": 0.9, "max_tokens": 64, "repetition_penalty": 1.1,
                             "repetition_context_size": 20}},
        val_fraction=0.1, seed=3)
    project.save()
    (project.dados_dir / "edicoes.json").write_text(json.dumps({
        "version": 1, "changed": {"a1": [{"role": "user", "content": "Quando?"}, {"role": "assistant", "content": "1910"}]},
        "added": [{"id": "u1", "messages": [{"role": "user", "content": "Onde?"},
                                            {"role": "assistant", "content": "Faro"}], "split": "train"}],
        "removed": ["b2"], "splits": {"a1": "valid"}}), encoding="utf-8")
    run = project.treinos_dir / "20261201-100000"
    checkpoint = run / "checkpoints" / "checkpoint_epoch0_step2"
    checkpoint.mkdir(parents=True)
    (checkpoint / "adapters.safetensors").write_bytes(b"\0" * 8)
    (checkpoint / "adapter_config.json").write_text('{"model": "demo"}', encoding="utf-8")
    (run / "config.yaml").write_text(yaml.safe_dump({"model": "demo", "model_revision": None, "epochs": 1,
                                                     "preset": "Rápido", "lora": {"rank": 8}}), encoding="utf-8")
    (run / "checkpoints" / "training_state.json").write_text(json.dumps({
        "state": "paused", "created": 1764583200.0, "step": 2, "epoch": 0, "total_steps": 6,
        "latest": "checkpoint_epoch0_step2", "best": "checkpoint_epoch0_step2", "best_val_loss": 1.5,
        "final_loss": 1.4, "preset": "Rápido", "model": "demo"}), encoding="utf-8")
    (run / "metrics.jsonl").write_text('{"kind": "train", "step": 1, "loss": 2.0}\n'
                                       '{"kind": "eval", "step": 2, "val_loss": 1.5}\n', encoding="utf-8")
    (run / "nome.txt").write_text("Primeiro ensaio\n", encoding="utf-8")
    ini = folder / "settings.ini"
    ini.write_text(f"[projects]\nlast={project.path}\n[window]\ntab=1\n", encoding="utf-8")
    return project, ini


def _leaves(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))


def _replace(value, path, new):
    if not path:
        return new
    value[path[0]] = _replace(value[path[0]], path[1:], new)
    return value


def mutate_one(rng: random.Random, project: Project, ini: Path) -> tuple[Path, str]:
    """Damages one file at random; returns it and what was done."""
    run = project.path / "treinos" / "20261201-100000"
    files = [project.file, project.path / "dados" / "edicoes.json", run / "config.yaml",
             run / "checkpoints" / "training_state.json", run / "metrics.jsonl", run / "nome.txt",
             run / "checkpoints" / "checkpoint_epoch0_step2" / "adapter_config.json", ini]
    path = rng.choice(files)
    data = path.read_bytes()
    kind = rng.choice(["truncate", "flip", "bytes", "value", "value", "value", "drop"])
    if kind == "truncate":
        data = data[:rng.randrange(len(data))]
    elif kind == "flip":
        data = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    elif kind == "bytes":
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 64)))
    elif path.suffix in (".json", ".yaml"):
        loads, dumps = ((json.loads, lambda v: json.dumps(v).encode()) if path.suffix == ".json"
                        else (yaml.safe_load, lambda v: yaml.safe_dump(v).encode()))
        value = loads(data)
        leaf = rng.choice(list(_leaves(value)))
        if kind == "drop" and leaf:
            parent = value
            for key in leaf[:-1]:
                parent = parent[key]
            del parent[leaf[-1]]
        else:
            value = _replace(value, leaf, rng.choice(ODD_VALUES))
        data = dumps(value)
    elif path.suffix == ".ini":
        key = rng.choice(["window/tab", "projects/last", "projects/recent", "ui/language", "window/main"])
        section, name = key.split("/")
        data += f"\n[{section}]\n{name}={rng.choice(ODD_VALUES)}\n".encode()
    else:
        data = rng.choice([b"\xff\xfe", b'{"kind": "train", "step": "abc"}\n', b"\n" * 3]) + data
    path.write_bytes(data)
    return path, kind


def open_damaged(folder: Path, seed: int):
    """Builds the main window the way the app starts, on a project with one file damaged by
    ``seed``; returns (window, damaged file, its damaged bytes, what was done)."""
    import os

    from farense_studio.gui.app import build_main_window
    from farense_studio.gui.settings import AppSettings

    project, ini = make_project(folder)
    path, kind = mutate_one(random.Random(seed), project, ini)
    damaged = path.read_bytes()
    os.environ["FARENSE_SETTINGS_FILE"] = str(ini)
    window = build_main_window(lang="pt", settings=AppSettings())
    window.show()
    return window, path, damaged, kind


USER_KEYS = ("name", "created", "jsonl_sources", "bio_sources")  # projeto.json's own data (settings are the tabs')


def kept_intact(path: Path, damaged: bytes) -> bool:
    """The damaged bytes are still in the file or in a …danificado-<data> copy beside it; or,
    for a projeto.json that still read (and that the tabs then saved with their settings), its
    name, date and sources are still there. The settings INI is the app's own: only a
    reported one needs its copy."""
    copies = list(path.parent.glob(f"{path.stem}.danificado-*{path.suffix}"))
    if path.read_bytes() == damaged or any(copy.read_bytes() == damaged for copy in copies):
        return True
    if path.suffix == ".ini":
        return not copies
    try:
        old, new = json.loads(damaged), json.loads(path.read_bytes())
        return path.name == "projeto.json" and all(old.get(k) in (None, new.get(k)) for k in USER_KEYS)
    except ValueError:
        return False


def main(argv: list[str]) -> int:
    """``python tests/gui/damage_fuzz.py N [FIRST_SEED]``: N damaged projects, each opened in
    a window; prints every one that raised, fell back or lost the damaged bytes."""
    import os
    import sys
    import tempfile
    import time
    import traceback

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="farense-damage-"))
    os.environ["FARENSE_PROJECTS_DIR"] = str(scratch / "docs")
    os.environ["FARENSE_DATA_DIR"] = str(scratch / "data")
    from farense_studio.gui.app import create_app

    app = create_app()
    errors: list[str] = []
    sys.excepthook = lambda *exc: errors.append("".join(traceback.format_exception(*exc)))
    count, first = int(argv[0]), int(argv[1]) if len(argv) > 1 else 0
    bad = 0
    for seed in range(first, first + count):
        errors.clear()
        try:
            window, path, damaged, kind = open_damaged(scratch / f"c{seed}", seed)
            deadline = time.monotonic() + 0.2
            while time.monotonic() < deadline:
                app.processEvents()
            if "Não foi possível mostrar" in window.open_problems.text():
                errors.append(window.open_problems.text())
            window.close()
            window.dataset_tab.shutdown()
            window.deleteLater()
            if not kept_intact(path, damaged):
                errors.append(f"{path} lost its damaged bytes")
        except Exception:  # noqa: BLE001 - counted and printed
            errors.append(traceback.format_exc())
        if errors:
            bad += 1
            print(f"--- seed {seed}\n{errors[-1][-1500:]}")
    print(f"{count} damaged projects opened, {bad} did not open cleanly")
    return 1 if bad else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
