/**
 * @baton/plugin-sdk — the typed contract between Baton and its plugins. See README.md for a worked
 * example; the test kit is `@baton/plugin-sdk/testing`.
 */
export {
  type InAppPush,
  InvalidPayloadError,
  PluginConfigError,
  type PluginContext,
  type PluginEvent,
  type PluginLogger,
  type PluginSecrets,
  secretsFrom,
} from './context.ts';
export {
  createGuardedHttp,
  createHttpAgents,
  deliveryFromError,
  deliveryFromResponse,
  type EgressPolicy,
  type GuardedHttpOptions,
  type HttpAgents,
  type PluginHttp,
  type PluginRequestInit,
  retryAfterMs,
} from './http.ts';
export {
  crossCheck,
  describeAjvErrors,
  type FolderLoad,
  loadPluginFolder,
  MANIFEST_FILE,
  type ManifestCheck,
  manifestAjv,
  type PluginProblem,
  validateManifest,
} from './manifest.ts';
export {
  AddressAllowList,
  assertAddressAllowed,
  EgressError,
  hostMatches,
  isNonPublicAddress,
} from './net.ts';
export { field, jsonBody, verifyBatonSignature } from './payload.ts';
export {
  type Capability,
  type CapabilityKind,
  type DefinedPlugin,
  type DeliveryResult,
  definePlugin,
  describeDefinitionProblems,
  type InboundEvent,
  type IngestCapability,
  type IngestRequest,
  type IngestResult,
  type IngestRoute,
  type IntelligenceCapability,
  isDefinedPlugin,
  type NodeKindCapability,
  type NotificationUrgency,
  type NotifierCapability,
  type OutboundMessage,
  PLUGIN_BRAND,
  type PluginDefinition,
  type PluginNodeInput,
  type PluginNodeKind,
  type PluginNodeResult,
  type Settings,
  type VerifyResult,
} from './plugin.ts';
export {
  DEFAULT_TOLERANCE_SEC,
  hmacHex,
  SIGNATURE_HEADER,
  signPayload,
  signSlackRequest,
  type Verification,
  verifyPayload,
  verifySlackRequest,
} from './signature.ts';
