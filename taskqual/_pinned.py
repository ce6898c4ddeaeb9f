"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "bdf2a89f95ce1f40693fcd2ecd1f13bc9116229f1607a44627fe3c7e8bc2a8a2"
DEFAULT_TABLES_SHA256 = "4936fd9aa835ff427c34558a9cba9159d4305f5eb52e7da4fd3bd6a68085a49b"
