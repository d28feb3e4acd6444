// Strings from a plugin's publisher (signed or not) that keel prints beside the consent prompt.
// Terminal controls in one could erase or conceal the lines around it (ESC [1A ESC [2K, ESC [8m)
// and bidi marks could reorder it, so they are refused before anything is shown.
import { InstallError } from "./errors.ts";

/** C0/C1 controls, DEL, and bidi marks, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function assertPrintable(value: string | undefined, what: string, where: string, max = 200): void {
  if (value === undefined) return;
  if (UNPRINTABLE.test(value) || value.length > max) {
    throw new InstallError(`${where}: its ${what} ${JSON.stringify(value.slice(0, max))} holds control or bidirectional characters (or is over ${max} characters); refused, as it is shown in the consent prompt`);
  }
}
