"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "2b93591011ce9db031a6d02f2592015849e53b3f5488766781469987ca4025f9"
DEFAULT_TABLES_SHA256 = "9a1492e5ee46dfb8943d53bb37b30fdfdec4ecd879d1e65b01212534cf0c97e1"
