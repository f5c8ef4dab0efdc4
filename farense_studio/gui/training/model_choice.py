"""The base model choice of the Treino tab, and getting that model onto the machine.

The bundled demo model works offline (converted once, on the MLX thread); the recommended hub
models download on first use with a progress bar and a cancel button (an interrupted download
resumes where it stopped: the models code keeps the partial files); a local folder is checked
on the spot. Downloads are network work only, so they run as a job on the thread pool and never
hold up the MLX thread (chat stays usable meanwhile); converting the demo is MLX work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from farense_studio.engine import jobs as bodies
from farense_studio.gui import i18n
from farense_studio.gui.jobs import Job, JobError, pool

LOCAL_FOLDER = "__folder__"


def _entries() -> list[dict]:
    from farense_studio.engine.models import RECOMMENDED_MODELS

    return list(RECOMMENDED_MODELS)


def recommended_for_memory(memory_gb: float | None) -> str:
    """Mistral-7B on 16 GB or more, the small multilingual model below (the demo if none fits)."""
    entries = [e for e in _entries() if e["id"] != "demo"]
    if memory_gb is None:
        return entries[0]["id"] if entries else "demo"
    fitting = [e for e in entries if memory_gb + 0.5 >= float(e.get("min_memory_gb") or 0)]
    if not fitting:
        return "demo"
    return max(fitting, key=lambda e: float(e.get("min_memory_gb") or 0))["id"]


class BaseModelChoice(QWidget):
    """Combo of base models to train + what it costs + a download bar with Cancelar."""

    model_changed = Signal(str)  # spec
    prepared = Signal(str, str)  # spec, folder
    prepare_failed = Signal(str, str)  # spec, text ("" when cancelled)
    busy_changed = Signal(bool)

    def __init__(self, model_worker=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = model_worker
        self._job: Job | None = None
        self._ready: dict[str, str] = {}

        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Modelo base"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(18)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancelar"))
        self.download_label = QLabel()
        self.download_label.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.download_box = QWidget()
        box = QVBoxLayout(self.download_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.download_label)
        box.addLayout(row)
        self.download_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.combo)
        layout.addWidget(self.info)
        layout.addWidget(self.download_box)

        self._fill()
        self.combo.activated.connect(self._on_activated)
        self.cancel_button.clicked.connect(self.cancel)

    # ---- the list --------------------------------------------------------------------------------
    def _fill(self) -> None:
        from farense_studio.engine.presets import machine_memory_gb

        self._memory = machine_memory_gb()
        best = recommended_for_memory(self._memory)
        english = i18n.current() == "en"
        for entry in _entries():
            label = entry["label_en"] if english else entry["label_pt"]
            self.combo.addItem(label, entry["id"])
            if entry["id"] == best and entry["id"] != "demo":
                self.combo.setItemData(self.combo.count() - 1,
                                       self.tr("Recomendado para este computador"),
                                       Qt.ItemDataRole.ToolTipRole)
        self.combo.addItem(self.tr("Uma pasta com um modelo no computador…"), LOCAL_FOLDER)
        self.set_spec(best)

    def spec(self) -> str:
        return str(self.combo.currentData())

    def set_spec(self, spec: str) -> None:
        """Selects spec, adding it as a folder entry when it is not in the list."""
        index = self.combo.findData(spec)
        if index < 0:
            index = self.combo.count() - 1  # before "Uma pasta…"
            self.combo.insertItem(index, self.tr("Pasta: {name}").format(name=Path(spec).name or spec), spec)
            self.combo.setItemData(index, spec, Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentIndex(index)
        self._update_info()

    def _on_activated(self, index: int) -> None:
        if self.combo.itemData(index) == LOCAL_FOLDER:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Escolha a pasta do modelo"))
            if not folder:
                self.set_spec(self._last_spec if hasattr(self, "_last_spec") else "demo")
                return
            self.set_spec(folder)
        self._last_spec = self.spec()
        self._update_info()
        self.model_changed.emit(self.spec())

    def _entry(self, spec: str) -> dict | None:
        return next((e for e in _entries() if e["id"] == spec), None)

    def is_ready(self, spec: str | None = None) -> bool:
        spec = spec or self.spec()
        if spec in self._ready:
            return True
        try:
            from farense_studio.engine import models

            if spec == models.DEMO_MODEL:
                models.check_model_folder(models.demo_model_dir(), check_type=False)
                return True
            if Path(spec).expanduser().exists():
                return True
            if models.is_repo_id(spec):
                repo, revision = models.split_repo_spec(spec)
                return models.cached_snapshot(repo, revision) is not None
        except Exception:  # noqa: BLE001 - "not ready" is the honest answer
            return False
        return False

    def _update_info(self) -> None:
        spec = self.spec()
        entry = self._entry(spec)
        ready = self.is_ready(spec)
        if spec == "demo":
            text = self.tr("Incluído na aplicação, funciona sem internet. Pequeno: serve para "
                           "experimentar, não para respostas de qualidade.")
        elif entry is not None:
            size = i18n.number(float(entry.get("size_gb") or 0), 1)
            if ready:
                text = self.tr("{size} GB, já descarregado.").format(size=size)
            else:
                text = self.tr("{size} GB, descarregado da internet na primeira utilização.").format(size=size)
            minimum = entry.get("min_memory_gb")
            if minimum and self._memory and self._memory + 0.5 < float(minimum):
                text += " " + self.tr("Precisa de {needed} GB de memória; este computador tem {available} "
                                      "GB.").format(needed=i18n.number(int(minimum)), available=i18n.number(self._memory, 0))
        else:
            text = self.tr("Modelo numa pasta deste computador.")
        self.info.setText(text)

    # ---- getting the model ready -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None

    def prepare(self) -> Job:
        """Makes the chosen model usable; the Job finishes with its folder (or fails with why,
        an empty text when cancelled). prepared / prepare_failed say the same to listeners."""
        if self._job is not None:
            return self._job
        spec = self.spec()
        from farense_studio.engine import models

        if spec == models.DEMO_MODEL:
            text = self.tr("A preparar o modelo de demonstração (só da primeira vez)…")
            job = (self.worker.run_job(bodies.prepare_demo_model, kind="prepare_model")
                   if self.worker is not None else pool().submit(bodies.prepare_demo_model, "prepare_model"))
        elif Path(spec).expanduser().exists():
            text = None
            job = Job("prepare_model")  # a folder is checked on the spot
            try:
                job.succeed(str(models.resolve_model(spec)))
            except models.ModelError as exc:
                job.fail(JobError(exc.text()))
        else:
            text = self.tr("A descarregar o modelo base…")
            job = pool().submit(bodies.resolve_model(spec), "download", min_interval_s=0.0)
        if text is not None:
            self.download_label.setText(text)
            self.bar.setRange(0, 0)
            self.download_box.show()
        self._job = job
        job.progressed.connect(self._on_progress)
        job.finished.connect(lambda path, s=spec: self._on_done(s, str(path)))
        job.failed.connect(lambda error, s=spec, j=job: self._on_failed(s, j.error))
        self.busy_changed.emit(True)
        return job

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            if self._job.kind == "download":
                self.download_label.setText(self.tr("A cancelar… (o que já veio fica guardado para "
                                                    "continuar depois)"))

    def shutdown(self) -> None:
        if self._job is not None:
            self._job.cancel()
            if self._job.kind == "download":
                self._job.wait(5.0)

    def _on_progress(self, progress) -> None:
        fraction = getattr(progress, "fraction", None)
        if fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(fraction * 1000))
        done, total = getattr(progress, "done", None), getattr(progress, "total", None)
        if total and done is not None and total > 10_000_000:
            self.bar.setFormat(self.tr("{done} de {total} GB").format(
                done=i18n.number(done / 1e9, 1), total=i18n.number(total / 1e9, 1)))
        else:
            self.bar.setFormat("%p%")
        text = progress.text() if hasattr(progress, "text") else ""
        if text:
            self.download_label.setText(text)

    def _on_done(self, spec: str, path: str) -> None:
        self._job = None
        self._ready[spec] = path
        self.download_box.hide()
        self.busy_changed.emit(False)
        self._update_info()
        self.prepared.emit(spec, path)

    def _on_failed(self, spec: str, error: JobError) -> None:
        self._job = None
        self.download_box.hide()
        self.busy_changed.emit(False)
        self.prepare_failed.emit(spec, "" if error.cancelled else error.text)
        self._update_info()
