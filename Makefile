# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# torch 2.13.0 is the CPU wheel on this machine's disk; any other version pulls a multi-GB CUDA build.
TORCH := torch==2.13.0
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: venv demo test lint typecheck fonts clean

# Installs are quiet (scripts/quiet_pip.sh): no pages of pip warnings, but a failure shows all.
PIP := sh scripts/quiet_pip.sh $(BIN)/pip

$(BIN)/python:
	@echo "创建虚拟环境 / creating $(VENV)"
	@$(PY) -m venv $(VENV)
	@$(PIP) --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	@echo "安装依赖（几分钟）/ installing dependencies (a few minutes)"
	@$(PIP) $(TORCH)
	@$(PIP) -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP) fonts
	@$(BIN)/kehou demo

# Chinese labels on charts need a CJK font; best effort (charts fall back to English labels).
fonts:
	@fc-list :lang=zh 2>/dev/null | grep -q . || \
	  ( command -v apt-get >/dev/null && apt-get update -qq >/dev/null 2>&1 && \
	    apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 ) || \
	  echo "未能安装中文字体，图表用英文标签 / no CJK font installed: charts use English labels"

test: $(STAMP) fonts
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info kehou.db demo-out
