"""Damaged files of a project being opened: find them, keep a copy of each, say what was done (no Qt).

A damaged file never stops the app from opening. Each loader raises (or lists) a
DamagedFileError naming the file and why; this module turns each into a DamagedFile: the
error, what the app did instead (opened without the edits, without a value, ...) and where it
kept an intact copy (``<name>.danificado-<data><suffix>``) before anything could write over it.
The user's file itself is never modified here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from farense_studio import messages
from farense_studio.project import DamagedFileError, Project, keep_damaged_copy

# What the app did about a damaged file (one sentence appended to the error's text).
ACTIONS = {
    "opened_without_edits": ("O projeto abriu sem essas edições; ficou uma cópia intacta na mesma pasta: {copy}",
                             "The project opened without those edits; an intact copy is in the same folder: {copy}"),
    "opened_without_values": ("O projeto abriu sem esse valor; ficou uma cópia intacta na mesma pasta: {copy}",
                              "The project opened without that value; an intact copy is in the same folder: {copy}"),
    "run_values_left_out": ("O treino aparece sem o que não se leu; ficou uma cópia intacta na mesma pasta: {copy}",
                            "The run is shown without what could not be read; an intact copy is in the same "
                            "folder: {copy}"),
    "settings_reset": ("Esses valores voltaram aos de origem; ficou uma cópia intacta na mesma pasta: {copy}",
                       "Those values went back to their defaults; an intact copy is in the same folder: {copy}"),
    "not_opened": ("O projeto não foi aberto e o ficheiro não foi alterado: corrija-o ou abra outro projeto",
                   "The project was not opened and the file was not changed: repair it or open another project"),
    "no_copy": ("não foi possível guardar uma cópia ({error}); o ficheiro não foi alterado",
                "no copy could be kept ({error}); the file was not changed"),
}


@dataclass(frozen=True)
class DamagedFile:
    """One damaged file, what the app did instead, and the intact copy it kept (None if none)."""

    error: DamagedFileError
    action: str  # a key of ACTIONS
    copy: Path | None = None
    copy_error: str = ""

    @property
    def path(self) -> Path:
        return self.error.path

    def text(self, lang: str | None = None) -> str:
        lang = lang or messages.current_language()
        pt, en = ACTIONS[self.action]
        action = (pt if lang == "pt" else en).format(copy=self.copy.name if self.copy else "")
        if self.copy is None and self.action != "not_opened":
            pt, en = ACTIONS["no_copy"]
            action = action.split(";")[0] + "; " + (pt if lang == "pt" else en).format(error=self.copy_error)
        return f"{self.error.text(lang)}. {action}."


def kept(error: DamagedFileError, action: str) -> DamagedFile:
    """A DamagedFile for ``error`` after keeping an intact copy of its file."""
    try:
        return DamagedFile(error, action, keep_damaged_copy(error.path))
    except OSError as exc:
        return DamagedFile(error, action, None, exc.strerror or str(exc))


def _advanced_training_damage(project: Project) -> list[tuple[str, dict]]:
    """The Treino tab's advanced settings when they no longer make a TrainConfig: left out of
    ``project.settings`` (so the tab uses its preset) and named."""
    from farense_studio.engine.config import TrainConfig

    training = project.settings.get("training") or {}
    advanced = training.get("advanced")
    if not advanced:
        return []
    defaults = TrainConfig().to_dict()
    try:
        lora = advanced.get("lora") or {}
        TrainConfig.from_dict({**defaults, **advanced, "lora": {**defaults["lora"], **lora}})
    except Exception as exc:  # noqa: BLE001 - ConfigError, or a lora that is no mapping
        del training["advanced"]
        return [("damage_bad_setting", {"field": "settings.training.advanced", "error": str(exc)})]
    return []


def check_project(project: Project) -> list[DamagedFile]:
    """Every damaged file of an opened project (projeto.json values, edits, run files), each
    with an intact copy kept. Opening goes on without what did not read."""
    from farense_studio.data.edits import Edits
    from farense_studio.engine.runs import list_runs

    damage = project.damage + _advanced_training_damage(project)
    found = [kept(DamagedFileError(project.file, reason), "opened_without_values") for reason in damage]
    try:
        Edits.load(project.path)
    except DamagedFileError as exc:
        found.append(kept(exc, "opened_without_edits"))
    treinos = project.path / "treinos"
    for info in list_runs(treinos) if treinos.is_dir() else []:
        found.extend(kept(error, "run_values_left_out") for error in info.damaged)
    return found
