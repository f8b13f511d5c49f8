// A tiny, deliberately badly behaved MCP server for StdioMcpClientIT. No dependencies.
// Usage: node hostile-server.js <behaviour>
//   noisy      log lines on stdout, a roots/list request and a ping before answering, one nameless tool
//   silent     reads requests, never answers
//   exit       writes to stderr and exits with code 3 before answering
//   long-line  answers initialize with one line of 1 MiB
//   paging     5 pages of 3 tools, linked by nextCursor
//   old-version  answers protocolVersion 1999-01-01
//   stubborn   ignores SIGTERM and stdin's end, spawns a child that ignores SIGTERM too;
//              the tool descriptions carry both pids
'use strict';
const { spawn } = require('child_process');
const behaviour = process.argv[2];
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const tool = (name, description) => ({ name, description, inputSchema: { type: 'object' } });
let child = null;
const pending = new Map();
let rootsAnswer = 'none';

if (behaviour === 'exit') {
  process.stderr.write('fatal: MISSING_API_KEY is not set\n');
  process.exit(3);
}
if (behaviour === 'stubborn') {
  process.on('SIGTERM', () => process.stderr.write('ignoring SIGTERM\n'));
  child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);"], {
    stdio: 'ignore',
  });
  setInterval(() => {}, 1000);
}

function answer(request) {
  const { id, method, params } = request;
  if (method === 'initialize') {
    if (behaviour === 'long-line') {
      process.stdout.write('{"jsonrpc":"2.0","id":' + id + ',"result":{"pad":"' + 'x'.repeat(1 << 20) + '"}}\n');
      return;
    }
    const protocolVersion = behaviour === 'old-version' ? '1999-01-01' : params.protocolVersion;
    const result = { protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'hostile-' + behaviour, version: '0.0.1' } };
    if (behaviour === 'noisy') {
      process.stdout.write('Starting hostile server...\n');
      process.stdout.write('[info] {not json either\n');
      send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'hello' } });
      send({ jsonrpc: '2.0', id: 'srv-roots', method: 'roots/list' });
      send({ jsonrpc: '2.0', id: 'srv-ping', method: 'ping' });
      send({ jsonrpc: '2.0', id: 999, result: { unrelated: true } });
      pending.set('srv-roots', () => send({ jsonrpc: '2.0', id, result }));
      return;
    }
    send({ jsonrpc: '2.0', id, result });
    return;
  }
  if (method === 'tools/list') {
    if (behaviour === 'paging') {
      const page = params && params.cursor ? Number(params.cursor.slice(5)) : 0;
      const tools = [0, 1, 2].map((i) => tool('tool_' + page + '_' + i, 'page ' + page));
      send({ jsonrpc: '2.0', id, result: page < 4 ? { tools, nextCursor: 'page-' + (page + 1) } : { tools } });
      return;
    }
    if (behaviour === 'stubborn') {
      send({ jsonrpc: '2.0', id, result: { tools: [tool('server_pid', String(process.pid)), tool('child_pid', String(child.pid))] } });
      return;
    }
    send({ jsonrpc: '2.0', id, result: { tools: [tool('echo', 'roots/list answer: ' + rootsAnswer), { description: 'no name' }] } });
    return;
  }
}

let buffer = '';
process.stdin.on('data', (data) => {
  buffer += data.toString('utf8');
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.method === undefined) {
      if (message.id === 'srv-roots') {
        rootsAnswer = message.error ? 'error ' + message.error.code : 'result';
      }
      const next = pending.get(message.id);
      if (next) {
        pending.delete(message.id);
        next();
      }
      continue;
    }
    if (behaviour === 'silent' || message.id === undefined) continue;
    answer(message);
  }
});
if (behaviour !== 'stubborn') {
  process.stdin.on('end', () => process.exit(0));
}
