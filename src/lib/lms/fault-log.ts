/**
 * What went wrong between the content and the LMS, kept for the session to show and logged to the
 * console, because LMS admins debug SCORM from the browser console.
 */
import type { LmsFault } from './port';
import { asText } from './values';

const MAX_FAULTS = 100;

function describeError(error: unknown): { message: string; diagnostic: string } {
	if (error instanceof Error) return { message: error.message, diagnostic: error.name };
	return { message: asText(error), diagnostic: '' };
}

function shorten(value: string): string {
	return value.length > 200 ? `${value.slice(0, 200)}… (${value.length} characters)` : value;
}

/** How the runtime explains an error code; either may throw or return anything. */
export interface ErrorExplainer {
	errorString(code: string): unknown;
	diagnostic(code: string): unknown;
}

/** The faults of one connection, oldest first, capped so a broken LMS cannot fill the memory. */
export class FaultLog {
	#faults: LmsFault[] = [];

	get faults(): readonly LmsFault[] {
		return this.#faults;
	}

	add(fault: LmsFault): void {
		console.warn(
			`[lms] ${fault.call}${fault.element ? ` ${fault.element}` : ''} failed: ${fault.message}`,
			{ ...fault, ...(fault.value === undefined ? {} : { value: shorten(fault.value) }) }
		);
		if (this.#faults.length < MAX_FAULTS) this.#faults.push(fault);
	}

	/** A call the LMS answered with failure; its words for `code` are asked for, never trusted. */
	addApiFault(
		runtime: ErrorExplainer,
		call: string,
		element: string | undefined,
		value: string | undefined,
		code: string
	): void {
		const ask = (read: () => unknown): string => {
			try {
				return asText(read());
			} catch {
				return '';
			}
		};
		const known = code !== '' && code !== '0';
		this.add({
			call,
			...(element === undefined ? {} : { element }),
			...(value === undefined ? {} : { value }),
			code: known ? code : 'unknown',
			message: (known && ask(() => runtime.errorString(code))) || 'the LMS reported failure',
			diagnostic: known ? ask(() => runtime.diagnostic(code)) : ''
		});
	}

	/** A call that threw (the runtime's or the scheduler's). */
	addException(call: string, error: unknown, element?: string, value?: string): void {
		this.add({
			call,
			...(element === undefined ? {} : { element }),
			...(value === undefined ? {} : { value }),
			code: 'exception',
			...describeError(error)
		});
	}
}
