"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "c68099d1a871db703e7b2053f6277f3bc782668671bd325ea6255e00238f00f2"
DEFAULT_TABLES_SHA256 = "d2005e9de1c30cd998984a5aefabefa193854cfd0f8652e2da6567b7077d8249"
