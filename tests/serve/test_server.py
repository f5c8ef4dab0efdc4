"""farense-studio serve: OpenAI-compatible answers, JSON 4xx errors, one request at a time."""

from __future__ import annotations

import http.client
import json
import threading

import pytest

from helpers.tiny_run import ANSWER, QUESTION, SYSTEM_PROMPT


@pytest.fixture(scope="module")
def server(exported):
    from farense_studio.serve.infer import make_plan, resolve_base
    from farense_studio.serve.server import LocalServer

    plan = make_plan(exported)
    srv = LocalServer(plan, resolve_base(plan), port=0, max_body=64 * 1024)
    srv.start_in_thread()
    yield srv
    srv.close()


def request(server, method: str, path: str, body=None, raw: bytes | None = None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    conn.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return response.status, payload


def chat(server, content=QUESTION, **extra):
    status, payload = request(server, "POST", "/v1/chat/completions",
                              {"messages": [{"role": "user", "content": content}], "temperature": 0, **extra})
    return status, json.loads(payload)


def test_models_lists_only_this_model(server, exported):
    status, payload = request(server, "GET", "/v1/models")
    data = json.loads(payload)
    assert status == 200 and [m["id"] for m in data["data"]] == [exported.name]
    assert server.url.startswith("http://127.0.0.1:")


def test_chat_completion_uses_the_adapter_and_the_training_system_prompt(server):
    status, data = chat(server)
    assert status == 200
    assert data["object"] == "chat.completion" and data["choices"][0]["message"]["content"] == ANSWER
    assert data["choices"][0]["finish_reason"] == "stop" and data["usage"]["completion_tokens"] > 0


def test_a_request_cannot_switch_model_or_adapter(server, tmp_path):
    status, data = chat(server, model="/etc", adapters=str(tmp_path))
    assert status == 200 and data["choices"][0]["message"]["content"] == ANSWER


def test_streaming(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request("POST", "/v1/chat/completions", body=json.dumps(
        {"messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": QUESTION}],
         "temperature": 0, "stream": True}), headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"
    text, done = "", False
    for line in response.read().decode("utf-8").splitlines():
        if line == "data: [DONE]":
            done = True
        elif line.startswith("data: "):
            text += json.loads(line[6:])["choices"][0]["delta"].get("content", "")
    conn.close()
    assert done and text == ANSWER


@pytest.mark.parametrize("body, status, code", [
    ({"messages": []}, 400, "serve_no_messages"),
    ({}, 400, "serve_no_messages"),
    ({"messages": [{"role": "user", "content": "   "}]}, 400, "serve_empty_prompt"),
    ({"messages": [{"role": "robot", "content": "Olá"}]}, 400, "serve_bad_message"),
    ({"messages": [{"role": "user", "content": 3}]}, 400, "serve_bad_message"),
    ({"messages": [{"role": "user", "content": "Olá"}], "max_tokens": 0}, 400, "serve_bad_param"),
    ({"messages": [{"role": "user", "content": "Olá"}], "max_tokens": 10**6}, 400, "serve_bad_param"),
    ({"messages": [{"role": "user", "content": "Olá"}], "temperature": "quente"}, 400, "serve_bad_param"),
    ({"messages": [{"role": "user", "content": "Olá"}], "stream": "sim"}, 400, "serve_bad_param"),
    ([1, 2], 400, "serve_bad_json"),
])
def test_bad_requests_get_json_4xx(server, body, status, code):
    got, payload = request(server, "POST", "/v1/chat/completions", body)
    error = json.loads(payload)["error"]
    assert got == status and error["code"] == code and error["message"]


def test_other_errors(server):
    status, payload = request(server, "POST", "/v1/chat/completions", raw=b"{nada")
    assert status == 400 and json.loads(payload)["error"]["code"] == "serve_bad_json"
    status, payload = request(server, "GET", "/v1/outra-coisa")
    assert status == 404 and json.loads(payload)["error"]["code"] == "serve_not_found"
    status, payload = request(server, "POST", "/v1/embeddings", {"input": "x"})
    assert status == 404 and json.loads(payload)["error"]["code"] == "serve_not_found"


def test_request_size_is_bounded(server):
    huge = {"messages": [{"role": "user", "content": "a" * (server.config.max_body + 1)}]}
    status, payload = request(server, "POST", "/v1/chat/completions", huge)
    assert status == 413 and json.loads(payload)["error"]["code"] == "serve_too_large"
    # Refused from the header alone: the body is never read.
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.putrequest("POST", "/v1/chat/completions")
    conn.putheader("Content-Length", str(10**9))
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 413
    conn.close()


def test_twenty_concurrent_clients_are_served_one_at_a_time(server, monkeypatch):
    from mlx_lm import server as mlx_server

    active, peak, lock = [0], [0], threading.Lock()
    original = mlx_server.stream_generate

    def counting(*args, **kwargs):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            yield from original(*args, **kwargs)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(mlx_server, "stream_generate", counting)
    results, errors = [], []

    def client(i):
        for _ in range(2):  # bounded: two requests per client
            try:
                status, data = chat(server, max_tokens=40, stream=False)
                results.append((status, data["choices"][0]["message"]["content"]))
            except Exception as exc:  # noqa: BLE001 - counted, then asserted empty
                errors.append(repr(exc))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and len(results) == 40
    assert all(status == 200 and text == ANSWER for status, text in results)
    assert peak[0] == 1
    status, _ = chat(server, max_tokens=5)  # still alive afterwards
    assert status == 200


def test_start_failures_are_plain(exported, tmp_path):
    import shutil

    from farense_studio.serve.infer import make_plan, resolve_base
    from farense_studio.serve.server import LocalServer, ServeError

    from farense_studio.program.inference_program import InferError

    broken = tmp_path / "broken"
    shutil.copytree(exported, broken)
    (broken / "adapters.safetensors").write_bytes(b"\x08" + b"\0" * 20)
    with pytest.raises(InferError) as refused:  # refused before loading: not what was exported
        make_plan(broken)
    assert refused.value.code == "infer_adapter_changed" and "adapters.safetensors" in refused.value.text()
    metadata = json.loads((broken / "metadata.json").read_text(encoding="utf-8"))
    del metadata["files"]  # an export older than the checksums: mlx-lm finds the damage
    (broken / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    plan = make_plan(broken)
    with pytest.raises(ServeError) as err:
        LocalServer(plan, resolve_base(plan), port=0).start()
    assert err.value.code == "serve_model_failed" and "danificada" in err.value.text()

    plan = make_plan(exported)
    first = LocalServer(plan, resolve_base(plan), port=0)
    first.start_in_thread()
    try:
        with pytest.raises(ServeError) as err:
            LocalServer(plan, resolve_base(plan), port=first.port).start()
        assert err.value.code == "serve_port_in_use" and str(first.port) in err.value.text()
    finally:
        first.close()


# ---------------------------------------------------------------- hostile callers (issue 16)

@pytest.mark.parametrize("headers, status, code", [
    ({"Host": "evil.example"}, 403, "serve_host_refused"),  # a DNS-rebinding page
    ({"Origin": "https://evil.example"}, 403, "serve_origin_refused"),
    ({"Sec-Fetch-Site": "cross-site"}, 403, "serve_origin_refused"),
])
def test_foreign_pages_cannot_use_the_model(server, headers, status, code):
    for method, path, body in (("GET", "/v1/models", None), ("POST", "/v1/chat/completions", {
            "messages": [{"role": "user", "content": QUESTION}]}), ("OPTIONS", "/v1/chat/completions", None)):
        got, payload = request(server, method, path, body, headers=headers)
        error = json.loads(payload)["error"]
        assert (got, error["code"]) == (status, code) and error["message"].startswith("Pedido recusado")
        assert b"/tmp" not in payload and str(server.base_path).encode() not in payload  # no local paths


def test_a_cross_origin_text_plain_post_is_refused(server):
    """The request a foreign page can send without a preflight."""
    body = json.dumps({"messages": [{"role": "user", "content": QUESTION}]}).encode()
    got, payload = request(server, "POST", "/v1/chat/completions", raw=body,
                           headers={"Content-Type": "text/plain", "Origin": "https://evil.example"})
    assert got == 403
    got, payload = request(server, "POST", "/v1/chat/completions", raw=body, headers={"Content-Type": "text/plain"})
    assert got == 415 and json.loads(payload)["error"]["code"] == "serve_bad_content_type"


@pytest.mark.parametrize("extra, name", [
    ({"stop": 5}, "stop"), ({"logit_bias": {"abc": 1}}, "logit_bias"), ({"logit_bias": {"99999999": 5}}, "logit_bias"),
    ({"repetition_penalty": -1}, "repetition_penalty"), ({"top_logprobs": 1000}, "top_logprobs"),
])
def test_junk_parameters_get_our_coded_messages(server, extra, name):
    status, data = chat(server, **extra)
    assert status == 400 and data["error"]["code"] == "serve_bad_param"
    assert data["error"]["message"].startswith(f"Valor inválido para «{name}»")


def test_nan_and_infinite_temperatures_are_refused(server):
    raw = b'{"messages": [{"role": "user", "content": "Ol\\u00e1"}], "temperature": %s}'
    status, payload = request(server, "POST", "/v1/chat/completions", raw=raw % b"NaN")
    assert status == 400 and json.loads(payload)["error"]["code"] == "serve_bad_json"  # not JSON at all
    status, payload = request(server, "POST", "/v1/chat/completions", raw=raw % b"1e999")  # JSON, parsed as inf
    assert status == 400 and json.loads(payload)["error"]["code"] == "serve_bad_param"


def test_an_error_inside_mlx_lm_comes_back_in_our_format(server, monkeypatch):
    def failing(*args, **kwargs):
        raise RuntimeError("something English went wrong")

    monkeypatch.setattr(server.generator, "generate", failing)
    status, data = chat(server)
    assert status == 500 and data["error"]["code"] == "serve_request_failed"
    assert "English" not in data["error"]["message"]


@pytest.fixture(scope="module")
def club_server(exported):
    from farense_studio.serve.infer import make_plan, resolve_base
    from farense_studio.serve.server import LocalServer

    plan = make_plan(exported)
    srv = LocalServer(plan, resolve_base(plan), port=0, allow_origins=["https://www.scfarense.pt"],
                      token="chave-do-clube")
    srv.start_in_thread()
    yield srv
    srv.close()


def test_the_clubs_page_gets_cors_answers(club_server):
    origin = {"Origin": "https://www.scfarense.pt", "Access-Control-Request-Method": "POST",
              "Access-Control-Request-Headers": "content-type, authorization"}
    conn = http.client.HTTPConnection("127.0.0.1", club_server.port, timeout=60)
    conn.request("OPTIONS", "/v1/chat/completions", headers=origin)
    response = conn.getresponse()
    response.read()
    assert response.status == 204 and response.getheader("Access-Control-Allow-Origin") == "https://www.scfarense.pt"
    assert "POST" in response.getheader("Access-Control-Allow-Methods")
    assert "Authorization" in response.getheader("Access-Control-Allow-Headers")
    status, payload = request(club_server, "POST", "/v1/chat/completions",
                              {"messages": [{"role": "user", "content": QUESTION}], "temperature": 0},
                              headers={"Origin": "https://www.scfarense.pt", "Authorization": "Bearer chave-do-clube"})
    assert status == 200 and json.loads(payload)["choices"][0]["message"]["content"] == ANSWER
    conn.request("OPTIONS", "/v1/models", headers={**origin, "Origin": "https://evil.example"})
    response = conn.getresponse()
    assert response.status == 403 and response.getheader("Access-Control-Allow-Origin") is None
    response.read()
    conn.close()


def test_the_token_is_required_when_set(club_server):
    status, payload = request(club_server, "GET", "/v1/models")
    assert status == 401 and json.loads(payload)["error"]["code"] == "serve_token_required"
    status, _ = request(club_server, "GET", "/v1/models", headers={"Authorization": "Bearer errada"})
    assert status == 401
    status, _ = request(club_server, "GET", "/v1/models",
                        headers={"Authorization": "Bearer chave-do-clube", "Host": "mac-do-clube.local:8080"})
    assert status == 200


def test_listening_on_the_network_needs_a_token(exported):
    from farense_studio.serve.infer import make_plan, resolve_base
    from farense_studio.serve.server import LocalServer, ServeError

    plan = make_plan(exported)
    with pytest.raises(ServeError) as err:
        LocalServer(plan, resolve_base(plan), host="0.0.0.0")
    assert err.value.code == "serve_lan_needs_token" and "FARENSE_SERVE_TOKEN" in err.value.text()


@pytest.mark.parametrize("answered", [False, True])
def test_ctrl_c_exits_0(exported, answered):
    """It aborted with 134 ("terminate called without an active exception"): MLX arrays made on
    the loading/generation thread (the adapter's lazy weights; a sampled answer's leftovers)
    were freed by the interpreter at exit."""
    import os
    import re
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "farense_studio", "serve", "--adapter", str(exported),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "FARENSE_LANG": "pt"},
                            # Ctrl+C as in a terminal, even when the suite itself runs in the
                            # background (which starts children with SIGINT ignored)
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        ready = proc.stdout.readline().decode("utf-8")
        assert "http://127.0.0.1:" in ready, proc.stderr.read().decode()[-2000:]
        if answered:  # sampled (temperature 0.7), as the bot asks
            conn = http.client.HTTPConnection("127.0.0.1", int(re.search(r":(\d+)", ready).group(1)), timeout=60)
            conn.request("POST", "/v1/chat/completions", json.dumps({"messages": [{"role": "user", "content": QUESTION}],
                                                                     "max_tokens": 5}), {"Content-Type": "application/json"})
            assert conn.getresponse().status == 200
            conn.close()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err.decode()[-2000:]
    assert b"terminate called" not in err
