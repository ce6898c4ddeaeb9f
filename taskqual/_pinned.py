"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "27487bdbb9d03d8da5e4af848e04e8a17052100be6bab7c6c73194031b7a7228"
DEFAULT_TABLES_SHA256 = "4c09b04d2a794bd0e892fb74f6d4d567921dfa23df0833840220a6ef8f6b2b46"
