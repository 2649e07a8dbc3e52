/**
 * Call recordings: the telephony provider POSTs a finished call with its transcript, signed with
 * Baton's scheme:
 *
 *   { "callId": "CA123", "issueId": "iss_…" | "issueExternalId": "…",
 *     "caller": { "phone": "+49…", "email": "…", "name": "…" },
 *     "startedAt": "…", "durationSec": 312, "recordingUrl": "https://…",
 *     "transcript": [ { "speaker": "agent", "start": 0.0, "end": 4.2, "text": "…" }, … ] }
 *
 * The transcript (speakers, start and end seconds) becomes a call_transcript event on the named
 * issue, or on a new phone issue for the caller. The same callId twice is applied once.
 */
import { definePlugin, field, InvalidPayloadError, jsonBody, verifyBatonSignature } from '@baton/plugin-sdk';

export default definePlugin<{ toleranceSec: number }>({
  name: 'call-recordings',
  capabilities: [
    {
      kind: 'ingest',
      routes: [
        {
          method: 'POST',
          path: '/recordings',
          verify: verifyBatonSignature,
          handle(request) {
            const body = jsonBody(request);
            const callId = field(body, 'callId', 'string', true);
            const transcript = field(body, 'transcript', 'array', true);
            if (!transcript.length) throw new InvalidPayloadError('transcript is empty');
            if (transcript.length > 5000)
              throw new InvalidPayloadError('transcript has more than 5000 segments');
            const segments = transcript.map((raw, i) => {
              if (typeof raw !== 'object' || raw === null)
                throw new InvalidPayloadError(`transcript.${i} must be an object`);
              const s = raw as Record<string, unknown>;
              const speaker = field(s, 'speaker', 'string', true);
              const start = field(s, 'start', 'number', true);
              const end = field(s, 'end', 'number');
              const text = field(s, 'text', 'string', true);
              if (start < 0 || (end !== undefined && end < start))
                throw new InvalidPayloadError(`transcript.${i}: start/end out of order`);
              return {
                speaker: speaker.slice(0, 100),
                startSec: start,
                ...(end !== undefined ? { endSec: end } : {}),
                text: text.slice(0, 20_000),
              };
            });
            const [first, ...rest] = segments;
            const issueId = field(body, 'issueId', 'string');
            const issueExternalId = field(body, 'issueExternalId', 'string');
            const caller = field(body, 'caller', 'object') ?? {};
            const from = {
              ...(typeof caller.phone === 'string' ? { phone: caller.phone } : {}),
              ...(typeof caller.email === 'string' ? { email: caller.email.toLowerCase() } : {}),
              ...(typeof caller.name === 'string' ? { name: caller.name.slice(0, 200) } : {}),
              ...(typeof caller.externalId === 'string'
                ? { externalId: caller.externalId.slice(0, 200) }
                : {}),
            };
            if (!issueId && !Object.keys(from).length)
              throw new InvalidPayloadError('name the issue (issueId) or the caller');
            const startedAt = field(body, 'startedAt', 'string');
            const durationSec = field(body, 'durationSec', 'number');
            const recordingUrl = field(body, 'recordingUrl', 'string');
            return {
              events: [
                {
                  type: 'call_transcript',
                  callKey: `call:${callId}`.slice(0, 500),
                  ...(issueId || issueExternalId
                    ? {
                        issue: {
                          ...(issueId ? { id: issueId } : {}),
                          ...(issueExternalId ? { externalId: issueExternalId } : {}),
                        },
                      }
                    : {}),
                  ...(Object.keys(from).length ? { from } : {}),
                  ...(startedAt && !Number.isNaN(Date.parse(startedAt))
                    ? { at: new Date(startedAt).toISOString() }
                    : {}),
                  ...(durationSec !== undefined && durationSec >= 0 ? { durationSec } : {}),
                  ...(recordingUrl ? { recordingRef: recordingUrl.slice(0, 1000) } : {}),
                  segments: [first!, ...rest],
                },
              ],
            };
          },
        },
      ],
    },
  ],
});
