"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "ea72ad0ca5de23a2ff22ce717fd252d939b6492aedb9c732480a7120a4276574"
DEFAULT_TABLES_SHA256 = "17bb51ae6783bd9635df32370d2ff804a10dd3518ef4b09fe53c362215b253e3"
