"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "ebd81d8b3fd44c0082c6d99efa7ea31333c4c53e63205002702948b7665acdd9"
DEFAULT_TABLES_SHA256 = "1755c1e82d5c9bdbad8f01473317b32534d04f3a5ddcde0fbba9a566a13ea955"
