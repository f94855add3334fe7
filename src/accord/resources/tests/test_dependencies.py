"""Resource dependencies form no cycle (R18); the check is iterative, so long chains are fine."""

from accord.resources.models import find_dependency_cycle


def test_an_acyclic_graph_has_no_cycle():
    assert find_dependency_cycle([(1, 2), (2, 3), (1, 3)]) is None


def test_a_cycle_is_returned_as_a_closed_path():
    cycle = find_dependency_cycle([(1, 2), (2, 3), (3, 1), (4, 1)])
    assert cycle[0] == cycle[-1] and set(cycle) == {1, 2, 3}


def test_a_self_loop_is_a_cycle():
    assert find_dependency_cycle([(5, 5)]) == [5, 5]


def test_a_chain_of_100000_edges_needs_no_recursion():
    edges = [(n, n + 1) for n in range(100_000)]
    assert find_dependency_cycle(edges) is None
    assert find_dependency_cycle([*edges, (100_000, 0)]) is not None
