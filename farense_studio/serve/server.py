"""`farense-studio serve`: the trained model behind an OpenAI-compatible API on 127.0.0.1.

Wraps mlx-lm's own server (mlx_lm.server): its request handler, its single generation thread
with a FIFO queue of requests, its prompt cache, streaming (server-sent events) and OpenAI
response shapes. What this module changes, by subclassing:

* the model is pinned: loaded once at start with the adaptation (export, checkpoint or run
  folder), checked before the port opens; a request cannot load another model or adapter;
* requests are served one at a time in arrival order (batching off), at most MAX_WAITING
  waiting (503 beyond), bodies over max_body bytes refused with 413 before they are read;
* every error is a JSON body {"error": {"message", "type", "code"}} with a Portuguese message:
  bad messages and parameters are refused before they reach the model (request_checks.py),
  and the few errors mlx-lm still finds are replaced by a coded one;
* foreign Host headers and other origins are refused (request_checks.Guard): only the origins
  given with allow_origins get CORS answers, and a token, when set, is required;
* the run's system prompt is added when a conversation brings none; GET /v1/models lists
  only this model;
* with an index of the club's documents (the export's or the run's, unless documents=False),
  a chat completion is answered with the passages found for its last user turn put into that
  turn (serve.documents, in the generation thread, within the prompt budget) and its response
  carries ``sources`` beside ``choices`` (in the final chunk when streaming); a request turns
  them off with ``"documents": false``. Text completions (a raw prompt) never consult them.
  When the documents do not speak of the question (data.document_prompt.documents_silent) the
  answer is «Não sei: ...» in the same shape, ``documents_silent: true``, and the model is not asked;
  so it is when the model's answer lacks the kind of thing the question asks for (a price, a
  date...: data.document_prompt.unanswered_kind; such answers are written whole before they are sent).
"""

from __future__ import annotations

import argparse
import gc
import io
import ipaddress
import json
import logging
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from mlx_lm import server as mlx_server

from farense_studio import messages
from farense_studio.data.answer_kind import asked_kind
from farense_studio.data.document_prompt import DONT_KNOW_REPLY, unanswered_kind
from farense_studio.program.inference_core import DEFAULTS, clean_text, fold_system
from farense_studio.program.inference_program import InferError, Plan, load_model
from farense_studio.serve.documents import Documents
from farense_studio.serve.request_checks import Guard, RequestError, check_body, is_loopback, parse_body

MAX_BODY = 256 * 1024  # bytes: a long conversation fits; a runaway client does not
MAX_TOKENS_LIMIT = 2048
MAX_WAITING = 64
TOKEN_ENV = "FARENSE_SERVE_TOKEN"
CHAT_PATHS = ("/v1/chat/completions", "/chat/completions")
TEXT_PATHS = ("/v1/completions",)

log = logging.getLogger("farense_studio.serve")


class ServeError(messages.CodedError):
    """The server cannot start: a stable code and the parameters of its message."""


def _cli_args(model_path: Path, adapter: Path | None, max_tokens: int) -> argparse.Namespace:
    """The namespace mlx_lm.server's classes read their settings from (its CLI defaults)."""
    return argparse.Namespace(
        model=str(model_path), adapter_path=str(adapter) if adapter else None, draft_model=None,
        num_draft_tokens=3, trust_remote_code=False, chat_template="", use_default_chat_template=False,
        temp=DEFAULTS["temperature"], top_p=DEFAULTS["top_p"], top_k=0, min_p=0.0, max_tokens=max_tokens,
        chat_template_args={}, decode_concurrency=1, prompt_concurrency=1, prefill_step_size=2048,
        prompt_cache_size=4, prompt_cache_bytes=None, kv_bits=None, kv_group_size=64,
        quantized_kv_start=mlx_server.DEFAULT_QUANTIZED_KV_START, pipeline=False,
        allowed_origins=[], log_level="WARNING", host="127.0.0.1", port=0,
    )


class PinnedModelProvider(mlx_server.ModelProvider):
    """Loads our model and adaptation once (with the inference program's checks), whatever
    a request names; no batching, so the generation thread serves requests one by one."""

    def __init__(self, cli_args, label: str):
        super().__init__(cli_args)
        self.label = label
        self.loaded = threading.Event()
        self.load_error: BaseException | None = None

    def _load(self, model_path, adapter_path=None, draft_model_path=None):
        self.reset()
        model, tokenizer = load_model(Path(model_path), Path(adapter_path) if adapter_path else None, self.label)
        self.model_key = (model_path, adapter_path, draft_model_path)
        self.model, self.tokenizer = model, tokenizer
        self.processor = None
        self.draft_model = None
        self.is_batchable = False

    def load(self, model_path, adapter_path=None, draft_model_path=None):
        return super().load("default_model", None, "default_model")

    def load_default(self):
        try:
            super().load_default()
        except BaseException as exc:
            self.load_error = exc
            raise
        finally:
            self.loaded.set()


class FoldingResponseGenerator(mlx_server.ResponseGenerator):
    """Templates that refuse a system turn (older Mistral) get it folded into the first user turn;
    a chat request that asks for documents gets them (in this thread: one request at a time)."""

    documents: Documents | None = None

    def _tokenize(self, tokenizer, request, args):
        if getattr(request, "documents", False) and self.documents is not None:
            request.messages, request.sources, _ = self.documents.ground(
                self.model_provider.model, tokenizer, request.messages, args.max_tokens,
                found=getattr(request, "found", None))
        try:
            return super()._tokenize(tokenizer, request, args)
        except Exception:
            msgs = request.messages
            if request.request_type != "chat" or not msgs or msgs[0].get("role") != "system":
                raise
            request.messages = fold_system(msgs)
            return super()._tokenize(tokenizer, request, args)


class FarenseHandler(mlx_server.APIHandler):
    """mlx-lm's handler behind the guard, with checked requests, JSON errors and the pinned model."""

    server_version = "FarenseStudio"
    config: "ServerConfig"  # set on the subclass made per server

    # ------------------------------------------------------------------ answers
    def _error(self, status: int, code: str, **params: Any) -> None:
        self._json(status, {"error": {"message": messages.render(code, params), "type": "invalid_request_error"
                                      if status < 500 else "server_error", "code": code}})
        self.close_connection = True

    def _json(self, status: int, payload: dict) -> None:
        body = clean_text(json.dumps(payload, ensure_ascii=False)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if status == 401:
            self.send_header("WWW-Authenticate", "Bearer")
        self._set_cors_headers()
        self.end_headers()
        self.wfile.write(body)

    def _set_cors_headers(self):
        """CORS headers for the allowed origins only (mlx-lm's own would allow any method)."""
        origin = self.headers.get("Origin")
        if self.config.guard.allowed_origin(origin):
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _set_completion_headers(self, status_code: int = 200):
        if status_code >= 400:  # mlx-lm's own error (English text): answered in ours after do_POST
            self._mlx_error = status_code
            self.wfile = io.BytesIO()
        super()._set_completion_headers(status_code)

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler's signature
        log.info("%s %s", self.address_string(), format % args)

    def _guarded(self) -> bool:
        try:
            self.config.guard.check(self.headers, self.command)
            return True
        except RequestError as exc:
            self._error(exc.status, exc.code, **exc.params)
            return False

    # ------------------------------------------------------------------ POST
    def do_POST(self):
        if not self._guarded():
            return
        config = self.config
        try:
            if self.path not in CHAT_PATHS + TEXT_PATHS:
                raise RequestError(404, "serve_not_found", path=self.path)
            length = self.headers.get("Content-Length")
            if length is None:
                raise RequestError(411, "serve_length_required")
            try:
                length = int(length)
            except ValueError:
                raise RequestError(400, "serve_bad_length") from None
            if length < 0 or length > config.max_body:
                raise RequestError(413, "serve_too_large", limit=config.max_body)
            if (self.headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
                raise RequestError(415, "serve_bad_content_type")  # a browser's form or text/plain
            body = check_body(parse_body(self.rfile.read(length)), chat=self.path in CHAT_PATHS,
                              max_tokens_limit=config.max_tokens_limit, vocab_size=config.vocab_size)
            self._pin(body)
        except RequestError as exc:
            return self._error(exc.status, exc.code, **exc.params)
        if not config.slots.acquire(blocking=False):
            return self._error(503, "serve_busy")
        try:
            data = json.dumps(body).encode("utf-8")
            self.rfile = io.BytesIO(data)
            self.headers.replace_header("Content-Length", str(len(data)))
            wfile, self._mlx_error = self.wfile, None
            super().do_POST()
            if self._mlx_error is not None:
                log.warning("mlx-lm refused a request (%s): %s", self._mlx_error,
                            self.wfile.getvalue().split(b"\r\n\r\n", 1)[-1][:500].decode("utf-8", "replace"))
                self.wfile = wfile
                self._error(400 if self._mlx_error < 500 and self._mlx_error != 404 else 500, "serve_request_failed")
        finally:
            config.slots.release()

    def _pin(self, body: dict) -> None:
        """Our model, the run's system prompt when the conversation brings none, our defaults,
        whether to answer with documents (a field mlx-lm never sees)."""
        documents = body.pop("documents", True)
        if not isinstance(documents, bool):
            raise RequestError(400, "serve_bad_param", name="documents", allowed="true | false")
        self._documents, self._request = documents, None
        body["model"] = self.config.model_name
        if self.path in CHAT_PATHS and body["messages"][0]["role"] != "system" and self.config.system_prompt:
            body["messages"].insert(0, {"role": "system", "content": self.config.system_prompt})
        body.setdefault("repetition_penalty", DEFAULTS["repetition_penalty"])

    # ------------------------------------------------------------------ GET, OPTIONS
    def do_GET(self):
        if not self._guarded():
            return
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            return self._json(200, {"object": "list", "data": [self._model_card()]})
        if self.path.startswith("/v1/models/"):
            if self.path[len("/v1/models/"):] == self.config.model_name:
                return self._json(200, self._model_card())
            return self._error(404, "serve_model_unknown", model=self.path[len("/v1/models/"):])
        if self.path == "/health":
            return super().do_GET()
        return self._error(404, "serve_not_found", path=self.path)

    def do_OPTIONS(self):
        """CORS preflight: allowed for the allowed origins (and for callers that send none)."""
        if not self._guarded():
            return
        self.send_response(204)
        self.send_header("Allow", "GET, POST, OPTIONS")
        self._set_cors_headers()
        if self.config.guard.allowed_origin(self.headers.get("Origin")):
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Authorization")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # ------------------------------------------------------------------ sources
    def handle_chat_completions(self):
        request = super().handle_chat_completions()
        request.documents, request.sources, request.silent = self._documents, [], False
        self._request = request
        return request

    def handle_completion(self, request, stop_words):
        """mlx-lm's generation, unless the documents do not speak of the question: then «Não sei»
        (data.document_prompt.DONT_KNOW_REPLY) in mlx-lm's own response format, the model not asked."""
        documents = self.response_generator.documents
        if getattr(request, "documents", False) and documents is not None:
            request.found = documents.search(request.messages)  # ground reads it: one search a request
            if request.found.silent:
                return self._answer_unasked(DONT_KNOW_REPLY)
            if asked_kind(request.found.question):
                return self._checked_completion(request, stop_words)
        return super().handle_completion(request, stop_words)

    def _checked_completion(self, request, stop_words) -> None:
        """A question that asks for a kind of thing (a price, a date...: data.answer_kind) is answered
        into a buffer, streamed or not, and sent as written unless the answer holds none of it
        (data.document_prompt.unanswered_kind): then «Não sei», as every front end answers. Such an
        answer reaches a streaming client at once when it is complete, not token by token."""
        client, self.wfile = self.wfile, io.BytesIO()
        try:
            super().handle_completion(request, stop_words)
            written = self.wfile.getvalue()
        finally:
            self.wfile = client
        head, _sep, body = written.partition(b"\r\n\r\n")
        answer = _answer_text(body, self.stream) if head.split(b" ", 2)[1:2] == [b"200"] else None
        if answer is not None and unanswered_kind(request.found.question, answer, request.sources):
            request.sources = []
            return self._answer_unasked(DONT_KNOW_REPLY)
        self.wfile.write(written)
        self.wfile.flush()

    def _answer_unasked(self, text: str) -> None:
        self._request.silent = True
        if self.stream:
            self._set_stream_headers(200)
            self.end_headers()
            chunks = [self.generate_response(text, None), self.generate_response("", "stop")]
            if (self.stream_options or {}).get("include_usage"):  # as mlx-lm does, after the last choice
                chunks.append(self.completion_usage_response(0, 0))
            for chunk in chunks:
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode("utf-8"))
            self.wfile.write(b"data: [DONE]\n\n")
        else:
            body = json.dumps(self.generate_response(text, "stop", 0, 0), ensure_ascii=False).encode("utf-8")
            self._set_completion_headers(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        self.wfile.flush()

    def generate_response(self, text, finish_reason, *args, **kwargs) -> dict:
        """mlx-lm's response, with the sources of a chat answer beside its choices (when streaming,
        in the last chunk, the one with the finish_reason)."""
        response = super().generate_response(text, finish_reason, *args, **kwargs)
        request = getattr(self, "_request", None)
        if request is not None and (not self.stream or finish_reason is not None):
            response["sources"] = request.sources
            response["documents_silent"] = request.silent
        return response

    def _model_card(self) -> dict:
        return {"id": self.config.model_name, "object": "model", "created": self.config.created,
                "owned_by": "farense-studio", "base_model": self.config.base_label,
                "adapter": self.config.adapter_label, "documents": self.config.documents_label}


class _QueueingHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer with a listen queue that holds a burst of clients (the default of 5
    resets connections when 20 arrive while the model is still loading or busy)."""

    request_queue_size = 128


class ServerConfig:
    """What the handler needs to know, shared by every request thread."""

    def __init__(self, model_name: str, system_prompt: str | None, base_label: str, adapter_label: str | None,
                 max_body: int, max_tokens_limit: int, max_waiting: int, guard: Guard):
        self.model_name, self.system_prompt = model_name, system_prompt
        self.base_label, self.adapter_label = base_label, adapter_label
        self.max_body, self.max_tokens_limit = max_body, max_tokens_limit
        self.slots = threading.BoundedSemaphore(max_waiting)
        self.created = int(time.time())
        self.guard = guard
        self.vocab_size = 0  # known once the model is loaded (logit_bias ids are checked against it)
        self.documents_label: str | None = None  # the index answered from, if any


class LocalServer:
    """The model loaded once behind mlx-lm's handler on host:port (127.0.0.1 unless a token
    protects it; port 0 picks a free one)."""

    def __init__(self, plan: Plan, base_path: Path, *, port: int = 8080, model_name: str | None = None,
                 max_body: int = MAX_BODY, max_tokens: int = DEFAULTS["max_tokens"],
                 max_tokens_limit: int = MAX_TOKENS_LIMIT, max_waiting: int = MAX_WAITING,
                 host: str = "127.0.0.1", allow_origins: list[str] | tuple[str, ...] = (), token: str | None = None,
                 documents: bool = True):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise ServeError("serve_bad_host", host=host) from None
        if not is_loopback(host) and not token:
            raise ServeError("serve_lan_needs_token", host=host, env=TOKEN_ENV)
        self.plan, self.base_path, self.port, self.host = plan, Path(base_path), port, host
        self.index = plan.index if documents else None
        name = model_name or (plan.metadata.get("name") if plan.metadata else None) or "farense"
        self.config = ServerConfig(name, plan.system, str(plan.base), str(plan.adapter) if plan.adapter else None,
                                   max_body, max_tokens_limit, max_waiting, Guard(host, allow_origins, token))
        self.cli_args = _cli_args(self.base_path, plan.adapter, max_tokens)
        self.httpd: ThreadingHTTPServer | None = None
        self.generator: mlx_server.ResponseGenerator | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{'127.0.0.1' if self.host == '0.0.0.0' else self.host}:{self.port}"

    def start(self, load_timeout: float = 600.0) -> str:
        """Opens the port, loads the model (in mlx-lm's generation thread); returns the URL.

        Connections made before the model is ready wait in the listen queue.
        """
        try:
            documents = Documents.open(self.index) if self.index is not None else None
        except InferError as exc:
            raise ServeError("serve_documents_failed", detail=exc.text()) from exc
        self.config.documents_label = str(self.index) if documents is not None else None
        handler = type("Handler", (FarenseHandler,), {"config": self.config})
        try:
            self.httpd = _QueueingHTTPServer((self.host, self.port),
                                             lambda *a, **k: handler(self.generator, *a, **k))
        except OSError as exc:
            raise ServeError("serve_port_in_use", port=self.port, detail=exc.strerror or str(exc)) from exc
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        provider = PinnedModelProvider(self.cli_args, str(self.plan.base))
        self.generator = FoldingResponseGenerator(provider, mlx_server.LRUPromptCache(self.cli_args.prompt_cache_size))
        self.generator.documents = documents
        provider.loaded.wait(load_timeout)
        if provider.load_error is not None or not provider.loaded.is_set():
            exc = provider.load_error
            self.close()
            detail = exc.text() if isinstance(exc, InferError) else (str(exc) if exc else "timeout")
            raise ServeError("serve_model_failed", detail=detail) from exc
        self.config.vocab_size = len(provider.tokenizer.get_vocab())
        return self.url

    def serve_forever(self) -> None:
        assert self.httpd is not None
        try:
            self.httpd.serve_forever()
        finally:
            self.close()

    def start_in_thread(self) -> str:
        url = self.start()
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="farense-serve", daemon=True)
        self._thread.start()
        return url

    def close(self) -> None:
        if self.httpd is not None:
            if self._thread is not None:
                self.httpd.shutdown()
                self._thread.join(10)
            self.httpd.server_close()
            self.httpd = None
        if self.generator is not None:
            self.generator.stop_and_join()
            self.generator = None
            # MLX arrays of the generation thread still held in reference cycles abort the
            # process when the interpreter frees them at exit (exit 134 on Ctrl+C): free them now.
            gc.collect()


def _answer_text(body: bytes, stream: bool) -> str | None:
    """The answer in a chat completion's body as mlx-lm wrote it: one JSON object, or server-sent
    events whose chunks carry it in pieces (None when it cannot be read: then it is sent as it is)."""
    try:
        if not stream:
            return str(json.loads(body)["choices"][0]["message"].get("content") or "")
        parts = []
        for line in body.decode("utf-8").splitlines():
            if line.startswith("data: {"):
                choices = json.loads(line[len("data: "):]).get("choices") or [{}]
                parts.append(str((choices[0].get("delta") or {}).get("content") or ""))
        return "".join(parts)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
