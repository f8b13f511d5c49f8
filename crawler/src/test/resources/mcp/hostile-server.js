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
//   garbage    writes non-JSON lines forever
//   huge-line  writes one line of 400 MiB (in 1 MiB writes, as fast as the pipe takes it)
//   deep       answers initialize with a 200,000-deep nested array
//   endless-cursor  every tools/list page has a new nextCursor
//   many-tools 300,000 tools on one page
//   wrong-id   answers initialize with another id
//   drip       answers initialize one byte per second
//   strict     exits with code 1 on any request before initialize (as some old SDKs do)
//   modern     speaks 2026-07-28: answers server/discover, expects _meta on every request
// Every behaviour but silent answers unknown methods (such as server/discover) with -32601.
'use strict';
const { spawn } = require('child_process');
const behaviour = process.argv[2];
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const tool = (name, description) => ({ name, description, inputSchema: { type: 'object' } });
let child = null;
let modernMetaSeen = 0;
const pending = new Map();
let rootsAnswer = 'none';

if (behaviour === 'exit') {
  process.stderr.write('fatal: MISSING_API_KEY is not set\n');
  process.exit(3);
}
if (behaviour === 'garbage') {
  const line = 'not json at all, just a log line\n'.repeat(1000);
  const pump = () => { while (process.stdout.write(line)) {} process.stdout.once('drain', pump); };
  pump();
}
if (behaviour === 'huge-line') {
  const chunk = 'x'.repeat(1 << 20);
  let left = 400;
  const pump = () => {
    while (left > 0) { left--; if (!process.stdout.write(chunk)) { process.stdout.once('drain', pump); return; } }
    process.stdout.write('\n');
  };
  pump();
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
  if (behaviour === 'modern') {
    const meta = params && params._meta;
    if (meta && meta['io.modelcontextprotocol/protocolVersion'] === '2026-07-28') modernMetaSeen++;
    if (method === 'server/discover') {
      send({ jsonrpc: '2.0', id, result: { resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {}, prompts: {} }, serverInfo: { name: 'hostile-modern', version: '1.0.0' } } });
      return;
    }
    if (method === 'tools/list') {
      send({ jsonrpc: '2.0', id, result: { resultType: 'complete', ttlMs: 60000, cacheScope: 'public', tools: [tool('meta_seen', String(modernMetaSeen))] } });
      return;
    }
    if (method === 'prompts/list') {
      send({ jsonrpc: '2.0', id, result: { resultType: 'complete', prompts: [{ name: 'a' }, { name: 'b' }] } });
      return;
    }
    send({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
    return;
  }
  if (behaviour === 'strict' && method === 'server/discover') {
    process.exit(1);
  }
  if (method !== 'initialize' && method !== 'tools/list') {
    send({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
    return;
  }
  if (method === 'initialize') {
    if (behaviour === 'deep') {
      process.stdout.write('{"jsonrpc":"2.0","id":' + id + ',"result":' + '['.repeat(200000) + ']'.repeat(200000) + '}\n');
      return;
    }
    if (behaviour === 'wrong-id') {
      send({ jsonrpc: '2.0', id: id + 100, result: {} });
      return;
    }
    if (behaviour === 'drip') {
      const text = JSON.stringify({ jsonrpc: '2.0', id, result: { protocolVersion: params.protocolVersion, capabilities: {}, serverInfo: { name: 'drip', version: '1' } } }) + '\n';
      let i = 0;
      const timer = setInterval(() => { if (i < text.length) process.stdout.write(text[i++]); else clearInterval(timer); }, 1000);
      return;
    }
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
    if (behaviour === 'endless-cursor') {
      const page = params && params.cursor ? Number(params.cursor.slice(5)) : 0;
      send({ jsonrpc: '2.0', id, result: { tools: [tool('tool_' + page, 'page ' + page)], nextCursor: 'page-' + (page + 1) } });
      return;
    }
    if (behaviour === 'many-tools') {
      const tools = [];
      for (let i = 0; i < 300000; i++) tools.push({ name: 't' + i, inputSchema: { type: 'object' } });
      send({ jsonrpc: '2.0', id, result: { tools } });
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
    let message;
    try { message = JSON.parse(line); } catch (e) { continue; }
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
