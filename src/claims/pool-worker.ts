/**
 * One worker of src/claims/pool.ts: load the property files, then run the claims the pool sends
 * (by id), one at a time, posting each result back. Started with `--import tsx`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EnvironmentError } from '../core/errors.ts';
import { loadClaims } from './registry.ts';
import { claimFigures, runClaim } from './runner.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './pool.ts';

const port = parentPort;
if (port === null) throw new EnvironmentError('pool-worker.ts must run as a worker thread (it has no parentPort)', 'parentPort');
const setup = workerData as WorkerSetup;
const post = (m: FromWorker) => port.postMessage(m);

try {
  const claims = new Map((await loadClaims(setup.root)).map((c) => [c.id, c]));
  port.on('message', (m: ToWorker) => {
    if (m.type === 'stop') { port.close(); return; }
    const claim = claims.get(m.id);
    if (!claim) { post({ type: 'failed', index: m.index, message: `no claim '${m.id}' in ${setup.root}` }); return; }
    try {
      const result = runClaim(claim, { budget: setup.budget, seed: setup.seed, replay: setup.replay, skipControl: setup.skipControl });
      const figures = setup.figures ? claimFigures(claim, setup.budget, setup.seed) : [];
      post({ type: 'done', index: m.index, result, figures });
    } catch (e) {
      post({ type: 'failed', index: m.index, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'fatal', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
}
