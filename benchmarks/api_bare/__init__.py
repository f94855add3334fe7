"""The bare Django view ``bench_api.py`` compares the API with, served by the same gunicorn run."""
