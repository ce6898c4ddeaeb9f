"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "cf3d6a02b3629205a90cf69050bde0b60e9a1534b9385330d5253f0d3f99dcbb"
DEFAULT_TABLES_SHA256 = "77ebe518e3bd365e6d2e06cd73d88acbc435336406e350e4da8d51683de3d9ff"
