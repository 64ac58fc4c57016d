import { hashedSearchKeys } from '../modules/children/identity';
import type { KeyRing } from '../platform/crypto';
import { type Cell, Json, Numbered, type Row, Sealed, TABLE_ORDER, TABLES, type TableName } from './rows';
import type { BatchResult } from './simulate';

/**
 * Turns a batch's rows into PostgreSQL COPY text, encrypting on the way with the application's
 * KeyRing (same envelopes, same additional data) and computing each child's blind indexes with the
 * children module's own function. Sequence-numbered codes are left as `#####` placeholders whose
 * byte offsets are returned: numbers are given at load time, in batch order.
 */

export const NUMBER_WIDTH = 5;
const PLACEHOLDER = '#'.repeat(NUMBER_WIDTH);

export interface EncodedTable {
  table: TableName;
  rows: number;
  data: Uint8Array;
  /** Placeholders to fill: byte offset and sequence of each, in row order. */
  numbers?: { offsets: Int32Array; sequences: string[] };
}

export interface EncodedBatch {
  batch: number;
  tables: EncodedTable[];
  children: number;
  /** CPU time the worker thread spent on it. */
  cpuSeconds?: number;
}

/** COPY text escaping: backslash, and the delimiter and line characters. */
export function escapeText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * One cell as COPY text. Plain string cells are codes, ids, dates and the generator's own fixed
 * texts: they never hold a tab, a newline or a backslash (a test checks it), so they go as they are.
 */
function cellText(cell: Cell, keyRing: KeyRing): string {
  if (typeof cell === 'string') return cell;
  if (cell === null) return '\\N';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 't' : 'f';
  if (cell instanceof Sealed) return keyRing.encrypt(cell.plain, cell.aad);
  if (cell instanceof Json) {
    const json = JSON.stringify(cell.value);
    // JSON has no raw control characters: only its escapes' backslashes need doubling.
    return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
  }
  if (cell instanceof Numbered) throw new Error('numbered cells are written by encodeTable');
  return escapeText(arrayLiteral(cell as readonly string[]));
}

/**
 * Rows are built as strings and written one by one into a growing buffer: joining a batch's
 * lines into one string first was the encoder's largest cost (flattening a rope per line).
 */
class Writer {
  buffer = Buffer.allocUnsafe(1 << 22);
  length = 0;

  write(text: string): number {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.length + text.length * 3 > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length * 3));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    const bytes = this.buffer.write(text, this.length, 'utf8');
    this.length += bytes;
    return bytes;
  }

  /** The bytes written, in an ArrayBuffer of their own (transferred to the main thread). */
  done(): Uint8Array {
    return new Uint8Array(this.buffer.subarray(0, this.length));
  }
}

function encodeTable(table: TableName, rows: Row[], keyRing: KeyRing): EncodedTable {
  const out = new Writer();
  const offsets: number[] = [];
  const sequences: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const start = out.length;
    let line = '';
    let numbered = false;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!;
      if (c > 0) line += '\t';
      if (cell instanceof Numbered) {
        line += cell.prefix;
        offsets.push(start + line.length);
        sequences.push(cell.sequence);
        line += PLACEHOLDER;
        numbered = true;
      } else line += cellText(cell, keyRing);
    }
    line += '\n';
    // Offsets count characters: right as bytes only for ASCII rows (codes, ids, envelopes, dates).
    if (out.write(line) !== line.length && numbered) throw new Error(`${table}: numbered rows must be ASCII`);
  }
  return {
    table,
    rows: rows.length,
    data: out.done(),
    ...(offsets.length ? { numbers: { offsets: Int32Array.from(offsets), sequences } } : {}),
  };
}

/**
 * The KeyRing with its blind indexes of names and birth dates remembered: thousands of children
 * share "sk:mhmd" (Mohamed) or a birth date, and an HMAC is the same every time it is computed.
 * Phone and document numbers, nearly all distinct, are not kept.
 */
function rememberingIndexes(keyRing: KeyRing): KeyRing {
  const remembered = new Map<string, string>();
  const kept = new Set(['child.name', 'child.parent', 'child.dob']);
  return Object.create(keyRing, {
    blindIndex: {
      value(purpose: string, value: string): string {
        if (!kept.has(purpose)) return keyRing.blindIndex(purpose, value);
        const key = `${purpose}\u0000${value}`;
        let hashed = remembered.get(key);
        if (hashed === undefined) {
          if (remembered.size > 500_000) remembered.clear();
          hashed = keyRing.blindIndex(purpose, value);
          remembered.set(key, hashed);
        }
        return hashed;
      },
    },
  }) as KeyRing;
}

const indexers = new WeakMap<KeyRing, KeyRing>();

export function encodeBatch(batch: number, result: BatchResult, keyRing: KeyRing): EncodedBatch {
  let indexer = indexers.get(keyRing);
  if (!indexer) {
    indexer = rememberingIndexes(keyRing);
    indexers.set(keyRing, indexer);
  }
  // A child's keys carry its territory as written (after any transfer), as the application's do.
  const idAt = TABLES.child.indexOf('id');
  const territoryAt = TABLES.child.indexOf('territory_code');
  const territoryOf = new Map(result.rows.child.map((row) => [row[idAt], row[territoryAt]]));
  const keys: Row[] = [];
  for (const { childId, identity } of result.identities) {
    const territory = territoryOf.get(childId);
    if (territory === undefined) throw new Error(`child ${childId} has no row in its batch`);
    for (const k of hashedSearchKeys(indexer, childId, identity))
      keys.push([k.key, k.child_id, k.field, territory]);
  }
  result.rows.child_search_key = keys;
  return {
    batch,
    children: result.rows.child.length,
    tables: TABLE_ORDER.map((table) => {
      const rows = result.rows[table];
      for (const row of rows) {
        if (row.length !== TABLES[table].length) {
          throw new Error(`${table}: a row has ${row.length} cells for ${TABLES[table].length} columns`);
        }
      }
      return encodeTable(table, rows, keyRing);
    }),
  };
}

/**
 * Writes the numbers of a batch's placeholders from the running sequences (per territory and year,
 * as `child_code_sequence` and `referral_card_sequence` count), and returns the sequences moved.
 */
export function fillNumbers(table: EncodedTable, counters: Map<string, number>): Map<string, number> {
  const touched = new Map<string, number>();
  if (!table.numbers) return touched;
  const { offsets, sequences } = table.numbers;
  for (let k = 0; k < offsets.length; k++) {
    const sequence = sequences[k]!;
    const value = (counters.get(sequence) ?? 0) + 1;
    counters.set(sequence, value);
    touched.set(sequence, value);
    const digits = String(value).padStart(NUMBER_WIDTH, '0');
    if (digits.length > NUMBER_WIDTH) {
      throw new Error(`sequence ${sequence} passed ${10 ** NUMBER_WIDTH - 1}: codes would need more digits`);
    }
    for (let d = 0; d < NUMBER_WIDTH; d++) table.data[offsets[k]! + d] = digits.charCodeAt(d);
  }
  return touched;
}
