"""Teaching pictures of the compute graph: the graph model with values and adjoints (`graph.py`), its
layered layout (`layout.py`), the SVG drawing (`svg.py`), and the backward pass step by step with each
primitive's derivative rule written out (`rules.py`, `backprop.py`). Pure Python, no system binary.
Plots (`plot.py`): the Plot value, its Unicode chart (`chart.py`) and its SVG by Matplotlib (`plot_svg.py`)."""
