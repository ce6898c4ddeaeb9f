"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "e24228184d655e136d00fe59467f2c4d2d4ffc39c334b4035be6284921cb3676"
DEFAULT_TABLES_SHA256 = "7910ff4041ebf7ed037cabb257a7a11361191361ed39a21598457ace9b93b682"
