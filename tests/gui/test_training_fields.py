"""The Avançado form is built from TrainConfig's field metadata: every setting, in the
interface's language, with the range the engine documents, read back into a config."""

from __future__ import annotations

import pytest

from farense_studio.engine.config import LoraSettings, TrainConfig, settings_info
from farense_studio.gui import i18n
from farense_studio.gui.training_fields import AdvancedSettings, FORM_ORDER, check_value, field_specs


@pytest.fixture
def english(qapp):
    i18n.install("en", qapp)
    yield
    i18n.install("pt", qapp)


def test_every_documented_setting_is_in_the_form_with_its_metadata(portuguese):
    info = settings_info()
    specs = field_specs()
    assert [s.key for s in specs] == list(FORM_ORDER) and set(FORM_ORDER) == set(info)
    by_key = {s.key: s for s in specs}
    assert by_key["epochs"].label == "Passagens pelos dados"
    assert by_key["learning_rate"].tooltip.startswith("O tamanho de cada correção")
    assert (by_key["lora.rank"].minimum, by_key["lora.rank"].maximum) == (1, 512)
    assert [v for _label, v in by_key["lr_schedule"].choices] == ["cosine", "linear", "constant"]
    assert by_key["lr_schedule"].choices[0][0] == "cosseno (recomendado)"
    for spec in specs:
        assert (spec.minimum, spec.maximum, spec.optional) == (
            info[spec.key].minimum, info[spec.key].maximum, info[spec.key].optional)


def test_the_form_speaks_english_when_the_interface_does(qtbot, english):
    form = AdvancedSettings()
    qtbot.addWidget(form)
    assert form.editor("epochs").accessibleName() == "Passes over the data"
    assert form.editor("lora.num_layers").toolTip() == "How many of the model's last layers are fine-tuned; -1: all of them."
    assert form.editor("batching").itemText(0) == "shuffled (recommended)"


def test_ranges_from_the_metadata_refuse_values_at_the_field(portuguese):
    specs = {s.key: s for s in field_specs()}
    assert check_value(specs["lora.dropout"], "0,95") == (None, "O máximo é 0,9.")
    assert check_value(specs["lora.num_layers"], "0")[1] == "Use -1 (todas) ou um número de 1 para cima."
    assert check_value(specs["lora.num_layers"], "-1") == (-1, None)
    assert check_value(specs["warmup_steps"], "") == (None, None)  # optional: automatic


def test_a_config_shown_and_read_back_is_the_same(qtbot, portuguese):
    form = AdvancedSettings()
    qtbot.addWidget(form)
    config = TrainConfig(epochs=7, learning_rate=3e-4, warmup_steps=None, lr_schedule="linear",
                         lora=LoraSettings(rank=8, alpha=16.0, dropout=0.05, num_layers=-1,
                                           keys=["self_attn.q_proj"]), split_cost=None)
    form.set_config(config)
    assert form.is_valid()
    assert form.apply_to(TrainConfig()).to_dict() == config.to_dict()
