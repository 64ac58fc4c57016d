import { parentPort, workerData } from 'node:worker_threads';
import { KeyRing } from '../platform/crypto';
import type { GenerationContext } from './context';
import { encodeBatch } from './encode';
import { type BatchSpec, simulateBatch } from './simulate';

/**
 * A generation worker: simulates, encrypts and encodes whole batches, so the two cores share the
 * heavy part (AES-GCM envelopes, blind indexes) while the main thread streams COPY data.
 */
export interface WorkerInit {
  context: GenerationContext;
  masterKeys: { id: string; key: Uint8Array }[];
  indexKey: Uint8Array;
}

const init = workerData as WorkerInit;
const keyRing = new KeyRing(
  init.masterKeys.map((k) => ({ id: k.id, key: Buffer.from(k.key) })),
  Buffer.from(init.indexKey),
);

parentPort!.on('message', (spec: BatchSpec) => {
  try {
    const before = process.threadCpuUsage();
    const encoded = encodeBatch(spec.batch, simulateBatch(init.context, spec), keyRing);
    const used = process.threadCpuUsage(before);
    encoded.cpuSeconds = (used.user + used.system) / 1e6;
    parentPort!.postMessage(
      { ok: true, encoded },
      encoded.tables.map((t) => t.data.buffer as ArrayBuffer),
    );
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: (error as Error).stack ?? String(error) });
  }
});
