/** Typed errors for bad command-line input (the CLI prints the message and exits 2). */
import { GdTheoryError } from '../core/errors.ts';

/** Bad input on the command line (unknown option, missing or malformed argument). */
export class UsageError extends GdTheoryError {}
