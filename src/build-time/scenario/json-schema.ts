/**
 * The JSON Schemas editors use to complete keys and flag mistakes while a trainer types. They are
 * generated from the zod schemas in `schema.ts` (`npm run scenarios:schema`), never written by
 * hand, so the editor and the checker can't disagree about what a file may hold.
 */
import { z } from 'zod';
import type { FileKind } from './messages.ts';
import {
	courseFileSchema,
	scenarioFileSchema,
	translationFileSchema
} from '../../lib/scenario/schema.ts';

/** The folder, inside the scenarios folder, that holds the generated schemas. */
export const SCHEMA_DIR = 'schema';

/** The schema file for each kind of file. */
export const SCHEMA_FILES: Record<FileKind, string> = {
	scenario: 'scenario.schema.json',
	course: 'course.schema.json',
	translation: 'translation.schema.json'
};

/**
 * The schema as each file in the scenarios folder links it, relative to the file: courses sit one
 * folder further down, in `courses/`.
 */
export const SCHEMA_LINKS: Record<FileKind, string> = {
	scenario: `./${SCHEMA_DIR}/${SCHEMA_FILES.scenario}`,
	course: `../${SCHEMA_DIR}/${SCHEMA_FILES.course}`,
	// translations/<language>/<scenario id>.yaml; a course's sits one folder further down
	translation: `../../${SCHEMA_DIR}/${SCHEMA_FILES.translation}`
};

/** The comment the YAML extension for VS Code (and other editors' YAML language servers) reads. */
const MODELINE_PREFIX = '# yaml-language-server: $schema=';

/** The first line every scenario or course file in the scenarios folder starts with. */
export function schemaLine(kind: FileKind, link = SCHEMA_LINKS[kind]): string {
	return `${MODELINE_PREFIX}${link}`;
}

/** Reads the schema link from a file's first line, with the column it starts at (1-based). */
export function readSchemaLine(source: string): { link: string; col: number } | undefined {
	const first = source.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
	const match = /^(#\s*yaml-language-server\s*:\s*\$schema=)(\S+)\s*$/.exec(first);
	return match ? { link: match[2]!, col: match[1]!.length + 1 } : undefined;
}

/**
 * The JSON Schema of a kind of file. Draft 7, the draft editors' YAML support handles best. It
 * describes the file as written (`io: 'input'`), so keys with a default, such as `critical`, stay
 * optional.
 */
export function jsonSchemaOf(kind: FileKind): Record<string, unknown> {
	const schema = {
		scenario: scenarioFileSchema,
		course: courseFileSchema,
		translation: translationFileSchema
	}[kind];
	const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' });
	const { $schema, ...rest } = generated;
	return {
		$schema,
		$comment:
			'Generated from src/lib/scenario/schema.ts by `npm run scenarios:schema`. Do not edit by hand.',
		...rest
	};
}
