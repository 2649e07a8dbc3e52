import { session } from '../auth/session.ts';
import { request, toQueryString } from './client.ts';
import { errorFromResponse } from './errors.ts';

export type ReportName = 'handoffs' | 'sla' | 'routing' | 'teams' | 'bottlenecks';
export type Unit = 'count' | 'ms' | 'ratio';
export type Values = Record<string, number | null>;

export interface Column {
  key: string;
  label: string;
  unit: Unit;
  drill?: string;
}
export interface Row {
  key: string;
  label: string;
  values: Values;
}
export interface Table {
  groupBy: string;
  columns: Column[];
  rows: Row[];
}
export interface Report extends Table {
  report: ReportName;
  from: string;
  to: string;
  totals: Values;
  trend: { columns: Column[]; days: Array<{ day: string; values: Values }> };
  distributions?: Array<{ key: string; label: string; buckets: Array<{ label: string; count: number }> }>;
  tables?: Record<string, Table>;
  capacity?: Array<{ key: string; label: string; agents: number; open: number; capacity: number }>;
  /** Counters still being recounted from history after an upgrade. */
  recounting?: boolean;
}

export interface RangeQuery {
  from: string;
  to: string;
  groupBy?: string;
}

export interface IssuesBehind {
  column: string;
  columnLabel: string;
  from: string;
  to: string;
  groupBy: string;
  key?: string;
  keyLabel?: string;
  total: number;
  items: Array<{
    issueId: string;
    at: string;
    count: number;
    subject: string;
    status?: string;
    priority?: string;
    channel?: string;
  }>;
}

export interface RoiInputs {
  costPerHour: number;
  handoffsPerMonth: number;
  hoursLostPerHandoff: number;
}
export interface Roi {
  from: string;
  to: string;
  defaults: RoiInputs;
  /** Where each default comes from, and whether Baton measures that input. */
  sources: Record<keyof RoiInputs, { source: string; measured: boolean }>;
  inputs: RoiInputs;
  /** The measured value of the inputs Baton measures. */
  measuredInputs: Partial<Record<keyof RoiInputs, number | null>>;
  steps: Array<{
    key: string;
    label: string;
    formula: string;
    value: number | null;
    unit: 'money' | 'hours' | 'count' | 'ratio';
  }>;
}

export function getReport(report: ReportName, query: RangeQuery, signal?: AbortSignal): Promise<Report> {
  return request<Report>(`/api/analytics/${report}`, { query: { ...query }, signal });
}

export function getIssuesBehind(
  query: RangeQuery & { report: ReportName; column: string; key?: string },
  signal?: AbortSignal,
): Promise<IssuesBehind> {
  return request<IssuesBehind>('/api/analytics/issues', { query: { ...query }, signal });
}

export function getRoi(query: RangeQuery & Partial<RoiInputs>, signal?: AbortSignal): Promise<Roi> {
  return request<Roi>('/api/analytics/roi', { query: { ...query }, signal });
}

/** The report's grouped rows as a CSV file the browser saves. */
export async function downloadCsv(report: ReportName, query: RangeQuery): Promise<void> {
  const token = session.token();
  const response = await fetch(`/api/analytics/${report}${toQueryString({ ...query, format: 'csv' })}`, {
    headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok) throw await errorFromResponse(response);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${report}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
