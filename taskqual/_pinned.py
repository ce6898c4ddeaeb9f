"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "1bf3c5cdf7d4685d5afdc3092cbe24695e18a9b61443a242fe4e29de3a1c7840"
DEFAULT_TABLES_SHA256 = "72b6870982b1873c6ebe464f75656805c592ee01509bfbf0d8634dcbb13ea1c2"
