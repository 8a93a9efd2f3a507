/**
 * The connection to a live LMS runtime: when each verb writes what, whatever the edition. What an
 * edition spells differently is asked of its {@link Edition}; reads and writes go through the
 * guarded {@link RuntimeChannel}, so a failing LMS never breaks the course.
 */
import { interactionElement, objectiveElement } from './data-model';
import { CommitRetry, type Scheduler } from './commit-retry';
import type { Edition } from './edition';
import { FaultLog } from './fault-log';
import type {
	CourseResult,
	InteractionRecord,
	LmsConnection,
	LmsFault,
	ObjectiveRecord,
	PathwayRecord,
	ResumePoint,
	SavedProgress,
	StartOptions
} from './port';
import { RuntimeChannel, type Runtime } from './runtime';
import { asText, descriptionText, isPercent, listOf } from './values';

/* A garbage `_count` must not make start() read millions of objective ids. */
const MAX_OBJECTIVE_IDS_READ = 250;

const OBJECTIVE_STATUSES: readonly string[] = ['incomplete', 'passed', 'failed'];

type SessionState = 'idle' | 'active' | 'failed' | 'finished';

export class RuntimeConnection implements LmsConnection {
	readonly mode: Edition['version'];
	readonly #edition: Edition;
	readonly #lms: RuntimeChannel;
	readonly #log = new FaultLog();
	readonly #commits: CommitRetry;
	readonly #now: () => number;
	readonly #schedule: Scheduler;
	#startCommitPending = false;
	#state: SessionState = 'idle';
	#startedAt = 0;
	#learnerName: string | null = null;
	#learnerId: string | null = null;
	#learnerLanguage: string | null = null;
	/* False once the LMS has said it does not keep the preference (1.2: 401, not implemented). */
	#languageKept = true;
	#alreadyCompleted = false;
	#previouslyPassed = false;
	#resultRecorded = false;
	/*
	 * True from a committed result until a retake: everything the session will write is in the
	 * LMS, so a finish from a closing page, whose calls browsers may drop, only terminates.
	 */
	#settled = false;
	#saved: ResumePoint | null = null;
	/* cmi.interactions._count at start, and how many interactions this session created since. */
	#interactionBase = 0;
	#interactionsSent = 0;
	/* Objective id → index, from start and from this session; the next index for a new id. */
	#objectiveIndex = new Map<string, number>();
	/** Batches open now, and the commit their verbs asked for (see `batch`). */
	#batching = 0;
	#wanted: { settles: boolean } | null = null;
	#nextObjective = 0;

	constructor(edition: Edition, runtime: Runtime, now: () => number, schedule: Scheduler) {
		this.#edition = edition;
		this.#lms = new RuntimeChannel(runtime, this.#log, edition.codes, edition.format);
		this.#now = now;
		this.#schedule = schedule;
		this.#commits = new CommitRetry({
			send: () => {
				this.#startCommitPending = false;
				return this.#lms.commit();
			},
			active: () => this.#state === 'active',
			now,
			schedule,
			faults: this.#log
		});
		this.mode = edition.version;
	}

	get connected(): boolean {
		return this.#state === 'active';
	}

	get learnerName(): string | null {
		return this.#learnerName;
	}

	get learnerId(): string | null {
		return this.#learnerId;
	}

	get learnerLanguage(): string | null {
		return this.#learnerLanguage;
	}

	get alreadyCompleted(): boolean {
		return this.#alreadyCompleted;
	}

	get saved(): ResumePoint | null {
		return this.#saved;
	}

	get faults(): readonly LmsFault[] {
		return this.#log.faults;
	}

	get commitFailing(): boolean {
		return this.#commits.unsavedSince !== null;
	}

	get unsavedSince(): number | null {
		return this.#commits.unsavedSince;
	}

	start(options: StartOptions = {}): void {
		if (this.#state !== 'idle') return;
		if (!this.#lms.initialize()) {
			this.#state = 'failed';
			return;
		}
		this.#state = 'active';
		this.#startedAt = this.#now();
		this.#readStart();
		if (!options.deferCommit) {
			this.#commits.commit();
			return;
		}
		this.#startCommitPending = true;
		try {
			this.#schedule(() => {
				if (this.#startCommitPending && this.#state === 'active') this.#commits.commit();
			}, 0);
		} catch (error) {
			this.#log.addException('schedule', error);
			this.#commits.commit();
		}
	}

	saveProgress(progress: SavedProgress): void {
		if (this.#state !== 'active') return;
		const cmi = this.#edition.cmi;
		const location = asText(progress?.location);
		const suspendData = asText(progress?.suspendData);
		/*
		 * Both or neither: a new location with stale suspend_data (or the reverse) would resume
		 * the learner into a state the app never saved. Both are checked, so each problem shows.
		 */
		const locationOk = this.#lms.validate(cmi.location, location, cmi.suspendData);
		const dataOk = this.#lms.validate(cmi.suspendData, suspendData, cmi.location);
		if (locationOk && dataOk) {
			this.#lms.send(cmi.location, location);
			this.#lms.send(cmi.suspendData, suspendData);
		}
		/* Going back to 'suspend' after the result would keep a finished attempt open for resume. */
		if (!this.#resultRecorded) this.#lms.set(cmi.exit, 'suspend');
		this.#commit();
	}

	recordInteraction(record: InteractionRecord): void {
		if (this.#state !== 'active') return;
		const element = interactionElement(this.#interactionBase + this.#interactionsSent);
		/* A refused id creates nothing, so the next interaction reuses the index. */
		if (!this.#lms.set(element('id'), asText(record?.id))) return;
		this.#interactionsSent++;
		/* Without a type, 2004 answers 408 to every response; the id alone is still committed. */
		if (this.#lms.set(element('type'), 'choice')) {
			this.#edition.writeInteraction(this.#lms, record, element);
		}
		this.#commit();
	}

	recordObjectives(objectives: readonly ObjectiveRecord[]): void {
		if (this.#state !== 'active') return;
		for (const objective of listOf(objectives)) {
			const id = asText(objective?.id);
			let index = this.#objectiveIndex.get(id);
			if (index === undefined) {
				index = this.#nextObjective;
				/* A refused id creates nothing: its scores would land on a nameless objective. */
				if (!this.#lms.set(objectiveElement(index)('id'), id)) continue;
				this.#objectiveIndex.set(id, index);
				this.#nextObjective++;
			}
			this.#writeObjective(index, id, objective);
		}
		this.#commit();
	}

	saveLanguage(tag: string): void {
		if (this.#state !== 'active' || !this.#languageKept) return;
		if (this.#lms.set(this.#edition.cmi.learnerLanguage, asText(tag))) {
			this.#learnerLanguage = asText(tag);
		}
		this.#commit();
	}

	recordPathway(pathway: PathwayRecord): void {
		if (this.#state !== 'active') return;
		const note = descriptionText(`pathway: ${asText(pathway.id)} (${asText(pathway.title)})`);
		this.#edition.writePathway(this.#lms, note, this.#now);
		this.#commit();
	}

	recordResult(result: CourseResult): void {
		if (this.#state !== 'active') return;
		const { scorePercent, passed } = result;
		const scoreValid = Number.isInteger(scorePercent) && scorePercent >= 0 && scorePercent <= 100;
		if (!scoreValid) {
			this.#log.add({
				call: 'recordResult',
				value: asText(scorePercent),
				code: 'invalid-result',
				message: 'scorePercent must be an integer 0..100; score not sent',
				diagnostic: ''
			});
		}
		/*
		 * A learner replaying a passed attempt must not lose the pass; writing the lower score would
		 * also make Moodle's mastery-score override flip the status to failed.
		 */
		const keepEarlierPass = this.#previouslyPassed && !passed;
		if (!keepEarlierPass) this.#edition.writeResult(this.#lms, scorePercent, scoreValid, passed);
		this.#lms.set(this.#edition.cmi.exit, this.#edition.exitAfterResult);
		this.#resultRecorded = true;
		this.#writeSessionTime();
		this.#commit({ settles: true });
	}

	reopen(): void {
		this.#resultRecorded = false;
		this.#settled = false;
	}

	batch(writes: () => void): void {
		this.#batching++;
		try {
			writes();
		} finally {
			this.#batching--;
			const wanted = this.#wanted;
			if (this.#batching === 0 && wanted) {
				this.#wanted = null;
				if (this.#state === 'active') this.#commit(wanted);
			}
		}
	}

	commit(): void {
		if (this.#state !== 'active') return;
		this.#commit();
	}

	/**
	 * A verb's commit: now, or at the end of the batch it is part of. `settles`: the result was
	 * written, so once this commit succeeds only Terminate is left to send.
	 */
	#commit({ settles = false } = {}): void {
		if (this.#batching > 0) {
			this.#wanted = { settles: settles || (this.#wanted?.settles ?? false) };
			return;
		}
		const committed = this.#commits.commit();
		if (settles) this.#settled = committed;
	}

	finish(): void {
		const wasActive = this.#state === 'active';
		/* Set first, so a pagehide fired from inside the LMS's own Terminate cannot re-enter. */
		this.#state = 'finished';
		this.#commits.cancel();
		if (!wasActive) return;
		if (!this.#settled) this.#writeSessionTime();
		/* A commit that failed after the result (and its retries, just dropped) gets one more go. */
		if (!this.#settled || this.commitFailing) this.#commits.commit();
		this.#lms.terminate();
	}

	#writeSessionTime(): void {
		const elapsed = Math.max(0, this.#now() - this.#startedAt);
		this.#lms.set(this.#edition.cmi.sessionTime, this.#edition.formatSessionTime(elapsed));
	}

	/** Who the learner is, their standing, and what resuming needs: all read once at start. */
	#readStart(): void {
		const cmi = this.#edition.cmi;
		this.#learnerName = this.#lms.readTrimmed(cmi.learnerName);
		this.#learnerId = this.#lms.get(cmi.learnerId, { optional: true }).trim() || null;
		const language = this.#lms.readPreference(cmi.learnerLanguage);
		this.#learnerLanguage = language.value;
		this.#languageKept = language.kept;
		const standing = this.#edition.readStanding(this.#lms);
		this.#alreadyCompleted = standing.alreadyCompleted;
		this.#previouslyPassed = standing.previouslyPassed;
		this.#readResumeData();
		if (standing.firstLaunch) {
			this.#edition.markIncomplete(this.#lms);
			this.#lms.set(cmi.scoreMin, '0');
			this.#lms.set(cmi.scoreMax, '100');
		}
		this.#lms.set(cmi.exit, 'suspend');
	}

	/** Entry, location, suspend_data and the two collections. */
	#readResumeData(): void {
		const cmi = this.#edition.cmi;
		const entry = this.#lms.get(cmi.entry);
		const location = this.#lms.get(cmi.location, { optional: true });
		const suspendData = this.#lms.get(cmi.suspendData, { optional: true });
		/* Suspend data is what resuming needs; the entry is passed on, not judged. */
		this.#saved = suspendData === '' ? null : { location, suspendData, entry };
		/* 1.2 interactions are write-only: only the count is ever read. */
		this.#interactionBase = this.#lms.readCount(cmi.interactionCount);
		const objectives = this.#lms.readCount(cmi.objectiveCount);
		this.#nextObjective = objectives;
		for (let index = 0; index < Math.min(objectives, MAX_OBJECTIVE_IDS_READ); index++) {
			const id = this.#lms.get(objectiveElement(index)('id'), { optional: true });
			if (id !== '' && !this.#objectiveIndex.has(id)) this.#objectiveIndex.set(id, index);
		}
	}

	#writeObjective(index: number, id: string, objective: ObjectiveRecord): void {
		const element = objectiveElement(index);
		const { scorePercent, status } = objective;
		const scoreValid = isPercent(scorePercent);
		const statusValid = OBJECTIVE_STATUSES.includes(status);
		if (!scoreValid || !statusValid) {
			this.#log.add({
				call: 'recordObjectives',
				element: element(scoreValid ? 'status' : 'score'),
				value: asText(scoreValid ? status : scorePercent),
				code: 'invalid-record',
				message: scoreValid
					? `objective '${id}': status must be incomplete, passed or failed; status not sent`
					: `objective '${id}': scorePercent must be a number 0..100; score not sent`,
				diagnostic: ''
			});
		}
		this.#edition.writeObjective(
			this.#lms,
			element,
			scoreValid ? scorePercent : null,
			statusValid ? status : null
		);
	}
}
