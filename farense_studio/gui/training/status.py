"""Plain words for the Treino tab: durations, progress lines and what the curves say.

No widgets here (only QCoreApplication.translate), so every sentence the person reads while
training is checked by fast tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from farense_studio.gui import i18n

def duration(seconds: float | None, approx: bool = False) -> str:
    """'45 s', '12 min', '1 h 10 min' (rounded to what a person cares about)."""
    if seconds is None or seconds != seconds or seconds < 0:
        return "—"
    seconds = float(seconds)
    prefix = "~" if approx else ""
    if seconds < 60:
        return prefix + QCoreApplication.translate("TrainingStatus", "{seconds} s").format(
            seconds=str(max(1, int(round(seconds)))))
    minutes = int(round(seconds / 60))
    if minutes < 60:
        return prefix + QCoreApplication.translate("TrainingStatus", "{minutes} min").format(minutes=str(minutes))
    hours, minutes = divmod(minutes, 60)
    if minutes == 0:
        return prefix + QCoreApplication.translate("TrainingStatus", "{hours} h").format(hours=str(hours))
    return prefix + QCoreApplication.translate("TrainingStatus", "{hours} h {minutes} min").format(
        hours=str(hours), minutes=str(minutes))


def duration_range(low: float | None, high: float | None) -> str:
    """'20–30 min' or '1 h–1 h 20 min'; a single value when both round alike."""
    a, b = duration(low), duration(high)
    if a == b:
        return "~" + a
    unit_a, unit_b = a.rsplit(" ", 1), b.rsplit(" ", 1)
    if len(unit_a) == 2 and len(unit_b) == 2 and unit_a[1] == unit_b[1] and " " not in unit_a[0]:
        return f"{unit_a[0]}–{b}"
    return f"{a}–{b}"


def gigabytes(value: float | None) -> str:
    """'9,8 GB'; below 1 GB in MB ('12 MB'), so a small model does not read '0,0 GB'."""
    if value is None:
        return "—"
    value = float(value)
    if value < 1:
        return QCoreApplication.translate("TrainingStatus", "{value} MB").format(
            value=i18n.number(max(1, value * 1000)))
    return QCoreApplication.translate("TrainingStatus", "{value} GB").format(value=i18n.number(value, 1))


def memory_range(peak: float | None, headroom: float = 1.15) -> str:
    """'9,8–11,3 GB': the measured peak (the longest batch) up to the headroom the engine
    requires for it to fit."""
    if not peak:
        return "—"
    low, high = gigabytes(peak), gigabytes(float(peak) * headroom)
    unit_low, unit_high = low.rsplit(" ", 1), high.rsplit(" ", 1)
    if low == high:
        return low
    if len(unit_low) == 2 and unit_low[1:] == unit_high[1:]:
        return f"{unit_low[0]}–{high}"
    return f"{low}–{high}"


def loss_text(value: float | None) -> str:
    return "—" if value is None else i18n.number(float(value), 2)


def progress_line(report) -> str:
    """'passagem 2 de 3 · passo 410 de 1.230'."""
    return QCoreApplication.translate("TrainingStatus", "passagem {epoch} de {epochs} · passo {step} de {total}").format(
        epoch=str(int(report.epoch) + 1), epochs=str(report.epochs), step=i18n.number(report.step),
        total=i18n.number(report.total_steps))


def measuring_pace(report) -> bool:
    """The first step of a start or resume: it compiles, so the engine gives no pace yet
    (engine.trainer_support.steady_pace): the speed and the time left say they are measuring."""
    return report.eta_s is None and report.step < report.total_steps


def speed_line(report) -> str:
    """'1.234 tokens/s · memória máx. 9,8 GB' (no memory where the device does not report it)."""
    if measuring_pace(report):
        text = QCoreApplication.translate("TrainingStatus", "a medir a velocidade")
    else:
        text = QCoreApplication.translate("TrainingStatus", "{speed} tokens/s").format(
            speed=i18n.number(report.tokens_per_second or 0))
    if not report.peak_memory_gb:
        return text
    return QCoreApplication.translate("TrainingStatus", "{speed} · memória máx. {memory}").format(
        speed=text, memory=gigabytes(report.peak_memory_gb))


def bar_text(report, paused: bool = False, ended: bool = False) -> str:
    """Beside the progress bar: '33% · decorrido 12 min · faltam ~48 min' (ended: a run that
    stopped or failed there says no time left)."""
    percent = int(100 * report.step / report.total_steps) if report.total_steps else 0
    text = (QCoreApplication.translate("TrainingStatus", "{percent}% · decorrido {elapsed}").format(
        percent=str(percent), elapsed=duration(report.elapsed_s)))
    if ended:
        return text
    if paused:
        text += QCoreApplication.translate("TrainingStatus", " · em pausa")
    elif measuring_pace(report):
        text += QCoreApplication.translate("TrainingStatus", " · a medir o ritmo para dizer quanto falta")
    elif report.step < report.total_steps:
        text += QCoreApplication.translate("TrainingStatus", " · faltam {remaining}").format(
            remaining=duration(report.eta_s, approx=True))
    return text


@dataclass
class CurveWatch:
    """Reads the curves as a person would: is it learning, or learning the answers by heart?"""

    val_losses: list[float] = field(default_factory=list)
    train_losses: list[float] = field(default_factory=list)

    def add_train(self, loss: float) -> None:
        self.train_losses.append(float(loss))

    def add_eval(self, val_loss: float) -> None:
        self.val_losses.append(float(val_loss))

    def reset(self) -> None:
        self.val_losses.clear()
        self.train_losses.clear()

    @property
    def best_val(self) -> float | None:
        return min(self.val_losses) if self.val_losses else None

    def overfitting(self) -> bool:
        """Checking error rose twice in a row and sits clearly above its best."""
        v = self.val_losses
        if len(v) < 3:
            return False
        return v[-1] > v[-2] > v[-3] and v[-1] > min(v) * 1.02

    def status(self) -> str:
        if self.overfitting():
            return QCoreApplication.translate("TrainingStatus", "O erro nas perguntas de verificação piorou: o modelo pode estar a decorar em vez de aprender. "
                      "O melhor ponto de gravação fica guardado: pode parar aqui.")
        t = self.train_losses
        if len(t) >= 20:
            window = max(5, len(t) // 10)
            recent = sum(t[-window:]) / window
            earlier = sum(t[-2 * window:-window]) / window
            if recent > earlier * 1.25:
                return QCoreApplication.translate("TrainingStatus", "O erro está a subir: se continuar assim, experimente uma taxa de "
                          "aprendizagem mais baixa (Avançado).")
        return QCoreApplication.translate("TrainingStatus", "O modelo está a aprender.")
