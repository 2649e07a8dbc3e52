/**
 * Attacks 3 and 7: connections that are never finished, too many of them, and requests the router
 * or Node's parser refuses before any route runs. Each answer is an RFC 9457 problem, and the server
 * keeps answering.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawSocket } from '../../server/src/collab/testing.ts';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy, expectProblem } from './support.ts';

let baton: TestBaton;
let port: number;
let url: string;

beforeAll(async () => {
  baton = await startTestBaton({
    limits: {
      requestTimeoutMs: 600,
      headersTimeoutMs: 300,
      maxConnectionsPerIp: 6,
      maxRequestsPerPrincipal: 1,
    },
    services: { collab: { maxConnectionsPerPrincipal: 2 } },
  });
  url = await baton.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(url).port);
});
afterAll(async () => {
  await baton.close();
});

/** Opens a TCP connection, writes `head`, and collects whatever comes back until it closes. */
function rawRequest(head: string): { socket: Socket; response: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  socket.write(head);
  const chunks: Buffer[] = [];
  const response = new Promise<string>((done) => {
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', () => done(Buffer.concat(chunks).toString()));
    socket.on('error', () => {});
  });
  return { socket, response };
}

function parse(raw: string): { status: number; type: string; body: Record<string, unknown> } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const type = /content-type: *([^\r\n]+)/i.exec(head)?.[1] ?? '';
  return { status, type, body: body ? JSON.parse(body) : {} };
}

describe('malformed URLs are answered as problems', () => {
  it('bad percent-encoding (FST_ERR_BAD_URL): 400 problem', async () => {
    const response = await baton.request({ url: '/api/issues/%E0%A4%A' });
    expectProblem(response, 400, /URL is not valid/);
    await expectHealthy(baton);
  });

  it('an over-long path parameter: 414 problem', async () => {
    const response = await baton.request({ url: `/api/issues/${'x'.repeat(500)}` });
    expectProblem(response, 414);
    await expectHealthy(baton);
  });

  it('oversized headers (431) and garbage (400) from Node’s parser: problems too', async () => {
    const big = rawRequest(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const answer = parse(await big.response);
    expect(answer.status).toBe(431);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ status: 431, title: 'Request header fields too large' });

    const garbage = parse(await rawRequest('NOT HTTP AT ALL\r\n\r\n').response);
    expect(garbage.status).toBe(400);
    expect(garbage.type).toBe('application/problem+json');
    await expectHealthy(baton);
  });
});

describe('slow and piled-up connections', () => {
  it('a body that trickles in is cut off with a 408 problem', async () => {
    const started = Date.now();
    const slow = rawRequest(
      `POST /api/issues HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${baton.adminToken}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"subj`,
    );
    const answer = parse(await slow.response);
    expect(answer.status).toBe(408);
    expect(answer.type).toBe('application/problem+json');
    expect(Date.now() - started).toBeLessThan(5_000);
    await expectHealthy(baton);
  });

  it('headers that never finish are cut off too', async () => {
    const slow = rawRequest('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    expect(parse(await slow.response).status).toBe(408);
    await expectHealthy(baton);
  });

  it('one address cannot hold more connections than its cap', async () => {
    const held = Array.from({ length: 6 }, () => connect(port, '127.0.0.1'));
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    const extra = rawRequest('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await extra.response).toBe('');
    for (const s of held) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    await expectHealthy(baton);
  });

  it('one principal cannot hold more requests in flight than its cap (429)', async () => {
    const agent = await baton.tokenFor('agent');
    const { issue } = await baton.services.issues.create({
      subject: 'In flight',
      body: 'x',
      channel: 'email',
      customer: { email: 'flight@example.test' },
    });
    // An upload whose body trickles: its handler waits for the stream, the request stays in flight.
    const slow = rawRequest(
      `POST /api/issues/${issue.id}/files?filename=a.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${agent}\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\nabc`,
    );
    await new Promise((r) => setTimeout(r, 150));
    const second = await baton.request({ url: '/api/issues', token: agent });
    expectProblem(second, 429, /in flight/);
    expect(parse(await slow.response).status).toBe(408);
    // The timed-out upload gave its slot back.
    await new Promise((r) => setTimeout(r, 300));
    const after = await baton.request({ url: '/api/issues', token: agent });
    expect(after.statusCode, after.body).toBe(200);
    await expectHealthy(baton);
  });

  it('one principal cannot hold more hub connections than its cap (4429)', async () => {
    const token = await baton.tokenFor('designer');
    const { issue } = await baton.services.issues.create({
      subject: 'Cap',
      body: 'Cap.',
      channel: 'email',
      customer: { email: 'cap@example.test' },
    });
    const path = `/collab/issue:${issue.id}?token=${token}`;
    const first = await openRawSocket(url, path);
    const second = await openRawSocket(url, path);
    const third = await openRawSocket(url, path);
    expect((await third.closed).code).toBe(4429);
    first.socket.close();
    second.socket.close();
    await expectHealthy(baton);
  });
});
