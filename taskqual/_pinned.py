"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "dd8b7bddaa6701431373cb75bdb22e7d6153e9f0fd4f32876696d829f0c5d8d4"
DEFAULT_TABLES_SHA256 = "1e211f05fb4e82df86087d9957548fe14c5aaae90e5594f96c97bc1d12b6aff2"
