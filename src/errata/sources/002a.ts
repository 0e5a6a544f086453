/**
 * STUB (branch ledger): the errata of catalog 002a are written on another branch; this empty list
 * only lets the ledger machinery compile. The merge replaces this file with the real data.
 */
import type { Erratum } from '../types.ts';

export const errata002a: readonly Erratum[] = [];
