/**
 * Strict, per-edition checks for every value the content writes to the LMS.
 *
 * scorm-again (our preview/test LMS) is deliberately lenient: it accepts 1.2 suspend_data up to
 * 64000 characters, identifiers with spaces and 2004 ids with hyphens. Moodle's `mod_scorm`
 * (`datamodels/scorm_12.js`, `scorm_13.js`) rejects several of these, so a green preview would
 * prove little. These rules follow Moodle's regular expressions and are tighter where the spec
 * or another LMS is stricter. An element without a rule is rejected, so nothing reaches an LMS
 * unchecked.
 */

/** Smallest permitted maxima the content must stay within, per edition. */
export const SCORM_LIMITS = {
	scorm12: {
		locationLength: 255,
		suspendDataLength: 4096,
		identifierLength: 255,
		commentsLength: 4096
	},
	/* 4096 is the 2nd edition; 3rd and 4th (what we ship) raised suspend_data to 64000. */
	scorm2004: {
		locationLength: 1000,
		suspendDataLength: 64000,
		identifierLength: 250,
		descriptionLength: 250,
		/* localized_string_type SPM 4000 (Moodle's CMILangString4000); location characterstring 250. */
		commentLength: 4000,
		commentLocationLength: 250
	}
} as const;

type Check = (value: string) => string | null;

function oneOf(label: string, allowed: readonly string[]): Check {
	return (value) =>
		allowed.includes(value)
			? null
			: `not a ${label} value; allowed: ${allowed.map((v) => `'${v}'`).join(', ')}`;
}

function maxLength(label: string, limit: number): Check {
	return (value) =>
		value.length <= limit ? null : `${label} longer than ${limit} characters (${value.length})`;
}

function matches(label: string, pattern: RegExp): Check {
	return (value) => (pattern.test(value) ? null : `not a valid ${label}`);
}

/* Moodle 1.2 CMIDecimal is `^-?([0-9]{0,3})(\.[0-9]*)?$`; this also refuses '', '.5' and '5.'. */
const SCORM12_DECIMAL = /^-?\d{1,3}(\.\d+)?$/;
/* Moodle 2004 CMIDecimal. */
const SCORM2004_DECIMAL = /^-?\d{1,5}(\.\d{1,18})?$/;

function decimalInRange(label: string, pattern: RegExp, min: number, max: number): Check {
	return (value) => {
		if (!pattern.test(value)) return `not a valid ${label}`;
		const number = Number(value);
		return number >= min && number <= max ? null : `${label} outside ${min}..${max}`;
	};
}

/* Moodle CMITimespan allows 2-4 hour digits and at most 2 decimals; 'PT1M' gets error 405. */
const scorm12Timespan = matches(
	'CMITimespan (HHHH:MM:SS.SS)',
	/^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/
);
const scorm12Time = matches('CMITime (HH:MM:SS)', /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/);
/* Moodle's regex: printable ASCII, no spaces. */
const scorm12Identifier = matches(
	'CMIIdentifier (1-255 printable ASCII characters, no spaces)',
	/^[\x21-\x7E]{1,255}$/
);
const scorm12Score = decimalInRange('CMIDecimal score', SCORM12_DECIMAL, 0, 100);

/*
 * Moodle's 2004 timespan regex accepts a bare 'P' and 'PT'; those are not valid ISO 8601, so at
 * least one component is required here. Seconds keep Moodle's 2-decimal limit.
 */
const scorm2004Duration = matches(
	'ISO 8601 duration (e.g. PT1H5M3.25S)',
	/^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/
);
/*
 * Moodle only accepts years 1970-2038 and at most 2 decimals on seconds. The spec's format is
 * `YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]`: a time zone only after fractional seconds, which
 * Moodle and scorm-again both enforce (scorm-again answers 406 to `…T20:24:00Z`).
 */
const scorm2004Timestamp = matches(
	'timestamp (YYYY-MM-DDThh:mm:ss[.s[TZD]], years 1970-2038)',
	/^(19[7-9]\d|20[0-2]\d|203[0-8])-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2}(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?$/
);
/*
 * Moodle's short_identifier_type regex is `^[\w\.]{1,250}$`, so hyphens fail; lower case keeps ids
 * identical across both editions and every LMS report.
 */
const scorm2004Identifier = matches(
	'identifier (1-250 characters of [a-z0-9_.])',
	/^[a-z0-9_.]{1,250}$/
);
const scorm2004Decimal = matches('decimal', SCORM2004_DECIMAL);

/*
 * Responses are only ever sent for `choice` interactions, so the response elements are checked
 * against the `choice` format; another interaction type needs a type-aware rule first.
 *
 * 1.2 CMIFeedback for `choice`: single characters a-z/0-9, comma-separated (Moodle accepts any
 * CMIString256, scorm-again anything). Entries are kept unique, as 2004 requires.
 */
function scorm12Choices(label: string): Check {
	return (value) => {
		if (!/^[a-z0-9](,[a-z0-9])*$/.test(value)) {
			return `not a valid ${label} (single characters a-z/0-9 separated by commas, e.g. 'b' or 'a,c')`;
		}
		const entries = value.split(',');
		return new Set(entries).size === entries.length ? null : `${label} repeats an entry`;
	};
}

/*
 * 2004 `choice`: 1-36 unique short_identifier_type entries joined with `[,]`. Moodle's entry regex
 * is `^[\w\.]{1,250}$`, so hyphens and spaces fail there although scorm-again accepts them.
 */
const SCORM2004_CHOICE_MAX = 36;
function scorm2004Choices(label: string): Check {
	return (value) => {
		const entries = value.split('[,]');
		if (!entries.every((entry) => /^[a-z0-9_.]{1,250}$/.test(entry))) {
			return `not a valid ${label} (1-250 characters of [a-z0-9_.] per choice, joined with '[,]')`;
		}
		if (entries.length > SCORM2004_CHOICE_MAX) {
			return `${label} has ${entries.length} choices; at most ${SCORM2004_CHOICE_MAX}`;
		}
		return new Set(entries).size === entries.length ? null : `${label} repeats a choice`;
	};
}

/*
 * localized_string_type, SPM 250. Moodle's CMILangString250 is
 * `^(\{lang=…\})?([^\{].{0,250}$)?`: no line breaks (`.`), and a leading `{` would be read as a
 * language tag, so both are refused rather than sent.
 */
function localizedString(label: string, limit: number): Check {
	return (value) => {
		if (value.length > limit) return `${label} longer than ${limit} characters (${value.length})`;
		if (/[\r\n\u2028\u2029]/.test(value)) return `${label} contains a line break`;
		return value.startsWith('{') ? `${label} starts with '{' (read as a {lang=…} tag)` : null;
	};
}
const scorm2004Description = localizedString(
	'description',
	SCORM_LIMITS.scorm2004.descriptionLength
);
/* The same rule at SPM 4000 (Moodle's CMILangString4000). */
const scorm2004Comment = localizedString('comment', SCORM_LIMITS.scorm2004.commentLength);

/*
 * 2004 language_type (RFC 3066 style, SPM 250); 1.2 only asks for CMIString255, but the same tag
 * is what any LMS profile holds, so both editions send one.
 */
const languageTag: Check = (value) =>
	value === '' || (value.length <= 250 && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value))
		? null
		: 'not a language tag such as cy or en-GB';

const SCORM12_EXIT = ['time-out', 'suspend', 'logout', ''];
/* 'not attempted' is LMS-only: a SCO setting it gets error 405 in Moodle and scorm-again. */
const SCORM12_LESSON_STATUS = ['passed', 'completed', 'failed', 'incomplete', 'browsed'];
const SCORM12_OBJECTIVE_STATUS = [...SCORM12_LESSON_STATUS, 'not attempted'];
const SCORM12_INTERACTION_TYPE = [
	'true-false',
	'choice',
	'fill-in',
	'matching',
	'performance',
	'sequencing',
	'likert',
	'numeric'
];
const SCORM12_RESULT = ['correct', 'wrong', 'unanticipated', 'neutral'];

const SCORM2004_EXIT = ['time-out', 'suspend', 'logout', 'normal', ''];
const SCORM2004_COMPLETION = ['completed', 'incomplete', 'not attempted', 'unknown'];
const SCORM2004_SUCCESS = ['passed', 'failed', 'unknown'];
const SCORM2004_INTERACTION_TYPE = [...SCORM12_INTERACTION_TYPE, 'long-fill-in', 'other'];
const SCORM2004_RESULT = ['correct', 'incorrect', 'unanticipated', 'neutral'];

function resultCheck(label: string, vocabulary: readonly string[], decimal: RegExp): Check {
	return (value) =>
		vocabulary.includes(value) || decimal.test(value)
			? null
			: `not a ${label} value; allowed: ${vocabulary.join(', ')} or a decimal`;
}

/* Collection indices are written as `n`; see normaliseElement. */
const SCORM12_RULES: Readonly<Record<string, Check>> = {
	'cmi.core.lesson_status': oneOf('1.2 lesson_status', SCORM12_LESSON_STATUS),
	'cmi.core.lesson_location': maxLength('lesson_location', SCORM_LIMITS.scorm12.locationLength),
	'cmi.student_preference.language': languageTag,
	'cmi.core.score.raw': scorm12Score,
	'cmi.core.score.min': scorm12Score,
	'cmi.core.score.max': scorm12Score,
	'cmi.core.exit': oneOf('1.2 exit', SCORM12_EXIT),
	'cmi.core.session_time': scorm12Timespan,
	/* scorm-again intentionally accepts 64000 here; Moodle in standard mode enforces 4096. */
	'cmi.suspend_data': maxLength('suspend_data', SCORM_LIMITS.scorm12.suspendDataLength),
	/* CMIString4096: the learner's role in a course with pathways. */
	'cmi.comments': maxLength('comments', SCORM_LIMITS.scorm12.commentsLength),
	'cmi.objectives.n.id': scorm12Identifier,
	'cmi.objectives.n.status': oneOf('1.2 objective status', SCORM12_OBJECTIVE_STATUS),
	'cmi.objectives.n.score.raw': scorm12Score,
	'cmi.objectives.n.score.min': scorm12Score,
	'cmi.objectives.n.score.max': scorm12Score,
	'cmi.interactions.n.id': scorm12Identifier,
	'cmi.interactions.n.objectives.n.id': scorm12Identifier,
	'cmi.interactions.n.type': oneOf('1.2 interaction type', SCORM12_INTERACTION_TYPE),
	'cmi.interactions.n.result': resultCheck('1.2 result', SCORM12_RESULT, SCORM12_DECIMAL),
	'cmi.interactions.n.time': scorm12Time,
	'cmi.interactions.n.latency': scorm12Timespan,
	/* Moodle's weighting_range. */
	'cmi.interactions.n.weighting': decimalInRange('1.2 weighting', SCORM12_DECIMAL, -100, 100),
	'cmi.interactions.n.student_response': scorm12Choices('1.2 choice student_response'),
	'cmi.interactions.n.correct_responses.n.pattern': scorm12Choices('1.2 choice pattern')
};

const SCORM2004_RULES: Readonly<Record<string, Check>> = {
	'cmi.completion_status': oneOf('completion_status', SCORM2004_COMPLETION),
	'cmi.success_status': oneOf('success_status', SCORM2004_SUCCESS),
	'cmi.location': maxLength('location', SCORM_LIMITS.scorm2004.locationLength),
	'cmi.learner_preference.language': languageTag,
	'cmi.score.scaled': decimalInRange('score.scaled', SCORM2004_DECIMAL, -1, 1),
	'cmi.score.raw': scorm2004Decimal,
	'cmi.score.min': scorm2004Decimal,
	'cmi.score.max': scorm2004Decimal,
	'cmi.progress_measure': decimalInRange('progress_measure', SCORM2004_DECIMAL, 0, 1),
	'cmi.exit': oneOf('2004 exit', SCORM2004_EXIT),
	'cmi.session_time': scorm2004Duration,
	'cmi.suspend_data': maxLength('suspend_data', SCORM_LIMITS.scorm2004.suspendDataLength),
	'cmi.objectives.n.id': scorm2004Identifier,
	'cmi.objectives.n.success_status': oneOf('success_status', SCORM2004_SUCCESS),
	'cmi.objectives.n.completion_status': oneOf('completion_status', SCORM2004_COMPLETION),
	'cmi.objectives.n.score.scaled': decimalInRange('score.scaled', SCORM2004_DECIMAL, -1, 1),
	'cmi.objectives.n.score.raw': scorm2004Decimal,
	'cmi.objectives.n.score.min': scorm2004Decimal,
	'cmi.objectives.n.score.max': scorm2004Decimal,
	'cmi.objectives.n.progress_measure': decimalInRange('progress_measure', SCORM2004_DECIMAL, 0, 1),
	'cmi.interactions.n.id': scorm2004Identifier,
	'cmi.interactions.n.objectives.n.id': scorm2004Identifier,
	'cmi.interactions.n.type': oneOf('2004 interaction type', SCORM2004_INTERACTION_TYPE),
	'cmi.interactions.n.result': resultCheck('2004 result', SCORM2004_RESULT, SCORM2004_DECIMAL),
	'cmi.interactions.n.timestamp': scorm2004Timestamp,
	'cmi.interactions.n.latency': scorm2004Duration,
	'cmi.interactions.n.weighting': scorm2004Decimal,
	'cmi.interactions.n.learner_response': scorm2004Choices('2004 choice learner_response'),
	'cmi.interactions.n.correct_responses.n.pattern': scorm2004Choices('2004 choice pattern'),
	'cmi.interactions.n.description': scorm2004Description,
	/* The learner's role in a course with pathways, as a comment from the learner. */
	'cmi.comments_from_learner.n.comment': scorm2004Comment,
	'cmi.comments_from_learner.n.location': maxLength(
		'comment location',
		SCORM_LIMITS.scorm2004.commentLocationLength
	),
	'cmi.comments_from_learner.n.timestamp': scorm2004Timestamp
};

/** One edition's rules, by element; each edition carries its own (a package, only its own). */
export interface ScormFormat {
	readonly edition: string;
	readonly rules: Readonly<Record<string, Check>>;
}

export const SCORM12_FORMAT: ScormFormat = { edition: 'SCORM 1.2', rules: SCORM12_RULES };
export const SCORM2004_FORMAT: ScormFormat = { edition: 'SCORM 2004', rules: SCORM2004_RULES };

/* Moodle answers 351 to an index with a leading zero, so such an element finds no rule here. */
function normaliseElement(element: string): string {
	return element.replace(/\.(0|[1-9]\d*)(?=\.)/g, '.n');
}

/**
 * Checks one value before it is written with `SetValue`/`LMSSetValue`.
 *
 * @param format - the rules of the connected runtime's edition.
 * @param element - the data model element, e.g. `cmi.core.score.raw` or `cmi.objectives.0.id`.
 * @param value - the exact string that would be sent.
 * @returns `null` when the value may be sent, otherwise why it must not be. Elements with no rule
 *   (including read-only ones such as `total_time`) are always refused.
 */
export function validateScormValue(
	{ edition, rules }: ScormFormat,
	element: string,
	value: string
): string | null {
	const key = normaliseElement(element);
	const check = Object.hasOwn(rules, key) ? rules[key] : undefined;
	if (check === undefined) {
		return `no ${edition} format rule for this element; add one to scorm-format.ts before writing it`;
	}
	if (typeof value !== 'string') return 'value is not a string';
	return check(value);
}
