/**
 * Posting lists of the retrieval indexes, all in two shared typed arrays (an arena) instead of an
 * object and two typed arrays per list: hashed features and unusual words (reference numbers, names)
 * make hundreds of thousands of lists of one or two entries, and per-list objects cost ten times
 * what their entries do. A list is a run `[start, start + length)` of (slot, value) entries, keyed by
 * a small dense number (a hashed feature, a term number).
 *
 * A full list moves to the end of the arena with half again its room; the hole it leaves is
 * reclaimed by {@link PostingArena.pack}, which runs on its own once holes outweigh entries and is
 * called after a bulk load to drop every spare slot.
 *
 * Until that first tight pack the arena is loading, and its two arrays are views of resizable
 * buffers (ES2024): they grow in place, and the tight pack copies the entries into plain arrays and
 * resizes the loading buffers to nothing, which gives their memory back at once. Grown as plain
 * arrays instead, every outgrown pair (~300 MB in all while the warm-up indexes 50,000 past issues)
 * waits for the next full garbage collection, so the server's resident memory after start-up was
 * whatever was left when it went idle: 580–890 MB in runs of the same start at 100,000 issues.
 * Plain arrays after it, because V8 11 reads elements of resizable-buffer views ~20–30 % slower
 * (measured), and the live index is searched on every new issue (a few thousand entries a query).
 */
export class PostingArena {
  /** Document slot of each entry. */
  slots: Int32Array;
  /** Value of each entry (a weight, a term frequency). */
  vals: Float32Array;
  #used = 0;
  /** Entries the lists hold; `#used` minus this is room not in use (holes and spare capacity). */
  #entries = 0;
  /**
   * Per key, its list's start, length and capacity side by side (stride 3): a query looks up start and
   * length of a few hundred keys scattered over the table, and side by side that is one cache miss per
   * key instead of two.
   */
  #lists: Int32Array;

  /** Loading: the entries are in resizable buffers (see the class comment), until the first tight pack. */
  #loading = true;

  constructor(keys: number, entries = 1024) {
    [this.slots, this.vals] = this.#allocate(entries);
    this.#lists = new Int32Array(keys * 3);
  }

  /** True until the first tight pack: the arrays grow in place. */
  get loading(): boolean {
    return this.#loading;
  }

  /** Bytes of the typed arrays (for the warm-up's log line). */
  get bytes(): number {
    return this.slots.byteLength + this.vals.byteLength + this.#lists.byteLength;
  }

  /** Where a key's list starts in {@link slots} / {@link vals}. */
  start(key: number): number {
    return this.#lists[key * 3] ?? 0;
  }

  /** How many entries a key's list holds (0 for a key never used). */
  length(key: number): number {
    return this.#lists[key * 3 + 1] ?? 0;
  }

  /**
   * The start and length of the lists of `keys[0..n)` into `starts` and `lengths`, in one loop of
   * independent loads (the keys of a query are scattered over the table: the processor overlaps the
   * misses when nothing else is in the loop).
   */
  gather(keys: Int32Array, n: number, starts: Int32Array, lengths: Int32Array): void {
    const lists = this.#lists;
    for (let i = 0; i < n; i++) {
      const at = (keys[i] as number) * 3;
      starts[i] = lists[at] ?? 0;
      lengths[i] = lists[at + 1] ?? 0;
    }
  }

  push(key: number, slot: number, value: number): void {
    if (key * 3 >= this.#lists.length) this.#growKeys(key + 1);
    const length = this.#lists[key * 3 + 1] as number;
    if (length === this.#lists[key * 3 + 2]) this.#relocate(key, length + Math.max(2, length >> 1));
    const at = (this.#lists[key * 3] as number) + length;
    this.slots[at] = slot;
    this.vals[at] = value;
    this.#lists[key * 3 + 1] = length + 1;
    this.#entries++;
  }

  /**
   * Rewrites the arena without holes, dropping entries whose slot `keep` refuses (removed documents).
   * `tight` leaves no spare room (after a bulk load); otherwise each list keeps a quarter more room
   * than it holds, so the lists that grow do not all move again at once.
   */
  pack(keep: (slot: number) => boolean = () => true, tight = true): void {
    const loaded = this.slots;
    const loadedVals = this.vals;
    if (tight) this.#loading = false;
    let total = 0;
    let entries = 0;
    const lists = this.#lists;
    for (let key = 0; key * 3 < lists.length; key++) {
      const start = lists[key * 3] as number;
      const length = lists[key * 3 + 1] as number;
      let kept = 0;
      for (let i = start; i < start + length; i++) if (keep(this.slots[i] as number)) kept++;
      entries += kept;
      total += tight || kept === 0 ? kept : kept + (kept >> 2) + 1;
    }
    const [slots, vals] = this.#allocate(Math.max(total, 16));
    let at = 0;
    for (let key = 0; key * 3 < lists.length; key++) {
      const start = lists[key * 3] as number;
      const length = lists[key * 3 + 1] as number;
      lists[key * 3] = at;
      for (let i = start; i < start + length; i++) {
        const slot = this.slots[i] as number;
        if (!keep(slot)) continue;
        slots[at] = slot;
        vals[at] = this.vals[i] as number;
        at++;
      }
      const kept = at - (lists[key * 3] as number);
      lists[key * 3 + 1] = kept;
      const capacity = tight || kept === 0 ? kept : kept + (kept >> 2) + 1;
      lists[key * 3 + 2] = capacity;
      at = (lists[key * 3] as number) + capacity;
    }
    this.slots = slots;
    this.vals = vals;
    this.#used = at;
    this.#entries = entries;
    release(loaded, loadedVals);
  }

  #relocate(key: number, capacity: number): void {
    // Holes and spare room past the entries themselves: pack first (no entry is dropped), then move.
    if (this.#used - this.#entries > 2 * this.#entries + 4096) this.pack(undefined, false);
    if (this.#used + capacity > this.slots.length) {
      const size = Math.max(this.#used + capacity, this.slots.length + (this.slots.length >> 1));
      if (!this.#loading || !growInPlace(this.slots, this.vals, size)) {
        const [slots, vals] = this.#allocate(size);
        slots.set(this.slots.subarray(0, this.#used));
        vals.set(this.vals.subarray(0, this.#used));
        release(this.slots, this.vals);
        this.slots = slots;
        this.vals = vals;
      }
    }
    const from = this.#lists[key * 3] as number;
    const length = this.#lists[key * 3 + 1] as number;
    this.slots.copyWithin(this.#used, from, from + length);
    this.vals.copyWithin(this.#used, from, from + length);
    this.#lists[key * 3] = this.#used;
    this.#lists[key * 3 + 2] = capacity;
    this.#used += capacity;
  }

  /** Arrays of `entries`: length-tracking views of resizable buffers while loading, plain after. */
  #allocate(entries: number): [Int32Array, Float32Array] {
    if (!this.#loading) return [new Int32Array(entries), new Float32Array(entries)];
    const room = Math.max(entries * 4 * RESERVE_FACTOR, MIN_RESERVE_BYTES);
    return [
      new Int32Array(new ArrayBuffer(entries * 4, { maxByteLength: room })),
      new Float32Array(new ArrayBuffer(entries * 4, { maxByteLength: room })),
    ];
  }

  #growKeys(min: number): void {
    const grown = new Int32Array(Math.max(min, (this.#lists.length / 3) * 2) * 3);
    grown.set(this.#lists);
    this.#lists = grown;
  }
}

/**
 * Address space a loading array reserves: eight times what it is created with, at least 16 MiB.
 * Only what it has grown to is memory; past the reserve the arena moves to a new buffer reserving
 * eight times more (one copy, the old buffer given back at once), so 100,000 issues' warm-up moves
 * twice. Not one large reserve for all: most arenas stay small (the BM25 index's, a test's service
 * instance), and each reservation is address space held until its buffer is collected.
 */
const RESERVE_FACTOR = 8;
const MIN_RESERVE_BYTES = 16 * 2 ** 20;

/** Grows two loading arrays to `entries` in place; false when they are plain or their reserve is too small. */
function growInPlace(slots: Int32Array, vals: Float32Array, entries: number): boolean {
  const a = slots.buffer;
  const b = vals.buffer;
  if (!(a instanceof ArrayBuffer && a.resizable && b instanceof ArrayBuffer && b.resizable)) return false;
  if (entries * 4 > a.maxByteLength || entries * 4 > b.maxByteLength) return false;
  a.resize(entries * 4);
  b.resize(entries * 4);
  return true;
}

/** Gives back the memory of arrays the arena no longer uses, if they are loading ones (plain ones wait for the GC). */
function release(slots: Int32Array, vals: Float32Array): void {
  for (const buffer of [slots.buffer, vals.buffer]) {
    if (buffer instanceof ArrayBuffer && buffer.resizable) buffer.resize(0);
  }
}
