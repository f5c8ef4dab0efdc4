"""The Conversar tab: ask the base model and the fine-tuned one, side by side, and check facts.

Every model call is a Job on the ModelWorker (the one MLX thread of the GUI): the fine-tuned
answer through ``worker.chat``; the base answer through ``worker.chat(..., base_only=True)``
with the adapter switched off for that answer only (engine.generation.adapter_disabled), so both
panes share one copy of the base weights and each uses its own. While a run trains, the worker
hands both to the trainer, which answers at the next step boundary with its current adapter.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QSizePolicy, QSplitter, QVBoxLayout, QWidget)

from farense_studio import messages as engine_messages
from farense_studio.engine import jobs as bodies
from farense_studio.engine.generation import GenerationSettings, conversation, run_system_prompt
from farense_studio.gui import chat_labels, chat_models
from farense_studio.gui.chat_documents import ChatDocuments
from farense_studio.gui.chat_feedback import ChatFeedback, add_answer_links
from farense_studio.gui.chat_history import TRAINING, ChatHistory
from farense_studio.gui.chat_models import ChatModelChoice
from farense_studio.gui.chat_pane import ConversationPane, QuestionEdit
from farense_studio.gui.chat_scorecard import ScorecardPanel
from farense_studio.gui.chat_settings import ChatSettingsPanel
from farense_studio.gui.jobs import Job
from farense_studio.gui.widgets import Banner, BigButton, BusyBar, ElidingComboBox, SectionToggle

# Questions to the model in the club's language (the data is Portuguese whatever the interface).
EXAMPLE_QUESTIONS = ("Quem foi Hassan Nader?", "Qual foi a melhor época do Farense?",
                     "Quando foi fundado o Farense?", "Onde joga o Farense?")
OTHER_ADAPTER = "__other__"


class ChatTab(QWidget):
    """Conversar: model choice, the conversation (one pane or base | afinado), fact check."""

    status_message = Signal(str)
    reply_finished = Signal()  # every answer of the last question is in (tests and screenshots)
    source_activated = Signal(str)  # a source under an answer was clicked: the id of its row in Dados

    def __init__(self, project_context=None, model_worker=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = project_context
        self.worker = model_worker
        self.choices: list[ChatModelChoice] = []
        self._requests: dict[Job, ConversationPane] = {}  # replies being written, each its pane
        self._score_job: Job | None = None
        self._filling = False
        self._last_index = 0
        self._trained_run: str | None = None  # the run training now, or the last one that ended
        self._build()
        self.history = ChatHistory(self.base_pane, self.tuned_pane)
        self.feedback = ChatFeedback(self)  # «Corrigir» and the verdicts under each answer
        self._connect()
        self._on_project_changed(self.project)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.model_label = QLabel(self.tr("&Modelo:"))
        self.model_combo = ElidingComboBox()  # a long model and run name ends in «…» at 1024 wide
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(30)
        self.model_label.setBuddy(self.model_combo)
        self.compare_box = QCheckBox(self.tr("Comparar com o modelo &base"))
        self.compare_box.setToolTip(self.tr(
            "Faz cada pergunta também ao modelo base, sem a afinação, e mostra as duas respostas lado a lado."))
        self.compare_box.setChecked(True)
        self.clear_button = QPushButton(self.tr("&Limpar conversa"))
        top = QHBoxLayout()
        top.addWidget(self.model_label)
        top.addWidget(self.model_combo, 1)
        top.addWidget(self.compare_box)
        top.addStretch(0)
        top.addWidget(self.clear_button)

        self.banner = Banner()
        self.busy = BusyBar()
        self.base_pane = ConversationPane(self.tr("Modelo base"))
        self.base_pane.setObjectName("basePane")
        self.tuned_pane = ConversationPane(self.tr("Afinado"))
        self.tuned_pane.setObjectName("tunedPane")
        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.addWidget(self.base_pane)
        self.panes.addWidget(self.tuned_pane)
        self.panes.setChildrenCollapsible(False)
        self.documents = ChatDocuments((self.base_pane, self.tuned_pane), self)
        top.insertWidget(3, self.documents.box)

        examples = QHBoxLayout()
        examples.addWidget(QLabel(self.tr("Perguntas de exemplo:")))
        self.example_buttons = []
        for question in EXAMPLE_QUESTIONS:
            button = QPushButton(question)
            button.setToolTip(self.tr("Fazer esta pergunta"))
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda checked=False, q=question: self.ask(q))
            self.example_buttons.append(button)
            examples.addWidget(button)
        examples.addStretch(1)

        self.question_edit = QuestionEdit()
        self.question_edit.setPlaceholderText(self.tr("Escreva a pergunta… (Ctrl+Enter para enviar)"))
        self.question_edit.setAccessibleName(self.tr("Pergunta"))
        self.question_edit.setFixedHeight(56)
        self.send_button = BigButton(self.tr("&Enviar"))
        self.send_button.setToolTip(self.tr("Enviar a pergunta (Ctrl+Enter)"))
        self.stop_button = QPushButton(self.tr("&Parar"))
        self.stop_button.setToolTip(self.tr("Parar a resposta já (Esc)"))
        self.stop_button.setEnabled(False)
        ask_row = QHBoxLayout()
        ask_row.addWidget(self.question_edit, 1)
        ask_row.addWidget(self.send_button)
        ask_row.addWidget(self.stop_button)

        self.settings_panel = ChatSettingsPanel()
        self.advanced_toggle = SectionToggle(self.tr("Avançado"), self.settings_panel)
        self.advanced_toggle.setToolTip(self.tr("Instruções ao modelo e forma de gerar as respostas"))
        self.scorecard = ScorecardPanel()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.busy)
        layout.addWidget(self.panes, 1)
        layout.addLayout(examples)
        layout.addLayout(ask_row)
        layout.addWidget(self.advanced_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.settings_panel)
        layout.addWidget(self.scorecard)

        self.stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.stop_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _connect(self) -> None:
        self.model_combo.activated.connect(self._on_model_activated)
        self.compare_box.toggled.connect(self._on_compare_toggled)
        self.clear_button.clicked.connect(self.clear_conversation)
        self.send_button.clicked.connect(self._on_send)
        self.question_edit.submitted.connect(self._on_send)
        self.stop_button.clicked.connect(self.stop)
        self.stop_shortcut.activated.connect(self.stop)
        self.scorecard.check_requested.connect(self.check_facts)
        self.scorecard.questions_changed.connect(lambda _path: self.save_state())
        self.scorecard.check_ended.connect(self._on_check_ended)
        self.documents.row_activated.connect(self.source_activated)
        self.documents.changed.connect(self.save_state)
        for pane in (self.base_pane, self.tuned_pane):
            pane.answer_copied.connect(lambda _text: self.status_message.emit(self.tr("Resposta copiada.")))
        if self.context is not None:
            self.context.project_changed.connect(self._on_project_changed)
        worker = self.worker
        if worker is not None:
            worker.model_loading.connect(self._on_model_loading)
            worker.model_ready.connect(self._on_model_ready)
            worker.training_started.connect(self._on_training_changed)
            worker.training_ended.connect(self._on_training_changed)

    # ------------------------------------------------------------------ properties
    @property
    def project(self):
        return self.context.project if self.context is not None else None

    @property
    def generating(self) -> bool:
        return bool(self._requests)

    @property
    def training(self) -> bool:
        return self.worker is not None and bool(self.worker.is_training)

    def current_choice(self) -> ChatModelChoice | None:
        index = self.model_combo.currentIndex()
        data = self.model_combo.itemData(index) if index >= 0 else None
        return self.choices[data] if isinstance(data, int) and 0 <= data < len(self.choices) else None

    @property
    def comparing(self) -> bool:
        choice = self.current_choice()
        return bool(choice and (choice.has_adapter or self.training) and self.compare_box.isChecked())

    # ------------------------------------------------------------------ model choice
    def refresh_choices(self) -> None:
        """Re-reads the project's runs and exports, keeping the current choice when it is there."""
        current = self.current_choice()
        saved = self._chat_settings().get("choice")
        extra = [c for c in self.choices if c.kind == chat_models.CUSTOM]
        try:
            found = chat_models.find_choices(self.project)
        except Exception as exc:  # noqa: BLE001 - a damaged run folder must not break the tab
            self.banner.show_message(str(exc), Banner.ERROR)
            found = chat_models.find_choices(None)
        self.choices = found + [c for c in extra if c.key not in {f.key for f in found}]
        self._filling = True
        try:
            self.model_combo.clear()
            for i, choice in enumerate(self.choices):
                self.model_combo.addItem(self.choice_label(choice), i)
                self.model_combo.setItemData(i, choice.adapter or choice.base, Qt.ItemDataRole.ToolTipRole)
            self.model_combo.addItem(self.tr("Escolher outra afinação…"), OTHER_ADAPTER)
            wanted = current.key if current is not None else saved
            keys = [c.key for c in self.choices]
            self.model_combo.setCurrentIndex(keys.index(wanted) if wanted in keys else 0)
        finally:
            self._filling = False
        if current is None or self.current_choice() is None or current.key != self.current_choice().key:
            self._apply_choice()
        else:
            self._update_titles()

    def choice_label(self, choice: ChatModelChoice) -> str:
        return chat_labels.choice_label(choice)

    def select_choice(self, key: str) -> bool:
        """Selects a model choice by key (as the user would); False when it is not offered."""
        keys = [c.key for c in self.choices]
        if key not in keys:
            return False
        self.model_combo.setCurrentIndex(keys.index(key))
        self._apply_choice()
        return True

    def add_adapter_folder(self, folder: str | Path) -> bool:
        """Offers an adapter folder (as "Escolher outra afinação…" does) and selects it."""
        choice = chat_models.custom_choice(folder)
        if choice is None:
            return False
        if choice.key not in [c.key for c in self.choices]:
            self.choices.append(choice)
            index = self.model_combo.count() - 1
            self.model_combo.insertItem(index, self.choice_label(choice), len(self.choices) - 1)
        return self.select_choice(choice.key)

    @Slot(int)
    def _on_model_activated(self, index: int) -> None:
        if self.model_combo.itemData(index) == OTHER_ADAPTER:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Escolher a pasta de uma afinação"),
                                                      str(self.project.exportacoes_dir) if self.project else "")
            if folder and not self.add_adapter_folder(folder):
                QMessageBox.warning(self, self.tr("Afinação"), self.tr(
                    "Essa pasta não tem uma afinação (adapters.safetensors e adapter_config.json) "
                    "que diga qual é o seu modelo base."))
            if not folder or self.model_combo.itemData(self.model_combo.currentIndex()) == OTHER_ADAPTER:
                self._reselect_previous()
            return
        self._apply_choice()

    def _reselect_previous(self) -> None:
        self._filling = True
        self.model_combo.setCurrentIndex(max(0, min(self._last_index, len(self.choices) - 1)))
        self._filling = False

    def _apply_choice(self) -> None:
        """A new model: the conversation starts over with that run's instructions."""
        if self._filling:
            return
        self._last_index = self.model_combo.currentIndex()
        choice = self.current_choice()
        self.stop()
        self.history.switch(TRAINING if self.training else choice.key if choice else None)
        self.settings_panel.set_default_prompt(
            run_system_prompt(choice.run_dir if choice else None, choice.adapter if choice else None))
        self._update_titles()
        self._show_saved_scorecard(choice)
        self.save_state()

    def _update_titles(self) -> None:
        choice = self.current_choice()
        comparing = self.comparing
        self.compare_box.setEnabled(bool(choice and (choice.has_adapter or self.training)))
        self.base_pane.setVisible(comparing)
        lang = engine_messages.current_language()
        base = chat_models.base_label(choice.base, lang) if choice else ""
        self.base_pane.set_title(self.tr("Modelo base: {base} (sem afinação)").format(base=base))
        if self.training:
            self.tuned_pane.set_title(self.tr("Afinado: o modelo do treino em curso"))
        elif choice is None:
            self.tuned_pane.set_title("")
        elif comparing:
            self.tuned_pane.set_title(self.tr("Afinado: {label}").format(label=self.choice_label(choice)))
        else:
            self.tuned_pane.set_title(self.choice_label(choice))
        self._update_training_banner()
        self._update_buttons()

    def _update_training_banner(self) -> None:
        if self.training:
            self.banner.show_message(self.tr(
                "Está a decorrer um treino: as perguntas são respondidas pelo modelo que está a "
                "aprender, no fim do passo em curso, e o treino continua sem perder nada."), Banner.INFO)
        elif self.banner.property("kind") == Banner.INFO:
            self.banner.hide()

    # ------------------------------------------------------------------ asking
    def ask(self, question: str) -> bool:
        """Asks a question (both models when comparing); False when it cannot be asked now."""
        question = question.strip()
        choice = self.current_choice()
        if not question or choice is None or self.worker is None or self.generating:
            return False
        settings = self.settings_panel.settings()
        system = self.settings_panel.prompt() or None
        use_adapter = choice.has_adapter or self.training
        panes = []
        if self.comparing:
            panes.append((self.base_pane, False))
        panes.append((self.tuned_pane, use_adapter))
        grounding = self.documents.grounding()  # both panes read the same passages
        for pane, with_adapter in panes:
            messages = conversation(system, pane.turns, question)
            pane.begin_answer(question)
            job = self.worker.chat(messages, settings, choice.base, choice.adapter, base_only=not with_adapter,
                                   grounding=grounding)
            job.progressed.connect(lambda chunk, j=job: self._on_chunk(j, chunk))
            job.finished.connect(lambda reply, j=job: self._on_finished(j, reply))
            job.failed.connect(lambda text, j=job: self._on_failed(j, text))
            self._requests[job] = pane
        self.question_edit.clear()
        self._update_buttons()
        return True

    @Slot()
    def _on_send(self) -> None:
        self.ask(self.question_edit.toPlainText())

    @Slot()
    def stop(self) -> None:
        """Stops every answer being written: the panes stop at once, the worker at the next token
        (late chunks of a stopped request find no pane and are dropped)."""
        if not self._requests:
            return
        for job, pane in list(self._requests.items()):
            job.cancel()
            pane.finish_answer(self.tr("(interrompida)"))
        self._requests.clear()
        self._update_buttons()
        self.reply_finished.emit()

    @Slot()
    def clear_conversation(self) -> None:
        self.stop()
        self.history.forget_shown()
        self.base_pane.clear()
        self.tuned_pane.clear()

    def _on_chunk(self, job: Job, text: str) -> None:
        pane = self._requests.get(job)
        if pane is not None:
            pane.append(text)

    def _on_finished(self, job: Job, reply: bodies.ChatReply) -> None:
        pane = self._requests.pop(job, None)
        if pane is None:
            return
        if not pane.answer_text and reply.text:  # a reply whose chunks never came (e.g. an empty stream)
            pane.append(reply.text)
        if reply.unanswered:  # the answer lacked what the question asks for: «não sei» (ChatReply)
            pane.replace_answer(reply.text)
        pane.finish_answer(self.tr("(resposta cortada no limite de palavras; aumente «Máximo de tokens» "
                                   "em Avançado)") if reply.cut else "")
        self.documents.show_sources(pane, reply)
        add_answer_links(pane, len(pane.turns) - 1)  # «Corrigir» even for no answer at all
        self._after_reply()

    def _on_failed(self, job: Job, text: str) -> None:
        pane = self._requests.pop(job, None)
        if pane is None:
            return
        if job.error is not None and job.error.stage == "load":  # the model of the question did not load
            pane.show_error(self.tr("Não foi possível carregar o modelo: {error}").format(error=text))
            self.banner.show_message(self.tr("Não foi possível carregar o modelo: {error}").format(error=text),
                                     Banner.ERROR)
        else:
            pane.show_error(self.tr("Não foi possível responder: {error}").format(error=text))
            self.banner.show_message(self.tr("O modelo não respondeu: {error}").format(error=text), Banner.ERROR)
        self._after_reply()

    def _after_reply(self) -> None:
        self.busy.finish()
        self._update_buttons()
        if not self._requests:
            self.reply_finished.emit()

    @Slot(str, str)
    def _on_model_loading(self, base: str, adapter: str) -> None:
        if self._requests or self._score_job is not None:
            name = chat_models.base_label(base, engine_messages.current_language())
            self.busy.start(self.tr("A carregar o modelo {name}… (a primeira vez pode demorar)").format(name=name))

    @Slot(str, str)
    def _on_model_ready(self, base: str, adapter: str) -> None:
        self.busy.finish()

    def _on_training_changed(self, *args) -> None:
        """Started: the talk is with the model being trained; ended: see show_run."""
        self.stop()
        if self.training:
            self._trained_run = args[0] if args and isinstance(args[0], str) else None
            self.history.kept.pop(TRAINING, None)  # an earlier run's talk went to its checkpoint
        self.refresh_choices()  # a new checkpoint may be there
        if self.training or not self.show_run(self._trained_run):
            self.history.switch(TRAINING if self.training else self.current_choice().key)
        self._update_titles()

    def show_run(self, run_dir: str | None = None) -> bool:
        """Selects the checkpoint of a run (default: the one trained last; the talk held while it
        trained passes to it, chat_history); False when it has none."""
        key = self.history.run_key(self.choices, run_dir or self._trained_run)
        return key is not None and self.select_choice(key)

    def _update_buttons(self) -> None:
        available = self.worker is not None and self.current_choice() is not None
        generating = self.generating
        self.send_button.setEnabled(available and not generating)
        for button in self.example_buttons:
            button.setEnabled(available and not generating)
        self.stop_button.setEnabled(generating)
        training_busy = self.training and not (self.worker is not None and self.worker.is_paused)
        self.scorecard.set_available(available and self._score_job is None, training_busy)

    # ------------------------------------------------------------------ fact check
    @Slot()
    def check_facts(self) -> bool:
        """Runs the scorecard of the chosen model through the worker."""
        choice = self.current_choice()
        if choice is None or self.worker is None or self._score_job is not None:
            return False
        about = {"model": choice.base, "adapter": choice.adapter, "run_dir": choice.run_dir,
                 "checkpoint": choice.kind if choice.run_dir else None,
                 "questions_file": self.scorecard.questions_file}
        body = bodies.scorecard(self.scorecard.questions_file, run_system_prompt(choice.run_dir, choice.adapter),
                                choice.run_dir, about, documents=self.documents.box.active())
        self.scorecard.start()
        self._score_job = self.worker.run_with_model(body, choice.base, choice.adapter, kind="evaluate")
        self.scorecard.follow(self._score_job)
        self._update_buttons()
        return True

    def _on_check_ended(self, summary: str) -> None:
        self._score_job = None
        self.busy.finish()
        if summary:
            self.status_message.emit(summary)
        self._update_buttons()

    def _show_saved_scorecard(self, choice: ChatModelChoice | None) -> None:  # this checkpoint's newest
        if self._score_job is None:
            self.scorecard.show_saved(choice.run_dir if choice else None, choice.adapter if choice else None)

    # ------------------------------------------------------------------ project and state
    @Slot(object)
    def _on_project_changed(self, project) -> None:
        saved = self._chat_settings()
        self._filling = True
        self.compare_box.setChecked(bool(saved.get("compare", True)))
        self.settings_panel.set_settings(GenerationSettings.from_dict(saved.get("generation")))
        self._filling = False
        self.scorecard.set_questions_file(saved.get("questions_file") or None, announce=False)
        self.documents.set_project(project, saved)
        self.choices = []
        self.refresh_choices()

    def _chat_settings(self) -> dict:
        project = self.project
        saved = project.settings.get("chat") if project is not None else None
        return saved if isinstance(saved, dict) else {}

    def save_state(self) -> None:
        """Remembers model, comparison, generation and documents settings in the project."""
        if self.context is None or self.project is None or self._filling:
            return
        choice = self.current_choice()
        self.context.update_settings(chat={
            "choice": choice.key if choice else None, "compare": self.compare_box.isChecked(),
            "generation": self.settings_panel.settings().to_dict(), "questions_file": self.scorecard.questions_file,
            "documents": self.documents.wanted(self._chat_settings())})

    def shutdown(self) -> None:
        self.stop()
        if self._score_job is not None:
            self._score_job.cancel()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.documents.box.refresh()  # the data may have been prepared in Dados meanwhile
        if not self.generating:
            self.refresh_choices()

    @Slot(bool)
    def _on_compare_toggled(self, checked: bool) -> None:
        if self._filling:
            return
        self.stop()
        self.base_pane.clear()
        self._update_titles()
        self.save_state()
