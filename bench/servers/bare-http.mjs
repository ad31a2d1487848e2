// Baseline for the intake benchmark: a bare node:http server that reads the JSON
// body of POST /api/v1/reports, parses it and answers 201 {"id": "..."}. No
// validation, no storage: the floor any Node HTTP intake stands on.
// Usage: node bench/servers/bare-http.mjs <port>
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const port = Number(process.argv[2] ?? process.env.PORT ?? 8091);

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/v1/reports') {
    return send(res, 404, { error: 'not_found' });
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { error: 'invalid_json' });
    }
    if (body === null || typeof body !== 'object') return send(res, 400, { error: 'not_object' });
    send(res, 201, { id: randomUUID() });
  });
});

server.listen(port, '127.0.0.1', () => console.log(`bare-http listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
