"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "b9f0ec8e1650492ea8d24314a188a874c2541aa82030e5977df4420d23488a3f"
DEFAULT_TABLES_SHA256 = "6b9edfff142ae1e5f925764b513e90485a5fca61990642eadcaec91a30886fe1"
