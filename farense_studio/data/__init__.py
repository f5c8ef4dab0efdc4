"""Reading, validating, deduplicating and splitting the club's examples (no Qt, no MLX)."""
