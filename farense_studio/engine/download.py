"""Hub downloads (placeholder until the resumable, cancellable downloader lands)."""

from __future__ import annotations

from farense_studio.engine.models import ModelError


def download_model(repo, revision="main", progress=None, cancel=None):
    raise ModelError("model_not_downloaded", {"repo": repo})
