/**
 * Writes a tiny but real transformers.js model folder for tests, so the embedding path (folder →
 * tokenizer → ONNX Runtime → mean pooling) runs offline with nothing downloaded:
 *
 * - `tokenizer.json`: a word-level tokenizer (lower case, whitespace split) over a given vocabulary;
 * - `onnx/model.onnx`: one Gather node — `last_hidden_state = E[input_ids]` — with the embedding table
 *   E as an initializer, the protobuf encoded by hand below (ONNX is plain protobuf; a dozen field
 *   writers are all it takes);
 * - `config.json` / `tokenizer_config.json`: what transformers.js reads to pick the classes.
 *
 * Words given the same vector are synonyms to this model, which lets a test show that embeddings
 * find what shares no word with the query.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// ---- a minimal protobuf writer -------------------------------------------------------------------

function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n;
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number | bigint) => [...key(field, 0), ...varint(value)];
const bytes = (field: number, data: Uint8Array | number[]) => [
  ...key(field, 2),
  ...varint(data.length),
  ...data,
];
const str = (field: number, text: string) => bytes(field, [...Buffer.from(text, 'utf8')]);

const FLOAT = 1;
const INT64 = 7;

function valueInfo(name: string, elemType: number, dims: Array<number | string>): number[] {
  const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  const tensorType = [...int(1, elemType), ...bytes(2, shape)];
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}

/** ONNX model bytes: `last_hidden_state[b, s, :] = table[input_ids[b, s], :]`. */
export function gatherModel(table: Float32Array, vocab: number, dim: number): Uint8Array {
  const initializer = [
    ...int(1, vocab),
    ...int(1, dim),
    ...int(2, FLOAT),
    ...str(8, 'embeddings'),
    ...bytes(9, new Uint8Array(table.buffer, table.byteOffset, table.byteLength)),
  ];
  const node = [
    ...str(1, 'embeddings'),
    ...str(1, 'input_ids'),
    ...str(2, 'last_hidden_state'),
    ...str(3, 'gather'),
    ...str(4, 'Gather'),
  ];
  const graph = [
    ...bytes(1, node),
    ...str(2, 'tiny'),
    ...bytes(5, initializer),
    ...bytes(11, valueInfo('input_ids', INT64, ['batch', 'sequence'])),
    ...bytes(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dim])),
  ];
  const model = [
    ...int(1, 8), // ir_version
    ...str(2, 'baton-tests'),
    ...bytes(7, graph),
    ...bytes(8, [...str(1, ''), ...int(2, 13)]), // opset 13
  ];
  return Uint8Array.from(model);
}

/**
 * Writes the model folder. `groups` lists synonym groups: every word of a group gets the same
 * one-hot-like vector; unknown words get their own.
 */
export async function writeTinyModel(
  dir: string,
  groups: readonly (readonly string[])[],
): Promise<{ words: string[]; dim: number }> {
  const words = ['[UNK]', '[PAD]', ...groups.flat()];
  const dim = groups.length + 1;
  const table = new Float32Array(words.length * dim);
  // [UNK] and [PAD] share the last axis (a weak "unknown" direction).
  table[0 * dim + groups.length] = 1;
  table[1 * dim + groups.length] = 1;
  let row = 2;
  groups.forEach((group, g) => {
    for (const _ of group) {
      table[row * dim + g] = 1;
      row++;
    }
  });
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const vocab = Object.fromEntries(words.map((w, i) => [w, i]));
  const special = (id: number, content: string) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '[UNK]'), special(1, '[PAD]')],
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  };
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'PreTrainedTokenizer',
      model_max_length: 128,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
    }),
  );
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: dim,
      vocab_size: words.length,
    }),
  );
  await writeFile(join(dir, 'onnx', 'model.onnx'), gatherModel(table, words.length, dim));
  return { words, dim };
}
