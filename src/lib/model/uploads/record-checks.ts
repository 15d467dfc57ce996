/**
 * Shared checks for records read back from storage or a workspace file (datasets and map layers):
 * stored bytes are never trusted, and each failure is a readable reason.
 */
import { RECORD_LIMITS } from './limits';

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string of at most `max` characters. */
export const boundedText = (v: unknown, max: number = RECORD_LIMITS.name): v is string => typeof v === 'string' && v.length <= max;

/** The fields every stored upload record starts with; null when they are sound, else the reason. */
export function recordHeaderProblem(raw: unknown, what: string, version = 1): string | null {
	if (!isObject(raw) || raw.version !== version) return `not a Heartlands ${what} (version ${version})`;
	if (!boundedText(raw.id, 40) || !/^[a-z0-9]+$/.test(raw.id)) return 'its id is malformed';
	if (!boundedText(raw.name, RECORD_LIMITS.name) || !boundedText(raw.fileName, RECORD_LIMITS.fileName) || !boundedText(raw.createdAt, 40)) return 'its name, file name or date is malformed';
	return null;
}
