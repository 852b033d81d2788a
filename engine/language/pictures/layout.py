"""A layered (Sugiyama) layout for drawing a DAG top to bottom: longest-path layers, dummy nodes on long
edges, crossing reduction by barycenter sweeps (the best ordering seen is kept), then x coordinates by
weighted isotonic regression per layer (each node pulled to its neighbours, boxes never overlapping).

Edges point from an input (above) to the node that uses it (below); a node's incoming edges arrive at
ports spread over its top side in input order, so `a - b` and `b - a` draw differently."""
from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

SWEEPS = 24  # barycenter sweeps (down and up alternately); the lessons' graphs settle in a few
PLACEMENT_ROUNDS = 16
BIG = 1500  # nodes and dummies together: past this, a third of the sweeps and half the rounds (~3x faster)
DUMMY_WIDTH = 10.0


@dataclass
class Box:
    width: float
    height: float


@dataclass
class Layout:
    """Centres of the boxes (`x`, `y`), the route of each edge (points from the input's bottom to the
    consumer's top port) and the picture's size."""

    x: list[float]
    y: list[float]
    routes: list[list[tuple[float, float]]]
    width: float
    height: float
    layers: list[list[int]] = field(default_factory=list)  # node (and dummy) ids per layer, top first
    crossings: int = 0


def layer_of(count: int, edges: list[tuple[int, int, int]], sink: int = 0) -> list[int]:
    """Each node's layer counted from the top: the sink is lowest, and every node sits one layer
    above its highest consumer (so a constant sits right above the op that uses it)."""
    consumers: list[list[int]] = [[] for _ in range(count)]
    indegree = [0] * count  # number of consumers not yet placed
    for source, target, _ in edges:
        consumers[source].append(target)
        indegree[source] += 1
    inputs: list[list[int]] = [[] for _ in range(count)]
    for source, target, _ in edges:
        inputs[target].append(source)
    depth = [0] * count  # longest path down to a sink
    ready = [n for n in range(count) if indegree[n] == 0]
    while ready:  # Kahn's order from the sinks up
        node = ready.pop()
        for source in inputs[node]:
            depth[source] = max(depth[source], depth[node] + 1)
            indegree[source] -= 1
            if indegree[source] == 0:
                ready.append(source)
    top = max(depth) if depth else 0
    return [top - d for d in depth]


def layout(boxes: list[Box], edges: list[tuple[int, int, int]], gap_x: float = 22.0,
           gap_y: float = 42.0, margin: float = 16.0) -> Layout:
    """Lay out nodes 0..n-1 (`boxes` gives their sizes; node 0 is the output) joined by `edges`
    (input, consumer, input position)."""
    n = len(boxes)
    layer = layer_of(n, edges)
    # Long edges become chains of dummy nodes, one per layer crossed.
    widths = [b.width for b in boxes]
    layer = list(layer)
    segments: list[tuple[int, int, int]] = []  # (upper, lower, port at lower; -1 for a dummy's one port)
    chains: list[list[int]] = []
    ports = [0] * n  # number of incoming ports per node
    for source, target, position in edges:
        ports[target] = max(ports[target], position + 1)
    for source, target, position in edges:
        chain = [source]
        for level in range(layer[source] + 1, layer[target]):
            dummy = len(widths)
            widths.append(DUMMY_WIDTH)
            layer.append(level)
            chain.append(dummy)
        chain.append(target)
        for upper, lower in zip(chain, chain[1:]):
            segments.append((upper, lower, position if lower == target else -1))
        chains.append(chain)
    total = len(widths)
    port_count = ports + [1] * (total - n)
    levels = max(layer) + 1 if layer else 0
    order = _initial_order(total, segments, layer, levels)
    order = _reduce_crossings(order, segments, layer, port_count)
    crossings = count_crossings(order, segments, layer, port_count)
    x = _place(order, segments, layer, widths, port_count, gap_x)
    # y: each layer as tall as its tallest box
    heights = [0.0] * levels
    for node in range(n):
        heights[layer[node]] = max(heights[layer[node]], boxes[node].height)
    tops = []
    y_cursor = margin
    for level in range(levels):
        tops.append(y_cursor)
        y_cursor += heights[level] + gap_y
    height = y_cursor - gap_y + margin
    y = [tops[layer[node]] + heights[layer[node]] / 2 for node in range(total)]
    left = min(x[node] - widths[node] / 2 for node in range(total)) if total else 0.0
    shift = margin - left
    x = [value + shift for value in x]
    width = max((x[node] + widths[node] / 2 for node in range(total)), default=0.0) + margin
    routes = []
    for chain, (source, target, position) in zip(chains, edges):
        points = [(x[source], y[source] + boxes[source].height / 2)]
        for dummy in chain[1:-1]:  # a long edge runs straight down through each layer it crosses
            level = layer[dummy]
            points.append((x[dummy], tops[level]))
            points.append((x[dummy], tops[level] + heights[level]))
        points.append((x[target] + port_offset(position, port_count[target], widths[target]),
                       y[target] - boxes[target].height / 2))
        routes.append(points)
    return Layout(x[:n], y[:n], routes, width, height, order, crossings)


def port_offset(position: int, count: int, width: float) -> float:
    """Where input `position` of `count` arrives, relative to the box's centre."""
    if count <= 1 or position < 0:
        return 0.0
    span = min(width * 0.6, 28.0 * (count - 1))
    return -span / 2 + span * position / (count - 1)


def _initial_order(total: int, segments: list[tuple[int, int, int]], layer: list[int], levels: int) -> list[list[int]]:
    """Layers ordered by a depth-first walk up from the output, inputs in order: planar for a tree."""
    uppers: list[list[tuple[int, int]]] = [[] for _ in range(total)]
    for upper, lower, port in segments:
        uppers[lower].append((port, upper))
    for items in uppers:
        items.sort(key=lambda item: item[0])
    order: list[list[int]] = [[] for _ in range(levels)]
    seen = [False] * total
    stack = [0] if total else []
    while stack:
        node = stack.pop()
        if seen[node]:
            continue
        seen[node] = True
        order[layer[node]].append(node)
        for _, upper in reversed(uppers[node]):
            if not seen[upper]:
                stack.append(upper)
    for node in range(total):  # anything the walk missed (nothing, for a graph with one output)
        if not seen[node]:
            order[layer[node]].append(node)
    return order


def _adjacency(segments, port_count) -> tuple[dict, dict]:
    """For each node, its neighbours above, and below with the fraction of the port it arrives at."""
    ups: dict[int, list[int]] = {}
    downs: dict[int, list[tuple[int, float]]] = {}
    for upper, lower, port in segments:
        count = port_count[lower]
        frac = 0.0 if port < 0 or count <= 1 else (port / (count - 1) - 0.5) * 0.8
        ups.setdefault(lower, []).append(upper)
        downs.setdefault(upper, []).append((lower, frac))
    return ups, downs


def _reduce_crossings(order: list[list[int]], segments, layer, port_count) -> list[list[int]]:
    """Barycenter sweeps, down and up in turn, each followed by transposition; the best ordering is kept."""
    ups, downs = _adjacency(segments, port_count)
    best = _transpose(order, ups, downs)
    best_count = count_crossings(best, segments, layer, port_count)
    current = [list(level) for level in best]
    rank = _ranks(current)
    sweeps = SWEEPS if len(layer) < BIG else SWEEPS // 3
    for sweep in range(sweeps):
        if best_count == 0:
            break
        downward = sweep % 2 == 0
        levels = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for level in levels:
            def key(item: tuple[int, int]) -> float:
                index, node = item
                if downward:
                    found = [rank[upper] for upper in ups.get(node, ())]
                else:
                    found = [rank[lower] + frac for lower, frac in downs.get(node, ())]
                return sum(found) / len(found) if found else float(index)

            current[level] = [node for _, node in sorted(enumerate(current[level]), key=key)]
            for i, node in enumerate(current[level]):
                rank[node] = i
        if sweep % 4 == 3 or sweep == sweeps - 1:  # (transposing costs more than a sweep: now and then)
            current = _transpose(current, ups, downs)
            rank = _ranks(current)
        count = count_crossings(current, segments, layer, port_count)
        if count < best_count:
            best, best_count = [list(level) for level in current], count
    return best


def count_crossings(order: list[list[int]], segments, layer, port_count) -> int:
    """Pairs of edges between two adjacent layers that cross (ports at the lower end counted apart)."""
    rank = _ranks(order)
    gaps = _by_gap(segments, layer, port_count)
    return sum(_gap_crossings(rank, pairs) for pairs in gaps.values())


def _ranks(order: list[list[int]]) -> dict[int, int]:
    return {node: i for level in order for i, node in enumerate(level)}


def _by_gap(segments, layer, port_count) -> dict[int, list[tuple[int, int, float]]]:
    """The segments between layer L and L+1, keyed by L: (upper, lower, the port's fraction)."""
    gaps: dict[int, list[tuple[int, int, float]]] = {}
    for upper, lower, port in segments:
        count = port_count[lower]
        frac = 0.0 if port < 0 or count <= 1 else (port / (count - 1) - 0.5) * 0.8
        gaps.setdefault(layer[upper], []).append((upper, lower, frac))
    return gaps


def _gap_crossings(rank: dict[int, int], segments: list[tuple[int, int, float]]) -> int:
    """Inversions of the lower ends once the segments are sorted by their upper ends (and, for one
    upper end, by their lower ends: those never cross), counted with a sorted list."""
    pairs = sorted((rank[upper], rank[lower] + frac) for upper, lower, frac in segments)
    seen: list[float] = []
    crossings = 0
    for _, low in pairs:
        crossings += len(seen) - bisect_right(seen, low)  # earlier segments ending right of this one
        insort(seen, low)
    return crossings


def _transpose(order: list[list[int]], ups: dict, downs: dict) -> list[list[int]]:
    """Swap neighbours in a layer while that removes crossings, until no swap helps. Swapping a and b
    only changes the crossings between a's edges and b's, so only those are counted."""
    order = [list(level) for level in order]
    rank = _ranks(order)

    def crossings(left: int, right: int) -> int:  # with `left` just left of `right`
        total = 0
        for ua in ups.get(left, ()):
            for ub in ups.get(right, ()):
                total += rank[ub] < rank[ua]
        for la, fa in downs.get(left, ()):
            for lb, fb in downs.get(right, ()):
                total += rank[lb] + fb < rank[la] + fa
        return total

    for _ in range(12):
        improved = False
        for nodes in order:
            for i in range(len(nodes) - 1):
                a, b = nodes[i], nodes[i + 1]
                if crossings(b, a) < crossings(a, b):
                    nodes[i], nodes[i + 1] = b, a
                    rank[a], rank[b] = i + 1, i
                    improved = True
        if not improved:
            break
    return order


def _place(order, segments, layer, widths, port_count, gap_x) -> list[float]:
    """x of every node: pulled towards its neighbours' ports, in layer order with room between boxes."""
    total = len(widths)
    x = [0.0] * total
    for level in order:
        cursor = 0.0
        for node in level:
            x[node] = cursor + widths[node] / 2
            cursor += widths[node] + gap_x
    links_up: list[list[tuple[int, float, float]]] = [[] for _ in range(total)]
    links_down: list[list[tuple[int, float, float]]] = [[] for _ in range(total)]
    for upper, lower, port in segments:
        offset = port_offset(port, port_count[lower], widths[lower])
        # straight long edges matter most: dummy-to-dummy links pull hardest
        weight = 1.0 + (widths[upper] == DUMMY_WIDTH) * 2.0 + (widths[lower] == DUMMY_WIDTH) * 2.0
        links_up[lower].append((upper, -offset, weight))  # lower wants x[upper] - offset
        links_down[upper].append((lower, offset, weight))  # upper wants x[lower] + offset
    for round_ in range(PLACEMENT_ROUNDS if total < BIG else PLACEMENT_ROUNDS // 2):
        phase = round_ % 3  # down, up, both
        levels = range(len(order)) if phase != 1 else range(len(order) - 1, -1, -1)
        for level in levels:
            nodes = order[level]
            targets, weights = [], []
            for node in nodes:
                links = (links_up[node] if phase == 0 else links_down[node] if phase == 1
                         else links_up[node] + links_down[node])
                if links:
                    total_weight = sum(w for _, _, w in links)
                    targets.append(sum((x[other] + offset) * w for other, offset, w in links) / total_weight)
                    weights.append(total_weight)
                else:
                    targets.append(x[node])
                    weights.append(0.1)
            gaps = [(widths[a] + widths[b]) / 2 + gap_x for a, b in zip(nodes, nodes[1:])]
            for node, value in zip(nodes, spaced_fit(targets, weights, gaps)):
                x[node] = value
    return x


def spaced_fit(targets: list[float], weights: list[float], gaps: list[float]) -> list[float]:
    """The positions closest to `targets` (weighted least squares) with x[i+1] - x[i] >= gaps[i]:
    shift by the cumulative gaps, then isotonic regression by pooling adjacent violators."""
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    shifted = [t - o for t, o in zip(targets, offsets)]
    blocks: list[list[float]] = []  # [weighted mean, weight, count]
    for value, weight in zip(shifted, weights):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean_b, weight_b, count_b = blocks.pop()
            mean_a, weight_a, count_a = blocks[-1]
            merged = weight_a + weight_b
            blocks[-1] = [(mean_a * weight_a + mean_b * weight_b) / merged, merged, count_a + count_b]
    fitted: list[float] = []
    for mean, _, count in blocks:
        fitted.extend([mean] * count)
    return [value + offset for value, offset in zip(fitted, offsets)]
