"""sha256 of the model this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "1b629b60e65df72ef33769bf11c2d2d72521bd87463cbbf1772d7ead8e993bbe"
