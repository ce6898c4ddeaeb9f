"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "c04bdcf3110dea75269bed8dbad6c1b05b211a92f87a1f20ff3ef649c2bc0bc0"
DEFAULT_TABLES_SHA256 = "2eecdf156e73df1cbed1274202ab2120b99a87ae825d335522085736cb40d25e"
