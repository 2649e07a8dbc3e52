import { describe, expect, it } from 'vitest';
import { optionTitles, uiSchemaFor, withFieldTitles } from './formSchema.ts';

describe('inspector forms in the user’s words', () => {
  it('asks for annotated ids and durations with pickers, also on $ref’d definitions and lists', () => {
    const schema = {
      type: 'object',
      properties: {
        to: {
          type: 'object',
          properties: {
            agentId: { $ref: '#/$defs/id', 'x-input': 'agent' },
            queue: { type: 'string', 'x-input': 'queue' },
          },
        },
        expiresIn: { $ref: '#/$defs/duration' },
        teams: { type: 'array', items: { $ref: '#/$defs/id', 'x-input': 'team' } },
        note: { type: 'string' },
      },
      $defs: { id: { type: 'string' }, duration: { type: 'string', 'x-input': 'duration' } },
    };
    const ui = uiSchemaFor(schema) as Record<string, Record<string, unknown>>;
    expect(ui.to).toEqual({
      agentId: { 'ui:widget': 'picker', 'ui:options': { input: 'agent' }, 'ui:description': '' },
      queue: { 'ui:widget': 'picker', 'ui:options': { input: 'queue' }, 'ui:description': '' },
    });
    // The definition's ISO-8601 help text is not shown; a description on the property would be.
    expect(ui.expiresIn).toEqual({ 'ui:widget': 'duration', 'ui:description': '' });
    expect(ui.teams).toEqual({ 'ui:widget': 'pickerList', 'ui:options': { input: 'team' } });
    expect(ui.note).toBeUndefined();
  });

  it('shows the choices of an enum in words', () => {
    const ui = uiSchemaFor({
      type: 'object',
      properties: {
        urgency: { type: 'string', enum: ['from_priority', 'high'] },
        metric: { $ref: '#/$defs/m' },
      },
      $defs: { m: { type: 'string', enum: ['firstResponse'] } },
    }) as Record<string, Record<string, unknown>>;
    expect(ui.urgency).toEqual({ 'ui:enumNames': ['From priority', 'High'] });
    expect(ui.metric).toEqual({ 'ui:enumNames': ['First response'] });
  });

  it('labels fields by their name in words, never by a type name', () => {
    const out = withFieldTitles({
      type: 'object',
      properties: {
        tags: { title: 'SetTags', type: 'object' },
        expiresIn: { title: 'Offer stands for', type: 'string' },
      },
    }) as { properties: Record<string, { title: string }> };
    expect(out.properties.tags?.title).toBe('Tags');
    expect(out.properties.expiresIn?.title).toBe('Offer stands for');
    const party = withFieldTitles({
      type: 'object',
      properties: { agentId: { $ref: '#/$defs/id', 'x-input': 'agent' }, teamId: { type: 'string' } },
    }) as { properties: Record<string, { title: string }> };
    expect(party.properties.agentId?.title).toBe('Agent');
    expect(party.properties.teamId?.title).toBe('Team id');
  });

  it('names the choices of a oneOf by what tells them apart', () => {
    const titles = (list: string[]) =>
      optionTitles(list.map((title) => ({ title }))).map((o) => (o as { title: string }).title);
    expect(titles(['NotifyUserTarget', 'NotifyAgentTarget', 'NotifyAssigneeTarget'])).toEqual([
      'User',
      'Agent',
      'Assignee',
    ]);
    expect(titles(['WaitForDuration', 'WaitUntilTime', 'WaitForEvent'])).toEqual([
      'For duration',
      'Until time',
      'For event',
    ]);
    expect(titles(['EscalationWaitStep', 'EscalationRoundRobinStep'])).toEqual(['Wait', 'Round robin']);
  });
});
