// An MCP server over stdio that answers every request as a JSON-RPC batch (JSON-RPC 2.0, section 6;
// MCP 2025-03-26 "Batching"): a log notification, then the response, in one JSON array on one line.
// Negotiates 2025-03-26, the one version that allowed batches. No dependencies, for JsonRpcBatchIT.
// Usage: node batch-server.js
'use strict';
const readline = require('readline');
const note = { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'batched' } };
const result = (id, value) => ({ jsonrpc: '2.0', id, result: value });

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  const { id, method } = request;
  if (id === undefined) {
    return; // a notification
  }
  let response;
  if (method === 'initialize') {
    response = result(id, {
      protocolVersion: '2025-03-26',
      capabilities: { tools: {} },
      serverInfo: { name: 'batch', version: '1.0.0' },
    });
  } else if (method === 'tools/list') {
    response = result(id, {
      tools: [{ name: 'batched_tool', description: 'Arrives in a batch', inputSchema: { type: 'object' } }],
    });
  } else {
    response = { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } };
  }
  process.stdout.write(JSON.stringify([note, response]) + '\n');
});
