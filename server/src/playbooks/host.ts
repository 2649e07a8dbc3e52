/**
 * What the playbook node kinds need of the playbook module, as an interface so the kinds stay a
 * description plus a few calls (and a test can see exactly what they ask for).
 */
import type {
  EscalationStep,
  ExpertCandidate,
  Issue,
  PlaybookItem,
  PlaybookPerson,
  PlaybookRole,
  PlaybookStep,
  PlaybookWindow,
} from '@baton/schemas';

export interface StepSpec {
  type: 'task' | 'consult' | 'receipt' | 'satisfaction';
  title: string;
  role?: PlaybookRole;
  items?: PlaybookItem[];
  window?: PlaybookWindow;
  /** A fixed due time (a consultation's reply deadline, a satisfaction check's wait). */
  dueAt?: string;
  evidence?: 'none' | 'optional' | 'required';
  instructions?: string;
  escalation?: EscalationStep[];
  question?: string;
}

export interface PlaybookHost {
  /** Opens a step on the live run; the run must be executing in this process (the runtime holds it). */
  openStep(runId: string, nodeId: string, spec: StepSpec): Promise<PlaybookStep>;
  setExpert(runId: string, expert: PlaybookPerson): Promise<void>;
  /** The expert named when the run started, if any (null outside a live run). */
  currentExpert(runId: string): PlaybookPerson | null;
  /** Pulls the people of these roles into the issue's war room; returns their names. */
  openWarRoom(runId: string, nodeId: string, roles: PlaybookRole[], message?: string): Promise<string[]>;
  rankExperts(issue: Issue): Promise<ExpertCandidate[]>;
}
