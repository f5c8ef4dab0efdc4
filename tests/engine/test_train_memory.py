"""Gradient accumulation saves memory: each micro-batch is evaluated before the next is built."""


def test_accumulated_step_peaks_lower_with_the_same_loss(make_config, monkeypatch):
    """A step of 1 x 4 micro-batches, as the presets choose on small Macs, against the same step
    built into one graph (the engine before EVAL_EACH_MICRO_BATCH): less peak memory, the same
    loss and gradient norm to the last bit."""
    import mlx.core as mx

    from farense_studio.engine import session as S

    config = make_config(epochs=1, batch_size=1, grad_accumulation=4, batching="shuffle",
                         lora={"rank": 4, "alpha": 8.0, "dropout": 0.1, "num_layers": 2})
    results = {}
    for per_micro in (True, False):
        monkeypatch.setattr(S, "EVAL_EACH_MICRO_BATCH", per_micro)
        training = S.TrainingSession(config)
        plan = training.plan(0)
        training.train_step(1, plan[0])  # compiles
        mx.clear_cache()
        mx.reset_peak_memory()
        result = training.train_step(2, plan[1])
        results[per_micro] = (mx.get_peak_memory(), result.loss, result.grad_norm,
                              result.micro_batches)
        del training
    (peak_now, loss_now, norm_now, micro), (peak_whole, loss_whole, norm_whole, _) = (
        results[True], results[False])
    assert micro == 4
    assert loss_now == loss_whole and norm_now == norm_whole
    assert peak_now < 0.8 * peak_whole, (peak_now, peak_whole)
