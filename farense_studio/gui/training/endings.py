"""How a run's end (or a crash found at start-up) is told: status line, banner, notification.

Plain functions returning an Ending, so the tab only shows it; the words keep the Treino tab's
translation context.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QDateTime

from farense_studio.gui import i18n
from farense_studio.gui.training import status as words
from farense_studio.gui.widgets import Banner

RESUME_REFUSED = ("resume_config_changed", "resume_data_changed", "extend_config_changed",
                  "extend_data_changed")


class Ending(NamedTuple):
    """What to show: the status line, the banner (text, kind, actions) and a notification title
    ("" for none)."""

    status: str
    text: str
    kind: str
    actions: list[tuple[str, str]]
    notify: str = ""


def describe(outcome: str, event, last_step: int = 0, best: float | None = None) -> Ending:
    """The ending of a run that finished, stopped or failed (event: its last engine event)."""
    translate = QCoreApplication.translate
    if outcome == "finished":
        best = getattr(event, "best_val_loss", None) or best
        text = translate("TrainingTab", "Treino concluído. Melhor erro nas perguntas de verificação: %1. "
                         "A afinação está pronta: experimente-a no separador Conversar.") \
            .replace("%1", words.loss_text(best))
        return Ending(translate("TrainingTab", "Treino concluído."), text, Banner.SUCCESS,
                      [("train_more", translate("TrainingTab", "Treinar mais…"))],
                      translate("TrainingTab", "Treino concluído"))
    if outcome == "stopped":
        step = getattr(event, "step", None) or last_step
        text = translate("TrainingTab", "Treino parado no passo %1 e gravado. Para continuar, escolha-o "
                         "na lista de treinos e carregue em Continuar treino.").replace("%1", i18n.number(step))
        return Ending(translate("TrainingTab", "Treino parado."), text, Banner.INFO, [],
                      translate("TrainingTab", "Treino parado"))
    code = getattr(event, "code", "")
    status = translate("TrainingTab", "O treino não pôde continuar.")
    if code in RESUME_REFUSED:
        explain = {
            "resume_data_changed": translate("TrainingTab", "Este treino não pode continuar: os dados "
                                             "preparados mudaram desde que começou."),
            "extend_data_changed": translate("TrainingTab", "Não é possível treinar mais este treino: os "
                                             "dados preparados mudaram desde que começou."),
            "extend_config_changed": translate("TrainingTab", "Não é possível treinar mais este treino: as "
                                               "definições que mudam o treino já não são as mesmas."),
        }.get(code) or translate("TrainingTab", "Este treino não pode continuar: as definições que mudam o "
                                 "treino já não são as mesmas.")
        text = explain + " " + translate("TrainingTab", "Pode começar um treino novo com os dados e as "
                                         "definições de agora.")
        return Ending(status, text, Banner.WARNING,
                      [("new_run", translate("TrainingTab", "Começar treino novo"))])
    text = getattr(event, "text", "") or str(code or "") or translate("TrainingTab", "erro desconhecido")
    return Ending(status, translate("TrainingTab", "O treino falhou: %1").replace("%1", text), Banner.ERROR,
                  [], translate("TrainingTab", "O treino falhou"))


def interrupted(run) -> Ending:
    """The banner after a crash: the newest run a dead process left 'running' (engine RunInfo)."""
    translate = QCoreApplication.translate
    when = i18n.locale().toString(QDateTime.fromSecsSinceEpoch(int(run.created)), "d MMM, HH:mm")
    text = translate("TrainingTab", "O treino de %1 foi interrompido no passo %2 (a aplicação ou o "
                     "computador desligou-se). Pode continuar exatamente de onde ficou.") \
        .replace("%1", when).replace("%2", i18n.number(run.step))
    return Ending("", text, Banner.WARNING,
                  [("resume_offered", translate("TrainingTab", "Continuar treino")),
                   ("show_offered", translate("TrainingTab", "Ver detalhes"))])
