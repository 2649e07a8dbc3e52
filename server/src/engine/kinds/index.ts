/** The generic node kinds this module brings; other modules register theirs (route, sla, handoff, …). */
import type { NodeKindRegistry } from '../registry.ts';
import { conditionKind } from './condition.ts';
import { endKind } from './end.ts';
import { setKind } from './set.ts';
import { switchKind } from './switch.ts';
import { triggerKind } from './trigger.ts';
import { waitKind } from './wait.ts';

export type { ConditionNodeTrace } from './condition.ts';
export type { EndTrace } from './end.ts';
export type { SetTrace } from './set.ts';
export type { SwitchTrace } from './switch.ts';
export type { TriggerTrace } from './trigger.ts';
export type { WaitTrace } from './wait.ts';

export function registerGenericKinds(kinds: NodeKindRegistry): void {
  kinds.register(triggerKind);
  kinds.register(conditionKind);
  kinds.register(switchKind);
  kinds.register(setKind);
  kinds.register(waitKind);
  kinds.register(endKind);
}
