"""An estimate before Treinar at once (model size, data, this machine's speed), measurements
kept per machine and model, and the honest word on a slow computer with its shortest try."""

import json

from farense_studio.engine import speed as S
from farense_studio.engine.batches import steps_per_epoch
from farense_studio.engine.estimate_prior import (TRY_MAX_LENGTH, prior_estimate, read_inputs,
                                                  slow_advice, write_subset)
from farense_studio.engine.trainer import Trainer

MAC = S.Machine(kind="apple", key="apple|Darwin|arm64|Apple M2|16GB", name="Apple M2")
PC = S.Machine(kind="cpu", key="cpu|Linux|x86_64|Intel|8GB", name="Intel")


def speeds_of(machine, model, tokens_per_second, params):
    return {"machines": {machine.key: {model: {
        "tokens_per_second": tokens_per_second, "params": params,
        "flops": tokens_per_second * S.FLOPS_PER_PARAM * params}}}}


def test_first_estimate_comes_at_once_from_model_size_and_data(make_config, make_data, tmp_path):
    small = make_config(data_dir=str(make_data(tmp_path / "small", n_train=24)))
    large = make_config(data_dir=str(make_data(tmp_path / "large", n_train=96)))
    inputs = read_inputs(small, MAC, speeds={})
    assert inputs.params and inputs.speed.source == "prior"
    first = prior_estimate(small, inputs)
    assert first.measured_steps == 0 and first.source == "prior"
    assert first.total_steps == steps_per_epoch(24, small.effective_batch) * small.epochs
    assert 0 < first.total_seconds_low < first.total_seconds_high
    bigger = prior_estimate(large, read_inputs(large, MAC, speeds={}))
    assert bigger.total_steps == 4 * first.total_steps
    assert bigger.total_seconds_high > 3 * first.total_seconds_high  # 4x the data: ~4x the time
    slower = prior_estimate(small, read_inputs(small, PC, speeds={}))
    assert slower.total_seconds_low > 100 * first.total_seconds_high  # a processor, not a Mac


def test_measurements_are_kept_per_machine_and_model(tmp_path):
    path = tmp_path / "speeds.json"
    assert S.record_speed(PC, "modelo-a", 1.0e8, 10.0, "measure", path=path)
    data = S.load_speeds(path)
    assert S.speed_for(PC, "modelo-a", data).source == "model"
    assert S.speed_for(PC, "modelo-a", data).tokens_per_second(1.0e8) == 10.0
    other = S.speed_for(PC, "modelo-b", data)  # another model here: this machine's speed
    assert other.source == "machine" and other.tokens_per_second(2.0e8) == 5.0
    assert S.speed_for(MAC, "modelo-a", data).source == "prior"  # another machine: the prior
    path.write_text("{ estragado", encoding="utf-8")  # only a cache: damaged reads as empty
    assert S.speed_for(PC, "modelo-a", S.load_speeds(path)).source == "prior"


def test_a_run_keeps_its_speed_for_the_next_estimate(make_config, tmp_path):
    config = make_config(epochs=1)
    result = Trainer(config, tmp_path / "run").run()
    assert result.status == "finished"
    entry = S.load_speeds()["machines"][S.this_machine().key][config.model]
    assert entry["source"] == "run" and entry["tokens_per_second"] > 0
    estimate = prior_estimate(config, read_inputs(config))
    assert estimate.source == "model"


def test_slow_computer_measured_speed_offers_the_shortest_try(make_config, make_data, tmp_path):
    data = make_data(tmp_path / "preparado", n_train=400, n_valid=20)
    config = make_config(data_dir=str(data), max_seq_length=512)
    params = S.model_parameters(config.model)
    # Measured here: 6 tokens/s, as issue 21's processor trained the demo model.
    slow_speeds = speeds_of(MAC, config.model, 6.0, params)
    inputs = read_inputs(config, MAC, speeds=slow_speeds)
    advice = slow_advice(config, inputs)
    assert advice is not None and advice.measured  # even a Mac key: the measurement decides
    assert advice.factor > 100
    assert advice.max_seq_length == TRY_MAX_LENGTH and advice.examples < 400
    full = prior_estimate(config, inputs)
    assert advice.estimate.total_seconds_high < full.total_seconds_high / 4
    assert advice.estimate.total_steps < full.total_steps

    fast = speeds_of(MAC, config.model, S.PRIOR_FLOPS["apple"] / (S.FLOPS_PER_PARAM * params), params)
    assert slow_advice(config, read_inputs(config, MAC, speeds=fast)) is None


def test_shortest_try_trains_on_a_subset_leaving_the_data(make_data, tmp_path):
    data = make_data(tmp_path / "preparado", n_train=30, n_valid=4)
    before = (data / "train.jsonl").read_text(encoding="utf-8")
    subset = write_subset(data, 7, tmp_path / "ensaio")
    rows = [json.loads(line) for line in (subset / "train.jsonl").read_text().splitlines()]
    assert rows == [json.loads(line) for line in before.splitlines()[:7]]
    assert len((subset / "valid.jsonl").read_text().splitlines()) == 4
    assert (data / "train.jsonl").read_text(encoding="utf-8") == before


def test_measuring_is_cancellable_and_a_measurement_is_kept(make_config):
    import pytest

    from farense_studio.engine.estimate import EstimateCancelled, estimate_run

    config = make_config(model_revision=None)
    before = S.load_speeds()["machines"].get(S.this_machine().key, {}).get(config.model)
    done = []
    with pytest.raises(EstimateCancelled):
        estimate_run(config, steps=3, progress=lambda d, t: done.append(d),
                     cancel=lambda: len(done) >= 1)
    assert done == [1]  # stopped at the first step boundary after the click
    assert S.load_speeds()["machines"].get(S.this_machine().key, {}).get(config.model) == before

    estimate_run(config, steps=2)
    kept = S.load_speeds()["machines"][S.this_machine().key][config.model]
    assert kept["source"] == "measure"
    assert prior_estimate(config, read_inputs(config)).source == "model"
