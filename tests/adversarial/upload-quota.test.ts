/**
 * Attack 2: uploaded files lived in memory with no quota; an agent key uploading 10 MiB files ended
 * the process after 297 uploads. Now files are streamed to disk beside the store (never whole in the
 * heap), and a file, an issue and the instance each have a limit: 413 past the file or issue limit,
 * 507 past the instance's.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../../server/src/testing/harness.ts';
import { expectHealthy, expectProblem } from './support.ts';

const KiB = 1024;
let baton: TestBaton;
let agent: string;
let n = 0;

beforeAll(async () => {
  baton = await startTestBaton({
    services: {
      files: { maxFileBytes: 64 * KiB, issueQuotaBytes: 160 * KiB, instanceQuotaBytes: 400 * KiB },
    },
  });
  agent = await baton.tokenFor('agent');
});
afterAll(() => baton.close());

async function newIssue(): Promise<string> {
  const { issue } = await baton.services.issues.create({
    subject: `Uploads ${++n}`,
    body: 'Files attached.',
    channel: 'email',
    customer: { email: `u${n}@example.com` },
  });
  return issue.id;
}

function upload(issueId: string, size: number, seed: number) {
  const body = Buffer.alloc(size, seed);
  return baton.request({
    method: 'POST',
    url: `/api/issues/${issueId}/files?filename=f${seed}.bin`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: body,
    token: agent,
  });
}

describe('upload quotas', () => {
  it('stores files on disk beside the store, not in the store', async () => {
    const issueId = await newIssue();
    const ok = await upload(issueId, 40 * KiB, 1);
    expect(ok.statusCode, ok.body).toBe(201);
    const sha = ok.json().sha256 as string;
    expect(await readdir(join(baton.dataDir, 'files', sha.slice(0, 2)))).toContain(sha);
    expect(await baton.services.store.collection('collab_file_chunks').countDocuments({})).toBe(0);
    const back = await baton.request({ url: `/api/files/${sha}`, token: agent });
    expect(back.rawPayload.equals(Buffer.alloc(40 * KiB, 1))).toBe(true);
  });

  it('refuses a file over the per-file limit with 413', async () => {
    expectProblem(await upload(await newIssue(), 65 * KiB, 2), 413, /65536/);
    await expectHealthy(baton);
  });

  it('refuses what would pass the issue quota with 413, and counts the same bytes once', async () => {
    const issueId = await newIssue();
    for (const seed of [3, 4]) expect((await upload(issueId, 60 * KiB, seed)).statusCode).toBe(201);
    // The same bytes again cost nothing.
    expect((await upload(issueId, 60 * KiB, 3)).statusCode).toBe(200);
    expectProblem(await upload(issueId, 60 * KiB, 5), 413, /issue/);
    await expectHealthy(baton);
  });

  it('refuses what would pass the instance quota with 507, and keeps serving', async () => {
    let answer = await upload(await newIssue(), 60 * KiB, 10);
    for (let seed = 11; answer.statusCode === 201 && seed < 30; seed++) {
      answer = await upload(await newIssue(), 60 * KiB, seed);
    }
    expectProblem(answer, 507, /instance/);
    await expectHealthy(baton);
  });
});
