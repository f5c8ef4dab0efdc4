"""MLX models, LoRA training, checkpoints, generation and export (no Qt)."""
