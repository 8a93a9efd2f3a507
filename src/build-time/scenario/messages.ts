/**
 * Turns zod issues into problems a trainer can act on: what is wrong in the file's own terms
 * ("choice `leave_it` in node `kitchen` has no `feedback`"), where, and how to fix it.
 *
 * One file of about 550 lines on purpose: every sentence a trainer reads about a schema problem
 * is worded here, side by side, so the wording stays the same from one problem to the next.
 */
import type { core } from 'zod';
import type { Locator, Path, Position } from '../../lib/scenario/locate.ts';
import { PASSAGE_ID } from '../../lib/scenario/passages.ts';
import type { Problem } from '../../lib/scenario/problem.ts';
import {
	FORMAT,
	ID_PATTERN,
	isMapping,
	KEYS,
	LIMITS,
	MISSING_HINTS,
	NODE_TYPES,
	RANGES,
	MIGRATE_COMMAND,
	type ChoiceCountParams
} from '../../lib/scenario/schema.ts';
import { closest, didYouMean, listOf, quoted as code } from '../../lib/scenario/suggest.ts';
import { commandFor, TRANSLATE_COMMAND, TRANSLATED_FROM } from './translations.ts';
import { passageTooLong, shortenBy, withoutInvisible } from '../../lib/scenario/text-rules.ts';
import { AUDIENCES, OUTCOMES, THEMES } from '../../lib/scenario/types.ts';

export type FileKind = 'scenario' | 'course' | 'translation';

export interface IssueContext {
	file: string;
	kind: FileKind;
	locator: Locator;
	/** The YAML as plain data, to tell a missing key from an empty one and to quote values. */
	data: unknown;
}

export const ID_RULE =
	'ids may only contain lower case letters, digits and _, starting with a letter ' +
	'(SCORM and LMSs such as Moodle reject hyphens and spaces in ids)';

/** The nearest id that follows the rule, to offer in a hint. */
export function idSuggestion(value: string): string | undefined {
	const id = value
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, '_')
		.replace(/^[^a-z]+/, '')
		.replace(/_+$/, '')
		.slice(0, LIMITS.id);
	return ID_PATTERN.test(id) && id !== value ? id : undefined;
}

function lookup(data: unknown, path: Path): { found: boolean; value: unknown } {
	let value = data;
	for (const segment of path) {
		if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) {
			return { found: false, value: undefined };
		}
		value = (value as Record<PropertyKey, unknown>)[segment];
	}
	return { found: true, value };
}

/** A table lookup by a word from the file, which may be `constructor` or `__proto__`. */
function own<T>(table: Partial<Record<string, T>>, key: unknown): T | undefined {
	return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A value as the trainer would recognise it, with what kind of value YAML took it for. */
function shown(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (typeof value === 'string') return `the text ${code(value)}`;
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return `\`${value}\``;
	if (Array.isArray(value)) return 'a list';
	return 'a mapping (keys with values)';
}

const EXPECTED: Partial<Record<string, string>> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: '`true` or `false`',
	array: 'a list',
	object: 'a mapping (keys with values indented under it)',
	record: 'a mapping (keys with values indented under it)'
};

const EXPECTED_HINTS: Partial<Record<string, string>> = {
	string:
		'Put the text in quotes if it reads as a number, `true`/`false` or a list. For several lines, ' +
		'write `|` after the key and the text indented on the next lines.',
	int: 'Write a whole number without quotes, such as `3`.',
	number: 'Write a number without quotes.',
	boolean: 'Write `true` or `false`, without quotes.',
	array:
		'Write a list in brackets, `[a, b]`, or as lines starting with `- ` indented under the key.',
	object: 'Indent its keys under it, two spaces further in.',
	record: 'Indent its entries under it, two spaces further in.'
};

/** "node `kitchen`", "choice `leave_it` in node `kitchen`", "`title`", "item 2 of `outcomes`". */
function describe(path: Path, kind: FileKind): string {
	// Ids come from the file and may be junk, so they go through `code` to stay short.
	const [first, second, third, fourth, fifth, sixth] = path.map((segment) => code(String(segment)));
	if (path.length === 0) return `the ${kind}`;
	if (kind === 'scenario' && first === '`nodes`' && path.length >= 2) {
		const node = `node ${second}`;
		if (path.length === 2) return node;
		if (third === '`choices`' && path.length >= 4) {
			const choice = `choice ${fourth} in ${node}`;
			if (path.length === 4) return choice;
			if (fifth === '`points`' && path.length === 6) return `the ${sixth} points of ${choice}`;
		}
	}
	const last = path[path.length - 1]!;
	const parent = path.slice(0, -1);
	if (typeof last === 'number') return `item ${last + 1} of ${describe(parent, kind)}`;
	const name = code(String(last));
	return parent.length === 0 ? name : `${name} of ${describe(parent, kind)}`;
}

/** The key a rule is about: the theme key of per-theme points still follows the points rule. */
function ruleKey(path: Path): string {
	if (path.length === 6 && path[2] === 'choices' && path[4] === 'points') return 'points';
	const key = [...path].reverse().find((segment) => typeof segment === 'string');
	return key === undefined ? '' : String(key);
}

function allowedKeys(path: Path, ctx: IssueContext): readonly string[] {
	if (path.length === 0) return KEYS[ctx.kind];
	if (ctx.kind === 'scenario' && path[0] === 'nodes') {
		if (path.length === 2) {
			const type = lookup(ctx.data, [...path, 'type']).value;
			return own(KEYS.node, type) ?? [];
		}
		if (path.length === 4) return KEYS.choice;
		if (path.length === 5 && path[4] === 'points') return KEYS.points;
	}
	return [];
}

/**
 * All issues of one parse. A misspelt key is reported once, as unknown with a suggestion, rather
 * than again as the missing key it was meant to be.
 */
export function issuesToProblems(issues: readonly core.$ZodIssue[], ctx: IssueContext): Problem[] {
	const misspelt = new Set<string>();
	for (const issue of issues) {
		if (issue.code !== 'unrecognized_keys') continue;
		const allowed = allowedKeys(issue.path, ctx);
		for (const unknown of issue.keys) {
			const meant = closest(unknown, allowed);
			if (meant !== undefined) misspelt.add(JSON.stringify([...issue.path.map(String), meant]));
		}
	}
	return issues
		.filter(
			(issue) =>
				!(
					issue.code !== 'unrecognized_keys' &&
					!lookup(ctx.data, issue.path).found &&
					misspelt.has(JSON.stringify(issue.path.map(String)))
				)
		)
		.flatMap((issue) => issueToProblems(issue, ctx));
}

function issueToProblems(issue: core.$ZodIssue, ctx: IssueContext): Problem[] {
	const problems: Problem[] = [];
	const add = (where: Position, message: string, hint?: string): void => {
		problems.push({ file: ctx.file, ...where, severity: 'error', message, hint });
	};
	const path = issue.path;
	const what = describe(path, ctx.kind);
	const key = ruleKey(path);
	const { found, value } = lookup(ctx.data, path);

	// A required key that is not there fails as a wrong type or value in zod; say it is missing.
	const missing =
		path.length > 0 &&
		!found &&
		lookup(ctx.data, path.slice(0, -1)).found &&
		['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code);
	if (missing) {
		const field = String(path[path.length - 1]);
		add(
			ctx.locator.at(path),
			`${describe(path.slice(0, -1), ctx.kind)} has no \`${field}\``,
			own(MISSING_HINTS, field)
		);
		return problems;
	}

	// a fingerprint is the tool's, not the translator's: say so rather than explain ids or quoting
	if (ctx.kind === 'translation' && path[0] === TRANSLATED_FROM && path.length === 2 && found) {
		add(
			ctx.locator.at(path),
			`${what} should be the 8-character fingerprint \`${TRANSLATE_COMMAND}\` writes, not ${shown(value)}`,
			`Leave the record to the tool: delete this line, and once the passage says what today's English says, run \`${commandFor(ctx.file, String(path[1]))}\`.`
		);
		return problems;
	}

	switch (issue.code) {
		case 'invalid_type': {
			if (value === null) {
				const nodeHint =
					ctx.kind === 'scenario' && path[0] === 'nodes' && path.length === 2
						? `Indent the node's keys under \`${String(path[1])}:\`, two spaces further in.`
						: undefined;
				add(
					ctx.locator.at(path),
					`${what} is empty`,
					nodeHint ?? own(MISSING_HINTS, key) ?? own(EXPECTED_HINTS, issue.expected)
				);
			} else if (typeof value === 'number' && !Number.isFinite(value)) {
				add(ctx.locator.at(path), ...notANumber(what, value, key));
			} else if (ctx.kind === 'scenario' && path[0] === 'nodes' && path.length === 2) {
				add(
					ctx.locator.at(path),
					`${what} should be a mapping with keys such as \`type:\` and \`text:\`, not ${shown(value)}`,
					`Indent the node's keys under \`${String(path[1])}:\`, two spaces further in.`
				);
			} else {
				const expected = own(EXPECTED, issue.expected) ?? issue.expected;
				add(
					ctx.locator.at(path),
					`${what} should be ${expected}, not ${shown(value)}`,
					own(EXPECTED_HINTS, issue.expected)
				);
			}
			break;
		}
		case 'invalid_value':
			add(ctx.locator.at(path), ...invalidValue(path, value, issue.values, what, ctx.kind));
			break;
		case 'too_big':
		case 'too_small':
			if (isTranslatedPassage(path, ctx) && issue.code === 'too_big' && typeof value === 'string') {
				add(ctx.locator.at(path), ...passageTooLong(String(path[1]), value.trim().length));
			} else {
				add(ctx.locator.at(path), ...outOfRange(issue, path, value, what, key));
			}
			break;
		case 'invalid_format': {
			const subject =
				path.length === 1 ? `the id ${code(String(value))}` : `${what} ${code(String(value))}`;
			add(ctx.locator.at(path), ...badId(subject, String(value), false));
			break;
		}
		case 'invalid_key': {
			const id = String(path[path.length - 1]);
			const label = idLabel(path, ctx.kind);
			for (const inner of issue.issues) {
				if (inner.code === 'too_big') {
					add(
						ctx.locator.key(path),
						`${label} is ${id.length} characters long; ids can be at most ${LIMITS.id}`,
						`Shorten it by ${characters(id.length - LIMITS.id)}, and change every \`next\` or \`start\` that names it.`
					);
				} else if (inner.code === 'invalid_format' && ctx.kind === 'translation') {
					add(ctx.locator.key(path), ...badPassageId(id));
				} else if (inner.code === 'invalid_format') {
					add(ctx.locator.key(path), ...badId(label, id, true));
				}
			}
			break;
		}
		case 'unrecognized_keys':
			for (const unknown of issue.keys) {
				add(ctx.locator.key([...path, unknown]), ...unknownKey(path, unknown, what, ctx));
			}
			break;
		case 'invalid_union': {
			if (issue.discriminator !== undefined) {
				const node = describe(path.slice(0, -1), ctx.kind);
				if (value === null) {
					add(ctx.locator.at(path), `${node} has an empty \`type\``, MISSING_HINTS.type);
				} else {
					add(
						ctx.locator.at(path),
						`${node} has the type ${code(String(value))}; a node is a narrative, decision or ending`,
						`${didYouMean(String(value), NODE_TYPES)}${MISSING_HINTS.type}`
					);
				}
				break;
			}
			// Points are a number or a per-theme mapping: explain the form the trainer was writing.
			const branches = issue.errors.filter(
				(errors) => !errors.some((inner) => isOtherForm(inner, value))
			);
			if (branches.length === 1) {
				for (const inner of branches[0]!) {
					problems.push(
						...issueToProblems({ ...inner, path: [...path, ...inner.path] } as core.$ZodIssue, ctx)
					);
				}
			} else {
				add(
					ctx.locator.at(path),
					`${what} should be a whole number from 0 to ${LIMITS.points}, or points per theme such as \`{ risk_assessment: 2 }\`, not ${shown(value)}`,
					'A bare number is credited to the scenario’s `theme`.'
				);
			}
			break;
		}
		case 'custom': {
			const params = issue.params as Partial<ChoiceCountParams> | undefined;
			if (params?.kind === 'choice_count' && typeof params.count === 'number') {
				add(ctx.locator.at(path), ...choiceCount(path, params.count, ctx.kind));
			} else {
				add(ctx.locator.at(path), `${what}: ${issue.message}`);
			}
			break;
		}
		default:
			add(ctx.locator.at(path), `${what}: ${issue.message}`);
	}
	return problems;
}

/** Whether a union branch failed because the value is of another form altogether (text, not a number). */
function isOtherForm(issue: core.$ZodIssue, value: unknown): boolean {
	if (issue.code !== 'invalid_type' || issue.path.length > 0) return false;
	if (issue.expected === 'int' || issue.expected === 'number') return typeof value !== 'number';
	if (issue.expected === 'object' || issue.expected === 'record') return !isMapping(value);
	return true;
}

/** "node id `kitchen-2`", "choice id `leave-it` in node `kitchen`": the key named with its owner. */
function idLabel(path: Path, kind: FileKind): string {
	const id = code(String(path[path.length - 1]));
	if (kind === 'scenario' && path[0] === 'nodes' && path.length === 2) return `node id ${id}`;
	if (kind === 'scenario' && path[2] === 'choices' && path.length === 4) {
		return `choice id ${id} in node \`${String(path[1])}\``;
	}
	return `key ${id} in ${describe(path.slice(0, -1), kind)}`;
}

function badId(subject: string, id: string, isKey: boolean): [string, string] {
	const suggestion = idSuggestion(id);
	const rename = isKey ? ', and change every `next` or `start` that names it' : '';
	return [
		`${subject} is not allowed: ${ID_RULE}`,
		suggestion
			? `Try \`${suggestion}\`${rename}.`
			: `Use lower case letters, digits and _ only, such as \`fall_at_home\`${rename}.`
	];
}

/**
 * A passage id in a translation that can't be one (`Title`, `arrival text`): ids are copied from
 * the English, never renamed here, so the hint speaks of the translation file, not of `next`.
 */
function isTranslatedPassage(path: Path, ctx: IssueContext): boolean {
	return ctx.kind === 'translation' && path.length === 2 && path[0] === 'passages';
}

function badPassageId(id: string): [string, string] {
	const suggestion = withoutInvisible(id)
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9_.]+/g, '_');
	const fits = new RegExp(`^${PASSAGE_ID.source}$`).test(suggestion) && suggestion !== id;
	return [
		`passage id ${code(id)} is not one the translation tool writes: passage ids are lower case letters, digits and _, with \`.\` between parts (such as \`arrival.text\`)`,
		`${fits ? `Try \`${suggestion}\`. ` : ''}Copy the id exactly as \`npm run scenarios:translate\` wrote it in this translation file; the English beside it says which passage it is.`
	];
}

function invalidValue(
	path: Path,
	value: unknown,
	values: readonly unknown[],
	what: string,
	kind: FileKind
): [string, string?] {
	const field = ruleKey(path);
	if (field === 'format') return formatMessage(value);
	const word = typeof value === 'string' ? value : '';
	if (value === null || value === undefined) return [`${what} is empty`, own(MISSING_HINTS, field)];
	const lists: Partial<Record<string, { noun: string; options: readonly string[] }>> = {
		theme: { noun: 'a theme', options: THEMES },
		audiences: { noun: 'an audience', options: AUDIENCES },
		audience: { noun: 'an audience', options: AUDIENCES },
		outcome: { noun: 'an outcome', options: OUTCOMES }
	};
	const list = own(lists, field);
	const options = list?.options ?? values.map(String);
	const quoted = typeof value === 'string' ? code(value) : shown(value);
	const is = typeof path[path.length - 1] === 'number' ? `lists ${quoted}` : `is ${quoted}`;
	const subject =
		typeof path[path.length - 1] === 'number' ? describe(path.slice(0, -1), kind) : what;
	return [
		`${subject} ${is}, which is not ${list?.noun ?? 'allowed'}`,
		`${didYouMean(word, options)}Choose one of: ${listOf(options)}.`
	];
}

/** Names the migration command for an older format: the trainer's fix is to run it, not to edit by hand. */
function formatMessage(value: unknown): [string, string] {
	if (typeof value === 'number' && Number.isInteger(value) && value < FORMAT) {
		return [
			`\`format\` is ${value}, an older format than this checker reads (format ${FORMAT})`,
			`Run \`${MIGRATE_COMMAND} <file>\`: it will upgrade the file to format ${FORMAT}.`
		];
	}
	if (typeof value === 'number' && Number.isInteger(value)) {
		return [
			`\`format\` is ${value}, newer than this checker knows (it reads format ${FORMAT})`,
			`The file was written for a newer version of the course builder: update this project to check it, or set \`format: ${FORMAT}\` if ${value} was a slip. (\`${MIGRATE_COMMAND}\` only upgrades older files.)`
		];
	}
	return [
		`\`format\` should be the number ${FORMAT}, not ${shown(value)}`,
		`Write \`format: ${FORMAT}\`, without quotes.`
	];
}

/**
 * YAML reads `.nan` and `.inf` as numbers that are not numbers to a trainer: name the range the
 * key allows rather than the type.
 */
function notANumber(what: string, value: number, key: string): [string, string] {
	const written = Number.isNaN(value)
		? '`.nan` (not a number)'
		: `\`${value < 0 ? '-' : ''}.inf\` (infinity)`;
	const range = own(RANGES, key);
	if (!range)
		return [`${what} is ${written}; it should be a number`, 'Write a number without quotes.'];
	const span =
		range.max === undefined ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
	return [
		`${what} is ${written}; ${range.what} ${span}`,
		`Use a whole number ${span}, such as \`${range.min}\`.`
	];
}

function outOfRange(
	issue: core.$ZodIssueTooBig | core.$ZodIssueTooSmall,
	path: Path,
	value: unknown,
	what: string,
	key: string
): [string, string?] {
	const input = issue.input ?? value;
	if (issue.origin === 'string' && typeof input === 'string') {
		if (issue.code === 'too_small') return [`${what} is empty`, own(MISSING_HINTS, key)];
		const limit = Number(issue.maximum);
		if (key === 'id') {
			return [
				`${what} is ${input.length} characters long; ids can be at most ${limit}`,
				shortenBy(input.length, limit)
			];
		}
		return [
			`${what} is ${input.length} characters long; the limit is ${limit}`,
			shortenBy(input.length, limit)
		];
	}
	if (issue.origin === 'array' && Array.isArray(input)) {
		if (issue.code === 'too_small') {
			return [`${what} is empty`, own(MISSING_HINTS, key)];
		}
		const limit = Number(issue.maximum);
		return [
			`${what} has ${input.length} items; the most allowed is ${limit}`,
			`Remove ${input.length - limit} of them.`
		];
	}
	const range = own(RANGES, key);
	if (range) {
		const span =
			range.max === undefined ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
		const fix =
			range.max === undefined
				? `Use a whole number of at least ${range.min}.`
				: `Use a whole number from ${range.min} to ${range.max}.`;
		return [`${what} is ${String(input)}; ${range.what} ${span}`, fix];
	}
	return [`${what} is ${String(input)}: ${issue.message}`];
}

function unknownKey(
	path: Path,
	unknown: string,
	what: string,
	ctx: IssueContext
): [string, string] {
	const allowed = allowedKeys(path, ctx);
	if (path[path.length - 1] === 'points') {
		return [
			`${what} names ${code(unknown)}, which is not a theme`,
			`${didYouMean(unknown, allowed)}Themes: ${listOf(THEMES)}.`
		];
	}
	const hint = `${didYouMean(unknown, allowed)}Keys allowed here: ${listOf(allowed, 'and')}.`;
	if (ctx.kind === 'scenario' && path[0] === 'nodes' && path.length === 2) {
		const type = String(lookup(ctx.data, [...path, 'type']).value);
		const owner = NODE_TYPES.find((other) => other !== type && KEYS.node[other].includes(unknown));
		if (owner && !allowed.includes(unknown)) {
			return [
				`${what} is ${article(type)} ${type} node, which has no \`${unknown}\` (${article(owner)} ${owner} node has)`,
				`${type === 'ending' ? 'An ending is where the scenario stops. ' : ''}Remove \`${unknown}\`, or change \`type\` to \`${owner}\`.`
			];
		}
	}
	return [`${what} has an unknown key ${code(unknown)}`, hint];
}

function characters(count: number): string {
	return count === 1 ? '1 character' : `${count} characters`;
}

function article(word: string): string {
	return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function choiceCount(path: Path, count: number, kind: FileKind): [string, string] {
	const node = describe(path.slice(0, -1), kind);
	const { min, max } = LIMITS.choices;
	if (count < min) {
		return [
			`${node} has ${count === 0 ? 'no choices' : 'only 1 choice'}; a decision needs ${min} to ${max}`,
			'Add another choice. If the learner has no real choice here, make it `type: narrative` with a `next`.'
		];
	}
	return [
		`${node} has ${count} choices; a decision can have at most ${max}`,
		'Merge or remove choices, or split the decision into two.'
	];
}

/** Whether a top-level value can be checked key by key at all; otherwise the one problem to report. */
export function topLevelProblem(data: unknown, ctx: IssueContext): Problem | undefined {
	const at = ctx.locator.at([]);
	if (!isMapping(data)) {
		return {
			file: ctx.file,
			...at,
			severity: 'error',
			message: `the file should be a set of keys such as \`format: 1\` and \`title: ...\`, not ${shown(data)}`,
			hint: `Start from the example ${ctx.kind} in scenarios/README.md.`
		};
	}
	// A different format means different keys: listing them all as unknown would bury the cause.
	if (Object.hasOwn(data, 'format') && data.format !== FORMAT) {
		const [message, hint] = formatMessage(data.format);
		return { file: ctx.file, ...ctx.locator.at(['format']), severity: 'error', message, hint };
	}
	return undefined;
}
