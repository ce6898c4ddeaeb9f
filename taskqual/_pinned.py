"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "48b74145c0c774eff7c33d62247cb72d09cb32d64692bdc7e16383510365a5a6"
DEFAULT_TABLES_SHA256 = "e49e84d9ec9d86d217f55ae26d6ea919d970b681e72257a6246f1140c6ff206f"
