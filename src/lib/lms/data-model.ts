/**
 * Every name the content uses to reach an LMS, per edition: the runtime's global and method names,
 * and the data model elements. With scorm-format.ts, the only place `cmi.` names are spelt.
 */
/** The two SCORM editions the package is built for. */
export const SCORM_VERSIONS = ['scorm12', 'scorm2004'] as const;
export type ScormVersion = (typeof SCORM_VERSIONS)[number];

/** The edition a text names (the packager's stamp in the launch page), if it names one. */
export function scormVersionNamed(text: string | undefined): ScormVersion | undefined {
	return SCORM_VERSIONS.find((version) => version === text);
}

/** The runtime methods the adapter calls, by what they do. */
export interface RuntimeMethodNames {
	readonly initialize: string;
	readonly terminate: string;
	readonly getValue: string;
	readonly setValue: string;
	readonly commit: string;
	readonly lastError: string;
	readonly errorString: string;
	readonly diagnostic: string;
}

/** Where an edition's runtime hangs off a window, and what its methods are called. */
export interface RuntimeNames {
	readonly version: ScormVersion;
	readonly global: 'API' | 'API_1484_11';
	readonly methods: RuntimeMethodNames;
}

/*
 * Each edition's names are a constant of their own, not a table keyed by edition: a package built
 * for one edition then carries none of the other's (see connection.ts).
 */
export const RUNTIME_12 = {
	version: 'scorm12',
	global: 'API',
	methods: {
		initialize: 'LMSInitialize',
		terminate: 'LMSFinish',
		getValue: 'LMSGetValue',
		setValue: 'LMSSetValue',
		commit: 'LMSCommit',
		lastError: 'LMSGetLastError',
		errorString: 'LMSGetErrorString',
		diagnostic: 'LMSGetDiagnostic'
	}
} as const satisfies RuntimeNames;

export const RUNTIME_2004 = {
	version: 'scorm2004',
	global: 'API_1484_11',
	methods: {
		initialize: 'Initialize',
		terminate: 'Terminate',
		getValue: 'GetValue',
		setValue: 'SetValue',
		commit: 'Commit',
		lastError: 'GetLastError',
		errorString: 'GetErrorString',
		diagnostic: 'GetDiagnostic'
	}
} as const satisfies RuntimeNames;

/** The elements both editions have, under their edition's name; what the connection writes. */
export interface SharedElements {
	readonly learnerName: string;
	readonly learnerId: string;
	readonly learnerLanguage: string;
	readonly entry: string;
	readonly location: string;
	readonly suspendData: string;
	readonly exit: string;
	readonly sessionTime: string;
	readonly scoreRaw: string;
	readonly scoreMin: string;
	readonly scoreMax: string;
	readonly interactionCount: string;
	readonly objectiveCount: string;
}

export const CMI_12 = {
	learnerName: 'cmi.core.student_name',
	learnerId: 'cmi.core.student_id',
	learnerLanguage: 'cmi.student_preference.language',
	status: 'cmi.core.lesson_status',
	entry: 'cmi.core.entry',
	location: 'cmi.core.lesson_location',
	suspendData: 'cmi.suspend_data',
	exit: 'cmi.core.exit',
	sessionTime: 'cmi.core.session_time',
	scoreRaw: 'cmi.core.score.raw',
	scoreMin: 'cmi.core.score.min',
	scoreMax: 'cmi.core.score.max',
	interactionCount: 'cmi.interactions._count',
	objectiveCount: 'cmi.objectives._count',
	comments: 'cmi.comments'
} as const satisfies SharedElements & Record<string, string>;

export const CMI_2004 = {
	learnerName: 'cmi.learner_name',
	learnerId: 'cmi.learner_id',
	learnerLanguage: 'cmi.learner_preference.language',
	completion: 'cmi.completion_status',
	success: 'cmi.success_status',
	entry: 'cmi.entry',
	location: 'cmi.location',
	suspendData: 'cmi.suspend_data',
	exit: 'cmi.exit',
	sessionTime: 'cmi.session_time',
	scoreScaled: 'cmi.score.scaled',
	scoreRaw: 'cmi.score.raw',
	scoreMin: 'cmi.score.min',
	scoreMax: 'cmi.score.max',
	interactionCount: 'cmi.interactions._count',
	objectiveCount: 'cmi.objectives._count',
	commentCount: 'cmi.comments_from_learner._count'
} as const satisfies SharedElements & Record<string, string>;

/** One field of an entry in a collection, e.g. `(field) => 'cmi.objectives.0.' + field`. */
export type EntryElement = (field: string) => string;

/** `cmi.interactions.<n>.<field>`, e.g. `interactionElement(3)('correct_responses.0.pattern')`. */
export function interactionElement(index: number): EntryElement {
	return (field) => `cmi.interactions.${index}.${field}`;
}

/** `cmi.objectives.<n>.<field>`, e.g. `objectiveElement(0)('score.raw')`. */
export function objectiveElement(index: number): EntryElement {
	return (field) => `cmi.objectives.${index}.${field}`;
}

/** `cmi.comments_from_learner.<n>.<field>` (2004 only). */
export function learnerCommentElement(index: number): EntryElement {
	return (field) => `cmi.comments_from_learner.${index}.${field}`;
}
