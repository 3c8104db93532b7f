#!/usr/bin/env node
// Read a GraphML or GEXF file with graphology and print its nodes and edges as JSON.
// Usage: node read_graph.js FILE.graphml|FILE.gexf
'use strict';
const fs = require('fs');
const path = require('path');
const {MultiDirectedGraph} = require('graphology');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node read_graph.js FILE.graphml|FILE.gexf\n');
  process.exit(2);
}
const source = fs.readFileSync(file, 'utf-8');
const parser = path.extname(file) === '.gexf' ? require('graphology-gexf') : require('graphology-graphml');
const graph = parser.parse(MultiDirectedGraph, source);
const out = {
  type: graph.type,
  multi: graph.multi,
  attributes: graph.getAttributes(),
  nodes: graph.mapNodes((id, attributes) => ({id, attributes})),
  edges: graph.mapEdges((id, attributes, source, target) => ({id, source, target, attributes})),
};
process.stdout.write(JSON.stringify(out) + '\n');
