"""Escaping and the verdicts' colour and shape: what the run's index pages share with the briefs, without the
charts (matplotlib) and the notebook display (IPython) that `page` brings."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..codes import Verdict


def esc(text: object) -> str:
    """Text escaped for HTML (attributes too)."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class VerdictStyle:
    """How a verdict looks: a colour class and a shape (never colour alone); its word comes from `words`."""

    css: str
    icon: str


VERDICT_STYLES = {
    Verdict.TARGET_ACHIEVED: VerdictStyle("v-good", "✔"),
    Verdict.ACHIEVED: VerdictStyle("v-good", "✔"),
    Verdict.ON_TRACK: VerdictStyle("v-good", "▲"),
    Verdict.AT_RISK: VerdictStyle("v-warn", "◆"),
    Verdict.OFF_TRACK: VerdictStyle("v-bad", "▼"),
    Verdict.NEEDS_ACCELERATION: VerdictStyle("v-warn", "◆"),
    Verdict.LIMITED_PROGRESS: VerdictStyle("v-bad", "▼"),
    Verdict.DETERIORATION: VerdictStyle("v-bad", "✖"),
    Verdict.OVERDUE: VerdictStyle("v-bad", "✖"),
    Verdict.NOT_YET: VerdictStyle("v-warn", "◇"),
    Verdict.INSUFFICIENT_DATA: VerdictStyle("v-none", "?"),
    Verdict.NO_DATA: VerdictStyle("v-none", "?"),
    Verdict.QUALITATIVE: VerdictStyle("v-none", "○"),
}
