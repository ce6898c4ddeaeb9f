"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "46a74e86b42226a86dcb5c18b714d52aa17ca724658af933c81fa70ed80bd1bf"
DEFAULT_TABLES_SHA256 = "f7e60c407215a324b47b60057c3b506291886046b5155d156051a74e26d14b10"
