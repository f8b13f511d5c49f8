// A stdio proxy for ClientCapabilitiesIT: starts a real MCP server and passes every line both ways,
// holding each client tools/list request back for `delay` ms, so a request the server sends a little
// after initialization (server-everything asks for roots 350 ms after notifications/initialized)
// reaches a client that is still connected. Every client answer to a server request is appended to
// <dir>/client-answers.jsonl. No dependencies.
// Usage: node slow-proxy.js <delay ms> <dir> <command> [args...]
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const [delay, dir, command, ...args] = process.argv.slice(2);
const log = path.join(dir, 'client-answers.jsonl');
const child = spawn(command === 'node' ? process.execPath : command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
const serverRequests = new Set();
let out = '';
child.stdout.on('data', (data) => {
  out += data.toString('utf8');
  let newline;
  while ((newline = out.indexOf('\n')) >= 0) {
    const line = out.slice(0, newline + 1);
    out = out.slice(newline + 1);
    try {
      const m = JSON.parse(line);
      if (m.method !== undefined && m.id !== undefined) serverRequests.add(JSON.stringify(m.id));
    } catch (e) { /* not JSON: passed on as it is */ }
    process.stdout.write(line);
  }
});
child.on('exit', (code) => process.exit(code === null ? 1 : code));
let buffer = '';
process.stdin.on('data', (data) => {
  buffer += data.toString('utf8');
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline + 1);
    buffer = buffer.slice(newline + 1);
    let m = null;
    try { m = JSON.parse(line); } catch (e) { /* passed on */ }
    if (m && m.method === undefined && serverRequests.has(JSON.stringify(m.id))) fs.appendFileSync(log, line);
    if (m && m.method === 'tools/list') setTimeout(() => child.stdin.write(line), Number(delay));
    else child.stdin.write(line);
  }
});
process.stdin.on('end', () => setTimeout(() => child.stdin.end(), Number(delay) + 100));
