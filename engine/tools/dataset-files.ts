import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CoreError } from '../core/common/core-error';
import type { Customer } from '../core/model/customer.schema';
import { normalizeCustomers, normalizeOrg, type OrgData } from '../core/simulation/dataset-input';
import { CliError } from './cli-error';
import { parseCsvRecords } from './csv-records.reader';

/** Reads the simulation inputs from files, turning every problem into one clear CliError sentence. */
function readBytes(file: string, what: string): Buffer {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new CliError(`${what} file ${file} is not a file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${what} file not found: ${file}`);
  }
  if (size === 0) throw new CliError(`${what} file ${file} is empty.`);
  return readFileSync(file);
}

export function readJsonFile(file: string, what: string): unknown {
  const text = readBytes(file, what).toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${what} file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Where a data error is: a JSON pointer, or for CSV files the row, line and column. */
function where(pointer: string | undefined, csv: boolean): string {
  if (!pointer) return '';
  const m = /^\/(\d+)(?:\/([^/]+))?/.exec(pointer);
  if (!csv || !m) return ` (at ${pointer})`;
  const row = Number(m[1]) + 1;
  return ` (row ${row}, line ${row + 1}${m[2] ? `, column ${m[2]}` : ''})`;
}

function dataError(file: string, what: string, err: unknown, csv = false): never {
  if (err instanceof CoreError) throw new CliError(`${what} file ${file}: ${err.text.en}${where(err.pointer, csv)}`);
  throw err;
}

/** Customers from `.csv` or `.json` (an array, or `{ customers: [...] }`). */
export function readCustomersFile(file: string, now: number): Customer[] {
  const ext = extname(file).toLowerCase();
  let raw: unknown;
  if (ext === '.csv') raw = parseCsvRecords(readBytes(file, 'Customers'), file);
  else if (ext === '.json') {
    raw = readJsonFile(file, 'Customers');
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && Array.isArray((raw as { customers?: unknown }).customers)) {
      raw = (raw as { customers: unknown[] }).customers;
    }
  } else throw new CliError(`Customers file ${file}: use a .csv or .json file.`);
  try {
    const customers = normalizeCustomers(raw, now);
    if (customers.length === 0) throw new CliError(`Customers file ${file} has no customers.`);
    return customers;
  } catch (err) {
    if (err instanceof CliError) throw err;
    return dataError(file, 'Customers', err, ext === '.csv');
  }
}

/** Reps (and optionally teams and pools) from a `.json` file. */
export function readOrgFile(file: string): OrgData {
  if (extname(file).toLowerCase() !== '.json') throw new CliError(`Reps file ${file}: use a .json file.`);
  const raw = readJsonFile(file, 'Reps');
  try {
    const org = normalizeOrg(raw);
    if (org.reps.length === 0) throw new CliError(`Reps file ${file} has no reps.`);
    return org;
  } catch (err) {
    if (err instanceof CliError) throw err;
    return dataError(file, 'Reps', err);
  }
}
