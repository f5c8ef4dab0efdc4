"""How a run's end (or a crash found at start-up) is told: status line, banner, notification.

Plain functions returning an Ending, so the tab only shows it; the words keep the Treino tab's
translation context.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QDateTime

from farense_studio import messages
from farense_studio.engine.evaluate import loss_hint
from farense_studio.gui import i18n
from farense_studio.gui.training import status as words
from farense_studio.gui.widgets import Banner

# Notices of a run short of memory that goes on (engine: smaller batches, a check left for later):
# shown in the banner while it trains, not only in the log, so the staff can close other applications.
MEMORY_NOTICES = ("oom_retry", "check_out_of_memory")
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
    if outcome == "finished":
        best = getattr(event, "best_val_loss", None) or best
        text = QCoreApplication.translate(
            "TrainingTab", "Treino concluído. Melhor erro nas perguntas de verificação: {loss}. A afinação "
            "está pronta: experimente-a no separador Conversar.").format(loss=words.loss_text(best))
        hint = loss_hint(best)
        if hint:  # whether that error is good, in words
            text += " " + messages.render(hint)
        return Ending(QCoreApplication.translate("TrainingTab", "Treino concluído."), text, Banner.SUCCESS,
                      [("try_chat", QCoreApplication.translate("TrainingTab", "Experimentar em Conversar")),
                       ("train_more", QCoreApplication.translate("TrainingTab", "Treinar mais…"))],
                      QCoreApplication.translate("TrainingTab", "Treino concluído"))
    if outcome == "stopped":
        step = getattr(event, "step", None) or last_step
        text = QCoreApplication.translate(
            "TrainingTab", "Treino parado no passo {step} e gravado. Para continuar, escolha-o na lista "
            "de treinos e carregue em Continuar treino.").format(step=i18n.number(step))
        return Ending(QCoreApplication.translate("TrainingTab", "Treino parado."), text, Banner.INFO, [],
                      QCoreApplication.translate("TrainingTab", "Treino parado"))
    code = getattr(event, "code", "")
    status = QCoreApplication.translate("TrainingTab", "O treino não pôde continuar.")
    if code in RESUME_REFUSED:
        return Ending(status, _refusal(code), Banner.WARNING,
                      [("new_run", QCoreApplication.translate("TrainingTab", "Começar treino novo"))])
    text = getattr(event, "text", "") or str(code or "") or QCoreApplication.translate("TrainingTab",
                                                                                       "erro desconhecido")
    if code == "group_failed":  # a Mac of the group stopped: the last checkpoint resumes it
        text += " " + QCoreApplication.translate("TrainingTab", "Continuar retoma-o no grupo com «Usar outros "
                                                 "Macs» ligado, ou só neste Mac com a opção desligada.")
        return Ending(status, text, Banner.ERROR,
                      [("resume_offered", QCoreApplication.translate("TrainingTab", "Continuar"))],
                      QCoreApplication.translate("TrainingTab", "O treino falhou"))
    if code == "memory_ran_out":  # saved up to a checkpoint: once memory is freed, it goes on
        return Ending(status, text, Banner.ERROR,
                      [("resume_offered", QCoreApplication.translate("TrainingTab", "Continuar treino"))],
                      QCoreApplication.translate("TrainingTab", "O treino parou: falta de memória"))
    return Ending(status, QCoreApplication.translate("TrainingTab", "O treino falhou: {error}").format(error=text),
                  Banner.ERROR, [], QCoreApplication.translate("TrainingTab", "O treino falhou"))


def _refusal(code: str) -> str:
    """Why a run cannot go on with today's data or settings, and what can be done instead."""
    if code == "resume_data_changed":
        explain = QCoreApplication.translate("TrainingTab", "Este treino não pode continuar: os dados "
                                             "preparados mudaram desde que começou.")
    elif code == "extend_data_changed":
        explain = QCoreApplication.translate("TrainingTab", "Não é possível treinar mais este treino: os "
                                             "dados preparados mudaram desde que começou.")
    elif code == "extend_config_changed":
        explain = QCoreApplication.translate("TrainingTab", "Não é possível treinar mais este treino: as "
                                             "definições que mudam o treino já não são as mesmas.")
    else:
        explain = QCoreApplication.translate("TrainingTab", "Este treino não pode continuar: as definições "
                                             "que mudam o treino já não são as mesmas.")
    return explain + " " + QCoreApplication.translate("TrainingTab", "Pode começar um treino novo com os dados "
                                                      "e as definições de agora.")


def interrupted(run) -> Ending:
    """The banner after a crash: the newest run a dead process left 'running' (engine RunInfo),
    saying honestly which step was saved and how many steps continuing will train again."""
    from farense_studio.engine.run_progress import run_progress

    when = i18n.locale().toString(QDateTime.fromSecsSinceEpoch(int(run.created)), "d MMM, HH:mm")
    progress = run_progress(run.path)
    text = QCoreApplication.translate(
        "TrainingTab", "O treino de {when} foi interrompido no passo {step} (a aplicação ou o computador "
        "desligou-se).").format(when=when, step=i18n.number(progress.reached_step))
    if progress.saved_step == 0:
        text += " " + QCoreApplication.translate(
            "TrainingTab", "Nada ficou gravado: continuar recomeça do início.")
    elif progress.redo_steps == 0:
        text += " " + QCoreApplication.translate(
            "TrainingTab", "O passo {saved} ficou gravado: pode continuar exatamente de onde ficou.").format(
                saved=i18n.number(progress.saved_step))
    elif progress.redo_steps == 1:
        text += " " + QCoreApplication.translate(
            "TrainingTab", "O último ponto de gravação é o passo {saved}: ao continuar, o passo {next} "
            "é treinado de novo.").format(saved=i18n.number(progress.saved_step),
                                           next=i18n.number(progress.saved_step + 1))
    else:
        text += " " + QCoreApplication.translate(
            "TrainingTab", "O último ponto de gravação é o passo {saved}: ao continuar, os passos "
            "{first} a {last} são treinados de novo ({count} passos).").format(
                saved=i18n.number(progress.saved_step), first=i18n.number(progress.saved_step + 1),
                last=i18n.number(progress.reached_step), count=i18n.number(progress.redo_steps))
    return Ending("", text, Banner.WARNING,
                  [("resume_offered", QCoreApplication.translate("TrainingTab", "Continuar treino")),
                   ("show_offered", QCoreApplication.translate("TrainingTab", "Ver detalhes"))])
