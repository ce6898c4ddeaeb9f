"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "e50ee58717475f1eed15fbb8c63fe6845d62234c1477305e73fe38f0c1ac471e"
DEFAULT_TABLES_SHA256 = "0f0c077d35eddfde43be05f8d9cf09a8327536b8cf89487d31bc5d203473612b"
