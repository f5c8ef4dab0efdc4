"""Statistics of the examples: counts per source and set, repeats removed, and a length histogram."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QVBoxLayout, QWidget

from farense_studio.data.formats import Example
from farense_studio.engine.presets import DEFAULT_PRESET, PRESETS  # plain Python, no MLX
from farense_studio.gui import i18n
from farense_studio.gui.widgets import set_text_colour

DEFAULT_MAX_LENGTH = int(PRESETS[DEFAULT_PRESET]["max_seq_length"])  # what Treino trains with by default


@dataclass
class Stats:
    """Counts the panel shows (computed from the table's examples)."""

    total: int = 0
    train: int = 0
    valid: int = 0
    excluded: int = 0
    generated_out: int = 0  # generated questions left out (rejected in review, ungrounded or repeated)
    duplicates_removed: int = 0
    per_source: dict[str, Counter] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)

    @classmethod
    def compute(cls, examples: list[Example], tokens: dict[str, int], rejected: set[str],
                duplicates_removed: int) -> "Stats":
        """One pass, written for speed: it runs on the GUI thread after every edit (20,000 rows)."""
        stats = cls(duplicates_removed=duplicates_removed)
        groups: dict[tuple[str, str], str] = {}
        per_source: dict[str, list[int]] = {}
        lengths = stats.lengths
        excluded = valid = 0
        get_tokens = tokens.get
        for example in examples:
            if example.id in rejected:
                if example.origin == "gerado":
                    stats.generated_out += 1
                else:
                    excluded += 1
                continue
            key = (example.origin, example.source)
            group = groups.get(key)
            if group is None:
                group = groups[key] = source_group(example)
                per_source.setdefault(group, [0, 0])
            is_valid = example.split == "valid"
            valid += is_valid
            per_source[group][is_valid] += 1
            length = get_tokens(example.id)
            if length is not None:
                lengths.append(length)
        stats.excluded = excluded
        stats.valid = valid
        stats.total = len(examples) - excluded - stats.generated_out
        stats.train = stats.total - valid
        stats.per_source = {k: Counter(train=v[0], valid=v[1]) for k, v in per_source.items()}
        return stats

    def cut(self, max_length: int) -> int:
        return sum(1 for n in self.lengths if n > max_length)


def source_group(example: Example) -> str:
    """Q&A files one by one; biographies grouped by folder; the user's own together; generated together."""
    if example.origin == "gerado":
        return "gen:"
    if example.origin == "bio":
        folder = example.source.rsplit("/", 1)[0] if "/" in example.source else example.source
        return f"bio:{folder}"
    if example.origin == "user":
        return "user:"
    return f"qa:{example.source}"


class StatsPanel(QWidget):
    """Summary line, counts per source, the token-length histogram and the maximum length."""

    max_length_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stats = Stats()
        self._approximate = True
        self.summary = QLabel()
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)
        self.sources = QLabel()
        self.sources.setTextFormat(Qt.TextFormat.PlainText)
        self.sources.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        pg.setConfigOptions(antialias=True)
        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(90)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.2)
        self._apply_palette()
        self.bars = pg.BarGraphItem(x=[], height=[], width=1, brush=pg.mkBrush("#3b6ea8"), pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self.max_line = pg.InfiniteLine(angle=90, movable=False,
                                        pen=pg.mkPen("#c0392b", width=2, style=Qt.PenStyle.DashLine),
                                        label=self.tr("máximo"),
                                        labelOpts={"position": 0.9, "color": "#c0392b", "anchors": [(1, 0), (1, 0)]})
        self.plot.addItem(self.max_line)

        self.max_spin = QSpinBox()
        self.max_spin.setRange(32, 32768)
        self.max_spin.setSingleStep(64)
        self.max_spin.setValue(DEFAULT_MAX_LENGTH)
        self.max_spin.setSuffix(self.tr(" tokens"))
        self.max_spin.setToolTip(self.tr("O comprimento máximo com que o modelo vai treinar (escolhido no "
                                         "separador Treino). Exemplos mais longos são cortados no fim. "
                                         "Mudar aqui só mostra o efeito; o valor do treino muda-se no Treino."))
        self.cut_label = QLabel()
        self.cut_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        max_row = QHBoxLayout()
        max_row.addWidget(QLabel(self.tr("Comprimento máximo:")))
        max_row.addWidget(self.max_spin)
        max_row.addWidget(self.cut_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.sources)
        layout.addWidget(self.plot, 1)
        layout.addLayout(max_row)
        self.max_spin.valueChanged.connect(self._on_max_changed)
        self._refresh()

    # ------------------------------------------------------------------ public
    def set_stats(self, stats: Stats, approximate: bool) -> None:
        self._stats = stats
        self._approximate = approximate
        self._refresh()

    def stats(self) -> Stats:
        return self._stats

    def max_length(self) -> int:
        return self.max_spin.value()

    def set_max_length(self, value: int) -> None:
        if value != self.max_spin.value():
            self.max_spin.blockSignals(True)
            self.max_spin.setValue(int(value))
            self.max_spin.blockSignals(False)
            self._refresh()

    def summary_text(self) -> str:
        return self.summary.text()

    def cut_text(self) -> str:
        return self.cut_label.text()

    # ------------------------------------------------------------------ drawing
    def _apply_palette(self) -> None:
        palette = self.palette()
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for axis in ("left", "bottom"):
            item = self.plot.getAxis(axis)
            item.setPen(pg.mkPen(text))
            item.setTextPen(pg.mkPen(text))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.type() == event.Type.PaletteChange:
            self._apply_palette()  # the theme turned light or dark: the histogram follows
        super().changeEvent(event)

    def _refresh(self) -> None:
        stats = self._stats
        n = i18n.number
        one = stats.total == 1
        parts = [(self.tr("{n} exemplo") if one else self.tr("{n} exemplos")).format(n=n(stats.total)),
                 self.tr("{n} treino").format(n=n(stats.train)),
                 self.tr("{n} verificação").format(n=n(stats.valid)),
                 (self.tr("{n} repetido removido") if stats.duplicates_removed == 1
                  else self.tr("{n} repetidos removidos")).format(n=n(stats.duplicates_removed))]
        if stats.excluded:
            parts.append(self.tr("{n} com erros (deixados de fora)").format(n=n(stats.excluded)))
        if stats.generated_out:
            parts.append(self.tr("{n} geradas de fora").format(n=n(stats.generated_out)))
        self.summary.setText(" · ".join(parts))
        lines = self._sources_lines()
        self.sources.setText(" · ".join(short for short, _ in lines))
        self.sources.setToolTip("\n".join(full for _, full in lines))
        self._draw_histogram()

    def _sources_lines(self) -> list[tuple[str, str]]:
        """(short, detailed) text for each source group."""
        lines = []
        for key in sorted(self._stats.per_source, key=lambda k: (k.split(":")[0] != "qa", k.startswith("gen:"), k)):
            counts = self._stats.per_source[key]
            kind, name = key.split(":", 1)
            if kind == "bio":
                label = self.tr("Biografias ({folder})").format(folder=name)
            elif kind == "user":
                label = self.tr("Acrescentados por si")
            elif kind == "gen":
                label = self.tr("Perguntas geradas")
            else:
                label = name
            total = i18n.number(counts["train"] + counts["valid"])
            lines.append((f"{label}: {total}", self.tr("{source}: {total} ({train} treino, {valid} verificação)").format(
                source=label, total=total, train=i18n.number(counts["train"]), valid=i18n.number(counts["valid"]))))
        return lines

    def _draw_histogram(self) -> None:
        lengths = np.asarray(self._stats.lengths, dtype=np.int64)
        limit = self.max_spin.value()
        self.max_line.setValue(limit)
        axis = self.tr("comprimento em tokens (aproximado)") if self._approximate else self.tr("comprimento em tokens")
        self.plot.setLabel("bottom", axis)
        self.plot.setLabel("left", self.tr("exemplos"))
        if lengths.size == 0:
            self.bars.setOpts(x=[], height=[], width=1)
            self.plot.setXRange(0, limit * 1.1, padding=0)
            self.cut_label.setText("")
            return
        # A few very long examples would squeeze everything else into one corner: the last bar
        # collects whatever lies beyond the 99th percentile (or just past the maximum length).
        k = int(lengths.size * 0.99)
        p99 = int(np.partition(lengths, k)[k]) if k < lengths.size else int(lengths.max())
        top = int(max(p99, limit * 1.15, 1))
        bins = 40
        width = max(1, int(np.ceil(top / bins)))
        edges = np.arange(0, top + width + 1, width)
        counts, edges = np.histogram(np.minimum(lengths, edges[-1] - 1), bins=edges)
        self.bars.setOpts(x=edges[:-1] + width / 2, height=counts, width=width * 0.9)
        self.plot.setXRange(0, edges[-1], padding=0.02)
        self.plot.setYRange(0, max(1, int(counts.max())) * 1.1, padding=0)
        cut = int((lengths > limit).sum())
        if cut:
            short = (self.tr("1 passa do máximo (seria cortado)") if cut == 1 else
                     self.tr("{n} passam do máximo (seriam cortados)").format(n=i18n.number(cut)))
            full = (self.tr("1 exemplo passa do máximo: seria cortado no treino") if cut == 1 else
                    self.tr("{n} exemplos passam do máximo: seriam cortados no treino").format(n=i18n.number(cut)))
            self.cut_label.setText(short)
            self.cut_label.setToolTip(full)
            set_text_colour(self.cut_label, "error")
        else:
            self.cut_label.setText(self.tr("Nenhum exemplo passa do máximo"))
            self.cut_label.setToolTip("")
            set_text_colour(self.cut_label, None)

    @Slot(int)
    def _on_max_changed(self, value: int) -> None:
        self._draw_histogram()
        self.max_length_changed.emit(value)
