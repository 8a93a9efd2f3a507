/**
 * One shape for both editions' runtimes, and the guarded calls everything else goes through: every
 * value is checked by `validateScormValue` before it is sent, and a failing or throwing LMS
 * becomes a fault, never an exception.
 */
import type { RuntimeMethodNames, ScormVersion } from './data-model';
import type { ErrorExplainer, FaultLog } from './fault-log';
import type { FoundLmsApi } from './find-api';
import { validateScormValue, type ScormFormat } from './scorm-format';
import { asText, succeeded } from './values';

/** One edition's runtime behind uniform verbs, with the real method names for fault reports. */
export interface Runtime extends ErrorExplainer {
	readonly version: ScormVersion;
	readonly names: RuntimeMethodNames;
	initialize(): unknown;
	terminate(): unknown;
	getValue(element: string): unknown;
	setValue(element: string, value: string): unknown;
	commit(): unknown;
	lastError(): unknown;
}

type RuntimeMethod = (...args: string[]) => unknown;

/**
 * The found runtime under uniform verbs. Each method is looked up at call time and called on the
 * runtime object, so an LMS (or a test) that swaps a method after launch is called as it is then.
 */
export function bindRuntime(found: FoundLmsApi): Runtime {
	const names = found.names.methods;
	const api = found.api as unknown as Record<string, RuntimeMethod>;
	const call = (method: string, ...args: string[]): unknown =>
		(api[method] as RuntimeMethod)(...args);
	return {
		version: found.version,
		names,
		initialize: () => call(names.initialize, ''),
		terminate: () => call(names.terminate, ''),
		getValue: (element) => call(names.getValue, element),
		setValue: (element, value) => call(names.setValue, element, value),
		commit: () => call(names.commit, ''),
		lastError: () => call(names.lastError),
		errorString: (code) => call(names.errorString, code),
		diagnostic: (code) => call(names.diagnostic, code)
	};
}

/** The GetValue error codes of an edition that are answers, not faults. */
export interface ReadCodes {
	/** "No value stored yet" (not a fault when the element is optional), or null (1.2 answers ''). */
	readonly noValueYet: string | null;
	/** "Not implemented" or "undefined element": the LMS does not keep this optional element. */
	readonly notKept: string;
}

interface ReadOptions {
	/** The element may hold no value yet: the edition's "not initialized" answer reads as ''. */
	optional?: boolean;
}

/** A learner preference as read at start. */
interface PreferenceRead {
	value: string | null;
	/** False when the LMS said it does not keep the preference, so writing it is pointless. */
	kept: boolean;
}

/** Reads and writes of the data model, each one guarded and checked. */
export class RuntimeChannel {
	readonly #runtime: Runtime;
	readonly #format: ScormFormat;
	readonly #faults: FaultLog;
	readonly #codes: ReadCodes;

	/** @param codes - the edition's GetValue error codes that are answers, not faults. */
	constructor(runtime: Runtime, faults: FaultLog, codes: ReadCodes, format: ScormFormat) {
		this.#runtime = runtime;
		this.#format = format;
		this.#faults = faults;
		this.#codes = codes;
	}

	/** The value, or '' when the read failed (the fault is recorded). */
	get(element: string, options: ReadOptions = {}): string {
		return this.#read(element, options) ?? '';
	}

	/** The value, or null when the read failed (the fault is recorded). */
	#read(element: string, options: ReadOptions = {}): string | null {
		const call = this.#runtime.names.getValue;
		try {
			const value = asText(this.#runtime.getValue(element));
			const code = this.#lastErrorCode();
			if (code === '' || code === '0') return value;
			if (options.optional === true && code === this.#codes.noValueYet) return '';
			this.#faults.addApiFault(this.#runtime, call, element, undefined, code);
			return null;
		} catch (error) {
			this.#faults.addException(call, error, element);
			return null;
		}
	}

	/** The trimmed value, or null when it is empty or the read failed. */
	readTrimmed(element: string): string | null {
		const text = this.get(element).trim();
		return text === '' ? null : text;
	}

	/** A whole-number count such as `cmi.interactions._count`; 0 when absent or unusable. */
	readCount(element: string): number {
		const text = (this.#read(element) ?? '').trim();
		/* '' is a failed read (already a fault) or an LMS that holds nothing there. */
		if (text === '') return 0;
		if (/^\d+$/.test(text)) return Number(text);
		this.#faults.add({
			call: this.#runtime.names.getValue,
			element,
			value: text,
			code: 'invalid-response',
			message: 'the LMS returned a count that is not a whole number; 0 is used',
			diagnostic: ''
		});
		return 0;
	}

	/**
	 * A learner preference. SCORM 1.2 makes `cmi.student_preference` optional for an LMS (401 "not
	 * implemented"), and 2004 may hold no value yet (403): neither is a fault.
	 */
	readPreference(element: string): PreferenceRead {
		try {
			const value = asText(this.#runtime.getValue(element)).trim();
			const code = this.#lastErrorCode();
			if (code === '' || code === '0') return { value: value === '' ? null : value, kept: true };
			if (code === this.#codes.notKept) return { value: null, kept: false };
			if (code !== this.#codes.noValueYet) {
				this.#faults.addApiFault(
					this.#runtime,
					this.#runtime.names.getValue,
					element,
					undefined,
					code
				);
			}
		} catch (error) {
			this.#faults.addException(this.#runtime.names.getValue, error, element);
		}
		return { value: null, kept: true };
	}

	/** Checks and sends one value; true when the LMS took it. */
	set(element: string, value: string): boolean {
		return this.validate(element, value) && this.send(element, value);
	}

	/**
	 * True when the value may be sent; otherwise records why not. `partner`: the element held back
	 * with this one because the two are only ever sent together.
	 */
	validate(element: string, value: string, partner?: string): boolean {
		const problem = validateScormValue(this.#format, element, value);
		if (problem === null) return true;
		this.#faults.add({
			call: this.#runtime.names.setValue,
			element,
			value,
			code: 'invalid-value',
			message: problem,
			diagnostic:
				'not sent: refused by the content-side SCORM validator' +
				(partner === undefined ? '' : `; ${partner} was held back with it (sent only together)`)
		});
		return false;
	}

	/** Sends a value already validated. */
	send(element: string, value: string): boolean {
		const call = this.#runtime.names.setValue;
		return this.#invoke(call, () => this.#runtime.setValue(element, value), element, value);
	}

	initialize(): boolean {
		return this.#invoke(this.#runtime.names.initialize, () => this.#runtime.initialize());
	}

	commit(): boolean {
		return this.#invoke(this.#runtime.names.commit, () => this.#runtime.commit());
	}

	terminate(): boolean {
		return this.#invoke(this.#runtime.names.terminate, () => this.#runtime.terminate());
	}

	/** Runs one boolean-returning API call; any failure becomes a fault, never an exception. */
	#invoke(call: string, run: () => unknown, element?: string, value?: string): boolean {
		try {
			if (succeeded(run())) return true;
			this.#faults.addApiFault(this.#runtime, call, element, value, this.#lastErrorCode());
		} catch (error) {
			this.#faults.addException(call, error, element, value);
		}
		return false;
	}

	#lastErrorCode(): string {
		try {
			return asText(this.#runtime.lastError()).trim();
		} catch {
			return '';
		}
	}
}
