"""The referat: a format-neutral model built from agenda + meeting state, and its renderers."""

from meetingtui.minutes.build import build
from meetingtui.minutes.model import Minutes

__all__ = ["Minutes", "build"]
