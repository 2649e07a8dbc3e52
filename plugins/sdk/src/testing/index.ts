/**
 * The plugin test kit: a real context with a recorder, a loopback HTTP sink for providers' APIs,
 * signed inbound requests, sample messages, and the host's own manifest and result checks.
 */

export { loadPluginFolder } from '../manifest.ts';
export {
  createTestContext,
  type RecordedLog,
  type RecordedRequest,
  Recorder,
  type TestContext,
  type TestContextOptions,
} from './context.ts';
export {
  assertValidResult,
  type IngestRequestInit,
  ingestRequest,
  type ResultKind,
  sampleMessage,
  signedIngestRequest,
} from './fixtures.ts';
export { type HttpSink, type SinkHandler, type SinkReply, type SinkRequest, startHttpSink } from './sink.ts';
