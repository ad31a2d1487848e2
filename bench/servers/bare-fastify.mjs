// Baseline for the intake benchmark: a bare Fastify server (no logger, default
// JSON body parser) that answers POST /api/v1/reports with 201 {"id": "..."}.
// No validation, no storage: what the framework alone costs over node:http.
// Usage: node bench/servers/bare-fastify.mjs <port>
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? process.env.PORT ?? 8092);
const app = Fastify({ logger: false });

app.post('/api/v1/reports', async (request, reply) => {
  if (request.body === null || typeof request.body !== 'object') {
    return reply.code(400).send({ error: 'not_object' });
  }
  return reply.code(201).send({ id: randomUUID() });
});

await app.listen({ port, host: '127.0.0.1' });
console.log(`bare-fastify listening on ${port}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
