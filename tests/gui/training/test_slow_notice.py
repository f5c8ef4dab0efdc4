"""The slow-computer message before Treinar, from a measured speed injected into the estimate."""

from farense_studio.engine import speed as S
from farense_studio.engine.estimate_prior import prior_estimate, read_inputs, slow_advice

MAC = S.Machine(kind="apple", key="apple|Darwin|arm64|Apple M2|16GB", name="Apple M2")


def measured(model, tokens_per_second, params):
    return {"machines": {MAC.key: {model: {
        "tokens_per_second": tokens_per_second, "params": params,
        "flops": tokens_per_second * S.FLOPS_PER_PARAM * params}}}}


def test_slow_computer_says_so_and_offers_the_shortest_try(qtbot, portuguese, make_slow_config):
    from farense_studio.gui.training.slow_notice import SlowComputerNotice

    config, params = make_slow_config()
    inputs = read_inputs(config, MAC, speeds=measured(config.model, 6.0, params))
    advice = slow_advice(config, inputs)
    notice = SlowComputerNotice()
    qtbot.addWidget(notice)
    notice.show_advice(advice, prior_estimate(config, inputs))
    text = notice.label.text()
    assert "Pelo que foi medido aqui" in text and "mais devagar do que um Mac com Apple Silicon" in text
    assert f"{advice.examples} exemplos com comprimento máximo 256" in text
    assert "Este treino pode demorar" in text and not notice.isHidden()
    with qtbot.waitSignal(notice.tryClicked) as chosen:
        notice.try_button.click()
    assert chosen.args[0] is advice

    fast = measured(config.model, S.PRIOR_FLOPS["apple"] / (S.FLOPS_PER_PARAM * params), params)
    notice.show_advice(slow_advice(config, read_inputs(config, MAC, speeds=fast)))
    assert notice.isHidden()  # as fast as a Mac: nothing to say
