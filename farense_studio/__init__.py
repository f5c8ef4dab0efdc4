"""Farense Studio: teach a local language model about Sporting Clube Farense."""

__version__ = "0.1.0"
APP_NAME = "Farense Studio"
