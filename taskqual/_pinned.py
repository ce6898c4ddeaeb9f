"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "95de098c94188faa8cfa5e3a80f574f48e8edecbbfe4ce382790d65540205c51"
DEFAULT_TABLES_SHA256 = "19feb0e36f53abadd33fb026909fe3497f7df23796bb75a77676bd3df2acfe34"
