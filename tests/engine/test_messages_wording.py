"""Words that agree with their numbers, decimals written one way, and a hint on the error."""

from farense_studio import messages
from farense_studio.engine.evaluate import Scorecard, loss_hint


def test_plurals_agree_with_the_number():
    assert messages.render("training_started", {"total_steps": 48, "epochs": 1}, "pt") == \
        "Treino iniciado: 48 passos em 1 passagem pelos dados."
    assert messages.render("training_started", {"total_steps": 1, "epochs": 3}, "en") == \
        "Training started: 1 step over 3 passes through the data."
    assert messages.render("examples_truncated", {"count": 1, "max_tokens": 384}, "pt") == \
        "1 exemplo tem mais de 384 tokens e foi cortado."
    assert messages.render("examples_truncated", {"count": 2, "max_tokens": 384}, "pt") == \
        "2 exemplos têm mais de 384 tokens e foram cortados."
    assert messages.render("too_few_examples", {"count": 1}, "pt").startswith("Só há 1 exemplo:")
    assert messages.render("too_few_examples", {"count": 3}, "en").startswith("Only 3 examples:")
    assert messages.render("hosts_too_few", {"path": "grupo.txt", "count": 1}, "pt") == \
        "O ficheiro grupo.txt tem 1 computador; um grupo precisa de pelo menos dois."
    assert messages.render("hosts_too_few", {"path": "hosts", "count": 0}, "en") == \
        "The file hosts lists 0 computers; a group needs at least two."


def test_no_message_leaves_the_plural_to_the_reader():
    """"exemplo(s)", "computador(es)": every count agrees with its words ({n|one|many})."""
    import importlib
    import pkgutil
    import re

    import farense_studio.messages as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for code, texts in module.MESSAGES.items():
            for text in texts:
                assert not re.search(r"\w\((s|es|ões|ns)\)", text), (code, text)


def test_decimals_use_the_same_separator_as_the_rest_of_the_app():
    assert messages.decimal(1.9871, 2, "pt") == "1,99"
    assert messages.decimal(19.1582, 1, "pt") == "19,2"
    assert messages.decimal(19.1582, 1, "en") == "19.2"


def test_scorecard_loss_line_writes_decimals_with_a_comma():
    card = Scorecard(rows=[], base_val_loss=2.9525, tuned_val_loss=1.9871)
    line = card.loss_line("pt")
    assert "base 2,95 (perplexidade 19,2) → afinado 1,99 (perplexidade 7,3)" in line


def test_loss_hint_says_whether_the_error_is_good():
    assert messages.render(loss_hint(1.99), lang="pt").startswith("Bom")
    assert messages.render(loss_hint(0.4), lang="pt").startswith("Muito bom")
    assert messages.render(loss_hint(3.5), lang="pt").startswith("Ainda fraco")
    assert loss_hint(None) is None
