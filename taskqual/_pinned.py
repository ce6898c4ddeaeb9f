"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "5c1b649d34b112e389ccfb9b0719ebb6d2d73985b85b700fe3f9e98312035c5e"
DEFAULT_TABLES_SHA256 = "4cc35aefe55a8a83df49389d95221e9aaa0c33231370265c97ae199389fadb4f"
