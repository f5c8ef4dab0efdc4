"""Answering with the club's documents in farense-infer, the exported inference.py and the server.

The tiny run's data is the sample project's prepared data: its index holds the Q&A lines and the
biographies, and a question about Hassan Nader must come back with the passages about him.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.program import clean_env, run_program
from helpers.tiny_run import copy_run

QUESTION = "Em que cidade marroquina nasceu Hassan Nader?"
SILENT = "Qual é a letra do hino do Farense?"  # the documents never speak of an anthem
PRICE = "Quanto custa um bilhete de época do Farense?"  # the documents hold no price, but speak of épocas
NADER_BIO = "biografias/jogadores/hassan_nader.md"


def expected_sources(run: Path, question: str = QUESTION) -> list[str]:
    """The row ids Conversar would put into the prompt for question (the same search)."""
    from farense_studio.data.retrieval import index_folder, open_index
    from farense_studio.engine.generation import read_run_config

    index = open_index(index_folder(read_run_config(run)["data_dir"]))
    return [hit.passage.row_id for hit in index.search(question, 5)]


def assert_about_nader(sources: list[dict], run: Path) -> None:
    assert sources, "no sources came back"
    top = sources[0]
    assert top["rank"] == 1 and top["score"] > 0 and top["row_id"]
    assert top["file"] in (NADER_BIO, "qa.jsonl") and "Nader" in top["title"]
    assert (top["paragraph"] if top["file"] == NADER_BIO else top["line"]) >= 1
    assert [s["row_id"] for s in sources] == expected_sources(run)[:len(sources)]


def infer(*args: str, cwd: Path) -> tuple[dict, int, str]:
    return run_program([sys.executable, "-m", "farense_studio.serve.infer", *args], cwd=cwd)


# ---------------------------------------------------------------- the prompt


def test_the_passages_go_into_the_last_user_turn_within_the_budget(documents_run, tiny_model_dir):
    from farense_studio.data.document_prompt import DOCUMENTS_HEADER
    from farense_studio.data.retrieval import index_folder
    from farense_studio.engine.generation import read_run_config
    from farense_studio.program.inference_core import chat_tokens
    from farense_studio.program.inference_program import load_model
    from farense_studio.serve.documents import Documents

    model, tokenizer = load_model(tiny_model_dir, None, "tiny")
    documents = Documents.open(index_folder(read_run_config(documents_run)["data_dir"]))
    conversation = [{"role": "system", "content": "És o assistente do clube."},
                    {"role": "user", "content": "Olá"}, {"role": "assistant", "content": "Olá!"},
                    {"role": "user", "content": QUESTION}]
    messages, sources, unasked = documents.ground(model, tokenizer, conversation, max_tokens=64)
    assert unasked is None
    assert messages[:3] == conversation[:3]
    last = messages[-1]["content"]
    assert last.startswith(DOCUMENTS_HEADER) and last.endswith(QUESTION) and "Casablanca" in last
    assert len(sources) == 5
    # A model with a smaller context gets fewer passages, never a prompt over its budget.
    context = len(chat_tokens(tokenizer, messages)) // 2 + 64
    model.args.max_position_embeddings = context
    messages, few, _ = documents.ground(model, tokenizer, conversation, max_tokens=64)
    assert 1 <= len(few) < len(sources) and len(chat_tokens(tokenizer, messages)) <= context - 64
    assert [s["row_id"] for s in few] == [s["row_id"] for s in sources][:len(few)]


# ---------------------------------------------------------------- farense-infer


def test_farense_infer_answers_a_run_with_its_documents(documents_run, tmp_path):
    result, code, _ = infer("--adapter", str(documents_run), "--temperature", "0", "--max-tokens", "8", QUESTION,
                            cwd=tmp_path)
    assert code == 0 and result["status"] == "success"
    assert_about_nader(result["sources"], documents_run)


def test_a_question_the_documents_never_speak_of_is_answered_no_se_unasked(documents_run, tmp_path):
    from farense_studio.data.document_prompt import DONT_KNOW_REPLY

    result, code, _ = infer("--adapter", str(documents_run), "--max-tokens", "8", SILENT, cwd=tmp_path)
    assert code == 0 and result["status"] == "success" and result["documents_silent"] is True
    assert result["response"] == DONT_KNOW_REPLY and result["sources"] == []
    answered, code, _ = infer("--adapter", str(documents_run), "--max-tokens", "8", QUESTION, cwd=tmp_path)
    assert code == 0 and answered["documents_silent"] is False and answered["response"] != DONT_KNOW_REPLY
    # Without documents there is nothing to be silent: the model answers.
    plain, code, _ = infer("--adapter", str(documents_run), "--no-documents", "--max-tokens", "8", SILENT,
                           cwd=tmp_path)
    assert code == 0 and plain["documents_silent"] is False and plain["response"] != DONT_KNOW_REPLY


def test_no_documents_gives_no_sources(documents_run, tmp_path):
    result, code, _ = infer("--adapter", str(documents_run), "--no-documents", "--temperature", "0",
                            "--max-tokens", "8", QUESTION, cwd=tmp_path)
    assert code == 0 and result["status"] == "success" and result["sources"] == []


def test_a_damaged_index_is_a_coded_error(documents_run, tmp_path):
    broken = tmp_path / "indice"
    broken.mkdir()
    (broken / "manifest.json").write_text("{", encoding="utf-8")
    result, code, _ = infer("--adapter", str(documents_run), "--index", str(broken), QUESTION, cwd=tmp_path)
    assert code == 3 and result["status"] == "error" and result["code"] == "infer_documents_failed"
    assert str(broken) in result["error"] and "prepare os dados" in result["error"]


# ---------------------------------------------------------------- the export


@pytest.fixture(scope="module")
def documents_export(documents_run, tmp_path_factory) -> Path:
    """The run exported, then moved away from the project, whose prepared data is gone."""
    from farense_studio.engine.export import export_run
    from farense_studio.engine.generation import read_run_config

    project = tmp_path_factory.mktemp("projeto-efemero")
    prepared = shutil.copytree(read_run_config(documents_run)["data_dir"], project / "preparado")
    run = copy_run(documents_run, project / "treino", prepared)
    exported = export_run(run, project / "exportacoes")
    target = shutil.copytree(exported, tmp_path_factory.mktemp("bot") / "farense-bot")
    shutil.rmtree(project)
    return target


def test_the_export_carries_the_index(documents_export):
    metadata = json.loads((documents_export / "metadata.json").read_text(encoding="utf-8"))
    documents = metadata["documents"]
    assert documents["index"] == "indice" and documents["passages"] == 78 and documents["library"] == "bm25s"
    assert (documents_export / "indice" / "manifest.json").is_file()
    assert "sources" in (documents_export / "INTEGRATION_GUIDE.md").read_text(encoding="utf-8")


def test_the_exported_program_answers_with_documents_without_the_project(documents_export, documents_run,
                                                                          tmp_path):
    result, code, _ = run_program([sys.executable, str(documents_export / "inference.py"), "--temperature", "0",
                                   "--max-tokens", "8", QUESTION], cwd=tmp_path)
    assert code == 0 and result["status"] == "success"
    assert_about_nader(result["sources"], documents_run)
    off, code, _ = run_program([sys.executable, str(documents_export / "inference.py"), "--no-documents",
                                "--max-tokens", "8", QUESTION], cwd=tmp_path)
    assert code == 0 and off["sources"] == []


def test_the_exported_program_says_no_se_when_the_answer_lacks_what_is_asked(documents_export, tmp_path):
    from farense_studio.data.document_prompt import DONT_KNOW_REPLY

    program = [sys.executable, str(documents_export / "inference.py"), "--temperature", "0", "--max-tokens", "8"]
    plain, code, _ = run_program(program + ["--no-documents", PRICE], cwd=tmp_path)
    assert code == 0 and plain["response"] and "€" not in plain["response"]  # no price from the tiny model
    result, code, _ = run_program(program + [PRICE], cwd=tmp_path)
    assert code == 0 and result["status"] == "success"
    assert result["response"] == DONT_KNOW_REPLY and result["documents_silent"] is True and result["sources"] == []


def test_with_mlx_lm_alone_the_program_says_it_answers_without_documents(documents_export, tmp_path):
    """A machine beside the Mac (no Farense Studio, so no bm25s): an answer still, with the reason."""
    proc = subprocess.run([sys.executable, str(documents_export / "inference.py"), "--max-tokens", "8", QUESTION],
                          cwd=tmp_path, env=clean_env(FARENSE_INFER_STANDALONE="1", FARENSE_LANG="en"),
                          capture_output=True, timeout=120)
    result = json.loads(proc.stdout)
    assert proc.returncode == 0 and result["status"] == "success" and result["sources"] == []
    assert "cannot be searched" in proc.stderr.decode() and str(documents_export / "indice") in proc.stderr.decode()


def test_an_export_without_documents_has_none(documents_run, tmp_path, capsys):
    from farense_studio.cli import main

    assert main(["export", "--run", str(documents_run), "--out", str(tmp_path), "--no-documents", "--json"]) == 0
    exported = Path(json.loads(capsys.readouterr().out)["path"])
    assert json.loads((exported / "metadata.json").read_text(encoding="utf-8"))["documents"] is None
    assert not (exported / "indice").exists()
    assert "não traz índice dos documentos" in (exported / "INTEGRATION_GUIDE.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the server


@pytest.fixture(scope="module")
def server(documents_export):
    from farense_studio.serve.infer import make_plan, resolve_base
    from farense_studio.serve.server import LocalServer

    plan = make_plan(documents_export)
    srv = LocalServer(plan, resolve_base(plan), port=0)
    srv.start_in_thread()
    yield srv
    srv.close()


def post(server, body: dict, path: str = "/v1/chat/completions") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return response.status, payload


def ask(**extra) -> dict:
    return {"messages": [{"role": "user", "content": QUESTION}], "temperature": 0, "max_tokens": 8, **extra}


def test_the_server_answers_with_sources(server, documents_run):
    status, payload = post(server, ask())
    data = json.loads(payload)
    assert status == 200 and data["choices"][0]["message"]["role"] == "assistant"
    assert_about_nader(data["sources"], documents_run)
    assert data["usage"]["prompt_tokens"] > 100  # the passages went into the prompt
    assert data["documents_silent"] is False


def test_the_server_streams_the_sources_in_the_last_chunk(server, documents_run):
    status, payload = post(server, ask(stream=True))
    chunks = [json.loads(line[6:]) for line in payload.decode("utf-8").splitlines()
              if line.startswith("data: ") and line != "data: [DONE]"]
    assert status == 200 and payload.decode("utf-8").rstrip().endswith("data: [DONE]")
    with_sources = [c for c in chunks if "sources" in c]
    assert with_sources == [c for c in chunks if c["choices"] and c["choices"][0]["finish_reason"]]
    assert_about_nader(with_sources[0]["sources"], documents_run)


def test_the_server_says_no_se_when_the_documents_are_silent(server):
    from farense_studio.data.document_prompt import DONT_KNOW_REPLY

    status, payload = post(server, ask(messages=[{"role": "user", "content": SILENT}]))
    data = json.loads(payload)
    assert status == 200 and data["object"] == "chat.completion" and data["documents_silent"] is True
    assert data["choices"][0]["message"] == {"role": "assistant", "content": DONT_KNOW_REPLY}
    assert data["choices"][0]["finish_reason"] == "stop" and data["sources"] == []
    assert data["usage"]["completion_tokens"] == 0  # the model was not asked
    status, payload = post(server, ask(messages=[{"role": "user", "content": SILENT}], stream=True))
    text = payload.decode("utf-8")
    chunks = [json.loads(line[6:]) for line in text.splitlines()
              if line.startswith("data: ") and line != "data: [DONE]"]
    assert status == 200 and text.rstrip().endswith("data: [DONE]")
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == DONT_KNOW_REPLY
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["documents_silent"] is True
    status, payload = post(server, ask(messages=[{"role": "user", "content": SILENT}], stream=True,
                                       stream_options={"include_usage": True}))
    usage = [json.loads(line[6:]) for line in payload.decode("utf-8").splitlines()
             if line.startswith("data: ") and line != "data: [DONE]"][-1]
    assert status == 200 and usage["choices"] == [] and usage["usage"]["completion_tokens"] == 0
    # The same question without documents goes to the model.
    status, payload = post(server, ask(messages=[{"role": "user", "content": SILENT}], documents=False))
    data = json.loads(payload)
    assert status == 200 and data["documents_silent"] is False and data["usage"]["completion_tokens"] > 0


def chunks_of(payload: bytes) -> list[dict]:
    return [json.loads(line[6:]) for line in payload.decode("utf-8").splitlines()
            if line.startswith("data: ") and line != "data: [DONE]"]


def test_the_server_says_no_se_when_the_answer_lacks_what_is_asked(server):
    from farense_studio.data.document_prompt import DONT_KNOW_REPLY

    # Passages are found (not silent before the model), the tiny model answers without a price.
    status, payload = post(server, ask(messages=[{"role": "user", "content": PRICE}], documents=False))
    assert status == 200 and "€" not in json.loads(payload)["choices"][0]["message"]["content"]
    status, payload = post(server, ask(messages=[{"role": "user", "content": PRICE}]))
    data = json.loads(payload)
    assert status == 200 and data["documents_silent"] is True and data["sources"] == []
    assert data["choices"][0]["message"] == {"role": "assistant", "content": DONT_KNOW_REPLY}
    status, payload = post(server, ask(messages=[{"role": "user", "content": PRICE}], stream=True))
    chunks = chunks_of(payload)
    assert status == 200 and payload.decode("utf-8").rstrip().endswith("data: [DONE]")
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == DONT_KNOW_REPLY
    assert chunks[-1]["documents_silent"] is True and chunks[-1]["sources"] == []


def test_an_answer_that_holds_what_is_asked_is_sent_as_written(server, documents_run, monkeypatch):
    # The check passes the answer (as it would one with a price in it): it goes out as mlx-lm wrote it.
    from farense_studio.data.document_prompt import DONT_KNOW_REPLY
    from farense_studio.serve import server as module

    checked = []
    monkeypatch.setattr(module, "unanswered_kind", lambda *args: checked.append(args) and None)
    status, payload = post(server, ask(messages=[{"role": "user", "content": PRICE}]))
    data = json.loads(payload)
    assert status == 200 and data["documents_silent"] is False and data["sources"]
    answer = data["choices"][0]["message"]["content"]
    assert answer and answer != DONT_KNOW_REPLY and checked[-1][:2] == (PRICE, answer)
    status, payload = post(server, ask(messages=[{"role": "user", "content": PRICE}], stream=True))
    chunks = chunks_of(payload)
    assert status == 200 and payload.decode("utf-8").rstrip().endswith("data: [DONE]")
    streamed = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert streamed == answer == checked[-1][1]
    assert chunks[-1]["documents_silent"] is False and chunks[-1]["sources"] == data["sources"]


def test_a_request_can_turn_the_documents_off(server):
    status, payload = post(server, ask(documents=False))
    data = json.loads(payload)
    assert status == 200 and data["sources"] == [] and data["usage"]["prompt_tokens"] < 100
    status, payload = post(server, ask(documents="sim"))
    assert status == 400 and json.loads(payload)["error"]["code"] == "serve_bad_param"


def test_text_completions_carry_no_sources(server):
    status, payload = post(server, {"prompt": QUESTION, "max_tokens": 4}, "/v1/completions")
    assert status == 200 and "sources" not in json.loads(payload)


def test_the_model_card_names_the_index(server, documents_export):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request("GET", "/v1/models")
    card = json.loads(conn.getresponse().read())["data"][0]
    conn.close()
    assert card["documents"] == str(documents_export / "indice")


def test_a_damaged_index_refuses_the_export_and_the_server_before_anything(documents_run, tmp_path):
    from farense_studio.data.retrieval import INDEX_DIR
    from farense_studio.engine.export import ExportError, export_run
    from farense_studio.serve.infer import make_plan, resolve_base
    from farense_studio.serve.server import LocalServer, ServeError

    prepared = tmp_path / "preparado"
    (prepared / INDEX_DIR).mkdir(parents=True)
    (prepared / INDEX_DIR / "manifest.json").write_text("{", encoding="utf-8")
    run = copy_run(documents_run, tmp_path / "treino", prepared)
    with pytest.raises(ExportError) as refused:
        export_run(run, tmp_path / "exportacoes")
    assert refused.value.code == "export_index_damaged" and "prepare os dados" in refused.value.text()
    assert not (tmp_path / "exportacoes").exists() or not any((tmp_path / "exportacoes").iterdir())
    plan = make_plan(run)
    with pytest.raises(ServeError) as refused:
        LocalServer(plan, resolve_base(plan), port=0).start()
    assert refused.value.code == "serve_documents_failed" and "--no-documents" in refused.value.text()
