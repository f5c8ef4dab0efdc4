"""The Avançado form on its own: numbers typed the Portuguese way, a bad value refused at its field
with the reason, Treinar's reason to stay off, and a config that reads back as it was written."""

from __future__ import annotations

import pytest

from farense_studio.gui.training.fields import AdvancedSettings, check_value, field_specs, parse_number

pytestmark = pytest.mark.gui


def spec(key: str):
    return next(s for s in field_specs() if s.key == key)


def test_numbers_typed_with_a_comma_a_point_or_an_exponent():
    assert parse_number("0,0001") == parse_number("0.0001") == parse_number("1e-4") == pytest.approx(1e-4)
    assert parse_number(" 2 ") == 2.0
    with pytest.raises(ValueError):
        parse_number("duas")


def test_each_bad_value_gets_its_own_reason(portuguese):
    assert check_value(spec("epochs"), "3") == (3, None)
    assert check_value(spec("epochs"), "") == (None, "Escreva um valor.")
    assert check_value(spec("epochs"), "três") == (None, "Não é um número.")
    assert check_value(spec("epochs"), "2,5") == (None, "Tem de ser um número inteiro.")
    assert check_value(spec("epochs"), "0") == (None, "O mínimo é 1.")
    assert check_value(spec("epochs"), "1000")[1].startswith("O máximo é ")
    assert check_value(spec("learning_rate"), "0,0002") == (pytest.approx(2e-4), None)
    # LoRA layers: -1 means all of them; 0 is refused with its own rule
    assert check_value(spec("lora.num_layers"), "-1") == (-1, None)
    assert check_value(spec("lora.num_layers"), "0") == (None, "Use -1 (todas) ou um número de 1 para cima.")


def test_a_config_reads_back_as_it_was_written(qtbot, portuguese):
    from farense_studio.engine.config import TrainConfig
    from farense_studio.engine.presets import apply_preset

    form = AdvancedSettings()
    qtbot.addWidget(form)
    config = apply_preset(TrainConfig(), "Especializado").copy(max_seq_length=384, learning_rate=3e-5)
    form.set_config(config)
    back = form.apply_to(TrainConfig())
    assert back.to_dict() == {**config.to_dict(), "model": back.model, "data_dir": back.data_dir,
                              "preset": back.preset}
    assert form.is_valid() and form.first_problem() is None


def test_a_wrong_field_says_why_and_holds_treinar_until_fixed(qtbot, portuguese):
    from farense_studio.engine.config import TrainConfig

    form = AdvancedSettings()
    qtbot.addWidget(form)
    form.set_config(TrainConfig())
    form.show()
    validity = []
    form.validity_changed.connect(validity.append)
    editor = form.editor("epochs")
    editor.selectAll()
    qtbot.keyClicks(editor, "0")  # typed, as a person would
    assert not form.is_valid()
    assert form.first_problem() == "Passagens pelos dados: O mínimo é 1."
    assert form.errors["epochs"].text() == "O mínimo é 1." and form.errors["epochs"].isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "4")
    assert form.is_valid() and form.first_problem() is None
    assert not form.errors["epochs"].isVisible()
    assert validity == [False, True]
    assert form.apply_to(TrainConfig()).epochs == 4
