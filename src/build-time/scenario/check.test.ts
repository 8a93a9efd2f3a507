import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCourse } from './check.ts';
import { checkAll, checkFiles, listCourses, listScenarios, loadCourseBundle } from './files.ts';
import { parseCourse, parseScenario } from './parse.ts';
import type { Course, Scenario } from '../../lib/scenario/types.ts';

const FIXTURES = 'tests/fixtures/scenarios';

function parsed<T>(result: { ok: true; value: T } | { ok: false }): T {
	if (!result.ok) throw new Error('fixture should parse');
	return result.value;
}

const minimal = parsed(
	parseScenario(readFileSync(`${FIXTURES}/valid/minimal.yaml`, 'utf8'), 'minimal.yaml')
);

describe('checkCourse', () => {
	const source = [
		'format: 1',
		'id: mixed_list',
		'version: 1',
		'title: A course',
		'description: For the tests.',
		'audience: ambulance',
		'minutes: 10',
		'outcomes: [Spot the signs.]',
		'pass_mark: 80',
		'critical_choice_fails: true',
		'scenarios:',
		'  - minimal',
		'  - minimall',
		'  - minimal',
		'  - waiting_room'
	].join('\n');
	const course: Course = parsed(parseCourse(source, 'mixed_list.yaml'));
	const scenarios = new Map<string, Scenario>([['minimal', minimal]]);
	const courseFile = { file: 'courses/mixed_list.yaml', source };

	it('reports an unknown scenario at its list item, with a suggestion', () => {
		const problems = checkCourse(course, scenarios, courseFile);
		expect(problems).toContainEqual({
			file: 'courses/mixed_list.yaml',
			line: 13,
			col: 5,
			severity: 'error',
			message: '`scenarios` lists `minimall`, but there is no scenario with that id',
			hint: expect.stringContaining('Did you mean `minimal`?')
		});
		expect(problems).toContainEqual(
			expect.objectContaining({
				line: 15,
				col: 5,
				message: expect.stringContaining('`waiting_room`')
			})
		);
	});

	it('reports a scenario listed twice at the second mention', () => {
		const problems = checkCourse(course, scenarios, courseFile);
		expect(problems).toContainEqual(
			expect.objectContaining({
				line: 14,
				col: 5,
				severity: 'error',
				message: '`scenarios` lists `minimal` twice (first as item 1)'
			})
		);
		expect(problems).toHaveLength(3);
	});

	it('does not report scenarios that exist but are broken', () => {
		const problems = checkCourse(course, scenarios, courseFile, { present: ['waiting_room'] });
		expect(problems.map((p) => p.line)).toEqual([13, 14]);
	});

	it('warns when a scenario is not written for the course audience', () => {
		const police: Course = { ...course, audience: 'police', scenarios: ['minimal'] };
		const policeSource = source.replace('audience: ambulance', 'audience: police');
		expect(checkCourse(police, scenarios, { file: 'p.yaml', source: policeSource })).toEqual([
			expect.objectContaining({
				line: 12,
				col: 5,
				severity: 'warning',
				message: expect.stringContaining('scenario `minimal` is not written for `police`')
			})
		]);
	});
});

describe('loadCourseBundle', () => {
	it('loads a course and its scenarios in course order', () => {
		const result = loadCourseBundle(`${FIXTURES}/valid`, 'ambulance_refresher');
		expect(result.problems).toEqual([]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.course.id).toBe('ambulance_refresher');
		expect(result.value.scenarios.map((s) => s.id)).toEqual(['minimal', 'fall_at_home']);
		// Plain JSON: the build inlines it as is.
		expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
	});

	it('reports course and scenario problems together, each in its own file', () => {
		const root = `${FIXTURES}/course_errors`;
		const result = loadCourseBundle(root, 'typos');
		expect(result.ok).toBe(false);
		const where = result.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.severity}`);
		expect(where).toEqual([
			`${root}/broken_case.yaml:24:7 error`,
			`${root}/courses/typos.yaml:14:5 warning`,
			`${root}/courses/typos.yaml:15:5 error`,
			`${root}/courses/typos.yaml:17:5 error`
		]);
		expect(result.problems[0]!.message).toBe(
			'choice `leave_it` in node `kitchen` has no `feedback`'
		);
		expect(result.problems[2]!.hint).toContain('Did you mean `minimal`?');
	});

	it('reports a course that does not exist, with a suggestion', () => {
		const result = loadCourseBundle(`${FIXTURES}/course_errors`, 'typo');
		expect(result).toEqual({
			ok: false,
			problems: [
				expect.objectContaining({
					line: 1,
					col: 1,
					message: 'there is no course `typo`',
					hint: expect.stringContaining('Did you mean `typos`?')
				})
			]
		});
	});

	it('takes a course file name for its id, refuses a path, and lists the courses there are', () => {
		const valid = `${FIXTURES}/valid`;
		expect(loadCourseBundle(valid, 'ambulance_refresher.yaml').ok).toBe(true);
		const climbing = loadCourseBundle(valid, '../valid/courses/ambulance_refresher');
		expect(climbing.ok).toBe(false);
		expect(!climbing.ok && climbing.problems[0]).toMatchObject({
			message: 'there is no course `../valid/courses/ambulance_refresher`',
			hint: expect.stringMatching(/: `ambulance_refresher`\.$/)
		});
	});
});

describe('listing and checking folders', () => {
	it('lists courses and scenarios by id', () => {
		expect(listCourses(`${FIXTURES}/valid`)).toEqual(['ambulance_refresher']);
		expect(listScenarios(`${FIXTURES}/valid`)).toEqual(['fall_at_home', 'minimal']);
		expect(listCourses(`${FIXTURES}/no_such_folder`)).toEqual([]);
	});

	it('finds nothing wrong in the valid folder', () => {
		expect(checkAll(`${FIXTURES}/valid`)).toEqual([]);
		expect(checkFiles([`${FIXTURES}/valid`]).files).toBe(3);
	});

	it('reports every malformed fixture', () => {
		const problems = checkAll(`${FIXTURES}/malformed`);
		const files = new Set(problems.map((p) => p.file));
		expect(files.size).toBe(listScenarios(`${FIXTURES}/malformed`).length);
	});

	it('reports a folder or file that does not exist', () => {
		expect(checkAll(`${FIXTURES}/no_such_folder`)).toEqual([
			expect.objectContaining({ message: 'there is no such folder' })
		]);
		expect(checkFiles([`${FIXTURES}/valid/nothing.yaml`]).problems).toEqual([
			expect.objectContaining({ line: 1, col: 1, message: 'there is no such file' })
		]);
	});
});
