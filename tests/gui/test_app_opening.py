"""The app always opens: each damaged file of the last project, the settings file, a second instance."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from farense_studio.gui.settings import AppSettings
from farense_studio.project import Project

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def _edits(content: bytes):
    def damage(project: Project, settings_file: Path) -> Path:
        path = project.dados_dir / "edicoes.json"
        path.write_bytes(content)
        return path
    return damage


def _project_file(change):
    def damage(project: Project, settings_file: Path) -> Path:
        if isinstance(change, bytes):
            project.file.write_bytes(change)
        else:
            data = json.loads(project.file.read_text(encoding="utf-8"))
            change(data)
            project.file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return project.file
    return damage


def _run_file(name: str, content: bytes):
    def damage(project: Project, settings_file: Path) -> Path:
        run = project.treinos_dir / "20261201-100000"
        (run / "checkpoints").mkdir(parents=True)
        (run / "config.yaml").write_text("preset: Rápido\nepochs: 1\n", encoding="utf-8")
        state = {"state": "finished", "step": 3, "total_steps": 3, "created": 1764583200.0}
        (run / "checkpoints" / "training_state.json").write_text(json.dumps(state), encoding="utf-8")
        path = run / name if name == "config.yaml" else run / "checkpoints" / name
        path.write_bytes(content)
        return path
    return damage


def _run_with_adapter(config: bytes):
    """A run whose checkpoint holds adapter files, so the Conversar tab lists it at start."""
    def damage(project: Project, settings_file: Path) -> Path:
        path = _run_file("config.yaml", config)(project, settings_file)
        checkpoint = path.parent / "checkpoints" / "checkpoint_epoch0_step3"
        checkpoint.mkdir()
        (checkpoint / "adapters.safetensors").write_bytes(b"\0" * 8)
        (checkpoint / "adapter_config.json").write_text("{}", encoding="utf-8")
        return path
    return damage


def _settings_ini(text: str):
    def damage(project: Project, settings_file: Path) -> Path:
        settings_file.write_text(settings_file.read_text(encoding="utf-8") + text, encoding="utf-8")
        return settings_file
    return damage


# name -> (damage, words the message must hold, does the project open?)
DAMAGED = {
    "edits_empty": (_edits(b""), ["edições está danificado", "está vazio", "abriu sem essas edições"], True),
    "edits_truncated": (_edits(b'{"version": 1, "changed": {"a": [{"role"'),
                        ["edições está danificado", "JSON inválido na linha 1, coluna 41"], True),
    "edits_binary": (_edits(bytes(range(256)) * 4), ["edições está danificado", "não é texto UTF-8"], True),
    "edits_a_list": (_edits(b"[1, 2, 3]"), ["edições está danificado", "não contém um objeto JSON"], True),
    "edits_wrong_types": (_edits(b'{"version": 1, "changed": {"x": "abc"}}'), ["edições está danificado"], True),
    "edits_removed_not_list": (_edits(b'{"removed": 5}'), ["«removed» devia ser uma lista"], True),
    "project_training_fast": (_project_file(lambda d: d["settings"].__setitem__("training", "fast")),
                              ["projeto está danificado", "«settings.training» devia ser um objeto",
                               "abriu sem esse valor"], True),
    "project_sources_text": (_project_file(lambda d: d.__setitem__("jsonl_sources", "qa.jsonl")),
                             ["«jsonl_sources» devia ser uma lista"], True),
    "project_truncated": (_project_file(b'{"format": 1, "name": "Arquivo", "sett'),
                          ["projeto está danificado", "JSON inválido", "não foi aberto e o ficheiro não foi alterado"],
                          False),
    "project_empty": (_project_file(b""), ["projeto está danificado", "está vazio"], False),
    "project_binary": (_project_file(b"\x00\xff\xfe" * 100), ["não é texto UTF-8"], False),
    "project_a_list": (_project_file(b"[]"), ["não contém um objeto JSON"], False),
    "project_chat_temperature_text": (
        _project_file(lambda d: d["settings"].__setitem__("chat", {"generation": {"temperature": "quente"}})),
        ["«settings.chat.generation.temperature» devia ser um número"], True),
    "settings_tab_abc": (_settings_ini("[window]\ntab=abc\n"),
                         ["definições do Farense Studio", "«window/tab» devia ser um número", "voltaram aos de origem"],
                         True),
    "state_created_yesterday": (_run_file("training_state.json",
                                          b'{"state": "finished", "step": 3, "created": "yesterday"}'),
                                ["ficheiro de um treino está danificado", "«created» devia ser um número"], True),
    "state_binary": (_run_file("training_state.json", b"\xff" * 64), ["treino está danificado", "UTF-8"], True),
    "state_step_text": (_run_file("training_state.json", b'{"state": "finished", "step": "abc"}'),
                        ["«step» devia ser um número"], True),
    "config_not_yaml": (_run_file("config.yaml", b"::: [not yaml\n\t{"), ["treino está danificado", "YAML inválido"],
                        True),
    "config_model_a_mapping": (_run_with_adapter(b"model: {name: demo}\nmodel_revision: main\n"),
                               ["treino está danificado", "«model» devia ser texto"], True),
    "config_a_list": (_run_file("config.yaml", b"- a\n- b\n"), ["treino está danificado", "não contém um objeto"],
                      True),
}


@pytest.fixture
def last_project(tmp_path, app_settings):
    project = Project.create(tmp_path / "Arquivo", "Arquivo")
    app_settings.last_project = str(project.path)
    app_settings.sync()
    return project


def _copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.danificado-*{path.suffix}"))


@pytest.mark.parametrize("name", list(DAMAGED))
def test_app_opens_on_each_damaged_file(qtbot, portuguese, tmp_path, last_project, app_settings, name):
    from farense_studio.gui.app import build_main_window

    damage, words, opens = DAMAGED[name]
    path = damage(last_project, app_settings.file)
    original = path.read_bytes()

    app_settings = AppSettings()  # read afresh, as the app does at start
    window = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    window.show()
    text = window.open_problems.text()
    assert str(path) in text
    for word in words:
        assert word in text
    assert window.open_problems.banner.buttons[0].text() == "Abrir a pasta"
    if path.name != "projeto.json" or not opens:
        assert path.read_bytes() == original, "the damaged file itself is never changed by opening"
    else:  # the tabs save their settings at once: what read is kept, the original is in the copy
        assert Project.open(last_project.path).name == "Arquivo"
    if opens:
        assert window.context.project.path == last_project.path
        [copy] = _copies(path)
        assert copy.read_bytes() == original and copy.name in text
    else:
        assert window.context.project is None, "a damaged projeto.json is never replaced by another project"
        assert window.windowTitle() == "Farense Studio" and _copies(path) == []
        assert app_settings.last_project == str(last_project.path), "the next start tries it again"
        labels = [b.text() for b in window.open_problems.banner.buttons if not b.isHidden()]
        assert labels == ["Abrir a pasta", "Abrir outro projeto…"]
    window.close()
    window.dataset_tab.shutdown()
    if opens and path != app_settings.file:
        assert _copies(path)[0].read_bytes() == original, "the copy outlives whatever the app wrote later"


def test_open_the_folder_and_the_same_damage_twice_keeps_one_copy(qtbot, portuguese, last_project, app_settings,
                                                                   monkeypatch):
    from farense_studio.gui.app import build_main_window

    path = _edits(b"{oops")(last_project, app_settings.file)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    for _ in range(2):
        window = build_main_window(lang="pt", settings=app_settings)
        qtbot.addWidget(window)
        window.show()
        window.open_problems.banner.buttons[0].click()
        window.dataset_tab.shutdown()
    assert opened == [str(path.parent)] * 2
    assert len(_copies(path)) == 1


def test_edits_of_a_damaged_file_start_afresh_and_the_copy_stays(qtbot, portuguese, last_project, app_settings):
    from farense_studio.data.edits import Edits
    from farense_studio.gui.app import build_main_window

    path = _edits(b"\x00garbage")(last_project, app_settings.file)
    window = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    window.show()
    edits = window.dataset_tab.edits
    assert edits.empty and edits.path == path
    edits.add([{"role": "user", "content": "Quando foi fundado?"}, {"role": "assistant", "content": "1910"}])
    edits.save()
    assert len(Edits.load(last_project.path).added) == 1
    assert _copies(path)[0].read_bytes() == b"\x00garbage"
    window.dataset_tab.shutdown()


def test_damaged_file_message_in_english(qtbot, qapp, last_project, app_settings):
    from farense_studio.gui import i18n
    from farense_studio.gui.app import build_main_window

    _project_file(lambda d: d["settings"].__setitem__("training", "fast"))(last_project, app_settings.file)
    try:
        window = build_main_window(lang="en", settings=app_settings)
        qtbot.addWidget(window)
        window.show()
        text = window.open_problems.text()
        assert "The project file is damaged" in text and "“settings.training” should be an object" in text
        assert "The project opened without that value" in text
        assert window.open_problems.banner.buttons[0].text() == "Open the folder"
        window.dataset_tab.shutdown()
    finally:
        i18n.install("pt", qapp)


def test_a_tab_that_still_fails_opens_the_window_without_the_project(qtbot, portuguese, last_project, app_settings,
                                                                      monkeypatch):
    from farense_studio.gui.training import tab as training_tab
    from farense_studio.gui.app import build_main_window

    def broken(self, project):
        if project is not None:
            raise RuntimeError("um valor que ninguém previu")

    monkeypatch.setattr(training_tab.TrainingTab, "_restore_settings", broken)
    before = last_project.file.read_bytes()
    window = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.context.project is None
    assert "Não foi possível mostrar o projeto" in window.open_problems.text()
    assert "um valor que ninguém previu" in window.open_problems.text()
    assert last_project.file.read_bytes() == before
    window.dataset_tab.shutdown()


def _holder(folder: Path) -> subprocess.Popen:
    """Another process holding the project's lock, as a second Farense Studio would."""
    script = textwrap.dedent(f"""
        import sys, time
        from farense_studio.project import ProjectLock
        ProjectLock({str(folder)!r}).acquire()
        print("locked", flush=True)
        time.sleep(120)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_instance_on_the_same_project_is_told_and_opens_nothing(qtbot, portuguese, last_project, app_settings,
                                                                        monkeypatch):
    from farense_studio.gui.app import build_main_window

    holder = _holder(last_project.path)
    try:
        before = last_project.file.read_bytes()
        window = build_main_window(lang="pt", settings=app_settings)
        qtbot.addWidget(window)
        window.show()
        text = window.open_problems.text()
        assert window.context.project is None
        assert f"já está aberto noutro Farense Studio (processo {holder.pid})" in text
        labels = [b.text() for b in window.open_problems.banner.buttons if not b.isHidden()]
        assert labels == ["Abrir a pasta", "Abrir outro projeto…"]
        assert last_project.file.read_bytes() == before

        # Ficheiro > Abrir on the locked project is refused too, with the same words.
        warnings = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
        assert window.open_project(last_project.path) is None
        assert "já está aberto noutro Farense Studio" in warnings[0]
        window.dataset_tab.shutdown()
    finally:
        holder.send_signal(signal.SIGKILL)  # as a crash would: the lock must not outlive it
        holder.wait()

    window = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.context.project.path == last_project.path, "a stale lock after kill -9 is recovered"
    assert window.open_problems.text() == ""
    window.dataset_tab.shutdown()


def _run_app(tmp_path: Path, last: Path, prelude: str = "") -> subprocess.CompletedProcess:
    script = textwrap.dedent("""
        import json
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from farense_studio.gui.app import create_app, run_app
        PRELUDE
        app = create_app()
        def check():
            for w in QApplication.topLevelWidgets():
                if w.isVisible() and hasattr(w, "open_problems"):
                    print(json.dumps({"title": w.windowTitle(), "notice": w.open_problems.text()}))
            app.quit()
        QTimer.singleShot(300, check)
        raise SystemExit(run_app(lang="pt"))
    """).replace("PRELUDE", prelude)
    (tmp_path / "s.ini").write_text(f"[projects]\nlast={last}\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FARENSE_PROJECTS_DIR=str(tmp_path / "docs"),
               FARENSE_SETTINGS_FILE=str(tmp_path / "s.ini"), FARENSE_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_real_app_on_damaged_edits_exits_cleanly(tmp_path, last_project):
    """The reported crash: exit 134 and "QThread: Destroyed while thread 'farense-mlx' is still running"."""
    (last_project.dados_dir / "edicoes.json").write_bytes(b"")
    result = _run_app(tmp_path, last_project.path)
    assert result.returncode == 0, result.stderr
    assert "QThread" not in result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["title"] == "Arquivo — Farense Studio" and "edições está danificado" in report["notice"]


def test_real_app_whose_window_cannot_be_built_stops_its_mlx_thread(tmp_path, last_project):
    """Even when no window can be built at all, the MLX thread ends: an error exit, never an abort."""
    prelude = ("from farense_studio.gui import main_window\n"
               "def broken(*a, **k): raise RuntimeError('janela impossível')\n"
               "main_window.MainWindow.__init__ = broken")
    result = _run_app(tmp_path, last_project.path, prelude)
    assert result.returncode == 1, result.stderr
    assert "janela impossível" in result.stderr
    assert "QThread: Destroyed" not in result.stderr


def test_opening_a_damaged_project_from_the_menu_names_it_too(qtbot, portuguese, tmp_path, last_project,
                                                               app_settings):
    from farense_studio.gui.app import build_main_window

    window = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_problems.text() == ""
    other = Project.create(tmp_path / "Outro", "Outro")
    path = _run_file("config.yaml", b"{{{")(other, app_settings.file)
    assert window.open_project(other.path) is not None
    assert window.context.project.path == other.path
    assert str(path) in window.open_problems.text() and "YAML inválido" in window.open_problems.text()
    window.open_project(last_project.path)
    assert window.open_problems.text() == "", "a sound project clears the message"
    window.dataset_tab.shutdown()


def test_damaged_prepared_data_reads_as_not_prepared(qtbot, portuguese, last_project, app_settings):
    """preparado/ is the app's own output (Preparar dados writes it again): no message, no crash."""
    from farense_studio.gui.app import build_main_window

    (last_project.preparado_dir / "train.jsonl").write_bytes(b"\xff" * 100)
    (last_project.preparado_dir / "valid.jsonl").write_bytes(b"\xfe" * 10)
    window = build_main_window(lang="pt", settings=app_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.context.project.path == last_project.path and window.open_problems.text() == ""
    assert window.training_tab._data_counts() is None
    window.dataset_tab.shutdown()


@pytest.mark.parametrize("seed", range(12))
def test_seeded_damage_never_stops_the_app_opening(qtbot, portuguese, tmp_path, monkeypatch, seed):
    """One file of a full project (settings, edits, a run with a checkpoint, the INI) truncated,
    flipped, replaced or given an odd value: the window opens on it and the bytes survive
    (`python tests/gui/damage_fuzz.py 1000` runs many more)."""
    from damage_fuzz import kept_intact, open_damaged

    monkeypatch.setenv("FARENSE_SETTINGS_FILE", "")  # open_damaged points it at the case's INI
    window, path, damaged, kind = open_damaged(tmp_path, seed)
    qtbot.addWidget(window)
    qtbot.wait(50)
    assert "Não foi possível mostrar" not in window.open_problems.text()
    assert window.context.project is not None or "projeto.json" in window.open_problems.text()
    window.close()
    window.dataset_tab.shutdown()
    assert kept_intact(path, damaged), (path.name, kind)
