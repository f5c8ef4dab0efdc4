"""Treino › Avançado › «Usar outros Macs»: the list of Macs, their check in plain words, the group's
share of the estimate.

The list (names or addresses) is kept in the project with the other Treino settings
(GoalPanel.saved_settings). «Verificar» runs engine.distributed.check_hosts on a pool thread and
shows one line per Mac (messages/group.py renders each code); a Mac is ready only after its check
said so, for the list as it is now. group_run.runner asks ready_hosts() when Treinar starts.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)

from farense_studio.gui.training import status as words


def check_body(names: list[str], paths: list[str]):
    """The pool job's body: one check_hosts result per name, in the list's order."""
    from farense_studio.engine.distributed import GroupHost, check_hosts

    hosts = [GroupHost(rank, name, (name,)) for rank, name in enumerate(names, start=1)]
    return lambda _context: check_hosts(hosts, paths, timeout=5.0)


class GroupPanel(QWidget):
    """«Usar outros Macs»: on/off, the Macs, Verificar and what each check found."""

    changed = Signal()  # the person changed the option or the list (the project saves it)
    checked = Signal()  # a check ended and its results are shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.paths: Callable[[], list[str]] = list  # set by the tab: what every Mac must see
        self.results: dict[str, dict] = {}  # name -> check_hosts result, for the list as checked
        self.check_job = None
        self._estimate = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.enabled_box = QCheckBox(self.tr("Usar outros Macs"))
        self.enabled_box.setToolTip(self.tr("Treina em vários Macs do clube ao mesmo tempo (camada "
                                            "distribuída do MLX). Cada Mac precisa do Farense Studio na "
                                            "mesma versão, de SSH sem palavra-passe a partir deste, e do "
                                            "modelo, dos dados e da pasta dos treinos nos mesmos caminhos."))
        self.hosts_list = QListWidget()
        self.hosts_list.setAccessibleName(self.tr("Outros Macs"))
        self.hosts_list.setMaximumHeight(90)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("nome ou endereço, por exemplo loja.local"))
        self.host_edit.setAccessibleName(self.tr("Nome ou endereço de um Mac"))
        self.add_button = QPushButton(self.tr("Adicionar"))
        self.remove_button = QPushButton(self.tr("Remover"))
        self.check_button = QPushButton(self.tr("&Verificar"))
        self.check_button.setToolTip(self.tr("Confirma que cada Mac responde, tem a mesma versão, memória "
                                             "suficiente e vê o modelo e os dados."))
        self.results_label = QLabel()
        self.results_label.setWordWrap(True)
        self.results_label.setAccessibleName(self.tr("Resultado da verificação"))
        self.estimate_note = QLabel()  # placed under the estimate by the goal panel
        self.estimate_note.setWordWrap(True)
        self.estimate_note.hide()
        add_row = QHBoxLayout()
        add_row.addWidget(self.host_edit, 1)
        add_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        for part in (self.enabled_box, self.hosts_list):
            layout.addWidget(part)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        layout.addWidget(self.results_label)
        self.enabled_box.toggled.connect(self._on_changed)
        self.add_button.clicked.connect(self._on_add)
        self.host_edit.returnPressed.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.check_button.clicked.connect(self.check)
        self._update()

    # ---- the list -----------------------------------------------------------------------------
    def hosts(self) -> list[str]:
        return [self.hosts_list.item(i).text() for i in range(self.hosts_list.count())]

    def saved(self) -> dict:
        return {"enabled": self.enabled_box.isChecked(), "hosts": self.hosts()}

    def restore(self, saved: dict | None) -> None:
        saved = saved if isinstance(saved, dict) else {}
        self.blockSignals(True)
        try:
            self.hosts_list.clear()
            self.hosts_list.addItems([str(h) for h in saved.get("hosts") or [] if str(h).strip()])
            self.enabled_box.setChecked(bool(saved.get("enabled")))
        finally:
            self.blockSignals(False)
        self.results = {}
        self._update()

    def add_host(self, name: str) -> None:
        name = name.strip()
        if name:
            self.hosts_list.addItem(name)  # the same address twice is allowed: two processes there
            self._on_changed()

    def _on_add(self) -> None:
        self.add_host(self.host_edit.text())
        self.host_edit.clear()

    def _on_remove(self) -> None:
        for item in self.hosts_list.selectedItems() or []:
            self.hosts_list.takeItem(self.hosts_list.row(item))
        self._on_changed()

    def _on_changed(self, *args) -> None:
        self.results = {k: v for k, v in self.results.items() if k in self.hosts()}
        self._update()
        self.changed.emit()

    # ---- the check ------------------------------------------------------------------------------
    def check(self) -> None:
        """«Verificar»: each Mac checked on a pool thread; the lines show when it ends."""
        from farense_studio.gui.jobs import pool

        names = self.hosts()
        if not names or self.check_job is not None:
            return
        self.results_label.setText(self.tr("A verificar 1 Mac…") if len(names) == 1 else
                                   self.tr("A verificar {count} Macs…").format(count=len(names)))
        self.check_job = pool().submit(check_body(names, self.paths()), "group_check")
        self.check_job.on(finished=lambda results: self._on_checked(names, results),
                          failed=self._on_check_failed)
        self._update()

    def _on_checked(self, names: list[str], results: list[dict]) -> None:
        self.check_job = None
        if names == self.hosts():
            self.results = dict(zip(names, results))
        self._update()
        self.checked.emit()

    def _on_check_failed(self, text: str) -> None:
        self.check_job = None
        self.results = {}
        self._update()
        self.results_label.setText(self.tr("A verificação falhou: {error}").format(error=text))
        self.checked.emit()

    def ready_hosts(self) -> list[str]:
        """The Macs that join the next run (none while the option is off)."""
        if not self.enabled_box.isChecked():
            return []
        return [name for name in self.hosts() if self.results.get(name, {}).get("ok")]

    def result_lines(self) -> list[str]:
        from farense_studio import messages

        return [messages.render(r["code"], r["params"]) for r in self.results.values()]

    # ---- the estimate ---------------------------------------------------------------------------
    def set_estimate(self, estimate) -> None:
        """The measured estimate (None: cleared); the note says what a group makes of it."""
        self._estimate = estimate
        self._update()

    def _update_note(self) -> None:
        count = len(self.ready_hosts()) + 1
        estimate = self._estimate
        if count < 2:
            self.estimate_note.hide()
            return
        if estimate is None or not getattr(estimate, "total_seconds_high", 0):
            text = self.tr("Treino em {count} Macs: a duração de um grupo não foi medida.").format(count=count)
        else:
            text = self.tr("Treino em {count} Macs: cerca de {duration} se os outros Macs forem do mesmo tipo "
                           "que este (o tempo de cada passo dividido por {count}; o tempo que passam a "
                           "comunicar pela rede não está medido).").format(
                count=count, duration=words.duration_range(estimate.total_seconds_low / count,
                                                           estimate.total_seconds_high / count))
        self.estimate_note.setText(text)
        self.estimate_note.show()

    def _update(self) -> None:
        busy = self.check_job is not None
        self.check_button.setEnabled(bool(self.hosts()) and not busy)
        self.remove_button.setEnabled(self.hosts_list.count() > 0)
        if not busy:
            lines = self.result_lines()
            if lines:
                self.results_label.setText("\n".join(lines))
            elif self.hosts():
                self.results_label.setText(self.tr("Carregue em Verificar antes de treinar em grupo."))
            else:
                self.results_label.setText(self.tr("Junte os nomes ou endereços dos outros Macs."))
        self._update_note()
