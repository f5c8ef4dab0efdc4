"""The Avançado form is built from TrainConfig's field metadata: every setting, in the
interface's language, with the range the engine documents (the form's own behaviour is
tested with the rest of the Treino tab)."""

from __future__ import annotations

import pytest

from farense_studio.engine.config import settings_info
from farense_studio.gui import i18n
from farense_studio.gui.training.fields import AdvancedSettings, FORM_ORDER, check_value, field_specs


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
    assert form.editor("batching").itemText(0) == "packed into rows (recommended)"


def test_ranges_from_the_metadata_refuse_values_at_the_field(portuguese):
    specs = {s.key: s for s in field_specs()}
    assert check_value(specs["lora.dropout"], "0,95") == (None, "O máximo é 0,9.")
    assert check_value(specs["max_seq_length"], "16") == (None, "O mínimo é 32.")
    assert check_value(specs["warmup_steps"], "") == (None, None)  # optional: automatic
