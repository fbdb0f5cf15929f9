import { Types } from 'mongoose';

/** Small conversions shared by the reps, teams, pools and follow-ups services. */
export const oid = (id: string): Types.ObjectId => new Types.ObjectId(id);
export const idStr = (v: { toString(): string } | null | undefined): string | null => (v == null ? null : v.toString());
export const iso = (d: Date | null | undefined): string | null => (d == null ? null : d.toISOString());
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
