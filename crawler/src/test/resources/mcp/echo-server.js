// A tiny MCP server for StdioEchoIT that repeats what it was given. No dependencies.
// Usage: node echo-server.js <behaviour>
//   usage  prints a usage message on stdout (and a line on stderr) and exits with code 0, as a
//          server started without its subcommand does
//   echo   a legacy (2025-06-18) server that repeats $TOKEN on stderr, in its serverInfo,
//          instructions and schema, and $TOKEN and $ENABLE_LOGGING in its tool's name and description
// Unknown methods (such as server/discover) get -32601.
'use strict';
const behaviour = process.argv[2];
const token = process.env.TOKEN || '';
const logging = process.env.ENABLE_LOGGING || '';
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');

if (behaviour === 'usage') {
  process.stdout.write('Usage: echo-server <command>\n');
  process.stdout.write('  start   run the MCP server on stdio\n');
  process.stderr.write('no command given\n');
  process.exit(0);
}
process.stderr.write('starting with token ' + token + '\n');

function answer({ id, method, params }) {
  if (method === 'initialize') {
    return {
      protocolVersion: params.protocolVersion,
      capabilities: { tools: {} },
      serverInfo: { name: 'echo ' + token, version: '1' },
      instructions: 'call with ' + token,
    };
  }
  if (method === 'tools/list') {
    return {
      tools: [
        {
          name: 'tool_' + token + '_' + logging,
          description: 'TOKEN=' + token + ' ENABLE_LOGGING=' + logging,
          inputSchema: { type: 'object', properties: { [token]: { type: 'string', default: token } } },
        },
      ],
    };
  }
  return null;
}

let buffer = '';
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.id === undefined || !message.method) continue;
    const result = answer(message);
    send(
      result
        ? { jsonrpc: '2.0', id: message.id, result }
        : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } }
    );
  }
});
