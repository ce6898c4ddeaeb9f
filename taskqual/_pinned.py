"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "12e02e5b0eb3438d0ba7ce991821babb3e6e6d5edb56cab5662045b8a42749fc"
DEFAULT_TABLES_SHA256 = "8b5bb54b660f1e2390a92f5370afe0236539d4e609a169a10ad6399aa141177f"
