"""The names Conversar gives its models ("SmolLM2 135M + afinação de 6 dez 09:10 (melhor ponto)").

Kept in the ChatTab translation context, where the words have always been."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from farense_studio import messages as engine_messages
from farense_studio.gui import chat_models
from farense_studio.gui.chat_models import ChatModelChoice


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)


def choice_label(choice: ChatModelChoice) -> str:
    """What the model list and the pane titles call a choice."""
    base = chat_models.base_label(choice.base, engine_messages.current_language())
    date = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(choice.created)), "d MMM HH:mm") \
        if choice.created else ""
    if choice.kind == chat_models.RUN_BEST:
        return _tr("{base} + afinação de {date} (melhor ponto)").format(base=base, date=date)
    if choice.kind == chat_models.RUN_LATEST:
        return _tr("{base} + afinação de {date} (mais recente)").format(base=base, date=date)
    if choice.kind == chat_models.EXPORT:
        return _tr("{base} + afinação exportada «{name}»").format(base=base, name=choice.name)
    if choice.kind == chat_models.CUSTOM:
        return _tr("{base} + afinação da pasta «{name}»").format(base=base, name=choice.name)
    return _tr("{base}: modelo base, sem afinação").format(base=base)
