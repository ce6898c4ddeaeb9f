"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "5c0e81080ceb7d988d80f0e74a81d1d08db4e030b8c8a16c01ce4e69821df390"
DEFAULT_TABLES_SHA256 = "f16079d7ab8b4e366a808eb07ce07d7f34020518d348260e7fe5bbb6e80fba5b"
