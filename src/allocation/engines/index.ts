// One entry point for every allocation engine. The four ballot/ranking engines are synchronous
// and pure; `optimal` solves an integer programme with a WebAssembly solver, so it is async and
// loaded only when asked for (the solver is not paid for by callers that never use it).

import { greedy, greedyNoSkip } from './greedy.ts';
import { mes, mesAdd1, type MesOptions } from './mes.ts';
import type { AllocationInput, AllocationResult, Method } from './types.ts';

export type SyncMethod = Exclude<Method, 'optimal'>;
export const syncMethods: readonly SyncMethod[] = ['greedy', 'greedy-no-skip', 'mes', 'mes-add1'];

export function isMethod(s: string): s is Method {
  return (['greedy', 'greedy-no-skip', 'mes', 'mes-add1', 'optimal'] as readonly string[]).includes(s);
}

/** Runs greedy, greedy-no-skip, mes or mes-add1. `mes` options apply to the two MES methods only. */
export function allocateSync(method: SyncMethod, input: AllocationInput, mesOptions: MesOptions = {}): AllocationResult {
  switch (method) {
    case 'greedy':
      return greedy(input);
    case 'greedy-no-skip':
      return greedyNoSkip(input);
    case 'mes':
      return mes(input, { ...mesOptions, completion: mesOptions.completion ?? 'none' });
    case 'mes-add1':
      return mesAdd1(input, mesOptions);
  }
}

/** Any method; `optimal` is imported on first use from ./optimal.ts. */
export async function allocate(method: Method, input: AllocationInput, mesOptions: MesOptions = {}): Promise<AllocationResult> {
  if (method === 'optimal') {
    const { optimal } = await import('./optimal.ts');
    return optimal(input);
  }
  return allocateSync(method, input, mesOptions);
}

export { greedy, greedyNoSkip, mes, mesAdd1 };
export type { MesOptions };
