"""Draws loss curves of one or more runs (metrics.jsonl) into a PNG with pyqtgraph, offscreen.

    python bench/evidence/plot_curves.py OUT.png LABEL=RUN_DIR [LABEL=RUN_DIR ...]
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def series(run_dir: Path, kind: str, key: str):
    xs, ys = [], []
    for line in (run_dir / "metrics.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("kind") == kind:
            xs.append(row["step"])
            ys.append(row[key])
    return xs, ys


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph as pg
    import pyqtgraph.exporters
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    out = Path(sys.argv[1])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    plot = pg.PlotWidget()
    plot.resize(1000, 600)
    plot.addLegend()
    plot.setLabel("bottom", "passo (step)")
    plot.setLabel("left", "erro (loss)")
    colours = ["#1f6f3f", "#d08000", "#2060c0", "#b02020"]
    for i, spec in enumerate(sys.argv[2:]):
        label, path = spec.split("=", 1)
        colour = colours[i % len(colours)]
        xs, ys = series(Path(path), "train", "loss")
        style = {} if i == 0 else {"style": pg.QtCore.Qt.PenStyle.DashLine}
        plot.plot(xs, ys, pen=pg.mkPen(colour, width=2, **style), name=f"{label}: treino")
        vx, vy = series(Path(path), "eval", "val_loss")
        plot.plot(vx, vy, pen=None, symbol="o", symbolSize=7, symbolBrush=colour,
                  name=f"{label}: verificação")
    plot.show()
    app.processEvents()
    exporter = pyqtgraph.exporters.ImageExporter(plot.plotItem)
    exporter.parameters()["width"] = 1000
    exporter.export(str(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
