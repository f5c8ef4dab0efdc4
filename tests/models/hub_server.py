"""A small local Hugging Face Hub for the download tests: real HTTP on 127.0.0.1, no mocks.

Two servers, like the real Hub and its CDN (different origins, so the client must not send
its token to the CDN):

* hub:  ``GET /api/models/{repo}[/revision/{rev}]`` (model info, ``?blobs=true`` sizes and
  LFS sha256), ``HEAD|GET /{repo}/resolve/{rev}/{file}``: regular files answer 200 with
  ``ETag`` (git blob id), ``X-Repo-Commit``, ``Content-Length``; LFS files (``*.safetensors``)
  answer 302 to the CDN with ``X-Linked-Etag`` (sha256) and ``X-Linked-Size``. Unknown repo,
  revision or file: 404 with the Hub's ``X-Error-Code``.
* cdn:  ``HEAD|GET /blobs/{sha256}`` with ``Range: bytes=N-`` (206 + ``Content-Range``, 416).

Faults, each for the next matching transfer only: ``drop_once`` (the connection is cut after
N body bytes), ``stall_once`` (N bytes then silence until the test ends or the client leaves),
``corrupt_once`` (a flipped byte). ``throttle`` slows every body down. ``requests`` records
what each server saw.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from fnmatch import fnmatch
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

LFS_PATTERNS = ("*.safetensors", "*.bin", "*.gguf")


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Commit:
    sha: str
    files: dict[str, bytes]

    def is_lfs(self, name: str) -> bool:
        return any(fnmatch(name, p) for p in LFS_PATTERNS)

    def sibling(self, name: str) -> dict:
        data = self.files[name]
        info = {"rfilename": name, "size": len(data), "blobId": git_blob_id(data)}
        if self.is_lfs(name):
            info["lfs"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                           "pointerSize": 134}
        return info


@dataclass
class Repo:
    commits: dict[str, Commit] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)

    def find(self, rev: str) -> Commit | None:
        return self.commits.get(self.refs.get(rev, rev))


@dataclass
class Seen:
    server: str
    method: str
    path: str
    range: str | None
    authorization: bool
    status: int = 0
    body_bytes: int = 0


class LocalHub:
    def __init__(self) -> None:
        self.repos: dict[str, Repo] = {}
        self.blobs: dict[str, bytes] = {}  # sha256 -> content, what the CDN serves
        self.requests: list[Seen] = []
        self.throttle_chunk = 64 * 1024
        self.throttle_delay_s = 0.0
        self._faults: dict[str, list[tuple[str, int]]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._servers: list[ThreadingHTTPServer] = []

    # -- content -------------------------------------------------------------------------------
    def add_commit(self, repo_id: str, files: dict[str, bytes], ref: str | None = "main",
                   sha: str | None = None) -> str:
        repo = self.repos.setdefault(repo_id, Repo())
        sha = sha or hashlib.sha1(repr(sorted((k, git_blob_id(v)) for k, v in files.items()))
                                  .encode() + repo_id.encode()).hexdigest()
        repo.commits[sha] = Commit(sha, dict(files))
        if ref:
            repo.refs[ref] = sha
        for name, data in files.items():
            self.blobs[hashlib.sha256(data).hexdigest()] = data
        return sha

    def add_folder(self, repo_id: str, folder: Path, extra: dict[str, bytes] | None = None,
                   ref: str | None = "main") -> str:
        files = {p.name: p.read_bytes() for p in sorted(Path(folder).iterdir()) if p.is_file()}
        files.update(extra or {})
        return self.add_commit(repo_id, files, ref)

    # -- faults --------------------------------------------------------------------------------
    def drop_once(self, filename: str, after_bytes: int) -> None:
        self._add_fault(filename, "drop", after_bytes)

    def stall_once(self, filename: str, after_bytes: int) -> None:
        self._add_fault(filename, "stall", after_bytes)

    def corrupt_once(self, filename: str, at_byte: int = 0) -> None:
        self._add_fault(filename, "corrupt", at_byte)

    def _add_fault(self, filename: str, kind: str, n: int) -> None:
        with self._lock:
            self._faults.setdefault(filename, []).append((kind, n))

    def _take_fault(self, filename: str) -> tuple[str, int] | None:
        with self._lock:
            pending = self._faults.get(filename)
            return pending.pop(0) if pending else None

    def name_of_blob(self, sha256: str) -> str | None:
        for repo in self.repos.values():
            for commit in repo.commits.values():
                for name, data in commit.files.items():
                    if hashlib.sha256(data).hexdigest() == sha256:
                        return name
        return None

    # -- queries for the tests -----------------------------------------------------------------
    def seen(self, server: str | None = None, method: str | None = None,
             path_contains: str = "") -> list[Seen]:
        return [r for r in list(self.requests)
                if (server is None or r.server == server) and (method is None or r.method == method)
                and path_contains in r.path]

    # -- servers -------------------------------------------------------------------------------
    def start(self) -> LocalHub:
        hub = _make_server(self, "hub")
        cdn = _make_server(self, "cdn")
        self._servers = [hub, cdn]
        for srv in self._servers:
            threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                             daemon=True).start()
        return self

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._servers[0].server_address[1]}"

    @property
    def cdn_base(self) -> str:
        return f"http://127.0.0.1:{self._servers[1].server_address[1]}"

    def stop(self) -> None:
        self._stop.set()
        for srv in self._servers:
            srv.shutdown()
            srv.server_close()

    def __enter__(self) -> LocalHub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _make_server(hub: LocalHub, role: str) -> ThreadingHTTPServer:
    handler = type(f"{role.title()}Handler", (_Handler,), {"hub": hub, "role": role})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    return server


_RESOLVE = re.compile(r"^/(?:models/)?([^/]+/[^/]+)/resolve/([^/]+)/(.+)$")
_API = re.compile(r"^/api/models/([^/]+/[^/]+?)(?:/revision/([^/]+))?$")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hub: LocalHub
    role: str

    def log_message(self, *args) -> None:  # quiet
        pass

    # -- dispatch ------------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def _dispatch(self, head: bool) -> None:
        self._seen = Seen(self.role, self.command, self.path, self.headers.get("Range"),
                          bool(self.headers.get("Authorization")))
        self.hub.requests.append(self._seen)
        path = unquote(urlsplit(self.path).path)
        try:
            if self.role == "cdn":
                m = re.match(r"^/blobs/([0-9a-f]{64})$", path)
                data = self.hub.blobs.get(m.group(1)) if m else None
                if data is None:
                    return self._error(404, "EntryNotFound")
                return self._send_body(data, head, {"ETag": f'"{m.group(1)}"'},
                                       self.hub.name_of_blob(m.group(1)))
            m = _API.match(path)
            if m and not head:
                return self._model_info(m.group(1), m.group(2) or "main")
            m = _RESOLVE.match(path)
            if m:
                return self._resolve(m.group(1), m.group(2), m.group(3), head)
            self._error(404, None)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # -- hub endpoints -------------------------------------------------------------------------
    def _commit(self, repo_id: str, rev: str, missing_repo_status: int):
        """The repository's commit for rev, or None once the error is answered (the status for a
        missing repository is the endpoint's: 404 from the model API, 401 from resolve)."""
        repo = self.hub.repos.get(repo_id)
        if repo is None:
            self._error(missing_repo_status, "RepoNotFound", "Repository not found")
            return None
        commit = repo.find(rev)
        if commit is None:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {rev}")
        return commit

    def _model_info(self, repo_id: str, rev: str) -> None:
        commit = self._commit(repo_id, rev, 404)
        if commit is None:
            return
        body = {
            "_id": hashlib.md5(repo_id.encode()).hexdigest()[:24],
            "id": repo_id, "modelId": repo_id, "author": repo_id.split("/")[0],
            "sha": commit.sha, "lastModified": "2026-01-01T00:00:00.000Z",
            "private": False, "disabled": False, "gated": False, "downloads": 0, "likes": 0,
            "tags": ["mlx"], "library_name": "mlx",
            "siblings": [commit.sibling(n) for n in sorted(commit.files)],
        }
        self._send_json(body)

    def _resolve(self, repo_id: str, rev: str, name: str, head: bool) -> None:
        commit = self._commit(repo_id, rev, 401)
        if commit is None:
            return
        data = commit.files.get(name)
        if data is None:
            return self._error(404, "EntryNotFound", f"{name} does not exist")
        headers = {"X-Repo-Commit": commit.sha}
        if commit.is_lfs(name):
            sha = hashlib.sha256(data).hexdigest()
            headers.update({
                "ETag": f'"{git_blob_id(data)}"',
                "X-Linked-Etag": f'"{sha}"',
                "X-Linked-Size": str(len(data)),
                "Location": f"{self.hub.cdn_base}/blobs/{sha}?X-Amz-Signature=local",
                "Content-Length": "0",
            })
            self._seen.status = 302
            self.send_response(302)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            return
        headers["ETag"] = f'"{git_blob_id(data)}"'
        self._send_body(data, head, headers, name)

    # -- bodies --------------------------------------------------------------------------------
    def _send_body(self, data: bytes, head: bool, headers: dict[str, str],
                   name: str | None) -> None:
        start, end, status = 0, len(data) - 1, 200
        rng = self.headers.get("Range")
        if rng and not head:
            m = re.match(r"^bytes=(\d+)-(\d*)$", rng.strip())
            if not m:
                return self._error(416, None)
            start = int(m.group(1))
            end = int(m.group(2)) if m.group(2) else len(data) - 1
            if start >= len(data):
                self._seen.status = 416
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            end = min(end, len(data) - 1)
            status = 206
        body = data[start:end + 1]
        self._seen.status = status
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.end_headers()
        if head:
            return
        fault = self.hub._take_fault(name) if name else None
        if fault and fault[0] == "corrupt":
            i = max(0, min(fault[1] - start, len(body) - 1))
            body = body[:i] + bytes([body[i] ^ 0xFF]) + body[i + 1:]
            fault = None
        limit = fault[1] if fault else None
        sent = 0
        step = self.hub.throttle_chunk
        while sent < len(body):
            piece = body[sent:sent + step]
            if limit is not None and sent + len(piece) >= limit:
                piece = body[sent:limit]
                self.wfile.write(piece)
                self.wfile.flush()
                sent += len(piece)
                self._seen.body_bytes = sent
                if fault[0] == "drop":
                    self._cut()
                    return
                # stall: keep the connection open and silent until the test ends or the
                # client goes away
                while not self.hub._stop.wait(0.05):
                    if self._client_gone():
                        break
                self._cut()
                return
            self.wfile.write(piece)
            sent += len(piece)
            self._seen.body_bytes = sent
            if self.hub.throttle_delay_s:
                self.wfile.flush()
                time.sleep(self.hub.throttle_delay_s)
        self.wfile.flush()

    def _client_gone(self) -> bool:
        try:
            self.connection.setblocking(False)
            try:
                return self.connection.recv(1, socket.MSG_PEEK) == b""
            except BlockingIOError:
                return False
            finally:
                self.connection.setblocking(True)
        except OSError:
            return True

    def _cut(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send_json(self, body: dict) -> None:
        raw = json.dumps(body).encode()
        self._seen.status = 200
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _error(self, status: int, code: str | None, message: str = "") -> None:
        raw = json.dumps({"error": message or "not found"}).encode()
        self._seen.status = status
        self.send_response(status)
        if code:
            self.send_header("X-Error-Code", code)
            self.send_header("X-Error-Message", message or code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "0" if self.command == "HEAD" else str(len(raw)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(raw)
