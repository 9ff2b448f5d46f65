"""`congvan report`: the task graph as a static HTML site an office opens from a folder.

build.build() writes it; data.py reads the store (the schema's macros and views), highlight.py
places each extracted value in the document's text, graphs.py lays out the directive graph
with Graphviz dot, charts.py gives plotly.js its figures, images.py renders PDF pages.
"""
