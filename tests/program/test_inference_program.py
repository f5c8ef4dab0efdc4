"""The inference program's contract: one JSON object on stdout, plain errors, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.program import clean_env, run_program
from helpers.tiny_run import ANSWER, QUESTION


@pytest.fixture(scope="module")
def copied_export(exported, tmp_path_factory) -> Path:
    """Only the export folder, somewhere else (the base model stays where it was)."""
    target = tmp_path_factory.mktemp("elsewhere") / "exportacao"
    shutil.copytree(exported, target)
    return target


def system_python_without_mlx() -> str | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and os.path.exists(candidate):
            probe = subprocess.run([candidate, "-c", "import mlx.core, mlx_lm"], capture_output=True, cwd="/",
                                   env=clean_env())
            if probe.returncode != 0:
                return candidate
    return None


def test_exported_program_answers_in_a_fresh_python_without_mlx(copied_export, tmp_path):
    """The bot's spawn('python3', [script, prompt]): the program re-runs itself in the app's env."""
    python = system_python_without_mlx()
    if python is None:  # every python3 here has mlx-lm: the re-run is then not needed
        python = sys.executable
    result, code, out = run_program([python, str(copied_export / "inference.py"), QUESTION, "--temperature", "0"],
                                    cwd=tmp_path)
    assert code == 0
    assert result == {"prompt": QUESTION, "response": ANSWER, "status": "success", "sources": [],
                      "documents_silent": False}


def test_exported_program_standalone_with_mlx_lm_only(copied_export, tmp_path):
    """A machine beside the Mac: mlx-lm installed, no Farense Studio (simulated by the switch)."""
    prompt = "Quem foi Hassan Nader? Çé ã"
    result, code, out = run_program([sys.executable, str(copied_export / "inference.py"), "--temperature", "0",
                                     "--max-tokens", "40", prompt], cwd=tmp_path, FARENSE_INFER_STANDALONE="1")
    assert code == 0 and result["status"] == "success" and result["prompt"] == prompt
    assert prompt in out  # Unicode kept as is, not \u escapes
    assert isinstance(result["response"], str)


def test_prompt_on_stdin(copied_export, tmp_path):
    result, code, _ = run_program([sys.executable, str(copied_export / "inference.py"), "--temperature", "0"],
                                  cwd=tmp_path, stdin=QUESTION + "\n")
    assert code == 0 and result["prompt"] == QUESTION and result["response"] == ANSWER


def test_corrupted_adapter_gives_a_json_error(copied_export, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(copied_export, broken)
    data = (broken / "adapters.safetensors").read_bytes()
    (broken / "adapters.safetensors").write_bytes(data[: len(data) // 3])
    result, code, _ = run_program([sys.executable, str(broken / "inference.py"), QUESTION], cwd=tmp_path)
    assert code == 3
    assert result["status"] == "error" and result["response"] is None and result["prompt"] == QUESTION
    assert result["code"] == "infer_adapter_changed" and "adapters.safetensors" in result["error"]
    meta = json.loads((broken / "metadata.json").read_text())
    del meta["files"]  # an export older than the checksums: mlx-lm finds the damage when loading
    (broken / "metadata.json").write_text(json.dumps(meta))
    result, code, _ = run_program([sys.executable, str(broken / "inference.py"), QUESTION], cwd=tmp_path)
    assert code == 3 and result["code"] == "infer_adapter_failed" and "danificada" in result["error"]


def test_an_adapter_changed_after_the_export_is_refused(copied_export, tmp_path):
    """Same size, valid safetensors, other weights: it would load and answer garbage."""
    changed = tmp_path / "changed"
    shutil.copytree(copied_export, changed)
    data = bytearray((changed / "adapters.safetensors").read_bytes())
    data[-1] ^= 0x01
    (changed / "adapters.safetensors").write_bytes(bytes(data))
    result, code, _ = run_program([sys.executable, str(changed / "inference.py"), QUESTION], cwd=tmp_path)
    assert code == 3 and result["code"] == "infer_adapter_changed"
    assert "Exporte de novo" in result["error"]


# ---------------------------------------------------------------- hostile calls (issue 16)

def run_raw(argv: list, *, stdin: bytes = b"", stdout=subprocess.PIPE, **env) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=clean_env(**env), input=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          timeout=120)


def one_json(proc: subprocess.CompletedProcess) -> dict:
    out = proc.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    assert out.endswith("\n") and out.count("\n") == 1, (out, proc.stderr.decode()[-2000:])
    return json.loads(out)


@pytest.mark.parametrize("argv, code, error_code", [
    ([b"\xff\xfe quem?"], 2, "infer_bad_encoding"),
    ([b"--system", b"S\xe9 breve", b"Ol\xc3\xa1"], 2, "infer_bad_encoding"),
    ([b"--adapter", b"/n\xe3o/existe", b"Ol\xc3\xa1"], 3, "infer_adapter_missing"),
    ([b"--temperature", b"nan", b"Ol\xc3\xa1"], 2, "infer_bad_setting"),
    ([b"--temperature", b"inf", b"Ol\xc3\xa1"], 2, "infer_bad_setting"),
    ([b"--max-tokens", b"0", b"Ol\xc3\xa1"], 2, "infer_bad_setting"),
])
def test_bad_bytes_and_numbers_get_one_json_object(copied_export, argv, code, error_code):
    proc = run_raw([sys.executable, str(copied_export / "inference.py"), *argv])
    result = one_json(proc)
    assert proc.returncode == code and result["code"] == error_code and result["response"] is None


def test_bad_bytes_on_stdin(copied_export):
    proc = run_raw([sys.executable, str(copied_export / "inference.py")], stdin=b"\xffquem foi?")
    assert proc.returncode == 2 and one_json(proc)["code"] == "infer_bad_encoding"


def test_a_five_megabyte_prompt_is_refused_at_once(copied_export):
    """It ran for minutes; now refused before the model loads (mlx-lm is never imported)."""
    proc = run_raw([sys.executable, "-X", "importtime", str(copied_export / "inference.py")], stdin=b"a" * 5_000_000)
    result = one_json(proc)
    assert proc.returncode == 2 and result["code"] == "infer_prompt_too_long" and "20000" in result["error"]
    assert b"mlx_lm" not in proc.stderr
    long_argument = ["palavra " * 2600]  # 20,800 characters in the arguments
    proc = run_raw([sys.executable, str(copied_export / "inference.py"), *long_argument])
    assert proc.returncode == 2 and one_json(proc)["code"] == "infer_prompt_too_long"


def test_stdout_full_or_closed_exits_5(copied_export):
    """Nothing can reach the bot: the documented exit code and a line on stderr, no traceback."""
    with open("/dev/full", "wb") as full:
        proc = run_raw([sys.executable, str(copied_export / "inference.py"), "Olá"], stdout=full)
    assert proc.returncode == 5 and b"Traceback" not in proc.stderr and b"stdout" in proc.stderr
    closed = subprocess.run([sys.executable, str(copied_export / "inference.py"), "Olá"], env=clean_env(),
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 5 and b"Traceback" not in closed.stderr


@pytest.mark.parametrize("app", [{"python": "/nao/existe/python3"}, "x", None, {"python": 5, "prefix": 7},
                                 {"python": "/tmp"}, {"python": "/etc/hostname"}])
def test_a_missing_interpreter_in_the_metadata_is_explained(copied_export, tmp_path, app):
    python = system_python_without_mlx()
    if python is None:
        pytest.skip("every python3 here has mlx-lm: the app's interpreter is never needed")
    moved = tmp_path / "moved"
    shutil.copytree(copied_export, moved)
    meta = json.loads((moved / "metadata.json").read_text())
    meta["app"] = app
    (moved / "metadata.json").write_text(json.dumps(meta))
    proc = run_raw([python, str(moved / "inference.py"), "Olá"])
    assert proc.returncode == 3 and one_json(proc)["code"] == "infer_mlx_missing"


@pytest.mark.parametrize("argv, code, error_code", [
    (["   "], 2, "infer_empty_prompt"),
    (["--max-tokens", "muitos", "Olá"], 2, "infer_bad_arguments"),
    (["--temperature", "-1", "Olá"], 2, "infer_bad_setting"),
    (["--model", "/não/existe", "Olá"], 3, "infer_model_unavailable"),
])
def test_usage_errors_in_process(exported, capfd, argv, code, error_code):
    from farense_studio.serve.infer import main

    assert main(argv, export_dir=exported) == code
    out = capfd.readouterr().out
    result = json.loads(out)
    assert out.count("\n") == 1 and result["status"] == "error" and result["code"] == error_code
    assert result["response"] is None and result["error"]


def test_missing_base_model_named_in_metadata(copied_export, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(copied_export, moved)
    meta = json.loads((moved / "metadata.json").read_text())
    meta["base_model"].update(spec=str(tmp_path / "gone"), path=str(tmp_path / "gone"))
    (moved / "metadata.json").write_text(json.dumps(meta))
    result, code, _ = run_program([sys.executable, str(moved / "inference.py"), "Olá"], cwd=tmp_path)
    assert code == 3 and result["status"] == "error" and "gone" in result["error"]


def test_no_prompt_at_all(exported, capfd, monkeypatch):
    from farense_studio.serve.infer import main

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert main([], export_dir=exported) == 2
    assert json.loads(capfd.readouterr().out)["code"] == "infer_no_prompt"


def test_farense_infer_on_a_run_folder(tiny_run, capfd):
    from farense_studio.serve.infer import main

    assert main(["--adapter", str(tiny_run), "--temperature", "0", QUESTION]) == 0
    result = json.loads(capfd.readouterr().out)
    assert result == {"prompt": QUESTION, "response": ANSWER, "status": "success", "sources": [],
                      "documents_silent": False}


def test_base_model_alone_answers_differently(exported, capfd):
    from farense_studio.serve.infer import main

    assert main(["--no-adapter", "--temperature", "0", "--max-tokens", "30", QUESTION], export_dir=exported) == 0
    assert json.loads(capfd.readouterr().out)["response"] != ANSWER


def test_fused_export_needs_no_base_model(tiny_run, tiny_model_dir, tmp_path):
    from farense_studio.engine.export import ExportOptions, export_run

    folder = export_run(tiny_run, tmp_path / "out", ExportOptions(fuse=True))
    meta = json.loads((folder / "metadata.json").read_text())
    meta["base_model"].update(spec=str(tmp_path / "gone"), path=str(tmp_path / "gone"))
    (folder / "metadata.json").write_text(json.dumps(meta))
    result, code, _ = run_program([sys.executable, str(folder / "inference.py"), "--temperature", "0", QUESTION],
                                  cwd=tmp_path)
    assert code == 0 and result["response"] == ANSWER


def test_app_command_runs_the_program_as_a_bundle_would(exported, capfd):
    """What an exported inference.py runs inside the .app bundle: `<app> infer --export-dir X -- ...`."""
    from farense_studio.cli import main

    assert main(["infer", "--export-dir", str(exported), "--", "--temperature", "0", QUESTION]) == 0
    assert json.loads(capfd.readouterr().out)["response"] == ANSWER


@pytest.mark.realmodel
@pytest.mark.slow
def test_demo_model_export_answers_and_the_demo_is_converted_again_if_missing(tmp_path):
    """A run on the bundled SmolLM2 ("demo"): the exported program finds it in the app's data
    folder, and converts it again from the installed package when that folder is gone."""
    from farense_studio.engine.export import export_run
    from farense_studio.engine.models import demo_model_dir, ensure_demo_model
    from helpers.tiny_run import make_tiny_run

    run = make_tiny_run(ensure_demo_model(), tmp_path / "treinos" / "demo-run", steps=0, model_spec="demo")
    folder = export_run(run, tmp_path / "out")
    assert json.loads((folder / "metadata.json").read_text())["base_model"]["spec"] == "demo"
    shutil.rmtree(demo_model_dir())
    python = system_python_without_mlx() or sys.executable
    result, code, _ = run_program([python, str(folder / "inference.py"), "--max-tokens", "3", "Who are you?"],
                                  cwd=tmp_path, FARENSE_DATA_DIR=os.environ["FARENSE_DATA_DIR"])
    assert code == 0 and result["status"] == "success" and result["response"]
    assert (demo_model_dir() / "config.json").is_file()
