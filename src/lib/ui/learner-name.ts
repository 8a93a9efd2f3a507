/**
 * A learner's name as a certificate prints it. LMSs often give `Last, First` (SCORM 1.2 suggests
 * it, Moodle sends it); one comma between two parts is turned round, anything else is kept as is.
 */
export function displayName(name: string | null): string | null {
	const trimmed = name?.trim() ?? '';
	if (trimmed === '') return null;
	const parts = trimmed.split(',');
	if (parts.length !== 2) return trimmed;
	const [last, first] = parts.map((p) => p.trim());
	return first && last ? `${first} ${last}` : trimmed;
}
