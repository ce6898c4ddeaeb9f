"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "10c4d861a81adf70b1503be26998205757711a2e9379c1ea78abd62a39e9270e"
DEFAULT_TABLES_SHA256 = "281d69f500fd66cdcb6848b49444e4184c52caa00de7a122bb00f82352c468fc"
