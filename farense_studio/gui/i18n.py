"""Interface language: picks pt or en and installs the Qt catalogues (source strings are pt-PT).

Widget strings go through ``self.tr("Texto em português")``; the catalogues live in
resources/translations (``farense_pt_PT`` and ``farense_en``, .ts sources and compiled .qm),
maintained with ``scripts/translations.py``. Problems and events from data/ and engine/ are
rendered by ``farense_studio.messages``, whose language is set here too so both agree.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from farense_studio import messages
from farense_studio.paths import resources_dir

LANGUAGES = ("pt", "en")
DEFAULT_LANGUAGE = "pt"
CATALOGUES = {"pt": "farense_pt_PT", "en": "farense_en"}
# Qt's own strings (standard buttons, file dialogs), installed in this order, the last searched
# first: Qt's complete pt_BR catalogue fills the gaps ("Procurar em:"), its older, partial pt_PT
# one wins where it has a string ("Nome do Ficheiro", not "Nome do arquivo").
_QT_CATALOGUES = {"pt": ("qtbase_pt_BR", "qtbase_pt_PT", "qt_pt_PT"), "en": ("qtbase_en",)}
LOCALES = {"pt": "pt_PT", "en": "en_GB"}

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def translations_dir():
    return resources_dir() / "translations"


def system_language() -> str:
    """English when the system speaks English, otherwise Portuguese (the club's language)."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("-", "_").lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def normalise(lang: str | None) -> str | None:
    """'pt', 'pt_PT', 'en-GB'... -> 'pt' / 'en'; anything else -> None."""
    if not lang:
        return None
    code = str(lang).replace("-", "_").lower()[:2]
    return code if code in LANGUAGES else None


def choose_language(requested: str | None, saved: str | None) -> str:
    """The command line wins, then the saved setting, then the system, then Portuguese."""
    return normalise(requested) or normalise(saved) or system_language()


def install(lang: str, app: QCoreApplication | None = None) -> str:
    """Installs the catalogues for ``lang`` (replacing earlier ones) and returns the language used."""
    global _current
    app = app or QCoreApplication.instance()
    lang = normalise(lang) or DEFAULT_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in _QT_CATALOGUES[lang]:
        qt = QTranslator(app)
        if qt.load(name, qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    ours = QTranslator(app)  # installed last: searched first
    if ours.load(CATALOGUES[lang], str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    QLocale.setDefault(QLocale(LOCALES[lang]))
    messages.set_language(lang)
    _current = lang
    return lang


def current() -> str:
    return _current


def locale() -> QLocale:
    """The locale numbers are written in (1.812 in Portuguese, 1,812 in English)."""
    return QLocale(LOCALES[_current])


def number(value: int | float, decimals: int = 0) -> str:
    if isinstance(value, int) or decimals == 0:
        return locale().toString(int(round(value)))
    return locale().toString(float(value), "f", decimals)
