/** Customers: the people issues belong to. Owns the `customers` collection. */
import type {
  Customer,
  CustomerCreate,
  CustomerListQuery,
  CustomerRef,
  CustomerUpdate,
} from '@baton/schemas';
import { afterKey, decodeCursor, toPage } from '../http/cursor.ts';
import { invalidInput, notFound } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Filter, Store } from '../store/port.ts';

export class CustomerService {
  readonly #customers: Collection<Stored<Customer>>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.#customers = store.collection('customers');
  }

  async init(): Promise<void> {
    await this.#customers.createIndex({ keys: { externalId: 1 }, unique: true, sparse: true });
    await this.#customers.createIndex({ keys: { email: 1 } });
  }

  async create(input: CustomerCreate): Promise<Customer> {
    const now = this.clock.now().toISOString();
    const customer: Customer = {
      ...input,
      ...(input.email ? { email: input.email.toLowerCase() } : {}),
      id: newId('cus'),
      createdAt: now,
      updatedAt: now,
    };
    await this.#customers.insertOne(toStored(customer));
    return customer;
  }

  async get(id: string): Promise<Customer> {
    const found = await this.#customers.findOne({ _id: id });
    if (!found) throw notFound('customer', id);
    return fromStored(found);
  }

  async find(id: string): Promise<Customer | null> {
    const found = await this.#customers.findOne({ _id: id });
    return found ? fromStored(found) : null;
  }

  async update(id: string, patch: CustomerUpdate): Promise<Customer> {
    const $set = { ...patch, ...(patch.email ? { email: patch.email.toLowerCase() } : {}) };
    const updated = await this.#customers.findOneAndUpdate(
      { _id: id },
      { $set: { ...$set, updatedAt: this.clock.now().toISOString() } },
    );
    if (!updated) throw notFound('customer', id);
    return fromStored(updated);
  }

  async list(query: CustomerListQuery) {
    const limit = query.limit ?? 50;
    const filter: Filter = {};
    if (query.email) filter.email = query.email.toLowerCase();
    if (query.externalId) filter.externalId = query.externalId;
    const after = query.cursor ? afterKey(['name', '_id'], decodeCursor(query.cursor, 2), 1) : {};
    const rows = await this.#customers.find(
      { $and: [filter, after] },
      { sort: { name: 1, _id: 1 }, limit: limit + 1 },
    );
    return toPage(rows.map(fromStored<Customer>), limit, (c) => [c.name, c.id]);
  }

  /**
   * Finds the customer an incoming issue names, creating them when they are new. Matching order:
   * id (must exist), externalId, then email. Creation is an atomic upsert so two concurrent first
   * contacts from one person make one customer.
   */
  async resolve(ref: CustomerRef, pointer = '/customer'): Promise<Customer> {
    if (ref.id) {
      const found = await this.find(ref.id);
      if (!found) throw invalidInput(`${pointer}/id`, `no customer ${ref.id} exists`);
      return found;
    }
    const { id: _id, ...fields } = ref;
    const email = ref.email?.toLowerCase();
    const key = ref.externalId ? { externalId: ref.externalId } : email ? { email } : null;
    if (!key) throw invalidInput(`${pointer}`, 'name the customer by id, externalId or email');
    // Most contacts come from people already known: a read, no write.
    const existing = await this.#customers.findOne(key);
    if (existing) return fromStored(existing);
    const name = ref.name ?? email;
    if (!name) throw invalidInput(`${pointer}/name`, 'is required to create a new customer');
    const now = this.clock.now().toISOString();
    const doc = await this.#customers.findOneAndUpdate(
      key,
      {
        $setOnInsert: {
          _id: newId('cus'),
          ...fields,
          ...(email ? { email } : {}),
          name,
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true },
    );
    if (!doc) throw new Error('customer upsert returned nothing');
    return fromStored(doc);
  }
}
