"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "eb851c0abb5b635a48a99d35d26a08ee0ef64c02b32c1385ccd9ba422b6fe227"
DEFAULT_TABLES_SHA256 = "7009688ec0abf5413220130697c19f06c389f0c20d9f8dd88dd2f23058685565"
