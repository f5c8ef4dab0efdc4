"""Small widgets every tab may use: the big primary button, a message banner, a busy bar, a
collapsible section."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QSizePolicy, QStyle, QStyleOptionComboBox, QStylePainter, QToolButton, QWidget)

from farense_studio.paths import resources_dir

# Coloured words (a warning under Treinar, a field's error) in a light and a dark theme: the
# light theme's dark brown or red is unreadable on a dark window, and the reverse.
TEXT_COLOURS = {"warning": ("#7a4b00", "#f2b84b"), "error": ("#b3261e", "#ff8a80")}
_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange)


def is_dark() -> bool:
    """Whether the app's theme is dark (a Mac in dark mode, a dark desktop)."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


class _ThemeWatcher(QWidget):
    """Tells the widgets of follow_theme when the app's palette changes (light to dark, or back).

    A widget with a style sheet of its own gets no PaletteChange then (the sheet's colours are
    its palette), so this hidden plain widget hears it for them (an event filter on the
    application would see every event of the app, for this one)."""

    def __init__(self) -> None:
        super().__init__()
        self.followers: list[tuple[QWidget, object]] = []

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.type() in _PALETTE_EVENTS:
            from shiboken6 import isValid

            self.followers = [(w, f) for w, f in self.followers if isValid(w)]
            for _widget, follow in list(self.followers):
                follow()
        super().changeEvent(event)


_watcher: _ThemeWatcher | None = None


def follow_theme(widget: QWidget, callback) -> None:
    """Calls ``callback()`` whenever the app turns light or dark, as long as ``widget`` lives."""
    global _watcher
    from shiboken6 import isValid

    app = QApplication.instance()
    if app is None:
        return
    if _watcher is None or not isValid(_watcher):
        _watcher = _ThemeWatcher()
        app.aboutToQuit.connect(_watcher.deleteLater)
    _watcher.followers.append((widget, callback))


def set_text_colour(widget: QWidget, kind: str | None, template: str = "color: {colour};") -> None:
    """Colours a widget's text for ``kind`` (TEXT_COLOURS; None: the theme's own colour), in the
    light or dark shade of the current theme, and again whenever the theme changes."""
    widget.setProperty("textColourKind", kind or "")
    widget.setProperty("textColourTemplate", template)
    if not widget.property("textColourFollows"):
        follow_theme(widget, lambda: _apply_text_colour(widget))
        widget.setProperty("textColourFollows", True)
    _apply_text_colour(widget)


def _apply_text_colour(widget: QWidget) -> None:
    kind = widget.property("textColourKind")
    sheet = ""
    if kind in TEXT_COLOURS:
        colour = TEXT_COLOURS[kind][1 if is_dark() else 0]
        sheet = str(widget.property("textColourTemplate") or "color: {colour};").format(colour=colour)
    if widget.styleSheet() != sheet:  # setting it sends another PaletteChange: only when it differs
        widget.setStyleSheet(sheet)


def app_icon() -> QIcon:
    """The lion on the black-and-white shield, at every size Qt may ask for."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for name in ("farense.svg", "farense.png", "farense@2x.png"):
        path = folder / name
        if path.exists():
            icon.addFile(str(path))
    return icon


def app_pixmap(size: int) -> QPixmap:
    return app_icon().pixmap(size, size)


class BigButton(QPushButton):
    """The one obvious next action of a screen: bigger, bold, the default button."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        font = self.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        self.setMinimumHeight(36)
        self.setDefault(True)
        self.setAutoDefault(True)
        self.setObjectName("bigButton")


class Banner(QFrame):
    """A one-line message strip (information, success, warning or error) with any number of
    action buttons and a close button.

    ``show_message(text, kind, actions=[(key, label), ...])`` shows one button per action;
    the older one-action form ``show_message(text, kind, action_text, action_key)`` still works.
    A click emits ``action_clicked(key)``.
    """

    action_clicked = Signal(str)  # the action's key
    INFO, SUCCESS, WARNING, ERROR = "info", "success", "warning", "error"
    _COLOURS = {INFO: ("#e8f0fe", "#1a3e7a"), SUCCESS: ("#e6f4ea", "#1e5b2e"),
                WARNING: ("#fef7e0", "#6b4e00"), ERROR: ("#fce8e6", "#8a1c12")}
    _DARK_COLOURS = {INFO: ("#1d2b45", "#c6dafc"), SUCCESS: ("#1c3424", "#b7e1c1"),
                     WARNING: ("#3d3214", "#f6df9a"), ERROR: ("#45201d", "#f6b8b1")}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.buttons: list[QPushButton] = []  # one per action of the message shown; extras hidden
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Fechar esta mensagem"))
        self._layout.addWidget(self.label, 1)
        self._layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self.kind = ""
        follow_theme(self, lambda: self.kind and self._apply_colours())
        self.hide()

    def _button(self, index: int) -> QPushButton:
        while len(self.buttons) <= index:
            button = QPushButton()
            button.hide()
            button.clicked.connect(lambda _=False, b=button: self.action_clicked.emit(b.property("key")))
            self._layout.insertWidget(self._layout.indexOf(self.close_button), button)
            self.buttons.append(button)
        return self.buttons[index]

    def show_message(self, text: str, kind: str = INFO, action_text: str = "", action_key: str = "",
                     *, actions: list[tuple[str, str]] | tuple = ()) -> None:
        """Shows ``text`` coloured for ``kind``; ``actions`` are (key, label) pairs, in order.

        ``action_text``/``action_key`` are the one-action form (ignored when ``actions`` is given).
        """
        if not actions and action_text:
            actions = [(action_key, action_text)]
        self.kind = kind
        self._apply_colours()
        self.label.setText(text)
        actions = list(actions)
        for index, (key, label) in enumerate(actions):
            button = self._button(index)
            button.setText(label)
            button.setProperty("key", key)
            button.show()
        for button in self.buttons[len(actions):]:
            button.hide()
        self.setProperty("kind", kind)
        self.show()

    def _apply_colours(self) -> None:
        colours = self._DARK_COLOURS if is_dark() else self._COLOURS
        background, foreground = colours.get(self.kind, colours[self.INFO])
        sheet = (f"#banner {{ background: {background}; border-radius: 4px; }}"
                 f" #banner QLabel {{ color: {foreground}; }}")
        if self.styleSheet() != sheet:  # setting it sends another PaletteChange: only when it differs
            self.setStyleSheet(sheet)


    @property
    def action(self) -> QPushButton:
        """The first action button (the one-action form's button)."""
        return self._button(0)

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class BusyBar(QWidget):
    """Progress bar with a line of words saying what is happening."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(280)
        self.bar.setTextVisible(True)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.show()

    def progress(self, done: int, total: int, text: str | None = None) -> None:
        if text:
            self.label.setText(text)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def finish(self) -> None:
        self.hide()


class SectionToggle(QToolButton):
    """The one collapsible section of the app: an arrow button («Avançado», «Registo») that shows
    and hides its content widget (hidden at first); wherever the two are laid out."""

    def __init__(self, text: str, content: QWidget, parent: QWidget | None = None, *, flat: bool = True) -> None:
        super().__init__(parent)
        self.content = content
        self.setText(text)
        self.setCheckable(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setArrowType(Qt.ArrowType.RightArrow)
        self.setAutoRaise(flat)  # flat: a frame only under the pointer
        content.hide()
        self.toggled.connect(self._on_toggled)

    def _on_toggled(self, shown: bool) -> None:
        self.content.setVisible(shown)
        self.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


class ElidingComboBox(QComboBox):
    """A combo box whose chosen text ends in «…» when the box is narrower than it (Qt cuts it
    mid-letter), with the whole text as its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentTextChanged.connect(self.setToolTip)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        painter = QStylePainter(self)
        option = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def shown_text(self) -> str:
        """The text as painted now (elided when the box is too narrow)."""
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, self._option(),
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight,
                                             max(0, field.width() - 4))
