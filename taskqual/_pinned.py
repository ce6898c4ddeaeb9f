"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "f5d2cd159c88b928f6341dd4491789394f87a4d5d7f708487e65dbae62151e18"
DEFAULT_TABLES_SHA256 = "21d80a5bee26467544bb25ccfc34b2a25e9133333cc7cea527b7a910c769b71c"
