"""The picture tests share their programs through `gb_picture_programs` (beside this file)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
