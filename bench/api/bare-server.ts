/**
 * The baseline of the API benchmark: a bare node:http server on 127.0.0.1
 * that answers every GET with one precomputed JSON string (the body of the
 * real `GET /api/tasks`, read from the file given as the first argument).
 * Prints `listening <port>` once it accepts connections.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.argv[2];
if (!file) throw new Error('usage: bare-server.ts BODY.json');
const body = readFileSync(file, 'utf8');
const length = Buffer.byteLength(body);

const server = createServer((request, response) => {
  if (request.method !== 'GET') {
    response.writeHead(405, { 'content-length': 0 });
    response.end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': length });
  response.end(body);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});
