"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "8c16604309b7d3a6e534c306e24f2daf3f0a6b1b6c4c18247dbf8269fa5ab3e3"
DEFAULT_TABLES_SHA256 = "0c8a7603e26d4fe09ca876bed5fc04b82443fb26dd5a00e3405f1f16ac4c03a4"
