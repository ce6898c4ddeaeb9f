"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "53635991a29b06e0049832fbf90ebef8a529d5fe2fa90d2d3b2709452e4d1ea6"
DEFAULT_TABLES_SHA256 = "ca2dcd2a65d7909ff94857d96bab3b6fa20c8445e3a635ab5699844092d23bf4"
