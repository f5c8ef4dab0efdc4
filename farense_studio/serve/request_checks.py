"""What the local server checks before a request reaches mlx-lm: who may call, and what.

Who: by default only this computer's own pages and programs. A foreign Host header (a page
that rebinds its DNS name to 127.0.0.1) and a browser request from another origin are
refused; ``allow_origins`` lets the club's own page in (CORS), and a bearer token, when set,
is required on every request (for use on the local network, where the Host check cannot
know the names the Mac is reached by). What: every parameter mlx-lm reads is checked here,
so that a bad one gets a coded pt-PT/English message rather than mlx-lm's English text.
No mlx here: plain functions raising RequestError, tested on their own.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import math
from typing import Any

from farense_studio.program.inference_core import LIMITS

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]", "::1")
ROLES = ("system", "user", "assistant")
MAX_STOP, MAX_STOP_CHARS, MAX_LOGIT_BIAS = 8, 200, 300

# name -> (kind, low, high): every sampling parameter mlx-lm's handler reads from a request
# (max_tokens' upper bound is the server's own limit).
PARAMS: dict[str, tuple[str, float | None, float | None]] = {
    "temperature": ("number", *LIMITS["temperature"]),
    "top_p": ("number", *LIMITS["top_p"]),
    "repetition_penalty": ("number", *LIMITS["repetition_penalty"]),
    "top_k": ("int", 0, 1000),
    "min_p": ("number", 0, 1),
    "repetition_context_size": ("int", 0, 4096),
    "presence_penalty": ("number", -2, 2),
    "presence_context_size": ("int", 0, 4096),
    "frequency_penalty": ("number", -2, 2),
    "frequency_context_size": ("int", 0, 4096),
    "xtc_probability": ("float", 0, 1),
    "xtc_threshold": ("float", 0, 0.5),
    "top_logprobs": ("int", 0, 10),
    "seed": ("int", 0, 2**32 - 1),
    "stream": ("bool", None, None),
    "logprobs": ("bool", None, None),
}


class RequestError(Exception):
    """A refused request: the HTTP status, a message code and its parameters."""

    def __init__(self, status: int, code: str, **params: Any):
        self.status, self.code, self.params = status, code, params
        super().__init__(code)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def host_name(header: str | None) -> str:
    """The name of a Host header without its port ("[::1]:8080" -> "[::1]")."""
    value = (header or "").strip().lower()
    if value.startswith("["):
        return value[:value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def normal_origin(origin: str) -> str:
    return origin.strip().rstrip("/").lower()


class Guard:
    """Who may call: the Host names, the allowed origins and the optional token."""

    def __init__(self, bind_host: str = "127.0.0.1", allow_origins: list[str] | tuple[str, ...] = (),
                 token: str | None = None):
        self.hosts = {*LOOPBACK_NAMES, host_name(bind_host if ":" not in bind_host else f"[{bind_host}]")}
        self.origins = {normal_origin(o) for o in allow_origins if o.strip()}
        self.token = token or None

    def allowed_origin(self, origin: str | None) -> bool:
        return origin is not None and normal_origin(origin) in self.origins

    def check(self, headers, method: str) -> None:
        """Raises RequestError unless the request may go on (OPTIONS needs no token: browsers
        send preflights without credentials)."""
        if self.token is None and host_name(headers.get("Host")) not in self.hosts:
            raise RequestError(403, "serve_host_refused", host=host_name(headers.get("Host"))[:100])
        origin = headers.get("Origin")
        if origin is not None and not self.allowed_origin(origin):
            raise RequestError(403, "serve_origin_refused", origin=origin[:100])
        site = (headers.get("Sec-Fetch-Site") or "").lower()
        if origin is None and site in ("cross-site", "same-site"):  # a no-cors request from a page
            raise RequestError(403, "serve_origin_refused", origin=site)
        if self.token is not None and method != "OPTIONS":
            scheme, _, given = (headers.get("Authorization") or "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token.encode()):
                raise RequestError(401, "serve_token_required")


# ------------------------------------------------------------------ the body

def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def parse_body(raw: bytes) -> dict:
    """A JSON object (NaN and Infinity, which JSON does not have, refused)."""
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RequestError(400, "serve_bad_json") from None
    if not isinstance(body, dict):
        raise RequestError(400, "serve_bad_json")
    return body


def _bad(name: str, allowed: str) -> RequestError:
    return RequestError(400, "serve_bad_param", name=name, allowed=allowed)


def check_number(name: str, value: Any, kind: str, low, high) -> Any:
    if kind == "bool":
        if not isinstance(value, bool):
            raise _bad(name, "true | false")
        return value
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "int":
        ok = ok and isinstance(value, int)
    if not ok or value < low or value > high:
        raise _bad(name, f"{low}..{high}")
    return float(value) if kind == "float" else value


def check_stop(value: Any) -> list[str]:
    stops = [value] if isinstance(value, str) else value
    if not isinstance(stops, list) or len(stops) > MAX_STOP or \
            not all(isinstance(s, str) and 0 < len(s) <= MAX_STOP_CHARS for s in stops):
        raise _bad("stop", f'"…" | ["…", …] (≤ {MAX_STOP}, ≤ {MAX_STOP_CHARS})')
    return stops


def check_logit_bias(value: Any, vocab_size: int) -> dict[str, float]:
    allowed = f'{{"0..{vocab_size - 1}": -100..100}} (≤ {MAX_LOGIT_BIAS})'
    if not isinstance(value, dict) or len(value) > MAX_LOGIT_BIAS:
        raise _bad("logit_bias", allowed)
    for key, bias in value.items():
        if not (key.isascii() and key.isdigit() and int(key) < vocab_size):
            raise _bad("logit_bias", allowed)
        check_number("logit_bias", bias, "number", -100, 100)
    return {key: float(bias) for key, bias in value.items()}


def check_messages(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise RequestError(400, "serve_no_messages")
    cleaned = []
    for i, message in enumerate(value):
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            raise RequestError(400, "serve_bad_message", index=i)
        content = message.get("content")
        if isinstance(content, list):  # OpenAI's content parts: text only
            if not all(isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text", ""), str)
                       for p in content):
                raise RequestError(400, "serve_bad_message", index=i)
            content = "".join(p.get("text", "") for p in content)
        if not isinstance(content, str):
            raise RequestError(400, "serve_bad_message", index=i)
        cleaned.append({"role": message["role"], "content": content})
    if not any(m["role"] == "user" and m["content"].strip() for m in cleaned):
        raise RequestError(400, "serve_empty_prompt")
    return cleaned


def check_body(body: dict, *, chat: bool, max_tokens_limit: int, vocab_size: int) -> dict:
    """The body with every parameter mlx-lm reads checked (None values dropped), the fields
    that could switch model, adapter or template removed."""
    for name in ("adapters", "draft_model", "num_draft_tokens", "role_mapping", "tools", "chat_template_kwargs"):
        body.pop(name, None)
    if chat:
        body["messages"] = check_messages(body.get("messages"))
    elif not isinstance(body.get("prompt"), str) or not body["prompt"].strip():
        raise RequestError(400, "serve_no_prompt")
    if "max_completion_tokens" in body:
        body["max_tokens"] = body.pop("max_completion_tokens")
    params = {**PARAMS, "max_tokens": ("int", 1, max_tokens_limit)}
    for name in [*params, "stop", "logit_bias", "stream_options"]:
        if body.get(name) is None:
            body.pop(name, None)
    for name, (kind, low, high) in params.items():
        if name in body:
            body[name] = check_number(name, body[name], kind, low, high)
    if "stop" in body:
        body["stop"] = check_stop(body["stop"])
    if "logit_bias" in body:
        body["logit_bias"] = check_logit_bias(body["logit_bias"], vocab_size)
    options = body.get("stream_options", {})
    if not isinstance(options, dict) or not isinstance(options.get("include_usage", False), bool):
        raise _bad("stream_options", '{"include_usage": true | false}')
    return body
