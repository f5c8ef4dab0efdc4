"""Who may call the local server and with what: the checks made before mlx-lm sees a request."""

from __future__ import annotations

import pytest

from farense_studio import messages
from farense_studio.serve.request_checks import Guard, RequestError, check_body, host_name, parse_body

CHAT = {"messages": [{"role": "user", "content": "Olá"}]}


def refused(call) -> RequestError:
    with pytest.raises(RequestError) as err:
        call()
    return err.value


@pytest.mark.parametrize("header, name", [
    ("127.0.0.1:8080", "127.0.0.1"), ("localhost", "localhost"), ("[::1]:8080", "[::1]"),
    ("Evil.Example:8080", "evil.example"), (None, ""),
])
def test_host_names(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize("headers", [{"Host": "127.0.0.1:8080"}, {"Host": "localhost:8080"}, {"Host": "[::1]:8080"}])
def test_this_computer_may_call(headers):
    Guard().check(headers, "POST")


@pytest.mark.parametrize("headers, status, code", [
    ({"Host": "evil.example:8080"}, 403, "serve_host_refused"),  # DNS rebinding
    ({}, 403, "serve_host_refused"),
    ({"Host": "127.0.0.1:8080", "Origin": "https://evil.example"}, 403, "serve_origin_refused"),
    ({"Host": "127.0.0.1:8080", "Origin": "null"}, 403, "serve_origin_refused"),
    ({"Host": "127.0.0.1:8080", "Sec-Fetch-Site": "cross-site"}, 403, "serve_origin_refused"),
])
def test_foreign_hosts_and_origins_are_refused(headers, status, code):
    err = refused(lambda: Guard().check(headers, "POST"))
    assert (err.status, err.code) == (status, code)
    assert "Pedido recusado" in messages.render(err.code, err.params, "pt")


def test_the_clubs_page_is_allowed_by_name():
    guard = Guard(allow_origins=["https://www.scfarense.pt/"])
    guard.check({"Host": "127.0.0.1:8080", "Origin": "https://www.SCFarense.pt"}, "POST")
    assert guard.allowed_origin("https://www.scfarense.pt")
    assert not guard.allowed_origin("https://www.scfarense.pt.evil.example")
    assert refused(lambda: guard.check({"Host": "127.0.0.1", "Origin": "http://www.scfarense.pt"}, "POST")).status == 403


def test_a_token_is_required_on_every_request_but_preflights():
    guard = Guard("0.0.0.0", token="segredo-do-clube")
    assert refused(lambda: guard.check({"Host": "192.168.1.20:8080"}, "GET")).code == "serve_token_required"
    assert refused(lambda: guard.check({"Authorization": "Bearer outro"}, "POST")).status == 401
    assert refused(lambda: guard.check({"Authorization": "Basic segredo-do-clube"}, "POST")).status == 401
    guard.check({"Host": "mac-do-clube.local:8080", "Authorization": "Bearer segredo-do-clube"}, "POST")
    guard.check({"Host": "mac-do-clube.local:8080"}, "OPTIONS")


@pytest.mark.parametrize("raw", [b"NaN", b'{"temperature": NaN}', b'{"t": Infinity}', b"\xff", b"[1]",
                                 b"[" * 100000 + b"]" * 100000])
def test_bodies_that_are_not_a_json_object(raw):
    assert refused(lambda: parse_body(raw)).code == "serve_bad_json"


@pytest.mark.parametrize("extra, name", [
    ({"stop": 5}, "stop"), ({"stop": ["a"] * 9}, "stop"), ({"stop": [""]}, "stop"), ({"stop": [1]}, "stop"),
    ({"logit_bias": "x"}, "logit_bias"), ({"logit_bias": {"abc": 1}}, "logit_bias"),
    ({"logit_bias": {"999999": 1}}, "logit_bias"), ({"logit_bias": {"1": 1000}}, "logit_bias"),
    ({"logit_bias": {"-1": 1}}, "logit_bias"), ({"logit_bias": {"1": float("nan")}}, "logit_bias"),
    ({"repetition_penalty": -1}, "repetition_penalty"), ({"top_logprobs": 1000}, "top_logprobs"),
    ({"temperature": float("nan")}, "temperature"), ({"temperature": float("inf")}, "temperature"),
    ({"temperature": True}, "temperature"), ({"max_tokens": 2.5}, "max_tokens"), ({"seed": -1}, "seed"),
    ({"top_k": "5"}, "top_k"), ({"logprobs": 1}, "logprobs"), ({"xtc_threshold": 2}, "xtc_threshold"),
    ({"stream_options": {"include_usage": "sim"}}, "stream_options"), ({"presence_penalty": 9}, "presence_penalty"),
])
def test_every_parameter_mlx_reads_is_checked_with_our_message(extra, name):
    err = refused(lambda: check_body({**CHAT, **extra}, chat=True, max_tokens_limit=2048, vocab_size=100))
    assert (err.status, err.code, err.params["name"]) == (400, "serve_bad_param", name)
    assert messages.render(err.code, err.params, "pt").startswith(f"Valor inválido para «{name}»")
    assert messages.render(err.code, err.params, "en").startswith(f"Invalid value for “{name}”")


def test_good_parameters_pass_in_the_types_mlx_wants():
    body = check_body({**CHAT, "stop": "FIM", "logit_bias": {"7": -100}, "xtc_probability": 0, "temperature": None,
                       "max_completion_tokens": 20, "adapters": "/etc", "tools": [{}]},
                      chat=True, max_tokens_limit=2048, vocab_size=100)
    assert body["stop"] == ["FIM"] and body["logit_bias"] == {"7": -100.0}
    assert body["xtc_probability"] == 0.0 and isinstance(body["xtc_probability"], float)
    assert body["max_tokens"] == 20 and "temperature" not in body
    assert "adapters" not in body and "tools" not in body
