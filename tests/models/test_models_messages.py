"""Every model message exists in both languages and fills all its placeholders."""

from __future__ import annotations

import string

from farense_studio import messages
from farense_studio.messages.models import MESSAGES


def test_model_messages_render_in_both_languages():
    for code, texts in MESSAGES.items():
        names = {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f}
        params = {n: f"<{n}>" for n in names}
        pt, en = messages.render(code, params, "pt"), messages.render(code, params, "en")
        assert pt != en, code
        for n in names:
            assert f"<{n}>" in pt and f"<{n}>" in en, (code, n)
        # the two languages ask for the same parameters
        assert {f for _, f, _, _ in string.Formatter().parse(texts[0]) if f} == \
               {f for _, f, _, _ in string.Formatter().parse(texts[1]) if f}, code
