import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFiles, filesIn, isCourseFile } from '../../src/build-time/scenario/files.ts';
import {
	jsonSchemaOf,
	readSchemaLine,
	schemaLine,
	SCHEMA_LINKS
} from '../../src/build-time/scenario/json-schema.ts';
import { KEYS } from '../../src/lib/scenario/schema.ts';
import { renderSchemas } from '../../tools/scenarios-schema.ts';

type JsonSchema = {
	properties: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: JsonSchema | false;
	oneOf?: JsonSchema[];
	minProperties?: number;
	maxProperties?: number;
};

describe('the JSON Schemas for editors', () => {
	it('are committed exactly as generated from the zod schemas', async () => {
		for (const file of await renderSchemas()) {
			expect(
				readFileSync(file.path, 'utf8'),
				`${file.path} is out of date: run npm run scenarios:schema`
			).toBe(file.text);
		}
	});

	it('allow exactly the keys the checker allows', () => {
		const scenario = jsonSchemaOf('scenario') as unknown as JsonSchema;
		expect(Object.keys(scenario.properties)).toEqual(KEYS.scenario);
		expect(scenario.additionalProperties).toBe(false);
		const nodes = scenario.properties.nodes!.additionalProperties as JsonSchema;
		const [narrative, decision, ending] = nodes.oneOf!;
		expect(Object.keys(narrative!.properties)).toEqual(KEYS.node.narrative);
		expect(Object.keys(decision!.properties)).toEqual(KEYS.node.decision);
		expect(Object.keys(ending!.properties)).toEqual(KEYS.node.ending);
		const choices = decision!.properties.choices!;
		expect([choices.minProperties, choices.maxProperties]).toEqual([2, 5]);
		const choice = choices.additionalProperties as JsonSchema;
		expect(Object.keys(choice.properties)).toEqual(KEYS.choice);
		// `critical` has a default, so a file may leave it out.
		expect(choice.required).toEqual(['text', 'points', 'feedback', 'next']);
		const course = jsonSchemaOf('course') as unknown as JsonSchema;
		expect(Object.keys(course.properties)).toEqual(KEYS.course);
	});

	it('describe every key, for the editor to show while the trainer types', () => {
		const undescribed: string[] = [];
		const walk = (schema: unknown, path: string) => {
			if (typeof schema !== 'object' || schema === null) return;
			const node = schema as Record<string, unknown>;
			if (node.properties) {
				for (const [key, value] of Object.entries(node.properties as Record<string, unknown>)) {
					if (!(value as { description?: string }).description) undescribed.push(`${path}.${key}`);
					walk(value, `${path}.${key}`);
				}
			}
			for (const key of ['additionalProperties', 'items']) walk(node[key], `${path}.${key}`);
			for (const key of ['oneOf', 'anyOf']) {
				(node[key] as unknown[] | undefined)?.forEach((branch, i) => walk(branch, `${path}.${i}`));
			}
		};
		walk(jsonSchemaOf('scenario'), 'scenario');
		walk(jsonSchemaOf('course'), 'course');
		expect(undescribed).toEqual([]);
	});
});

describe('the schema line', () => {
	it('starts every shipped scenario and course file', () => {
		const files = filesIn('scenarios');
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const kind = isCourseFile(file) ? 'course' : 'scenario';
			expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe(schemaLine(kind));
		}
		expect(checkFiles(['scenarios']).problems).toEqual([]);
	});

	it('is read with the column its link starts at', () => {
		expect(readSchemaLine(`${schemaLine('course')}\nformat: 1\n`)).toEqual({
			link: SCHEMA_LINKS.course,
			col: 33
		});
		expect(readSchemaLine('\uFEFF#yaml-language-server:$schema=a.json\r\n')).toEqual({
			link: 'a.json',
			col: 31
		});
		expect(readSchemaLine('format: 1\n')).toBeUndefined();
	});

	describe('in a file copied to another folder', () => {
		const dir = mkdtempSync(join(tmpdir(), 'schema-link-'));
		afterAll(() => rmSync(dir, { recursive: true, force: true }));

		it('warns that the link leads nowhere, and gives the link that works from there', () => {
			const file = join(dir, 'ambulance_fall_at_home.yaml');
			copyFileSync('scenarios/ambulance_fall_at_home.yaml', file);
			const { problems } = checkFiles([file]);
			expect(problems).toEqual([
				{
					file,
					line: 1,
					col: 33,
					severity: 'warning',
					message:
						"the first line links `./schema/scenario.schema.json`, but there is no such file from this file's folder",
					hint: expect.stringMatching(
						/^From here the schema is at `(\.\.\/)+.*scenarios\/schema\/scenario\.schema\.json`/
					)
				}
			]);
		});
	});
});
