"""The shipped model files (installed as the package ``taskqual._models``)."""
