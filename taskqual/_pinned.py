"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "f76c203523301a975e4dccee2b20083107d4506b4e2af1d256f487f63f81bb80"
DEFAULT_TABLES_SHA256 = "319db92bd71054cc7d94318c33115075630140d7329abc6e5146a3c1de7de65a"
