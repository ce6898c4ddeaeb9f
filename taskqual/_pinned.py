"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "88d30f89ec4c3948dad6166018b0d59a1b8a7e26805fd6e58b503794fb94a107"
DEFAULT_TABLES_SHA256 = "d434992904b330fe01b02fcbf59ddfc1b10134716e0a272e645a346d58b1887b"
