/**
 * The stored form of a scenario and how older forms are read.
 *
 * - Format 0: what the app saved before versioning: a bare `Scenario` (no `schemaVersion`, no
 *   `revision`).
 * - Format 1: adds `schemaVersion: 1` and `revision` (1, 2, …), bumped on every write, so a tab
 *   saving over a scenario can tell whether another tab changed it since it was read.
 * - Format 2: the priority ranks eligible seats by P(loss) unless `state.risk.priority` is
 *   `'scores'`. Up to format 1 it ranked by the scores unless the record opted in to P(loss), so
 *   the step writes that ranking out (`pinScoreRanking`): an old record ranks as it did when saved.
 */
import { isPlainRecord, migrateRecord, recordName, type RecordSchema } from '$lib/storage/schema-migrate';
import type { Indicator } from '$lib/model/catalogue';
import type { FieldError } from '$lib/model/definition';
import { pinScoreRanking } from '$lib/features/risk/risk-setting';
import { validateScenario, type Scenario } from './scenario';

export const SCENARIO_SCHEMA_VERSION = 2;

const isRevision = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

export const SCENARIO_SCHEMA: RecordSchema = {
	label: 'saved scenario',
	field: 'schemaVersion',
	current: SCENARIO_SCHEMA_VERSION,
	steps: {
		0: (r) => ({ ...r, revision: isRevision(r.revision) ? r.revision : 1 }),
		1: (r) => {
			if (!isPlainRecord(r.state)) return r; // damaged: validation names it
			const { risk: old, ...state } = r.state;
			const risk = pinScoreRanking(old, isPlainRecord(state.definition) ? state.definition.lens : undefined);
			return { ...r, state: risk === undefined ? state : { ...state, risk } };
		}
	}
};

/** A scenario as read from the store: with the revision it had when read. */
export type SavedScenario = Scenario & { revision: number };
export type StoredScenario = SavedScenario & { schemaVersion: typeof SCENARIO_SCHEMA_VERSION };

export type ReadScenario =
	| { ok: true; scenario: SavedScenario; migrated: boolean }
	| {
			ok: false;
			id: string | null;
			/** The scenario's name when it has one, else a short description. */
			name: string;
			reason: string;
			errors: FieldError[];
			/**
			 * True when the record can never be read by this app (damaged, or from a newer one): it is
			 * moved to the quarantine store. False when it only names indicators this visit lacks (an
			 * upload that was deleted or not restored): it stays where it is, hidden, and comes back
			 * if the upload does.
			 */
			move: boolean;
	  };

const idOf = (raw: unknown): string | null => (isPlainRecord(raw) && typeof raw.id === 'string' ? raw.id.slice(0, 100) : null);
const onlyMissingIndicators = (errors: FieldError[]) => errors.length > 0 && errors.every((e) => e.path.endsWith('.id') && e.message.startsWith('unknown indicator'));

/**
 * The one read path for a scenario from outside the app (a stored record, a workspace file):
 * migrate, then validate against the catalogue. Never throws.
 */
export function readScenario(raw: unknown, catalogue: Indicator[]): ReadScenario {
	const id = idOf(raw);
	const name = recordName(raw, id ? `id ${id.slice(0, 12)}` : 'without a name');
	const migrated = migrateRecord(SCENARIO_SCHEMA, raw);
	if (!migrated.ok) return { ok: false, id, name, reason: migrated.reason, errors: [{ path: '(scenario)', message: migrated.reason }], move: true };
	let checked;
	try {
		checked = validateScenario(migrated.record, catalogue);
	} catch (error) {
		// e.g. a cyclic value that the validator's message formatting cannot quote
		const reason = `it could not be read (${String(error).slice(0, 80)})`;
		return { ok: false, id, name, reason, errors: [{ path: '(scenario)', message: reason }], move: true };
	}
	const revision = migrated.record.revision;
	if (checked.ok && !isRevision(revision)) {
		const reason = 'its revision number is damaged';
		return { ok: false, id, name, reason, errors: [{ path: 'revision', message: reason }], move: true };
	}
	if (!checked.ok) {
		const missing = onlyMissingIndicators(checked.errors);
		const first = checked.errors[0];
		const reason = missing ? 'it uses an indicator from an upload that is not loaded' : `it is damaged (${first.path}: ${first.message})`;
		return { ok: false, id, name, reason, errors: checked.errors, move: !missing };
	}
	return { ok: true, scenario: { ...checked.scenario, revision: revision as number }, migrated: migrated.from < SCENARIO_SCHEMA_VERSION };
}

/** The record written to storage (and to workspace files). */
export function toStoredScenario(scenario: Scenario, revision: number): StoredScenario {
	const { id, name, createdAt, updatedAt, state } = scenario;
	return { schemaVersion: SCENARIO_SCHEMA_VERSION, id, name, createdAt, updatedAt, revision, state };
}
