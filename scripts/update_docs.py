#!/usr/bin/env python3
"""Regenerate the README's rule reference, config and kinds tables from the code."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.docs import refresh  # noqa: E402
from linter.packs import builtin_rules_dir, load_packs  # noqa: E402

readme = ROOT / "README.md"
readme.write_text(refresh(readme.read_text("utf-8"), load_packs([builtin_rules_dir()])), "utf-8")
print(f"updated {readme}")
