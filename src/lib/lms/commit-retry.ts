/**
 * Commit with retry: a failed Commit is tried again 1, 2, 4 and 8 s later, at most 4 times until a
 * commit succeeds again, because an LMS that drops one request often takes the next.
 */
import type { FaultLog } from './fault-log';

/** Runs `fn` after `ms` milliseconds; what it returns is ignored. */
export type Scheduler = (fn: () => void, ms: number) => unknown;

/* Delays of the commit retries after a failure; their number is the retry limit. */
const COMMIT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000] as const;

interface CommitRetryOptions {
	/** Sends one Commit; true when the LMS took it. */
	send: () => boolean;
	/** False once the session is over: no retry is scheduled or run then. */
	active: () => boolean;
	now: () => number;
	schedule: Scheduler;
	faults: FaultLog;
}

export class CommitRetry {
	readonly #options: CommitRetryOptions;
	/* When the first commit that has not since succeeded failed. */
	#unsavedSince: number | null = null;
	/* Retries used since the last successful commit; the token of the pending one. */
	#retriesUsed = 0;
	#retryToken = 0;
	#retryPending = false;

	constructor(options: CommitRetryOptions) {
		this.#options = options;
	}

	get unsavedSince(): number | null {
		return this.#unsavedSince;
	}

	/** Commits now; a failure schedules a retry. */
	commit(): boolean {
		const ok = this.#options.send();
		if (ok) {
			this.#unsavedSince = null;
			this.#retriesUsed = 0;
			this.cancel();
		} else {
			this.#unsavedSince ??= this.#options.now();
			this.#scheduleRetry();
		}
		return ok;
	}

	/** Drops the pending retry, if any: when it comes due it does nothing. */
	cancel(): void {
		this.#retryToken++;
		this.#retryPending = false;
	}

	/*
	 * One retry pending at a time; 1, 2, 4, 8 s after successive failures, then none until a commit
	 * succeeds. A retry that comes due after a successful commit or after finish does nothing.
	 */
	#scheduleRetry(): void {
		if (!this.#options.active() || this.#retryPending) return;
		const delay = COMMIT_RETRY_DELAYS_MS[this.#retriesUsed];
		if (delay === undefined) return;
		this.#retriesUsed++;
		const token = ++this.#retryToken;
		this.#retryPending = true;
		try {
			this.#options.schedule(() => this.#retry(token), delay);
		} catch (error) {
			this.#retryPending = false;
			this.#options.faults.addException('schedule', error);
		}
	}

	#retry(token: number): void {
		if (token !== this.#retryToken) return;
		this.#retryPending = false;
		if (!this.#options.active()) return;
		this.commit();
	}
}
