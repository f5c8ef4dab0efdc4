"""Downloads from a local Hub speaking the real protocol (tests/models/hub_server.py).

Real sockets on 127.0.0.1, no mocks: the model-info API, HEAD/GET on resolve URLs with ETag
and X-Repo-Commit, an LFS redirect to a separate "CDN" origin, Range requests, a connection
cut mid-file, a stalled connection, a corrupted transfer, cancel between and within files.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time

import pytest

from farense_studio.engine.download import DownloadJob, DownloadProgress, download_model
from farense_studio.engine.models import ModelError, check_model_folder, resolve_model

REPO = "clube/modelo-mini"
EXTRA = {"README.md": b"# modelo\n", "pytorch_model.bin": b"\0" * 1000,
         "original/consolidated.pth": b"\1" * 10}
WANTED = ["config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json",
          "tokenizer_config.json"]
FAST = {"chunk_size": 16 * 1024, "retry_wait_s": 0.02}


@pytest.fixture
def repo(local_hub, tiny_model_dir):
    """The tiny model published on the local hub; returns its commit."""
    local_hub.throttle_chunk = 16 * 1024
    return local_hub.add_folder(REPO, tiny_model_dir, extra=EXTRA)


def _weights_size(local_hub, sha):
    return len(local_hub.repos[REPO].commits[sha].files["model.safetensors"])


def _blob(cache, sha256):
    return cache / "models--clube--modelo-mini" / "blobs" / sha256


def test_download_fills_the_standard_cache_with_progress(local_hub, hub_env, repo, tiny_model_dir):
    events = []
    path = download_model(REPO, "main", progress=events.append, token="hf_segredo", **FAST)

    storage = hub_env / "models--clube--modelo-mini"
    assert path == storage / "snapshots" / repo
    assert sorted(p.name for p in path.iterdir()) == WANTED  # mlx-lm's patterns only
    for name in WANTED:
        assert (path / name).is_symlink()
        assert (path / name).read_bytes() == (tiny_model_dir / name).read_bytes()
    assert (storage / "refs" / "main").read_text() == repo
    assert not list((storage / "blobs").glob("*.incomplete"))
    check_model_folder(path)

    # the protocol as the Hub speaks it; the token stays on the Hub, never sent to the CDN
    assert local_hub.seen("hub", "GET", f"/api/models/{REPO}/revision/main")
    assert all(r.authorization for r in local_hub.seen("hub"))
    cdn = local_hub.seen("cdn")
    assert cdn and not any(r.authorization for r in cdn)
    assert not local_hub.seen(path_contains="pytorch_model.bin")
    assert not local_hub.seen(path_contains="README.md")

    # progress: bytes per file and overall, never going back, ending at the total
    progress = [e for e in events if isinstance(e, DownloadProgress)]
    total = sum((tiny_model_dir / n).stat().st_size for n in WANTED)
    overall = [e.done for e in progress]
    assert overall == sorted(overall) and overall[-1] == total
    assert all(e.total == total for e in progress)
    weights = [e for e in progress if e.file == "model.safetensors"]
    assert len(weights) >= 2 and weights[-1].file_done == weights[-1].file_total
    assert events[0].code == "model_download_checking" and events[-1].code == "model_download_done"
    assert all(e.text() for e in events)

    # huggingface_hub itself (as mlx-lm uses it) finds the same snapshot, offline
    from huggingface_hub import snapshot_download

    assert snapshot_download(REPO, cache_dir=str(hub_env), local_files_only=True) == str(path)

    # a second call downloads nothing and resolve_model reuses the cache
    before = len(local_hub.requests)
    assert download_model(REPO, "main", **FAST) == path
    assert [r.path.split("?")[0] for r in local_hub.requests[before:]] == [
        f"/api/models/{REPO}/revision/main"]  # only the model-info call
    assert resolve_model(REPO) == path


def test_a_connection_dropped_mid_file_is_resumed(local_hub, hub_env, repo):
    local_hub.drop_once("model.safetensors", after_bytes=200_000)
    events = []
    path = download_model(REPO, "main", progress=events.append, **FAST)

    gets = local_hub.seen("cdn", "GET")
    assert len(gets) == 2
    assert gets[0].range is None and gets[0].body_bytes == 200_000
    first = int(gets[1].range.removeprefix("bytes=").rstrip("-"))
    assert 0 < first <= 200_000 and gets[1].status == 206
    assert gets[1].body_bytes == _weights_size(local_hub, repo) - first  # only the rest
    assert [e.code for e in events].count("model_download_retry") == 1
    data = (path / "model.safetensors").read_bytes()
    assert hashlib.sha256(data).hexdigest() == gets[0].path.split("/blobs/")[1].split("?")[0]
    check_model_folder(path)


def test_cancel_within_a_file_keeps_the_part_and_resumes(local_hub, hub_env, repo):
    local_hub.throttle_delay_s = 0.01
    cancel = threading.Event()

    def progress(e):
        if isinstance(e, DownloadProgress) and e.file == "model.safetensors" and e.file_done >= 100_000:
            cancel.set()

    with pytest.raises(ModelError) as info:
        download_model(REPO, "main", progress=progress, cancel=cancel, **FAST)
    assert info.value.code == "model_download_cancelled"
    assert REPO in info.value.text()

    storage = hub_env / "models--clube--modelo-mini"
    partial = list((storage / "blobs").glob("*.incomplete"))
    assert len(partial) == 1
    kept = partial[0].stat().st_size
    size = _weights_size(local_hub, repo)
    assert 100_000 <= kept < size
    assert not (storage / "snapshots" / repo / "model.safetensors").exists()
    assert (storage / "snapshots" / repo / "config.json").exists()  # finished before the cancel

    local_hub.throttle_delay_s = 0.0
    n_before = len(local_hub.seen("cdn", "GET"))
    path = download_model(REPO, "main", **FAST)
    resumed = local_hub.seen("cdn", "GET")[n_before:]
    assert [r.range for r in resumed] == [f"bytes={kept}-"]
    assert resumed[0].body_bytes == size - kept
    assert len(local_hub.seen("hub", "GET", "/config.json")) == 1  # finished files not fetched again
    check_model_folder(path)


def test_cancel_between_files(local_hub, hub_env, repo):
    cancel = threading.Event()

    def progress(e):
        if isinstance(e, DownloadProgress) and e.file == "config.json" and e.file_done == e.file_total:
            cancel.set()

    with pytest.raises(ModelError) as info:
        download_model(REPO, "main", progress=progress, cancel=cancel, **FAST)
    assert info.value.code == "model_download_cancelled"
    snap = hub_env / "models--clube--modelo-mini" / "snapshots" / repo
    assert sorted(p.name for p in snap.iterdir()) == ["config.json"]
    assert not local_hub.seen("cdn")  # the next file never started
    download_model(REPO, "main", **FAST)
    assert len(local_hub.seen("hub", "GET", "/config.json")) == 1


def test_cancel_unblocks_a_stalled_connection(local_hub, hub_env, repo):
    """A job in a worker thread: cancel() returns promptly even while no byte arrives."""
    local_hub.stall_once("model.safetensors", after_bytes=64 * 1024)
    job = DownloadJob(REPO, "main", **FAST).start()
    deadline = time.monotonic() + 10
    while not any(r.body_bytes == 64 * 1024 for r in local_hub.seen("cdn", "GET")):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)  # the client has read what came and now waits in a read
    assert job.running
    started = time.monotonic()
    job.cancel()
    with pytest.raises(ModelError) as info:
        job.result(timeout=10)
    assert info.value.code == "model_download_cancelled"
    assert time.monotonic() - started < 3
    path = download_model(REPO, "main", **FAST)
    check_model_folder(path)


def test_a_corrupted_transfer_is_caught(local_hub, hub_env, repo):
    local_hub.corrupt_once("model.safetensors", at_byte=12345)
    with pytest.raises(ModelError) as info:
        download_model(REPO, "main", **FAST)
    assert info.value.code == "model_download_failed"
    assert "model.safetensors" in info.value.params["detail"]
    storage = hub_env / "models--clube--modelo-mini"
    assert not list((storage / "blobs").glob("*.incomplete"))
    check_model_folder(download_model(REPO, "main", **FAST))


def test_a_pinned_revision_is_fetched_exactly(local_hub, hub_env, repo, tiny_model_dir):
    files = {p.name: p.read_bytes() for p in tiny_model_dir.iterdir()}
    files["config.json"] = files["config.json"].replace(b'"rms_norm_eps"', b'"novo": 1, "rms_norm_eps"')
    newer = local_hub.add_commit(REPO, files, ref="main")
    assert newer != repo
    old = download_model(REPO, repo, **FAST)  # by commit hash
    assert old.name == repo and b'"novo"' not in (old / "config.json").read_bytes()
    storage = hub_env / "models--clube--modelo-mini"
    assert not (storage / "refs" / "main").exists()
    new = download_model(REPO, "main", **FAST)
    assert new.name == newer and b'"novo"' in (new / "config.json").read_bytes()
    # unchanged files are shared blobs, not fetched twice
    assert len(local_hub.seen("cdn", "GET")) == 1
    assert resolve_model(f"{REPO}@{repo}") == old


def test_not_enough_disk_space_stops_before_downloading(local_hub, hub_env, repo):
    with pytest.raises(ModelError) as info:
        download_model(REPO, "main", reserve_bytes=10**18, **FAST)
    assert info.value.code == "model_disk_full"
    assert info.value.params["free"] in info.value.text()
    assert not local_hub.seen(path_contains="/resolve/")


def test_unknown_repo_revision_and_no_connection(local_hub, hub_env, repo, monkeypatch):
    for spec, rev in (("clube/nao-existe", "main"), (REPO, "v9.9")):
        with pytest.raises(ModelError) as info:
            download_model(spec, rev, **FAST)
        assert info.value.code == "model_repo_not_found"
        assert spec in info.value.text()

    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv("HF_ENDPOINT", dead)
    err = pytest.raises(ModelError, resolve_model, REPO).value
    assert err.code == "model_not_downloaded"

    monkeypatch.setenv("HF_ENDPOINT", local_hub.endpoint)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    err = pytest.raises(ModelError, resolve_model, REPO).value
    assert err.code == "model_not_downloaded"
    assert not local_hub.seen(path_contains="/resolve/")


def test_resolve_model_downloads_a_missing_repo(local_hub, hub_env, repo):
    events = []
    path = resolve_model(REPO, progress=events.append)
    assert path.name == repo and path.is_relative_to(hub_env)
    assert any(e.code == "model_download_progress" for e in events)
    from mlx_lm import load

    model, tokenizer = load(str(path))
    assert tokenizer.eos_token == "<|im_end|>"


def test_download_cli(local_hub, hub_env, repo, capsys):
    from farense_studio.cli import main

    assert main(["download", REPO, "--revision", "main"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(hub_env / "models--clube--modelo-mini" / "snapshots" / repo)
    assert "100.0%" in err and "(5/5)" in err and "A verificar" in err

    assert main(["download", "clube/nao-existe"]) == 1
    _, err = capsys.readouterr()
    assert "clube/nao-existe" in err and "Traceback" not in err
    assert os.environ["HF_HUB_CACHE"] == str(hub_env)
