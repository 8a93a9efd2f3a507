/**
 * Turning what the app hands over into the strings the LMS is sent. Records come from app code
 * that may break its contract, so none of these trust their input's type.
 */

/** Runtimes return the strings 'true'/'false'; some older LMS wrappers return booleans. */
export function succeeded(result: unknown): boolean {
	return result === true || result === 'true';
}

export function asText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === null || value === undefined) return '';
	return String(value);
}

/** A finite number with at most `digits` decimals, e.g. 0.1 + 0.2 → '0.3'; NaN is refused later. */
export function decimalText(value: number, digits: number): string {
	return Number.isFinite(value) ? String(Number(value.toFixed(digits))) : String(value);
}

/* Whitespace runs (line breaks included) become one space; over the SPM, cut and mark with '…'. */
export function descriptionText(text: string, limit = 250): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= limit) return flat;
	let cut = flat.slice(0, limit - 1);
	/* Never leave half a surrogate pair. */
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}…`;
}

export function listOf<T>(value: readonly T[] | undefined): readonly T[] {
	return Array.isArray(value) ? value : [];
}

export function isPercent(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}
