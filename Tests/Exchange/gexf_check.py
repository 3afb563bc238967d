"""Reads a GEXF file with networkx (3.x reads GEXF 1.3) and prints its node and edge counts and
the number of edges with a spell, so a test can compare them with what was exported.

    python3 Tests/Exchange/gexf_check.py FILE.gexf
"""
import sys

import networkx as nx

graph = nx.read_gexf(sys.argv[1])
spells = sum(1 for *_, data in graph.edges(data=True) if data.get("spells"))
print(graph.number_of_nodes(), graph.number_of_edges(), spells)
