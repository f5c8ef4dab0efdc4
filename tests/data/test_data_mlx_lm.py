"""The prepared folder is what mlx-lm's own chat dataset reads, every row, with prompt masking."""

from __future__ import annotations

from types import SimpleNamespace


def test_mlx_lm_reads_every_prepared_row(tmp_path, sample_data_dir, problems_file, tiny_model_dir):
    from mlx_lm.tuner.datasets import ChatDataset, load_dataset
    from mlx_lm.utils import load_tokenizer

    from farense_studio.data import build_corpus, write_prepared

    corpus = build_corpus([sample_data_dir / "qa.jsonl", problems_file], [sample_data_dir / "biografias"])
    assert any(e.format == "text" for e in corpus.examples)
    out = write_prepared(corpus, tmp_path / "preparado")
    tokenizer = load_tokenizer(tiny_model_dir)
    args = SimpleNamespace(data=str(out), train=True, test=False, hf_dataset=None, mask_prompt=True,
                           chat_feature="messages", prompt_feature="prompt", completion_feature="completion",
                           text_feature="text")
    train, valid, _ = load_dataset(args, tokenizer)
    assert isinstance(train, ChatDataset) and isinstance(valid, ChatDataset)
    assert len(train) + len(valid) == len(corpus.examples)
    for dataset in (train, valid):
        for index in range(len(dataset)):
            tokens, offset = dataset.process(dataset[index])
            assert 0 < offset < len(tokens)
