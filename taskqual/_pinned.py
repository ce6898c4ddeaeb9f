"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "cbfd007aa9024dc4e32b0dfe94f6b62ad6493a4676fbbab97cc42bb995b1c329"
DEFAULT_TABLES_SHA256 = "379a41e2ee58848642350b8292957c1d29b782b1469bfb676e325b7961d4052b"
