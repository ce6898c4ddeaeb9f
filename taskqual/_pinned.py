"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "ca3a913a14d6b7025ad438d4e908f4bb67d4c895214331d3aa96225be8d44b33"
DEFAULT_TABLES_SHA256 = "45da1df3452fa56587da79f5acbb2190a12cb9103512f65f582ebd2790013c9c"
