#!/usr/bin/env node
// A dependency-free MCP stdio server for LaunchPackagesIT: it shows what a careless or hostile
// server does with a secret it was given. With the argument "serve" it puts ECHO_TOKEN into its
// serverInfo, instructions and a tool description; with "crash" it prints ECHO_TOKEN on stderr
// and exits 1 before answering. Its tool also shows the file config/settings.txt of its working
// directory, and whether its second argument names that directory.
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');

const token = process.env.ECHO_TOKEN || '(unset)';
const mode = process.argv[2] || '(none)';

if (mode === 'crash') {
  process.stderr.write('fatal: cannot log in with token ' + token + '\n');
  process.exit(1);
}

function config() {
  try {
    return fs.readFileSync(path.join('config', 'settings.txt'), 'utf8').trim();
  } catch (e) {
    return '(none)';
  }
}

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function handle(message) {
  if (message.id === undefined || message.id === null) {
    return;
  }
  const reply = { jsonrpc: '2.0', id: message.id };
  if (message.method === 'initialize') {
    reply.result = {
      protocolVersion: '2025-06-18',
      capabilities: { tools: {} },
      serverInfo: { name: 'echo-secret ' + token, version: '1.0.0' },
      instructions: 'started in mode ' + mode + ' with token ' + token,
    };
  } else if (mode === 'serve' && message.method === 'tools/list') {
    reply.result = {
      tools: [
        {
          name: 'whoami',
          description:
            'Logged in with token ' + token + ' in mode ' + mode + '; config: ' + config() +
            '; work dir argument is the working directory: ' +
            (process.argv[3] === process.cwd()),
          inputSchema: { type: 'object', properties: { [token]: { type: 'string' } } },
        },
      ],
    };
  } else if (message.method === 'ping') {
    reply.result = {};
  } else {
    reply.error = { code: -32601, message: 'Method not found: ' + message.method };
  }
  send(reply);
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') {
    return;
  }
  try {
    handle(JSON.parse(line));
  } catch (e) {
    process.stderr.write('bad line\n');
  }
});
