"""'Gerar perguntas das biografias' in the Dados tab: the bar that starts, follows and stops a pass.

A pass proposes questions fact by fact from every biography paragraph and new wordings of the
club's questions (data.generated); with the checkbox on, the base model chosen in Treino proposes
more on the model worker's thread. Progress says what is done and an honest time left; Cancelar
stops after the paragraph in hand; the next pass carries on where the last one stopped, even
after a crash. The rows land in the table (origin "geradas") for review.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from farense_studio import messages
from farense_studio.gui import i18n
from farense_studio.gui.dataset.loader import local_tokenizer_file, model_spec
from farense_studio.gui.dataset.review import GeneratedReview
from farense_studio.gui.dataset.work import DatasetWork
from farense_studio.gui.training.status import duration
from farense_studio.gui.widgets import Banner


class GenerationBar(QWidget):
    """The generate button, the base-model checkbox, progress with time left, Cancelar and Aceitar todas."""

    generate_requested = Signal(bool)  # with the base model
    cancel_requested = Signal()
    accept_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.generate_button = QPushButton(self.tr("&Gerar perguntas das biografias"))
        self.generate_button.setToolTip(self.tr(
            "Faz perguntas sobre cada facto das biografias (datas, lugares, clubes, golos) e novas formas "
            "das perguntas do clube, para o modelo aprender cada facto. Respostas com números ou nomes que "
            "não estão no texto ficam rejeitadas, com a razão. Ficam no projeto, nunca nos ficheiros do clube."))
        self.model_check = QCheckBox(self.tr("Usar o modelo base para propor mais perguntas (mais lento)"))
        self.model_check.setToolTip(self.tr(
            "O modelo base escolhido no Treino lê cada parágrafo e propõe mais perguntas. Sem esta opção só se "
            "usam modelos de frase, o que é rápido em qualquer computador."))
        self.status_label = QLabel()
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancelar"))
        self.cancel_button.setToolTip(self.tr("Para depois do parágrafo em curso; o que já está feito fica "
                                              "guardado e a próxima vez continua onde parou."))
        self.cancel_button.hide()
        self.accept_all_button = QPushButton(self.tr("Aceitar &todas"))
        self.accept_all_button.setToolTip(self.tr("Aceita todas as perguntas geradas ainda por rever "
                                                  "(as rejeitadas continuam de fora). Pode anular."))
        self.accept_all_button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.generate_button)
        layout.addWidget(self.model_check)
        layout.addWidget(self.status_label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.accept_all_button)
        self.generate_button.clicked.connect(lambda: self.generate_requested.emit(self.model_check.isChecked()))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.accept_all_button.clicked.connect(self.accept_all_requested)

    def set_running(self, running: bool, text: str = "") -> None:
        """While a pass runs: its progress and Cancelar take the room of the checkbox and Aceitar todas."""
        self.generate_button.setEnabled(not running)
        for widget in (self.model_check, self.accept_all_button):
            widget.setVisible(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
            self.set_status(text)

    def set_status(self, text: str, details: str = "") -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(details or text)

    def show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(min(done, total))
        self.set_status(text)


class QuestionGeneration(QObject):
    """Starts passes, shows their progress and end, and opens the review of what they made."""

    finished = Signal()  # a pass ended (done, stopped or failed): the tab reads its rows again

    def __init__(self, bar: GenerationBar, work: DatasetWork, review: GeneratedReview, banner: Banner,
                 context, model, model_worker=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model  # the table's ExamplesModel: which generated rows it leaves out
        self.context = context  # the ProjectContext: whose store the review reads when a pass ends
        self.bar = bar
        self.work = work
        self.review = review
        self.banner = banner
        self.model_worker = model_worker
        self._first: int | None = None  # units already done when this pass began
        self._model_note = ""
        work.generation_progress.connect(self._on_progress)
        work.generation_ended.connect(self._on_ended)
        bar.cancel_requested.connect(self.cancel)

    def running(self) -> bool:
        return self.work.generating()

    def show_review_state(self) -> None:
        """The bar between passes: what the generated questions are, and whether there are some to accept."""
        if not self.running():
            self.bar.set_status(*self.review.summary(self.model.rejected_ids(), self.model.checking_ids()))
            self.bar.accept_all_button.setEnabled(self.review.waiting() > 0)

    def base_model(self, settings: dict[str, Any]) -> tuple[str, str]:
        """(spec, note): the model chosen in Treino when it is on this computer, else the demo model."""
        from farense_studio.engine.models import DEMO_MODEL

        chosen = model_spec(settings)
        if chosen and chosen != DEMO_MODEL and local_tokenizer_file(chosen) is None:
            return DEMO_MODEL, self.tr("O modelo escolhido no Treino ainda não está neste computador: "
                                       "propõe o modelo de demonstração.")
        return chosen or DEMO_MODEL, ""

    def start(self, edits: dict[str, Any], with_model: bool) -> bool:
        """Starts a pass (False, with the reason in the banner, when it cannot start now)."""
        project = self.context.project
        if project is None or self.running():
            return False
        model = None
        self._model_note = ""
        if with_model:
            if self.model_worker is None or self.model_worker.is_training:
                self.banner.show_message(self.tr(
                    "O modelo base está ocupado com o treino. Gere sem a opção do modelo base, ou espere que o "
                    "treino acabe."), Banner.WARNING)
                return False
            model, self._model_note = self.base_model(project.settings)
        self._first = None
        self.banner.hide()
        self.bar.set_running(True, self.tr("A carregar o modelo base ({model})…").format(model=model) if model
                             else self.tr("A procurar os parágrafos e as perguntas…"))
        self.work.generate(project, edits, model, self.model_worker)
        return True

    @Slot()
    def cancel(self) -> None:
        if self.running():
            self.bar.cancel_button.setEnabled(False)
            self.bar.set_status(self.tr("A parar depois do parágrafo em curso…"))
            self.work.cancel_generation()

    @Slot(int, int, float)
    def _on_progress(self, done: int, total: int, left: float) -> None:
        if self._first is None:
            self._first = done
        counts = {"done": i18n.number(done), "total": i18n.number(total)}
        if done > self._first:
            text = self.tr("A gerar perguntas: {done} de {total} parágrafos e linhas · faltam cerca de {left}")
            counts["left"] = duration(left)
        else:  # nothing handled yet in this pass: no honest estimate
            text = self.tr("A gerar perguntas: {done} de {total} parágrafos e linhas · a calcular o tempo que falta")
        if self.bar.cancel_button.isEnabled():
            self.bar.show_progress(done, total, text.format(**counts))

    @Slot(object, str)
    def _on_ended(self, report: dict[str, Any] | None, error: str) -> None:
        self.bar.set_running(False)
        if error or report is None:
            self.banner.show_message(self.tr("A geração de perguntas falhou: {text}. O que já estava feito ficou "
                                             "guardado; carregue outra vez para continuar.").format(text=error),
                                     Banner.ERROR)
        elif not report.get("units"):
            self.banner.show_message(messages.render("generate_nothing"), Banner.WARNING)
        else:
            self.review.open(self.context.project)
            counts = self.review.store.counts() if self.review.store is not None else {}
            texts = [messages.render("generate_cancelled")] if report.get("cancelled") else []
            texts += [messages.render("generate_summary", {**report, "training": counts.get("training", 0)}),
                      self._model_note]
            self.banner.show_message(" ".join(t for t in texts if t),
                                     Banner.INFO if report.get("cancelled") else Banner.SUCCESS)
        self.finished.emit()
