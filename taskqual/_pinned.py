"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "02c835c9743cb13d75236c41d93bab7f3e9b2df55d623688eef9ecb50278d259"
DEFAULT_TABLES_SHA256 = "fab94779a2c5afb0f16f9eeefae6b069e901d92d965b52d7dc2e6616379ed383"
