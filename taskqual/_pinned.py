"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "53f8a5f89ede72fe3e1da6a6f3b9690e6f332809beecc968b9513cf6b1f72e29"
DEFAULT_TABLES_SHA256 = "cf76ef89d23aa229fc5c7c2dee6e00f669bb9f796fc8f6d8b642005f42243331"
