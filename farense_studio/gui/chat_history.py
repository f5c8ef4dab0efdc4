"""Each model's conversation in Conversar, kept while the tab lives.

The panes show the conversation of one model at a time (its key: the choice's key, or TRAINING
while a run trains, whose answers come from the model being trained). Changing model puts the
panes' turns aside under the old key and brings back the new one's, so no answer is ever shown
under another model's name and nothing is cleared without being asked. When a run ends, the
conversation held with it while it trained becomes that of the run's checkpoint.
"""

from __future__ import annotations

from pathlib import Path

from farense_studio.gui.chat_feedback import restore

TRAINING = "__training__"


class ChatHistory:
    """The turns of (base pane, fine-tuned pane) of every model talked to."""

    def __init__(self, base_pane, tuned_pane) -> None:
        self.base_pane, self.tuned_pane = base_pane, tuned_pane
        self.kept: dict[str, tuple[list, list]] = {}
        self.shown: str | None = None  # whose conversation the panes show

    def switch(self, key: str | None) -> bool:
        """Shows the conversation of ``key`` (put aside the one shown); True when it changed."""
        if key == self.shown:
            return False
        self.put_aside()
        self.shown = key
        base, tuned = self.kept.pop(key, ([], [])) if key is not None else ([], [])
        restore(self.base_pane, base)
        restore(self.tuned_pane, tuned)
        return True

    def put_aside(self) -> None:
        if self.shown is not None and (self.base_pane.turns or self.tuned_pane.turns):
            self.kept[self.shown] = (list(self.base_pane.turns), list(self.tuned_pane.turns))

    def forget_shown(self) -> None:
        """«Limpar conversa»: only the conversation shown goes."""
        self.kept.pop(self.shown, None)

    def hand_over(self, old: str, new: str) -> None:
        """The conversation of ``old`` becomes that of ``new`` (a finished run's checkpoint),
        after any the new one already had."""
        if old == self.shown:
            self.put_aside()
            self.shown = None
        moved = self.kept.pop(old, None)
        if moved is None:
            return
        earlier = self.kept.get(new, ([], []))
        self.kept[new] = (earlier[0] + moved[0], earlier[1] + moved[1])

    def run_key(self, choices, run_dir: str | None) -> str | None:
        """The key of a run's checkpoint among ``choices`` (its best, else its newest), the talk
        held with it while it trained handed over to it; None when the run offers none."""
        found = [c for c in choices if c.run_dir and run_dir and Path(c.run_dir) == Path(run_dir)]
        if not found:
            return None
        self.hand_over(TRAINING, found[0].key)
        return found[0].key
