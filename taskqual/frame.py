"""Deprecated: use :mod:`taskqual.batch.frame` (``score_frame`` belongs to batch scoring, and the core
library must not import :mod:`taskqual.batch`). This alias will go in a later release."""

from __future__ import annotations

import warnings

from taskqual.batch.frame import score_frame, score_frame_meta  # layering exception: this deprecated alias

warnings.warn(
    "taskqual.frame is deprecated; import score_frame and score_frame_meta from taskqual.batch.frame",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["score_frame", "score_frame_meta"]
