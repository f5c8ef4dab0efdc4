"""Fixtures of the Dados tests: the tab in the main window, waiting for a read to finish."""

from __future__ import annotations

import pytest


@pytest.fixture
def dataset_tab(main_window):
    return main_window.dataset_tab


@pytest.fixture
def wait_loaded(qtbot):
    """``wait_loaded(tab, action)`` runs ``action`` and waits for the tab to finish loading."""

    def wait(tab, action, timeout=30000):
        with qtbot.waitSignal(tab.loading_finished, timeout=timeout, raising=True):
            action()

    return wait
