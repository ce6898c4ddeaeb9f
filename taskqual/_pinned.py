"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "ccc5c88756fcb41b30689404018a49e4b52530f38f54dac1f691450f73b66e46"
DEFAULT_TABLES_SHA256 = "c0d9469635fa181c9812b226d244d565fc5582cc1dd72a13dd0c933b0de49a12"
