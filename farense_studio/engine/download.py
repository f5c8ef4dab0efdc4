"""Downloads a model repository from the Hugging Face Hub into the standard HF cache.

Why not ``snapshot_download``: it cannot be cancelled, and a failed file's partial data is
thrown away. This module speaks the same protocol with huggingface_hub's own pieces:

1. ``HfApi.model_info(repo, revision, files_metadata=True)`` — ``GET /api/models/{repo}/revision/{rev}``
   gives the commit hash and every file's size; only mlx-lm's files are kept
   (``model_folder.ALLOW_PATTERNS``), so mlx-lm and this module share one cache entry;
2. free disk space is checked against what is still missing;
3. per file, ``get_hf_file_metadata`` (``HEAD /{repo}/resolve/{commit}/{file}``) gives the ETag,
   size and the (CDN) location; the body is streamed with ``Range: bytes=N-`` into
   ``blobs/<etag>.incomplete``, resumed after a dropped connection (a few times in a row)
   and on the next run after a cancel or a crash; the finished blob is checked (sha256 for
   LFS files, the git blob hash otherwise), renamed to ``blobs/<etag>`` and linked from
   ``snapshots/<commit>/<file>``; ``refs/<revision>`` records the commit — the layout
   huggingface_hub and mlx-lm read;
4. cancel (a ``threading.Event`` or anything with ``is_set()``) is honoured between files
   and within a file (between chunks; a watcher also closes a stalled connection).

Progress goes to ``progress(DownloadProgress)`` (bytes per file and overall). Every failure is
a ``ModelError``; ``DownloadJob`` runs a download in a worker thread.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from farense_studio.engine.model_folder import (ALLOW_PATTERNS, ModelError, ModelProgress, ProgressFn,
                                                hub_cache_dir, hub_endpoint, is_offline, repo_storage)
from farense_studio.files import atomic_write_text
from farense_studio.messages import format_bytes

DEFAULT_RESERVE_BYTES = 500 * 1024 * 1024  # keep this much free beyond the download itself
CHUNK_SIZE: int | None = None  # None: write whatever each network read brings (<= 64 KiB)
MAX_RETRIES = 5  # consecutive failed attempts without new data before giving up on a file
PROGRESS_INTERVAL_S = 0.1


class _Cancelled(Exception):
    pass


@dataclass
class DownloadProgress(ModelProgress):
    """A download step: ``done``/``total`` are bytes over all files, the rest per file."""

    file: str = ""
    file_done: int = 0
    file_total: int | None = None
    files_done: int = 0
    files_total: int = 0


@dataclass
class RemoteFile:
    name: str
    size: int | None
    etag: str | None  # from the listing; the HEAD answer wins


def _wanted(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def _verify_blob(path: Path, etag: str) -> bool:
    """sha256 (LFS) or git blob sha1 (regular file) of ``path`` matches ``etag``; True if unknown."""
    etag = etag.lower()
    if len(etag) == 64 and all(c in "0123456789abcdef" for c in etag):
        digest = hashlib.sha256()
    elif len(etag) == 40 and all(c in "0123456789abcdef" for c in etag):
        digest = hashlib.sha1()
        digest.update(b"blob %d\0" % path.stat().st_size)
    else:
        return True
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(4 * 1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest() == etag


def _link(blob: Path, pointer: Path) -> None:
    pointer.parent.mkdir(parents=True, exist_ok=True)
    if pointer.is_symlink() or pointer.exists():
        pointer.unlink()
    try:
        os.symlink(os.path.relpath(blob, pointer.parent), pointer)
    except OSError:  # no symlinks (some Windows setups): a copy, as huggingface_hub does
        shutil.copy2(blob, pointer)


class Downloader:
    """One download of ``repo@revision`` into the HF cache. ``run()`` returns the snapshot folder."""

    def __init__(self, repo: str, revision: str = "main", *, progress: ProgressFn | None = None,
                 cancel=None, cache_dir: str | os.PathLike | None = None,
                 endpoint: str | None = None, token: str | bool | None = None,
                 allow_patterns: list[str] | None = None,
                 reserve_bytes: int = DEFAULT_RESERVE_BYTES, chunk_size: int | None = CHUNK_SIZE,
                 max_retries: int = MAX_RETRIES, retry_wait_s: float = 0.5,
                 timeout_s: float = 30.0):
        self.repo = repo
        self.revision = revision or "main"
        self.progress = progress
        self.cancel_event = cancel if cancel is not None else threading.Event()
        self.cache_dir = Path(cache_dir) if cache_dir else hub_cache_dir()
        self.endpoint = (endpoint or hub_endpoint()).rstrip("/")
        self.token = token
        self.allow_patterns = list(allow_patterns or ALLOW_PATTERNS)
        self.reserve_bytes = reserve_bytes
        self.chunk_size = chunk_size
        self.max_retries = max_retries
        self.retry_wait_s = retry_wait_s
        self.timeout_s = timeout_s
        self.commit: str | None = None
        self.retries = 0  # transient failures survived (for the tests and the log)
        self._response = None
        self._finished = threading.Event()
        self._last_report = 0.0
        self._done_before = 0  # bytes of finished files
        self._total = 0
        self._files_done = 0
        self._files_total = 0

    # -- public ---------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Asks the download to stop (between or within files); safe from any thread."""
        setter = getattr(self.cancel_event, "set", None)
        if setter:
            setter()
        self._close_response()

    def run(self) -> Path:
        watcher = threading.Thread(target=self._watch_cancel, name="download-cancel-watch",
                                   daemon=True)
        watcher.start()
        try:
            return self._run()
        except _Cancelled:
            raise ModelError("model_download_cancelled", {"repo": self.repo}) from None
        except ModelError:
            raise
        except OSError as exc:
            from huggingface_hub import errors

            if isinstance(exc, errors.HfHubHTTPError):  # an OSError too, but from the Hub
                raise self._translate(exc) from None
            if getattr(exc, "errno", None) == 28:
                raise ModelError("model_disk_full", {
                    "repo": self.repo, "needed": "?", "free": format_bytes(self._free_bytes()),
                    "path": str(self.cache_dir)}) from None
            raise ModelError("model_download_failed",
                             {"repo": self.repo, "detail": f"{type(exc).__name__}: {exc}"}) from None
        except Exception as exc:  # noqa: BLE001 — any other failure: a plain message
            raise self._translate(exc) from None
        finally:
            self._finished.set()

    # -- steps ----------------------------------------------------------------------------------
    def _run(self) -> Path:
        if is_offline():
            raise ModelError("model_not_downloaded", {"repo": self.repo})
        self._report(ModelProgress("model_download_checking",
                                   {"repo": self.repo, "revision": self.revision}))
        files = self._list_files()
        storage = repo_storage(self.cache_dir, self.repo)
        snapshot = storage / "snapshots" / self.commit
        blobs = storage / "blobs"
        self._total = sum(f.size or 0 for f in files)
        self._files_total = len(files)

        missing, remaining = [], 0
        for f in files:
            pointer = snapshot / f.name
            if pointer.exists():
                self._done_before += f.size or 0
                self._files_done += 1
                continue
            missing.append(f)
            if f.etag and (blobs / f.etag).exists():
                continue
            partial = blobs / f"{f.etag}.incomplete" if f.etag else None
            have = partial.stat().st_size if partial and partial.exists() else 0
            remaining += max((f.size or 0) - have, 0)
        self._check_disk(remaining)

        storage.mkdir(parents=True, exist_ok=True)
        self._write_ref(storage)
        for f in missing:
            self._check_cancel()
            self._fetch(f, storage)
            self._done_before += f.size or 0
            self._files_done += 1
        self._report(DownloadProgress("model_download_done",
                                      {"repo": self.repo, "path": str(snapshot)},
                                      self._total, self._total, "", 0, None,
                                      self._files_done, self._files_total), force=True)
        return snapshot

    def _list_files(self) -> list[RemoteFile]:
        from huggingface_hub import HfApi

        info = HfApi(endpoint=self.endpoint).model_info(
            self.repo, revision=self.revision, files_metadata=True, token=self.token,
            timeout=self.timeout_s)
        self.commit = info.sha
        if not self.commit:
            raise ModelError("model_download_failed",
                             {"repo": self.repo, "detail": "sem commit / no commit hash"})
        files = []
        for s in info.siblings or []:
            if not _wanted(s.rfilename, self.allow_patterns):
                continue
            lfs = s.lfs
            etag = (lfs.sha256 if lfs else None) or s.blob_id
            size = (lfs.size if lfs else None) or s.size
            files.append(RemoteFile(s.rfilename, size, etag))
        return files

    def _free_bytes(self) -> int:
        probe = self.cache_dir
        while not probe.exists() and probe.parent != probe:
            probe = probe.parent
        try:
            return shutil.disk_usage(probe).free
        except OSError:
            return 0

    def _check_disk(self, remaining: int) -> None:
        if remaining <= 0:
            return
        free = self._free_bytes()
        if free < remaining + self.reserve_bytes:
            raise ModelError("model_disk_full", {
                "repo": self.repo, "needed": format_bytes(remaining + self.reserve_bytes),
                "free": format_bytes(free), "path": str(self.cache_dir)})

    def _write_ref(self, storage: Path) -> None:
        if self.revision == self.commit:
            return
        ref = storage / "refs" / self.revision
        ref.parent.mkdir(parents=True, exist_ok=True)
        if not ref.exists() or ref.read_text().strip() != self.commit:
            atomic_write_text(ref, self.commit)

    def _fetch(self, f: RemoteFile, storage: Path) -> None:
        from filelock import FileLock, Timeout
        from huggingface_hub import get_hf_file_metadata, hf_hub_url
        from huggingface_hub.utils import build_hf_headers

        url = hf_hub_url(self.repo, f.name, revision=self.commit, endpoint=self.endpoint)
        meta = get_hf_file_metadata(url, token=self.token, endpoint=self.endpoint,
                                    timeout=self.timeout_s, retry_on_errors=True)
        etag = meta.etag or f.etag
        if not etag:
            raise ModelError("model_download_failed",
                             {"repo": self.repo, "detail": f"{f.name}: sem ETag / no ETag"})
        size = meta.size if meta.size is not None else f.size
        if size is not None and size != f.size:
            self._total += size - (f.size or 0)
            f.size = size
        blob = storage / "blobs" / etag
        pointer = storage / "snapshots" / self.commit / f.name
        blob.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.cache_dir / ".locks" / storage.name / f"{etag}.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path))
        while True:  # another process (mlx-lm, a second app) may be fetching the same blob
            try:
                lock.acquire(timeout=0.5)
                break
            except Timeout:
                self._check_cancel()
        try:
            if not blob.exists():
                headers = build_hf_headers(token=self.token)
                headers["Accept-Encoding"] = "identity"
                location = meta.location or url
                from huggingface_hub.utils._http import _is_same_or_hub_host

                if not _is_same_or_hub_host(url, location):
                    headers.pop("authorization", None)  # signed CDN url: keep the token on the Hub
                partial = blob.with_name(f"{etag}.incomplete")
                self._stream(f.name, location, headers, partial, size)
                if not _verify_blob(partial, etag):
                    partial.unlink(missing_ok=True)
                    raise ModelError("model_download_failed", {
                        "repo": self.repo,
                        "detail": f"{f.name}: soma de verificação errada / checksum mismatch"})
                os.chmod(partial, 0o644)
                os.replace(partial, blob)
            _link(blob, pointer)
        finally:
            lock.release()

    def _stream(self, name: str, url: str, headers: dict[str, str], partial: Path,
                size: int | None) -> None:
        import httpx2  # huggingface_hub's HTTP client
        from huggingface_hub.utils import get_session, hf_raise_for_status

        failures = 0
        while True:
            self._check_cancel()
            have = partial.stat().st_size if partial.exists() else 0
            if size is not None and have > size:
                partial.unlink()
                have = 0
            if size is not None and have == size:
                return
            self._file_progress(name, have, size, force=True)  # the file (re)starts here
            req_headers = dict(headers)
            if have:
                req_headers["Range"] = f"bytes={have}-"
            got_data = False
            try:
                timeout = httpx2.Timeout(self.timeout_s, connect=min(self.timeout_s, 10.0))
                with get_session().stream("GET", url, headers=req_headers, timeout=timeout,
                                          follow_redirects=True) as response:
                    self._response = response
                    if response.status_code == 416:  # our partial is no prefix of theirs
                        partial.unlink(missing_ok=True)
                        raise _Transient("416 Range Not Satisfiable")
                    if response.status_code in (408, 429) or response.status_code >= 500:
                        raise _Transient(f"HTTP {response.status_code}")
                    hf_raise_for_status(response)
                    mode = "ab"
                    if have and response.status_code == 200:  # Range ignored: start over
                        have, mode = 0, "wb"
                    elif have and response.status_code == 206:
                        start = _content_range_start(response.headers.get("Content-Range"))
                        if start != have:
                            have, mode = 0, "wb"
                            partial.unlink(missing_ok=True)
                            raise _Transient(f"Content-Range {response.headers.get('Content-Range')}")
                    with open(partial, mode) as out:
                        for chunk in response.iter_bytes(self.chunk_size):
                            if not chunk:
                                continue
                            out.write(chunk)
                            have += len(chunk)
                            got_data = True
                            self._file_progress(name, have, size)
                            self._check_cancel()
                    self._file_progress(name, have, size, force=True)
                if size is None or have >= size:
                    return
                raise _Transient(f"{have} of {size} bytes")  # body ended early without error
            except _Cancelled:
                raise
            except (_Transient, httpx2.TransportError, httpx2.StreamError) as exc:
                self._response = None
                self._check_cancel()  # a connection closed by cancel() is not a network failure
                failures = 0 if got_data else failures + 1
                if failures > self.max_retries:
                    raise ModelError("model_download_failed", {
                        "repo": self.repo, "detail": f"{name}: {type(exc).__name__}: {exc}"}) from None
                self.retries += 1
                self._report(ModelProgress("model_download_retry",
                                           {"file": name, "attempt": self.retries}), force=True)
                time.sleep(self.retry_wait_s * (2 ** max(failures - 1, 0)))
            finally:
                self._response = None

    # -- plumbing -------------------------------------------------------------------------------
    def _file_progress(self, name: str, file_done: int, file_total: int | None,
                       force: bool = False) -> None:
        done = self._done_before + file_done
        params = {"repo": self.repo, "file": name, "done": format_bytes(done),
                  "total": format_bytes(self._total)}
        self._report(DownloadProgress("model_download_progress", params, done, self._total, name,
                                      file_done, file_total, self._files_done, self._files_total),
                     force=force)

    def _report(self, event: ModelProgress, force: bool = True) -> None:
        if not self.progress:
            return
        now = time.monotonic()
        if not force and now - self._last_report < PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self.progress(event)

    def _check_cancel(self) -> None:
        if self.cancel_event.is_set():
            raise _Cancelled()

    def _close_response(self) -> None:
        response = self._response
        if response is None:
            return
        try:  # a read blocked in recv() only wakes when the socket itself is shut down
            import socket

            stream = response.extensions.get("network_stream")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)
        except Exception:  # noqa: BLE001 — best effort from another thread
            pass
        try:
            response.close()
        except Exception:  # noqa: BLE001
            pass

    def _watch_cancel(self) -> None:
        while not self._finished.wait(0.2):
            if self.cancel_event.is_set():
                self._close_response()
                return

    def _translate(self, exc: Exception) -> ModelError:
        from huggingface_hub import errors

        params: dict[str, Any] = {"repo": self.repo, "revision": self.revision}
        if isinstance(exc, (errors.RepositoryNotFoundError, errors.RevisionNotFoundError,
                            errors.GatedRepoError)):
            return ModelError("model_repo_not_found", params)
        if isinstance(exc, errors.OfflineModeIsEnabled):
            return ModelError("model_not_downloaded", params)
        try:
            import httpx2

            if isinstance(exc, (httpx2.ConnectError, httpx2.ConnectTimeout)) and self.commit is None:
                return ModelError("model_not_downloaded", params)
        except ImportError:
            pass
        return ModelError("model_download_failed",
                          {"repo": self.repo, "detail": f"{type(exc).__name__}: {exc}"[:300]})


class _Transient(Exception):
    pass


def _content_range_start(value: str | None) -> int | None:
    # "bytes 100-199/200"
    try:
        return int(value.split()[1].split("-")[0])  # type: ignore[union-attr]
    except (AttributeError, IndexError, ValueError):
        return None


def download_model(repo: str, revision: str = "main", progress: ProgressFn | None = None,
                   cancel=None, **options) -> Path:
    """Downloads ``repo@revision`` (resuming what is there) and returns its snapshot folder."""
    return Downloader(repo, revision, progress=progress, cancel=cancel, **options).run()


class DownloadJob:
    """A download in a worker thread: ``start()``, ``cancel()``, ``result(timeout)``."""

    def __init__(self, repo: str, revision: str = "main", progress: ProgressFn | None = None,
                 **options):
        self.downloader = Downloader(repo, revision, progress=progress, **options)
        self._thread = threading.Thread(target=self._work, name=f"download-{repo}", daemon=True)
        self._path: Path | None = None
        self._error: ModelError | None = None
        # Completion is an Event, not Thread.join/is_alive: a Ctrl-C that interrupts join()
        # can leave is_alive() False while the thread still runs (Python < 3.13).
        self._done = threading.Event()

    def start(self) -> DownloadJob:
        self._thread.start()
        return self

    def _work(self) -> None:
        try:
            self._path = self.downloader.run()
        except ModelError as exc:
            self._error = exc
        except BaseException as exc:  # noqa: BLE001 — never let a worker die silently
            self._error = ModelError("model_download_failed",
                                     {"repo": self.downloader.repo, "detail": repr(exc)})
        finally:
            self._done.set()

    def cancel(self) -> None:
        self.downloader.cancel()

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._done.is_set()

    def result(self, timeout: float | None = None) -> Path:
        """The snapshot folder; raises the ModelError, or TimeoutError while still running."""
        if not self._done.wait(timeout):
            raise TimeoutError("download still running")
        if self._error is not None:
            raise self._error
        assert self._path is not None
        return self._path
