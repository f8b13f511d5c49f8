#!/usr/bin/env node
// A dependency-free MCP server over stdio (newline-delimited JSON-RPC), for tests only.
// Its tools describe the environment it was started with: the names of all variables, and the
// values of TINY_* variables that do not look secret (a secret's value is shown only as its length).
'use strict';

const readline = require('readline');

const SUPPORTED = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'];

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function describeValues() {
  return Object.keys(process.env)
    .filter((name) => name.startsWith('TINY_'))
    .sort()
    .map((name) =>
      /(TOKEN|SECRET|KEY|PASSWORD)/.test(name)
        ? name + '=<' + process.env[name].length + ' chars>'
        : name + '=' + process.env[name])
    .join(';');
}

function tools() {
  return [
    {
      name: 'env_names',
      description: 'env names: ' + Object.keys(process.env).sort().join(','),
      inputSchema: { type: 'object', properties: {} },
    },
    {
      name: 'env_values',
      description: 'env values: ' + describeValues(),
      inputSchema: { type: 'object', properties: {} },
    },
    {
      name: 'echo',
      description: 'Echoes its text argument back.',
      inputSchema: {
        type: 'object',
        properties: { text: { type: 'string', description: 'Text to echo.' } },
        required: ['text'],
      },
      annotations: { readOnlyHint: true },
    },
  ];
}

function handle(message) {
  if (message.id === undefined || message.id === null) {
    return; // a notification
  }
  const reply = { jsonrpc: '2.0', id: message.id };
  switch (message.method) {
    case 'initialize': {
      const asked = message.params && message.params.protocolVersion;
      reply.result = {
        protocolVersion: SUPPORTED.includes(asked) ? asked : '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'mcprisk-tiny-mcp-server', version: '1.0.0' },
      };
      break;
    }
    case 'tools/list':
      reply.result = { tools: tools() };
      break;
    case 'ping':
      reply.result = {};
      break;
    default:
      reply.error = { code: -32601, message: 'Method not found: ' + message.method };
  }
  send(reply);
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') {
    return;
  }
  let message;
  try {
    message = JSON.parse(line);
  } catch (e) {
    send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    return;
  }
  handle(message);
});
