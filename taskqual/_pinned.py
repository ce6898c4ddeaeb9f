"""sha256 of the model files this release ships; written by `python -m training.train`, checked on load."""

DEFAULT_MODEL_SHA256 = "49d89d594e2dcad2365e65af273afe7539b4e140ca1447450fb40e2fdd4e04ec"
DEFAULT_TABLES_SHA256 = "0c411929e86dd75ed1be364a29c28502ea4af117b84bd69409a709bc2a0a419c"
