"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "dd64df27cb9f86f918b34517d568d1a61d1553ca211267d3f23f3ee04cf2e352"
DEFAULT_TABLES_SHA256 = "cf76ef89d23aa229fc5c7c2dee6e00f669bb9f796fc8f6d8b642005f42243331"
