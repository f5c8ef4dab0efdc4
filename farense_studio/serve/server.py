"""`farense-studio serve`: the trained model behind an OpenAI-compatible API on 127.0.0.1.

Wraps mlx-lm's own server (mlx_lm.server): its request handler, its single generation thread
with a FIFO queue of requests, its prompt cache, streaming (server-sent events) and OpenAI
response shapes. What this module changes, by subclassing:

* the model is pinned: loaded once at start with the adaptation (export, checkpoint or run
  folder), checked before the port opens; a request cannot load another model or adapter;
* requests are served one at a time in arrival order (batching off), at most MAX_WAITING
  waiting (503 beyond), bodies over max_body bytes refused with 413 before they are read;
* every 4xx is a JSON body {"error": {"message", "type", "code"}} with a Portuguese message,
  and bad messages/parameters are refused before they reach the model;
* the run's system prompt is added when a conversation brings none; GET /v1/models lists
  only this model; no CORS (the bot calls from its own process, never from a web page).
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from mlx_lm import server as mlx_server

from farense_studio import messages
from farense_studio.serve.inference_program import DEFAULTS, InferError, Plan, load_model

MAX_BODY = 256 * 1024  # bytes: a long conversation fits; a runaway client does not
MAX_TOKENS_LIMIT = 2048
MAX_WAITING = 64
ROLES = ("system", "user", "assistant")
CHAT_PATHS = ("/v1/chat/completions", "/chat/completions")
TEXT_PATHS = ("/v1/completions",)

log = logging.getLogger("farense_studio.serve")


class ServeError(Exception):
    """The server cannot start: a stable code and the parameters of its message."""

    def __init__(self, code: str, **params: Any):
        self.code, self.params = code, params
        super().__init__(code)

    def text(self, lang: str | None = None) -> str:
        return messages.render(self.code, self.params, lang)


class _RequestError(Exception):
    def __init__(self, status: int, code: str, **params: Any):
        self.status, self.code, self.params = status, code, params
        super().__init__(code)


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
    """Templates that refuse a system turn (older Mistral) get it folded into the first user turn."""

    def _tokenize(self, tokenizer, request, args):
        try:
            return super()._tokenize(tokenizer, request, args)
        except Exception:
            msgs = request.messages
            if request.request_type != "chat" or not msgs or msgs[0].get("role") != "system" or len(msgs) < 2:
                raise
            system, first = msgs[0], msgs[1]
            merged = [{"role": first["role"], "content": f"{system['content']}\n\n{first['content']}"}, *msgs[2:]]
            request.messages = merged
            return super()._tokenize(tokenizer, request, args)


class FarenseHandler(mlx_server.APIHandler):
    """mlx-lm's handler with bounded, validated requests, JSON errors and the pinned model."""

    server_version = "FarenseStudio"
    config: "ServerConfig"  # set on the subclass made per server

    # ------------------------------------------------------------------ errors
    def _error(self, status: int, code: str, **params: Any) -> None:
        body = json.dumps({"error": {"message": messages.render(code, params), "type": "invalid_request_error"
                                     if status < 500 else "server_error", "code": code}},
                          ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, format, *args):  # noqa: A002 - BaseHTTPRequestHandler's signature
        log.info("%s %s", self.address_string(), format % args)

    # ------------------------------------------------------------------ POST
    def do_POST(self):
        config = self.config
        try:
            if self.path not in CHAT_PATHS + TEXT_PATHS:
                raise _RequestError(404, "serve_not_found", path=self.path)
            length = self.headers.get("Content-Length")
            if length is None:
                raise _RequestError(411, "serve_length_required")
            try:
                length = int(length)
            except ValueError:
                raise _RequestError(400, "serve_bad_length") from None
            if length < 0 or length > config.max_body:
                raise _RequestError(413, "serve_too_large", limit=config.max_body)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise _RequestError(400, "serve_bad_json") from None
            body = self._prepare(body)
        except _RequestError as exc:
            return self._error(exc.status, exc.code, **exc.params)
        if not config.slots.acquire(blocking=False):
            return self._error(503, "serve_busy")
        try:
            data = json.dumps(body).encode("utf-8")
            self.rfile = io.BytesIO(data)
            self.headers.replace_header("Content-Length", str(len(data)))
            super().do_POST()
        finally:
            config.slots.release()

    def _prepare(self, body: Any) -> dict:
        """Validates a request body and pins it to our model and system prompt."""
        if not isinstance(body, dict):
            raise _RequestError(400, "serve_bad_json")
        for name in ("adapters", "draft_model", "num_draft_tokens", "role_mapping", "tools", "chat_template_kwargs"):
            body.pop(name, None)
        body["model"] = self.config.model_name
        if self.path in CHAT_PATHS:
            body["messages"] = self._messages(body.get("messages"))
        elif not isinstance(body.get("prompt"), str) or not body["prompt"].strip():
            raise _RequestError(400, "serve_no_prompt")
        if "max_completion_tokens" in body:
            body["max_tokens"] = body.pop("max_completion_tokens")
        checks = (("max_tokens", int, 1, self.config.max_tokens_limit), ("temperature", (int, float), 0, 5),
                  ("top_p", (int, float), 0, 1), ("stream", bool, None, None), ("seed", int, None, None))
        for name, kind, low, high in checks:
            if name not in body or body[name] is None:
                body.pop(name, None)
                continue
            value = body[name]
            if isinstance(value, bool) and kind is not bool or not isinstance(value, kind) or \
                    (low is not None and value < low) or (high is not None and value > high):
                raise _RequestError(400, "serve_bad_param", name=name,
                                    allowed=f"{low}..{high}" if low is not None else getattr(kind, "__name__", "?"))
        body.setdefault("repetition_penalty", DEFAULTS["repetition_penalty"])
        if isinstance(body.get("stop"), list) and len(body["stop"]) > 8:
            raise _RequestError(400, "serve_bad_param", name="stop", allowed="≤ 8")
        return body

    def _messages(self, value: Any) -> list[dict[str, str]]:
        if not isinstance(value, list) or not value:
            raise _RequestError(400, "serve_no_messages")
        cleaned = []
        for i, message in enumerate(value):
            if not isinstance(message, dict) or message.get("role") not in ROLES:
                raise _RequestError(400, "serve_bad_message", index=i)
            content = message.get("content")
            if isinstance(content, list):  # OpenAI's content parts: text only
                if not all(isinstance(p, dict) and p.get("type") == "text" for p in content):
                    raise _RequestError(400, "serve_bad_message", index=i)
                content = "".join(str(p.get("text", "")) for p in content)
            if not isinstance(content, str):
                raise _RequestError(400, "serve_bad_message", index=i)
            cleaned.append({"role": message["role"], "content": content})
        if not any(m["role"] == "user" and m["content"].strip() for m in cleaned):
            raise _RequestError(400, "serve_empty_prompt")
        if cleaned[0]["role"] != "system" and self.config.system_prompt:
            cleaned.insert(0, {"role": "system", "content": self.config.system_prompt})
        return cleaned

    # ------------------------------------------------------------------ GET
    def do_GET(self):
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
        self._error(405, "serve_not_found", path=self.path)

    def _model_card(self) -> dict:
        return {"id": self.config.model_name, "object": "model", "created": self.config.created,
                "owned_by": "farense-studio", "base_model": self.config.base_label,
                "adapter": self.config.adapter_label}

    def _json(self, status: int, payload: dict) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QueueingHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer with a listen queue that holds a burst of clients (the default of 5
    resets connections when 20 arrive while the model is still loading or busy)."""

    request_queue_size = 128


class ServerConfig:
    """What the handler needs to know, shared by every request thread."""

    def __init__(self, model_name: str, system_prompt: str | None, base_label: str, adapter_label: str | None,
                 max_body: int, max_tokens_limit: int, max_waiting: int):
        self.model_name, self.system_prompt = model_name, system_prompt
        self.base_label, self.adapter_label = base_label, adapter_label
        self.max_body, self.max_tokens_limit = max_body, max_tokens_limit
        self.slots = threading.BoundedSemaphore(max_waiting)
        self.created = int(time.time())


class LocalServer:
    """The model loaded once behind mlx-lm's handler on 127.0.0.1:port (0 picks a free port)."""

    def __init__(self, plan: Plan, base_path: Path, *, port: int = 8080, model_name: str | None = None,
                 max_body: int = MAX_BODY, max_tokens: int = DEFAULTS["max_tokens"],
                 max_tokens_limit: int = MAX_TOKENS_LIMIT, max_waiting: int = MAX_WAITING):
        self.plan, self.base_path, self.port = plan, Path(base_path), port
        name = model_name or (plan.metadata.get("name") if plan.metadata else None) or "farense"
        self.config = ServerConfig(name, plan.system, str(plan.base), str(plan.adapter) if plan.adapter else None,
                                   max_body, max_tokens_limit, max_waiting)
        self.cli_args = _cli_args(self.base_path, plan.adapter, max_tokens)
        self.httpd: ThreadingHTTPServer | None = None
        self.generator: mlx_server.ResponseGenerator | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, load_timeout: float = 600.0) -> str:
        """Opens the port, loads the model (in mlx-lm's generation thread); returns the URL.

        Connections made before the model is ready wait in the listen queue.
        """
        handler = type("Handler", (FarenseHandler,), {"config": self.config})
        try:
            self.httpd = _QueueingHTTPServer(("127.0.0.1", self.port),
                                             lambda *a, **k: handler(self.generator, *a, **k))
        except OSError as exc:
            raise ServeError("serve_port_in_use", port=self.port, detail=exc.strerror or str(exc)) from exc
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        provider = PinnedModelProvider(self.cli_args, str(self.plan.base))
        self.generator = FoldingResponseGenerator(provider, mlx_server.LRUPromptCache(self.cli_args.prompt_cache_size))
        provider.loaded.wait(load_timeout)
        if provider.load_error is not None or not provider.loaded.is_set():
            exc = provider.load_error
            self.close()
            detail = exc.text() if isinstance(exc, InferError) else (str(exc) if exc else "timeout")
            raise ServeError("serve_model_failed", detail=detail) from exc
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

