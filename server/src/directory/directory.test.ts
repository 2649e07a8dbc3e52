import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';

let baton: TestBaton;
beforeAll(async () => {
  baton = await startTestBaton();
});
afterAll(() => baton.close());

describe('teams and agents', () => {
  it('creates agents with documented defaults', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/agents',
      payload: { name: 'Kenji Sato', email: 'kenji@example.com', timeZone: 'Asia/Tokyo' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'offline',
      capacity: { email: 5, chat: 3, phone: 1 },
      skills: [],
      workingHours: [],
      teamIds: [],
    });
  });

  it('validates time zones, shifts and skill levels by field', async () => {
    const res = await baton.request({
      method: 'POST',
      url: '/api/agents',
      payload: {
        name: 'Bad',
        email: 'bad@example.com',
        timeZone: 'Mars/Olympus',
        skills: [{ skill: 'billing', level: 9 }],
        workingHours: [{ day: 'mon', start: '25:00', end: '17:00' }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/body/timeZone', '/body/skills/0/level', '/body/workingHours/0/start']),
    );
  });

  it('links agents to teams, filters by team and skill, and unlinks on team deletion', async () => {
    const team = (
      await baton.request({
        method: 'POST',
        url: '/api/teams',
        payload: { name: 'Billing', queues: ['Billing and Payments'] },
      })
    ).json();
    const agent = (
      await baton.request({
        method: 'POST',
        url: '/api/agents',
        payload: {
          name: 'Amara Okafor',
          email: 'amara@example.com',
          timeZone: 'Africa/Lagos',
          teamIds: [team.id],
          skills: [{ skill: 'refunds', level: 4 }],
          status: 'available',
        },
      })
    ).json();
    const byTeam = (await baton.request({ url: `/api/agents?teamId=${team.id}&skill=refunds` })).json();
    expect(byTeam.items.map((a: { id: string }) => a.id)).toEqual([agent.id]);

    const unknownTeam = await baton.request({
      method: 'PATCH',
      url: `/api/agents/${agent.id}`,
      payload: { teamIds: [team.id, 'team_nope'] },
    });
    expect(unknownTeam.statusCode).toBe(422);
    expect(unknownTeam.json().errors[0].pointer).toBe('/body/teamIds/1');

    expect((await baton.request({ method: 'DELETE', url: `/api/teams/${team.id}` })).statusCode).toBe(204);
    expect((await baton.request({ url: `/api/agents/${agent.id}` })).json().teamIds).toEqual([]);
  });

  it('refuses a second team with the same name with 409', async () => {
    await baton.request({ method: 'POST', url: '/api/teams', payload: { name: 'Night shift' } });
    const res = await baton.request({ method: 'POST', url: '/api/teams', payload: { name: 'Night shift' } });
    expect(res.statusCode).toBe(409);
  });
});

describe('agent lists for routing', () => {
  it('are kept between reads and read again after every change made through the directory', async () => {
    const directory = baton.services.directory;
    const team = await directory.createTeam({ name: 'Cache Team' });
    const a = await directory.createAgent({
      name: 'Ana Cache',
      email: 'ana.cache@example.com',
      timeZone: 'Europe/Berlin',
      teamIds: [team.id],
    });
    const first = await directory.allAgents([team.id]);
    expect(first.map((x) => x.name)).toEqual(['Ana Cache']);
    // Callers get their own array (they sort and filter it) of agents nobody can change in place.
    first.pop();
    expect(await directory.allAgents([team.id])).toHaveLength(1);
    expect(Object.isFrozen((await directory.allAgents([team.id]))[0])).toBe(true);

    await directory.updateAgent(a.id, { status: 'available' });
    expect((await directory.allAgents([team.id]))[0]?.status).toBe('available');
    const b = await directory.createAgent({
      name: 'Ben Cache',
      email: 'ben.cache@example.com',
      timeZone: 'Europe/Berlin',
      teamIds: [team.id],
    });
    expect((await directory.allAgents([team.id])).map((x) => x.name)).toEqual(['Ana Cache', 'Ben Cache']);
    await directory.deleteAgent(b.id);
    await directory.deleteTeam(team.id);
    expect(await directory.allAgents([team.id])).toEqual([]);
    expect((await directory.allAgents()).find((x) => x.id === a.id)?.teamIds).toEqual([]);
  });
});
