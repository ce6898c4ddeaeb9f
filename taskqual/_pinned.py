"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "47c67c6c63f24becc6d929fe6008f63886de6a586e5e8c1d130f789d5351d1a6"
DEFAULT_TABLES_SHA256 = "8d4d98da42fb269cc6f9e4302c5a171807958bd2b22f83b14c323099ec9b5acd"
