# Everyday commands. Run them from the repository root; they use the python on PATH (activate the venv first).
PYTHON ?= python

.PHONY: install lint format test-fast test train bench report-demo

install:  ## the library, the service and the dev tools, editable
	$(PYTHON) -m pip install -e '.[dev]'

lint:  ## what CI checks: ruff, ruff format, mypy (configured in pyproject.toml); all three run, any failure fails
	@status=0; \
	$(PYTHON) -m ruff check . || status=1; \
	$(PYTHON) -m ruff format --check . || status=1; \
	$(PYTHON) -m mypy || status=1; \
	exit $$status

format:  ## fix what ruff can fix, then format
	$(PYTHON) -m ruff check --fix .
	$(PYTHON) -m ruff format .

test-fast:  ## everything but the tests marked slow (servers, subprocesses, browser, Dask): under a few minutes
	$(PYTHON) -m pytest -q -p no:cacheprovider -m "not slow"

test:  ## the whole suite, as CI runs it
	$(PYTHON) -m pytest -q -p no:cacheprovider

EVAL_DATA ?= ../shared/eval/dev_real.jsonl

train:  ## rebuild the shipped model in models/ (fixed seed, about a minute), then its figures on EVAL_DATA
	$(PYTHON) -m training.train
	$(PYTHON) -m training.evaluate --data $(EVAL_DATA)

bench:  ## the library benchmark on 5,000 texts (about a minute); the full ones are described in README
	$(PYTHON) benchmarks/bench_core.py --n 5000

report-demo:  ## the evening review of the sample backlog: report-demo.html
	$(PYTHON) -m taskqual report data/samples/backlog.csv -o report-demo.html --today 2026-11-20
