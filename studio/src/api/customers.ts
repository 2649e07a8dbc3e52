import { request } from './client.ts';
import type { PageRequest } from './issues.ts';
import type { Customer, Page, TimelineEvent } from './types.ts';

export function getCustomer(id: string, signal?: AbortSignal): Promise<Customer> {
  return request<Customer>(`/api/customers/${encodeURIComponent(id)}`, { signal });
}

/** The unified timeline across all of the customer's issues; each event carries its issueId. */
export function listCustomerTimeline(id: string, page: PageRequest = {}): Promise<Page<TimelineEvent>> {
  return request<Page<TimelineEvent>>(`/api/customers/${encodeURIComponent(id)}/timeline`, {
    query: { limit: page.limit, cursor: page.cursor },
    signal: page.signal,
  });
}
