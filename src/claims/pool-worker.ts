/**
 * One worker of src/claims/pool.ts: load the property files it is given, then run the claims the
 * pool sends (by id and run seed), one at a time, posting each result back. Before each case it
 * writes the phase, fast-check seed and case index to the shared progress buffer, so that the pool
 * can name the case that was running when it stops a claim past its time limit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EnvironmentError } from '../core/errors.ts';
import { loadClaims } from './registry.ts';
import { CASE_PHASES, claimFigures, runClaim, type RunOptions } from './runner.ts';
import { runOptionsOf, type FromWorker, type ToWorker, type WorkerSetup } from './pool.ts';

const port = parentPort;
if (port === null) throw new EnvironmentError('pool-worker.ts must run as a worker thread (it has no parentPort)', 'parentPort');
const setup = workerData as WorkerSetup;
const post = (m: FromWorker) => port.postMessage(m);
const progress = new Float64Array(setup.progress);
const onCase: RunOptions['onCase'] = (phase, seed, index) => {
  progress[0] = CASE_PHASES.indexOf(phase);
  progress[1] = seed;
  progress[2] = index;
};

try {
  const claims = new Map((await loadClaims(setup.files)).map((c) => [c.id, c]));
  port.on('message', (m: ToWorker) => {
    if (m.type === 'stop') { port.close(); return; }
    const claim = claims.get(m.id);
    if (!claim) { post({ type: 'failed', index: m.index, message: `no claim '${m.id}' in ${setup.files.length} property file(s)` }); return; }
    try {
      const result = runClaim(claim, runOptionsOf(setup.budget, m.seed, setup, onCase));
      const figures = setup.figures ? claimFigures(claim, setup.budget, m.seed, onCase) : [];
      post({ type: 'done', index: m.index, result, figures });
    } catch (e) {
      post({ type: 'failed', index: m.index, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'fatal', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) });
}
