"""Inference program and local OpenAI-compatible server for the club's bot."""
