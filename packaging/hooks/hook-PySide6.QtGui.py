"""PySide6.QtGui as PyInstaller's own hook collects it, less the Qt plugins Farense Studio never
loads (build_app.QT_PLUGINS_KEPT says which stay). Filtering here, before PyInstaller follows
the plugins' library dependencies, also keeps out what only those plugins need (GTK, Wayland,
EGL device integration...)."""

from pathlib import PurePosixPath

import build_app  # imported by packaging/farense_studio.spec, which put the repository on sys.path
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries
            if build_app.keep_entry(str(PurePosixPath(dest.replace("\\", "/")) / PurePosixPath(src).name))]
