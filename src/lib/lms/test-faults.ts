/**
 * Test helpers around a SCORM runtime object (a scorm-again `Scorm12API`/`Scorm2004API`, or any
 * object with the API methods): `withFaults` makes chosen calls fail, throw or stall, and
 * `recordCalls` logs every call in order for golden traces. Both return a `Proxy`, so everything
 * else on the runtime (`cmi`, `on`, `getFlattenedCMI`, ...) still works, and they compose:
 * `recordCalls(withFaults(api, ...))` logs what the content saw.
 *
 * Test-only: nothing in the app imports this file.
 */

const ERROR_INFO_METHODS = [
	'LMSGetLastError',
	'LMSGetErrorString',
	'LMSGetDiagnostic',
	'GetLastError',
	'GetErrorString',
	'GetDiagnostic'
] as const;

/** Every method of both editions' API objects. */
export const API_METHOD_NAMES: readonly string[] = [
	'LMSInitialize',
	'LMSFinish',
	'LMSGetValue',
	'LMSSetValue',
	'LMSCommit',
	'Initialize',
	'Terminate',
	'GetValue',
	'SetValue',
	'Commit',
	...ERROR_INFO_METHODS
];

/** One call as a selector sees it. */
export interface ApiCall {
	method: string;
	args: readonly unknown[];
	/**
	 * 1-based position among the *counted* calls: every API call except GetLastError,
	 * GetErrorString and GetDiagnostic (the content makes those in reaction to a failure, so
	 * counting them would shift every later number). 0 for those three.
	 */
	n: number;
}

/**
 * Which calls a fault applies to:
 * - a number `n` or a list of them: the nth counted call (see {@link ApiCall.n});
 * - `'every'`: every call, the error-information methods included;
 * - `{ method, element, from, times }`: calls to `method` (one name or several; omitted = any
 *   counted call) whose first argument is or matches `element`; of those, the `from`th (1-based,
 *   default 1) and the `times - 1` after it (default: all the rest);
 * - a predicate for anything else.
 */
export type CallSelector =
	| number
	| readonly number[]
	| 'every'
	| {
			method?: string | readonly string[];
			element?: string | RegExp;
			from?: number;
			times?: number;
	  }
	| ((call: ApiCall) => boolean);

export interface FaultOptions {
	/**
	 * Selected calls return `'false'` (GetValue: `''`) without reaching the runtime, and
	 * GetLastError then reports a plausible code: 2004 Initialize 102, Terminate 111, GetValue 301,
	 * SetValue 351, Commit 391; 1.2 101 (general exception). See `errorCode`.
	 */
	failCall?: CallSelector;
	/** Selected calls throw an `Error` ("injected fault: <method> threw") instead. */
	throwOn?: CallSelector;
	/** Selected calls (`delayOn`, default all counted calls) busy-wait this long first. */
	delayMs?: number;
	delayOn?: CallSelector;
	/** The code GetLastError reports after an injected failure, instead of the plausible one. */
	errorCode?: string;
}

const PLAUSIBLE_2004_CODES: Readonly<Record<string, string>> = {
	Initialize: '102',
	Terminate: '111',
	GetValue: '301',
	SetValue: '351',
	Commit: '391'
};

function plausibleCode(method: string): string {
	return PLAUSIBLE_2004_CODES[method] ?? '101';
}

function isErrorInfo(method: string): boolean {
	return (ERROR_INFO_METHODS as readonly string[]).includes(method);
}

type Matcher = (call: ApiCall) => boolean;

function matcher(selector: CallSelector | undefined): Matcher {
	if (selector === undefined) return () => false;
	if (selector === 'every') return () => true;
	if (typeof selector === 'number') return (call) => call.n === selector;
	if (typeof selector === 'function') return selector;
	if (Array.isArray(selector)) return (call) => call.n > 0 && selector.includes(call.n);
	const {
		method,
		element,
		from = 1,
		times = Number.POSITIVE_INFINITY
	} = selector as Exclude<
		CallSelector,
		number | readonly number[] | 'every' | ((call: ApiCall) => boolean)
	>;
	const methods = method === undefined ? undefined : ([] as string[]).concat(method);
	let seen = 0;
	return (call) => {
		if (methods === undefined ? call.n === 0 : !methods.includes(call.method)) return false;
		if (element !== undefined) {
			const first = String(call.args[0] ?? '');
			if (typeof element === 'string' ? first !== element : !element.test(first)) return false;
		}
		seen++;
		return seen >= from && seen < from + times;
	};
}

function busyWait(ms: number): void {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		/* A synchronous LMS call that stalls: nothing else may run meanwhile. */
	}
}

/** Wraps `target`'s API methods with `wrap`; everything else passes through, bound to `target`. */
function proxyApi<T extends object>(
	target: T,
	wrap: (method: string, call: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown
): T {
	const cache = new Map<string, (...args: unknown[]) => unknown>();
	return new Proxy(target, {
		get(object, property) {
			const value: unknown = Reflect.get(object, property, object);
			if (typeof value !== 'function') return value;
			if (typeof property !== 'string' || !API_METHOD_NAMES.includes(property)) {
				/* scorm-again keeps state in private fields, so `this` must stay the real object. */
				return (value as (...args: unknown[]) => unknown).bind(object);
			}
			let wrapped = cache.get(property);
			if (wrapped === undefined) {
				const call = (...args: unknown[]) =>
					(value as (...args: unknown[]) => unknown).apply(object, args);
				wrapped = wrap(property, call);
				cache.set(property, wrapped);
			}
			return wrapped;
		}
	});
}

/**
 * A runtime that misbehaves on the selected calls; the others reach `api` unchanged.
 *
 * @example withFaults(api, { failCall: { method: 'Commit', times: 2 } }) // first two commits fail
 * @example withFaults(api, { throwOn: 'every' }) // a runtime that throws on every call
 */
export function withFaults<T extends object>(api: T, options: FaultOptions): T {
	const fails = matcher(options.failCall);
	const throws = matcher(options.throwOn);
	const delays =
		options.delayMs === undefined
			? () => false
			: matcher(options.delayOn ?? ((call: ApiCall) => call.n > 0));
	let counted = 0;
	/* The code of the last injected failure, until the next counted call. */
	let injectedError: string | null = null;

	return proxyApi(api, (method, call) => {
		return (...args: unknown[]) => {
			const info: ApiCall = { method, args, n: isErrorInfo(method) ? 0 : ++counted };
			if (info.n > 0) injectedError = null;
			if (delays(info)) busyWait(options.delayMs ?? 0);
			if (throws(info)) throw new Error(`injected fault: ${method} threw`);
			if (fails(info)) {
				injectedError = options.errorCode ?? plausibleCode(method);
				return method.endsWith('GetValue') ? '' : 'false';
			}
			if (injectedError !== null && method.endsWith('GetLastError')) return injectedError;
			return call(...args);
		};
	});
}

/** One logged call: method, first argument (element), second argument (value), return value. */
export type RecordedCall = readonly [
	method: string,
	element: string | undefined,
	value: string | undefined,
	returned: unknown
];

/**
 * Logs every API call on the returned proxy, in order, with what it returned (or
 * `'threw: <message>'`, rethrowing). `format()` renders the log as one line per call for
 * snapshots, e.g. `SetValue cmi.exit = 'suspend' → 'true'` (strings quoted, a boolean `true`
 * bare).
 */
export function recordCalls<T extends object>(
	api: T
): { api: T; calls: RecordedCall[]; format: (calls?: readonly RecordedCall[]) => string[] } {
	const calls: RecordedCall[] = [];
	const text = (value: unknown) => (value === undefined ? undefined : String(value));
	const proxy = proxyApi(api, (method, call) => {
		return (...args: unknown[]) => {
			const element = text(args[0]);
			const value = text(args[1]);
			try {
				const returned = call(...args);
				calls.push([method, element, value, returned]);
				return returned;
			} catch (error) {
				calls.push([method, element, value, `threw: ${(error as Error)?.message ?? error}`]);
				throw error;
			}
		};
	});
	/* Strings in single quotes, unescaped, so JSON in suspend_data stays readable. */
	const show = (value: unknown) => (typeof value === 'string' ? `'${value}'` : String(value));
	const format = (list: readonly RecordedCall[] = calls) =>
		list.map(([method, element, value, returned]) => {
			const target = element === undefined || element === '' ? '' : ` ${element}`;
			const written = value === undefined ? '' : ` = ${show(value)}`;
			return `${method}${target}${written} → ${show(returned)}`;
		});
	return { api: proxy, calls, format };
}
