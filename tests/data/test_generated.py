"""Generated questions: grounded or rejected with a reason, kept in the project, resumable, reviewable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from farense_studio.data.fact_templates import Subject, paragraph_questions, rephrasings
from farense_studio.data.generated import (ACCEPTED, PENDING, REJECTED, GeneratedStore, Unit, generate,
                                           template_proposer, units_from_examples)
from farense_studio.data.grounding import ungrounded
from farense_studio.engine.propose import ModelProposer, parse_pairs
from farense_studio.project import Project

ROOT = Path(__file__).resolve().parents[2]
NADER = ("Hassan Nader é um avançado marroquino, nascido em Casablanca em 1965, que jogou dez épocas no "
         "Sporting Clube Farense. Foi o melhor marcador da Primeira Liga em 1994-95, com 21 golos.")


def nader_unit() -> Unit:
    return Unit("jogadores/hassan_nader.md#1", "jogadores/hassan_nader.md", 3, 1, NADER, Subject("Hassan Nader"))


def sample_project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "projeto")
    project.add_sample_data()
    project.save()
    return project


def test_a_model_that_invents_a_date_is_rejected_with_its_reason(tmp_path):
    def inventive_model(messages):
        assert "Casablanca" in messages[-1]["content"]  # the model is shown the paragraph
        return ("P: Em que ano nasceu Hassan Nader?\nR: Hassan Nader nasceu em 1970.\n"
                "P: Onde nasceu Hassan Nader?\nR: Nasceu em Casablanca, em 1965.\n"
                "P: Onde jogou Hassan Nader antes?\nR: Jogou no Rabat FC.\n")

    store = GeneratedStore(tmp_path / "gerados.jsonl")
    report = generate([nader_unit()], store, [("model", ModelProposer(inventive_model))])
    by_answer = {p.answer: p for p in store.proposals.values()}
    invented = by_answer["Hassan Nader nasceu em 1970."]
    assert invented.status == REJECTED and not invented.trains
    assert invented.reasons == [{"code": "invented_number", "value": "1970"}]
    assert by_answer["Jogou no Rabat FC."].reasons == [{"code": "invented_name", "value": "FC"},
                                                       {"code": "invented_name", "value": "Rabat"}]
    grounded = by_answer["Nasceu em Casablanca, em 1965."]
    assert grounded.status == PENDING and grounded.trains
    assert grounded.source == "jogadores/hassan_nader.md" and grounded.paragraph == 1
    assert report.proposed == 3 and report.rejected == 2
    # The rejected row is shown, never dropped: it is on disk with its reason.
    rows = [json.loads(line) for line in store.path.read_text(encoding="utf-8").splitlines()]
    assert any(r.get("answer") == "Hassan Nader nasceu em 1970." and r["reasons"] for r in rows)


def test_reason_text_is_portuguese_and_names_the_value():
    from farense_studio import messages

    (problem,) = ungrounded("Nasceu em 1970.", NADER)
    assert messages.render(problem.code, {"value": problem.value}, "pt") == \
        "A resposta diz «1970», que não está no parágrafo de origem."


def test_grounding_ignores_accents_and_accepts_number_words():
    source = "Jogou dez épocas no Estádio de São Luís."
    assert ungrounded("Foram 10 épocas no Estadio de Sao Luis.", source) == []
    assert [u.value for u in ungrounded("Foram onze épocas.", source)] == ["onze"]


def test_templates_ask_each_fact_of_the_paragraph_on_its_own():
    questions = {qa.question: qa.answer for qa in paragraph_questions(Subject("Hassan Nader"), NADER)}
    assert questions["Onde nasceu Hassan Nader?"] == "Hassan Nader nasceu em Casablanca."
    assert questions["Em que ano nasceu Hassan Nader?"] == "Hassan Nader nasceu em 1965."
    assert "21 golos" in questions["Quantos golos marcou Hassan Nader em 1994-95?"]
    # The second wording says whom the sentence is about.
    assert questions["Quantos golos fez Hassan Nader em 1994-95?"].startswith("Hassan Nader foi o melhor marcador")
    assert all(ungrounded(answer, "Hassan Nader\n" + NADER) == [] for answer in questions.values())


def test_each_other_name_of_a_sentence_is_asked_both_ways_with_its_article():
    from farense_studio.data.fact_templates import name_questions, sentence_names, topic_names

    sentence = "Na Taça do Rei de 1991 perdeu a final com o Atlético de Madrid, em Espanha, e voltou ao São Luís."
    assert sentence_names(sentence) == [("a ", "Taça do Rei de 1991"), ("o ", "Atlético de Madrid"),
                                        ("", "Espanha"), ("o ", "São Luís")]
    asked = {qa.question: qa.answer for qa in name_questions(Subject("Hassan Nader"), sentence)}
    assert asked["O que tem o Atlético de Madrid a ver com Hassan Nader?"] == sentence
    assert asked["Fala-me de Hassan Nader e do Atlético de Madrid."] == sentence
    assert "O que tem Espanha a ver com Hassan Nader?" in asked
    # whom the text is about is not asked about itself; the club every file names is left out
    thing = Subject("Estádio de São Luís", "o ")
    assert [qa.question for qa in name_questions(thing, "O Estádio de São Luís, em Faro, é a casa do Farense.",
                                                 frozenset({"farense"}))] == \
        ["O que tem Faro a ver com o Estádio de São Luís?", "Fala-me do Estádio de São Luís e de Faro."]
    files = {f"bio{i}.md": ["O Farense jogou em Faro.", f"Nasceu em Cidade{i}."] for i in range(4)}
    assert topic_names(files) == {"farense", "faro"}
    # every answer is its sentence, so it is grounded in its paragraph
    assert all(ungrounded(a, "Hassan Nader\n" + sentence) == [] for a in asked.values())


def test_a_club_question_is_asked_once_more_with_a_synonym_never_changing_a_name():
    from farense_studio.data.fact_templates import synonym_rephrasing

    assert synonym_rephrasing("Em que ano foi fundado o Farense?") == "Em que ano foi criado o Farense?"
    assert synonym_rephrasing("Quem era o treinador na época de 1994-95?") == \
        "Quem era o técnico na época de 1994-95?"  # the first word with a synonym, once
    assert synonym_rephrasing("Quantos golos marcou Hassan Nader?") == "Quantos golos apontou Hassan Nader?"
    assert synonym_rephrasing("Onde fica o Estádio Algarve?") is None
    assert synonym_rephrasing("Época de ouro do Farense?") is None  # capitalised: maybe a name
    qa_unit = Unit("qa.jsonl:3", "qa.jsonl", 3, None, "Em que ano foi fundado o Farense?",
                   answer="O Farense foi fundado em 1910.")
    assert "Em que ano foi criado o Farense?" not in [qa.question for qa in template_proposer(qa_unit)]
    assert "Em que ano foi criado o Farense?" in [qa.question for qa in template_proposer(qa_unit, more=True)]


def test_rephrasings_keep_names_and_numbers_and_read_as_portuguese():
    assert rephrasings("Quem foi o melhor marcador de 1994-95?")[0] == "Fala-me do melhor marcador de 1994-95."
    assert "Quando foi fundado o Farense?" in rephrasings("Em que ano foi fundado o Farense?")
    assert rephrasings("O Farense jogou a Taça UEFA?") == []  # a yes/no question gets no awkward prefix


def test_sample_project_generation_lands_in_the_project_not_the_club_files(tmp_path):
    project = sample_project(tmp_path)
    sources = [Path(p) for p in project.jsonl_sources + project.bio_sources]
    before = {p: p.stat().st_mtime_ns for p in sources}
    result = subprocess.run([sys.executable, "-m", "farense_studio", "--lang", "pt", "data", "generate",
                             "--project", str(project.path), "--json"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["proposed"] > 100 and summary["training"] > 100
    # progress in a log: a line every 2 s and the last, not one per paragraph (211 here)
    said = result.stderr.splitlines()
    assert len(said) < 10 and said[-1].startswith(f"A gerar perguntas: {summary['units']} de {summary['units']}")
    assert Path(summary["file"]) == project.path / "dados" / "gerados.jsonl"
    assert {p: p.stat().st_mtime_ns for p in sources} == before
    store = GeneratedStore.for_project(project.path)
    nader = [p for p in store.proposals.values() if p.question == "Onde nasceu Hassan Nader?"]
    assert nader and "Casablanca" in nader[0].answer and nader[0].source.endswith("hassan_nader.md")
    again = subprocess.run([sys.executable, "-m", "farense_studio", "data", "generate", "--project",
                            str(project.path), "--json"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert json.loads(again.stdout)["already_done"] == summary["units"]
    assert len(GeneratedStore.for_project(project.path).proposals) == len(store.proposals)
    # --more-questions (off by default): each other name of a sentence, asked with whom it is about
    names = subprocess.run([sys.executable, "-m", "farense_studio", "data", "generate", "--project",
                            str(project.path), "--more-questions", "--json"], capture_output=True, text=True,
                           timeout=120, cwd=ROOT)
    assert json.loads(names.stdout)["already_done"] < summary["units"]
    asked = {p.question: p for p in GeneratedStore.for_project(project.path).proposals.values()}
    assert "RCD Mallorca" in asked["O que tem o RCD Mallorca a ver com Hassan Nader?"].answer
    assert not any("Farense a ver com" in q for q in asked)  # the club every file names is not asked about
    # `data prepare --generated` trains them, except those from a text changed since (a copy of qa.jsonl here).
    qa = tmp_path / "qa.jsonl"
    lines = Path(project.jsonl_sources[0]).read_text(encoding="utf-8").splitlines(keepends=True)
    qa.write_text(lines[0].replace("simplesmente", "apenas") + "".join(lines[1:]), encoding="utf-8")
    prepared = subprocess.run([sys.executable, "-m", "farense_studio", "data", "prepare", "--jsonl", str(qa),
                               "--bios", project.bio_sources[0], "--generated", str(project.path),
                               "--out", str(tmp_path / "preparado")], capture_output=True, text=True,
                              timeout=120, cwd=ROOT)
    assert prepared.returncode == 0, prepared.stderr
    rows = (tmp_path / "preparado" / "train.jsonl").read_text(encoding="utf-8")
    assert "Onde nasceu Hassan Nader?" in rows
    first_line = [p for p in store.proposals.values() if p.unit == "qa.jsonl:1"]
    assert first_line and not any(json.dumps(p.question, ensure_ascii=False) in rows for p in first_line)


_SLOW_GENERATION = """
import sys, time
from farense_studio.data.generated import GeneratedStore, generate, template_proposer
from farense_studio.commands.generate import project_units
from farense_studio.project import Project

project = Project.open(sys.argv[1])
def slow(unit):
    time.sleep(0.02)
    return template_proposer(unit)
def progress(done, total, left):
    print(done, flush=True)
generate(project_units(project), GeneratedStore.for_project(project), [("template", slow)], progress)
"""


def test_generation_resumes_after_kill_9_without_duplicates(tmp_path):
    project = sample_project(tmp_path)
    script = tmp_path / "slow.py"
    script.write_text(_SLOW_GENERATION, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen([sys.executable, str(script), str(project.path)], stdout=subprocess.PIPE,
                               text=True, env=env)
    for line in process.stdout:
        if int(line) >= 40:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    partial = GeneratedStore.for_project(project.path)
    units = units_from_examples(_sample_examples(project))
    assert 40 <= len(partial.done) < len(units)

    subprocess.run([sys.executable, str(script), str(project.path)], check=True, env=env, timeout=300,
                   stdout=subprocess.DEVNULL)
    resumed = GeneratedStore.for_project(project.path)
    rows = [json.loads(l) for l in resumed.path.read_text(encoding="utf-8").splitlines() if l.strip()]
    ids = [r["id"] for r in rows if r["type"] == "proposal"]
    assert len(ids) == len(set(ids)), "a proposal was written twice"
    fresh = GeneratedStore(tmp_path / "uninterrupted.jsonl")
    generate(units, fresh, [("template", template_proposer)])
    assert set(resumed.proposals) == set(fresh.proposals)
    assert resumed.skipped_lines == 0


def _sample_examples(project):
    from farense_studio.data.corpus import read_sources

    return read_sources([Path(p) for p in project.jsonl_sources], [Path(p) for p in project.bio_sources])[0]


def test_a_torn_last_line_is_ignored_and_cut_before_the_next_write(tmp_path):
    store = GeneratedStore(tmp_path / "gerados.jsonl")
    generate([nader_unit()], store, [("template", template_proposer)])
    count = len(store.proposals)
    with open(store.path, "ab") as handle:
        handle.write(b'{"type": "proposal", "id": "abc", "quest')
    reopened = GeneratedStore(store.path)
    assert len(reopened.proposals) == count and reopened.skipped_lines == 1
    some = next(iter(reopened.proposals))
    reopened.decide(some, ACCEPTED)
    lines = store.path.read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line) for line in lines)  # every line whole again
    assert GeneratedStore(store.path).proposals[some].status == ACCEPTED


def test_review_accept_edit_reject_and_undo(tmp_path):
    store = GeneratedStore(tmp_path / "gerados.jsonl")
    generate([nader_unit()], store, [("template", template_proposer)])
    first, second = list(store.proposals)[:2]
    before = store.decide(first, REJECTED)
    assert first not in {e.id[2:] for e in store.examples()}
    store.restore(before)
    assert store.proposals[first].status == PENDING
    store.decide(second, ACCEPTED, answer="Hassan Nader nasceu em Casablanca, Marrocos.")
    reopened = GeneratedStore(store.path)
    assert reopened.proposals[second].answer == "Hassan Nader nasceu em Casablanca, Marrocos."
    assert reopened.proposals[second].edited and reopened.proposals[second].status == ACCEPTED
    waiting = reopened.accept_all()
    assert waiting and all(reopened.proposals[p.id].status == ACCEPTED for p in waiting)
    assert reopened.counts()["pending"] == 0


def test_generated_rows_go_into_the_prepared_training_data(tmp_path):
    from farense_studio.data import build_corpus, write_prepared

    project = sample_project(tmp_path)
    store = GeneratedStore.for_project(project.path)
    generate(units_from_examples(_sample_examples(project)), store, [("template", template_proposer)])
    rejected = next(iter(store.proposals))
    store.decide(rejected, REJECTED)
    corpus = build_corpus(project.jsonl_sources, project.bio_sources, extra=store.examples())
    generated = [e for e in corpus.examples if e.origin == "gerado"]
    split_of = {e.id: e.split for e in corpus.examples}
    # a rephrasing of a club question takes its split: the checking error never measures a copy of
    # the training («Podes dizer-me qual é a cidade do Farense?» trained, the question itself checked)
    rephrasing_checks = [e for e in generated if e.of and split_of[e.of] == "valid"]
    assert rephrasing_checks and all(e.split == "valid" for e in rephrasing_checks)
    trained = {e.question.casefold() for e in corpus.train}
    wrapped = {f"{lead} {e.question[0].lower()}{e.question[1:]}".casefold()
               for e in corpus.valid if e.origin != "gerado" for lead in ("Sabes", "Podes dizer-me")}
    assert not trained & wrapped
    assert all(e.split == "train" for e in generated if not e.of or split_of[e.of] == "train")
    assert sum(e.split == "train" for e in generated) > len(generated) / 2
    assert f"g-{rejected}" not in {e.id for e in corpus.examples}
    out = write_prepared(corpus, tmp_path / "preparado")
    rows = (out / "train.jsonl").read_text(encoding="utf-8")
    assert "Onde nasceu Hassan Nader?" in rows


def test_parse_pairs_reads_what_models_write():
    reply = "Aqui estão:\n1. P: Quem?\nR: Ele.\nPergunta: Onde?\nResposta: Faro.\nlixo\nR: sem pergunta"
    assert parse_pairs(reply) == [("Quem?", "Ele."), ("Onde?", "Faro.")]


@pytest.mark.slow
def test_a_real_model_proposes_and_everything_kept_is_grounded(tiny_model_dir, tmp_path):
    """The whole model path on a tiny random model: whatever it writes is grounded or rejected."""
    from farense_studio.engine.generation import load_chat_model
    from farense_studio.engine.propose import model_completion

    model, tokenizer = load_chat_model(str(tiny_model_dir))
    proposer = ModelProposer(model_completion(model, tokenizer, max_tokens=24))
    store = GeneratedStore(tmp_path / "gerados.jsonl")
    qa_unit = Unit("qa.jsonl:1", "qa.jsonl", 1, None, "Em que ano foi fundado o Farense?", answer="Em 1910.")
    report = generate([nader_unit(), qa_unit], store, [("model", proposer), ("template", template_proposer)])
    assert report.units == 2 and len(store.done) == 2
    for proposal in store.proposals.values():
        assert proposal.trains == (not proposal.reasons)
        if proposal.kind == "fact" and proposal.trains:
            assert ungrounded(proposal.answer, "Hassan Nader\n" + NADER) == []


def test_a_unit_stopped_while_the_model_writes_is_done_again_next_time(tmp_path):
    """Cancel lands mid-reply: that paragraph is not marked done, so the next pass asks it whole."""
    stop = {"now": False}
    second = Unit("jogadores/hassan_nader.md#2", "jogadores/hassan_nader.md", 5, 2,
                  "Terminou a carreira em 2001.", Subject("Hassan Nader"))

    def model_stopped_mid_reply(messages):
        stop["now"] = "2001" in messages[-1]["content"]  # the stop arrives while the 2nd paragraph is asked
        return "P: Quando terminou Hassan Nader a carreira?\nR: Em 20"

    store = GeneratedStore(tmp_path / "gerados.jsonl")
    report = generate([nader_unit(), second], store, [("model", ModelProposer(model_stopped_mid_reply))],
                      cancel=lambda: stop["now"])
    assert report.cancelled and set(store.done) == {nader_unit().key}
    assert not any(p.unit == second.key for p in store.proposals.values())
    again = generate([nader_unit(), second], GeneratedStore(store.path), [("template", template_proposer)])
    assert again.already_done == 1 and not again.cancelled


def test_an_ungrounded_row_trains_only_when_a_reviewer_accepts_it_alone(tmp_path):
    def inventive_model(messages):
        return "P: Em que ano nasceu Hassan Nader?\nR: Hassan Nader nasceu em 1970.\n"

    store = GeneratedStore(tmp_path / "gerados.jsonl")
    generate([nader_unit()], store, [("model", ModelProposer(inventive_model)), ("template", template_proposer)])
    invented = next(p for p in store.proposals.values() if p.reasons)
    assert [p.code for p in invented.problems()] == ["invented_number"] and invented.problems()[0].is_error
    store.accept_all()
    assert store.proposals[invented.id].status == REJECTED and not store.proposals[invented.id].trains
    before = store.decide(invented.id, ACCEPTED)
    accepted = store.proposals[invented.id]
    assert accepted.trains and accepted.example_id in {e.id for e in store.examples()}
    assert [p.severity for p in accepted.problems()] == ["warning"]  # the reason stays in sight
    store.restore([before])
    assert not GeneratedStore(store.path).proposals[invented.id].trains


def test_undoing_accept_all_puts_every_row_back_and_redo_accepts_the_same_ones(tmp_path):
    store = GeneratedStore(tmp_path / "gerados.jsonl")
    generate([nader_unit()], store, [("template", template_proposer)])
    waiting = store.accept_all()
    lines = len(store.path.read_text(encoding="utf-8").splitlines())
    store.restore(waiting)
    text = store.path.read_text(encoding="utf-8").splitlines()
    assert len(text) == lines + len(waiting)
    assert GeneratedStore(store.path).counts()["pending"] == len(waiting)
    assert [p.id for p in store.accept_all([w.id for w in waiting[:2]])] == [w.id for w in waiting[:2]]


def test_a_review_while_a_pass_writes_keeps_every_line_whole(tmp_path):
    """The app's review and a generation pass in another thread append to one file at once."""
    import threading

    path = tmp_path / "gerados.jsonl"
    generate([nader_unit()], GeneratedStore(path), [("template", template_proposer)])
    review = GeneratedStore(path)
    ids = list(review.proposals)
    units = [Unit(f"jogadores/hassan_nader.md#{i}", "jogadores/hassan_nader.md", 3, i, NADER + " " * i,
                  Subject("Hassan Nader")) for i in range(2, 60)]
    writer = threading.Thread(target=generate, args=(units, GeneratedStore(path), [("template", template_proposer)]))
    writer.start()
    decided = 0
    while writer.is_alive() or decided < 40:
        review.decide(ids[decided % len(ids)], REJECTED if decided % 2 else ACCEPTED)
        decided += 1
    writer.join()
    reopened = GeneratedStore(path)
    assert reopened.skipped_lines == 0 and len(reopened.done) == len(units) + 1
    assert {i: reopened.proposals[i].status for i in ids} == {i: review.proposals[i].status for i in ids}


def test_questions_of_a_changed_or_removed_paragraph_no_longer_train(tmp_path):
    store = GeneratedStore(tmp_path / "gerados.jsonl")
    generate([nader_unit()], store, [("template", template_proposer)])
    training, left_out, stale = store.rows([nader_unit()])
    assert training and not left_out and not stale
    changed = Unit(nader_unit().key, nader_unit().source, 3, 1, NADER.replace("21 golos", "22 golos"),
                   Subject("Hassan Nader"))
    training, left_out, stale = store.rows([changed])
    assert not training and {p.code for p in stale} == {"generated_stale"} and len(stale) == len(left_out)
    assert not store.rows([])[0]  # the biography left the project
    generate([changed], store, [("template", template_proposer)])
    again = GeneratedStore(store.path)
    training, _left_out, stale = again.rows([changed])
    # Questions the new text asks the same way are current again; those of the old figure stay out.
    assert any("22 golos" in e.answer for e in training) and not any("21 golos" in e.answer for e in training)
    assert ("Onde nasceu Hassan Nader?", "Hassan Nader nasceu em Casablanca.") in {(e.question, e.answer)
                                                                              for e in training}
    assert all("21 golos" in again.proposals[p.example_id[2:]].answer for p in stale)


def test_a_pass_with_the_name_questions_adds_them_to_a_finished_pass_and_keeps_the_review(tmp_path):
    """Generated without the name questions (the default), then `data generate --more-questions`:
    the same paragraph is proposed again, its new questions join and a reviewer's decision stands."""
    from farense_studio.data.generated import MORE_RULES, more_proposer

    store = GeneratedStore(tmp_path / "gerados.jsonl")
    generate([nader_unit()], store, [("template", template_proposer)])
    old = list(store.proposals.values())
    assert old and not any(p.rule == "name" for p in old)
    store.decide(old[0].id, REJECTED)
    assert store.is_done(nader_unit()) and not store.is_done(nader_unit(), MORE_RULES)
    assert generate([nader_unit()], store, [("template", template_proposer)]).already_done == 1

    report = generate([nader_unit()], store, [("template", more_proposer)])
    again = GeneratedStore(store.path)
    names = [p for p in again.proposals.values() if p.rule == "name"]
    assert names and report.already_done == 0 and len(again.proposals) == len(old) + len(names)
    assert again.proposals[old[0].id].status == REJECTED  # the reviewer's decision stands
    assert again.is_done(nader_unit(), MORE_RULES)
    assert not any(again.is_stale(p, {nader_unit().key: nader_unit().digest}) for p in again.proposals.values())
    # a later pass without them keeps them (they were asked for) and proposes nothing again
    assert generate([nader_unit()], again, [("template", template_proposer)]).already_done == 1
