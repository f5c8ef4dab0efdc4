"""Fires many bad inference-program calls and hostile server requests at a tiny export; counts.

    PYTHONPATH=. .venv/bin/python scripts/hostile_calls.py [--calls 140] [--requests 2000] [--seed 0]

Prints "bad inference calls tried / non-JSON outputs" (every call must print exactly one JSON
object on stdout, or exit 5 without a traceback when stdout is full or closed) and "hostile
server requests tried / accepted" (accepted: a 2xx answer to a request that must be refused,
an error whose body is not our JSON error object, or no answer). Seeded: the same seed, the same calls.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # helpers.tiny_run, as the export tests use it

from helpers.tiny_run import make_tiny_run  # noqa: E402

from farense_studio.engine.export import export_run  # noqa: E402
from farense_studio.engine.tiny_model import build_tiny_model  # noqa: E402

JUNK_NUMBERS = ["nan", "inf", "-inf", "-1", "1e999", "0", "-0.0", "abc", "", "9" * 400, "0x10", "１"]


def junk_bytes(rng: random.Random, n: int) -> bytes:
    return bytes(rng.choice([0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x41, 0x20, 0xC3]) for _ in range(n))


def inference_calls(rng: random.Random, export: Path, n: int):
    """(kind, argv, stdin bytes, stdout kind, metadata edit) for n bad calls, kinds in turn."""
    script = str(export / "inference.py")
    kinds = ["prompt_bytes", "path_bytes", "system_bytes", "temperature", "max_tokens", "big_stdin", "stdin_bytes",
             "big_args", "changed_adapter", "bad_app", "dev_full", "closed", "junk_options", "empty"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        argv, stdin, out, meta = [script], b"", "pipe", None
        if kind == "prompt_bytes":
            argv.append(b"Quem " + junk_bytes(rng, rng.randint(1, 40)))
        elif kind == "path_bytes":
            argv += [b"--adapter", b"/tmp/" + junk_bytes(rng, rng.randint(1, 30)), "Olá"]
        elif kind == "system_bytes":
            argv += [b"--system", junk_bytes(rng, 8), "Olá"]
        elif kind == "temperature":
            argv += ["--temperature", rng.choice(JUNK_NUMBERS), "Olá"]
        elif kind == "max_tokens":
            argv += ["--max-tokens", rng.choice(JUNK_NUMBERS + ["100000000"]), "Olá"]
        elif kind == "big_stdin":
            stdin = b"a" * rng.choice([80_001, 1_000_000, 5_000_000])
        elif kind == "stdin_bytes":
            stdin = junk_bytes(rng, rng.randint(1, 100))
        elif kind == "big_args":
            argv += ["palavra"] * rng.randint(3000, 9000)
        elif kind == "changed_adapter":
            meta = "changed_adapter"
            argv.append("Olá")
        elif kind == "bad_app":
            meta = rng.choice(['"x"', "null", '{"python": 5}', '{"python": "/tmp"}', '{"python": "/nao/existe"}'])
            argv.append("Olá")
        elif kind in ("dev_full", "closed"):
            out = kind
            argv += ["--max-tokens", "2", "Olá"]
        elif kind == "junk_options":
            argv += [rng.choice(["--nada", "--model", "--adapter", "--max-tokens", "-x"]), *(["Olá"] if rng.random() < .5 else [])]
        else:
            argv.append(rng.choice(["", " ", "\t\n"]))
        yield kind, argv, stdin, out, meta


def run_call(python: str, export: Path, work: Path, argv, stdin: bytes, out: str, meta) -> bool:
    """True when the call kept the contract (one that gives no answer in 60 s did not)."""
    try:
        return _run_call(python, export, work, argv, stdin, out, meta)
    except subprocess.TimeoutExpired:
        return False


def _run_call(python: str, export: Path, work: Path, argv, stdin: bytes, out: str, meta) -> bool:
    folder = export
    if meta is not None:
        folder = work / "copia"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(export, folder)
        data = json.loads((folder / "metadata.json").read_text())
        if meta == "changed_adapter":
            weights = bytearray((folder / "adapters.safetensors").read_bytes())
            weights[-1] ^= 1
            (folder / "adapters.safetensors").write_bytes(bytes(weights))
        else:
            data["app"] = json.loads(meta)
        (folder / "metadata.json").write_text(json.dumps(data))
        argv = [str(folder / "inference.py"), *argv[1:]]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "FARENSE_INFER"))}
    env["PYTHONPATH"] = str(ROOT)
    command = [python if meta not in (None, "changed_adapter") else sys.executable, *argv]
    if out == "dev_full":
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(command, input=stdin, stdout=full, stderr=subprocess.PIPE, env=env, timeout=60)
        return proc.returncode == 5 and b"Traceback" not in proc.stderr
    if out == "closed":
        proc = subprocess.run(command, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, timeout=60,
                              preexec_fn=lambda: os.close(1))
        return proc.returncode == 5 and b"Traceback" not in proc.stderr
    proc = subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=60)
    try:
        text = proc.stdout.decode("utf-8")
        result = json.loads(text)
    except ValueError:
        return False
    # Some edge values are valid ("-0.0", a full-width "１"): an answer is fine, as long as it is
    # one JSON object whose status matches the exit code.
    return text.count("\n") == 1 and text.endswith("\n") and isinstance(result, dict) and \
        (result.get("status") == "success") == (proc.returncode == 0)


# ---------------------------------------------------------------- the server

# Values each parameter must refuse (None is "not given": allowed).
BAD_VALUES = {
    "stop": [5, [1], ["a"] * 9, [""], {}, True, ["x" * 201]],
    "logit_bias": ["x", {"abc": 1}, {"99999999": 1}, {"1": 1000}, [], {"1": "x"}, {"-1": 1}],
    "repetition_penalty": [-1, 11, "x", True, [], 1e308],
    "top_logprobs": [1000, -1, 1.5, "x", True],
    "temperature": [-1, 6, 1e308, -1e308, "x", True, [], {}, "NaN"],
    "top_p": [-0.1, 1.5, "x", False],
    "max_tokens": [0, -5, 10**9, 2.5, "x", 10**30],
    "top_k": [-1, 10**6, "5", 1.5],
    "min_p": [-1, 2, "x"],
    "seed": [-1, 2**40, "x", 1.5],
    "stream": ["sim", 1, 0, []],
    "logprobs": [1, "x", {}],
    "xtc_probability": [2, -1, "x"],
    "xtc_threshold": [1, -1, "x"],
    "presence_penalty": [5, -5, "x"],
    "frequency_penalty": [5, -5, "x"],
    "stream_options": ["x", 5, {"include_usage": "sim"}],
    "repetition_context_size": [-1, 10**6, 1.5],
}


def hostile_requests(rng: random.Random, n: int):
    """(method, path, headers, body bytes) of requests that must all be refused."""
    good = {"messages": [{"role": "user", "content": "Olá"}]}
    for i in range(n):
        kind = i % 8
        headers, method, path = {"Content-Type": "application/json"}, "POST", "/v1/chat/completions"
        body = dict(good)
        if kind == 0:
            headers["Host"] = rng.choice(["evil.example", "attacker.test:8080", "127.0.0.1.nip.io", "localhost.evil"])
            method, path = rng.choice([("GET", "/v1/models"), ("POST", path), ("OPTIONS", path)])
        elif kind == 1:
            headers["Origin"] = rng.choice(["https://evil.example", "null", "http://localhost.evil", "file://"])
            method = rng.choice(["GET", "POST", "OPTIONS"])
        elif kind == 2:
            headers = {"Content-Type": rng.choice(["text/plain", "application/x-www-form-urlencoded",
                                                   "multipart/form-data"])}
        elif kind == 3:
            headers["Sec-Fetch-Site"] = rng.choice(["cross-site", "same-site"])
            method, path = rng.choice([("GET", "/v1/models"), ("POST", path)])
        elif kind in (4, 5):
            for name in rng.sample(sorted(BAD_VALUES), rng.randint(1, 3)):
                body[name] = rng.choice(BAD_VALUES[name])
        elif kind == 6:
            raw = rng.choice([b'{"messages": [{"role": "user", "content": "x"}], "temperature": NaN}',
                              b"[" * 20000 + b"]" * 20000, b"\xff\xfe", b'{"messages": 5}', b"",
                              b'{"messages": [{"role": "user", "content": "x"}], "logit_bias": {"1": Infinity}}'])
            yield method, path, headers, raw
            continue
        else:
            body["messages"] = rng.choice([[], [{"role": "robot", "content": "x"}], [{"role": "user", "content": 5}],
                                           [{"role": "user", "content": [{"type": "image_url"}]}], "x"])
        yield method, path, headers, json.dumps(body).encode()


def accepted(port: int, method: str, path: str, headers: dict, body: bytes) -> bool:
    """True unless the request was refused with our JSON error (a dropped connection counts)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest(method, path, skip_host="Host" in headers)
        for key, value in headers.items():
            conn.putheader(key, value)
        if method == "POST":
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body if method == "POST" else None)
        response = conn.getresponse()
        payload = response.read()
    except (OSError, http.client.HTTPException):
        return True
    finally:
        conn.close()
    if response.status < 300:
        return True
    try:
        error = json.loads(payload)["error"]
        return not (error["code"] and error["message"])
    except (ValueError, KeyError, TypeError):
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=140)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--python-without-mlx", default="/usr/bin/python3",
                        help="a python3 lacking mlx-lm, for the metadata's interpreter calls")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="farense-hostile-"))
    os.environ.setdefault("FARENSE_DATA_DIR", str(work / "data"))
    try:
        export = export_run(make_tiny_run(build_tiny_model(work / "base"), work / "treinos" / "hostil"), work / "out")
        bad, failures = 0, {}
        for kind, argv, stdin, out, meta in inference_calls(rng, export, args.calls):
            if not run_call(args.python_without_mlx, export, work, argv, stdin, out, meta):
                bad += 1
                failures[kind] = failures.get(kind, 0) + 1
        print(f"bad inference calls tried / non-JSON outputs: {args.calls} / {bad}" + (f"  {failures}" if bad else ""))

        from farense_studio.serve.infer import make_plan, resolve_base
        from farense_studio.serve.server import LocalServer

        plan = make_plan(export)
        server = LocalServer(plan, resolve_base(plan), port=0)
        server.start_in_thread()
        try:
            let_in = sum(accepted(server.port, *request) for request in hostile_requests(rng, args.requests))
        finally:
            server.close()
        print(f"hostile server requests tried / accepted: {args.requests} / {let_in}")
        return 0 if bad == 0 and let_in == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
