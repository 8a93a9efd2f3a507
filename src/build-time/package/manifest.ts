/**
 * Writes `imsmanifest.xml` for one course as a single-SCO package, SCORM 1.2 or SCORM 2004 4th ed.
 * Pure string building, so it runs anywhere; the checks XSD cannot do live in `manifest-lint.ts`.
 */
import type { ScormVersion } from '../../lib/lms/data-model.ts';
import { XML_REFUSES } from '../../lib/scenario/text-rules.ts';

/** The namespaces each version's manifest uses; the lint resolves prefixes against these. */
export const NAMESPACES = {
	scorm12: {
		imscp: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
		adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2'
	},
	scorm2004: {
		imscp: 'http://www.imsglobal.org/xsd/imscp_v1p1',
		adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3',
		adlseq: 'http://www.adlnet.org/xsd/adlseq_v1p3',
		adlnav: 'http://www.adlnet.org/xsd/adlnav_v1p3',
		imsss: 'http://www.imsglobal.org/xsd/imsss'
	}
} as const;

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

export const SCHEMA_VERSION: Record<ScormVersion, string> = {
	scorm12: '1.2',
	// '2004 3rd Edition' manifests say 'CAM 1.3'; LMSs pick their 2004 runtime edition from this
	scorm2004: '2004 4th Edition'
};

/**
 * The schema files shipped at the package root, as vendored in `tools/xsd/<version>/`.
 * Imports between them are relative, so they only resolve if they sit side by side.
 */
export const SCHEMA_FILES: Record<ScormVersion, readonly string[]> = {
	scorm12: ['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd'],
	scorm2004: [
		'XMLSchema.dtd',
		'adlcp_v1p3.xsd',
		'adlnav_v1p3.xsd',
		'adlseq_v1p3.xsd',
		'datatypes.dtd',
		'imscp_v1p1.xsd',
		'imsss_v1p0.xsd',
		'imsss_v1p0auxresource.xsd',
		'imsss_v1p0control.xsd',
		'imsss_v1p0delivery.xsd',
		'imsss_v1p0limit.xsd',
		'imsss_v1p0objective.xsd',
		'imsss_v1p0random.xsd',
		'imsss_v1p0rollup.xsd',
		'imsss_v1p0seqrule.xsd',
		'imsss_v1p0util.xsd',
		'xml.xsd'
	]
};

/** The namespace → root schema pairs for `xsi:schemaLocation`. */
const SCHEMA_LOCATIONS: Record<ScormVersion, readonly (readonly [string, string])[]> = {
	scorm12: [
		[NAMESPACES.scorm12.imscp, 'imscp_rootv1p1p2.xsd'],
		[NAMESPACES.scorm12.adlcp, 'adlcp_rootv1p2.xsd']
	],
	scorm2004: [
		[NAMESPACES.scorm2004.imscp, 'imscp_v1p1.xsd'],
		[NAMESPACES.scorm2004.adlcp, 'adlcp_v1p3.xsd'],
		[NAMESPACES.scorm2004.adlseq, 'adlseq_v1p3.xsd'],
		[NAMESPACES.scorm2004.adlnav, 'adlnav_v1p3.xsd'],
		[NAMESPACES.scorm2004.imsss, 'imsss_v1p0.xsd']
	]
};

/** The primary objective's id; theme objective ids are `[a-z0-9_]` so cannot clash with it. */
const PRIMARY_OBJECTIVE_ID = 'overall';

/**
 * What differs between the two editions' manifests besides namespaces and schema files: where the
 * pass mark goes, the casing of scormtype, and the name people know the edition by.
 */
interface ManifestEdition {
	/** The edition as the preview and the bench name it. */
	label: string;
	/** 1.2 wants lower case, 2004 camel case (and its XSD accepts both, so the lint checks it). */
	scormType: 'scormtype' | 'scormType';
	/** The element that holds the pass mark, and what turns its value into a percentage. */
	passMark: { namespace: string; element: string; scale: number };
	/** The lines inside the launching `<item>`, after its title. */
	itemBody(course: ManifestCourse, objectives: readonly string[]): string[];
}

export const MANIFEST_EDITIONS: Record<ScormVersion, ManifestEdition> = {
	scorm12: {
		label: 'SCORM 1.2',
		scormType: 'scormtype',
		passMark: { namespace: NAMESPACES.scorm12.adlcp, element: 'masteryscore', scale: 1 },
		itemBody: (course) => [`<adlcp:masteryscore>${course.passMark}</adlcp:masteryscore>`]
	},
	scorm2004: {
		label: 'SCORM 2004 4th edition',
		scormType: 'scormType',
		passMark: {
			namespace: NAMESPACES.scorm2004.imsss,
			element: 'minNormalizedMeasure',
			scale: 100
		},
		itemBody(course, themes) {
			const objectives = [...new Set(themes)].filter((o) => o !== PRIMARY_OBJECTIVE_ID);
			for (const o of objectives) {
				if (!/^[A-Za-z0-9_]+$/.test(o)) throw new Error(`Objective id must be [A-Za-z0-9_]: ${o}`);
			}
			return [
				// imsss children have a fixed order (controlMode … objectives, randomizationControls,
				// deliveryControls); anything out of order fails the XSD
				'<imsss:sequencing>',
				'\t<imsss:objectives>',
				`\t\t<imsss:primaryObjective objectiveID="${PRIMARY_OBJECTIVE_ID}" satisfiedByMeasure="true">`,
				`\t\t\t<imsss:minNormalizedMeasure>${normalizedPassMark(course.passMark)}</imsss:minNormalizedMeasure>`,
				'\t\t</imsss:primaryObjective>',
				...objectives.map((o) => `\t\t<imsss:objective objectiveID="${o}"/>`),
				'\t</imsss:objectives>',
				// the content decides completion and pass/fail itself, from the same pass mark
				'\t<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>',
				'</imsss:sequencing>'
			];
		}
	}
};

export const MANIFEST_FILE = 'imsmanifest.xml';
export const LAUNCH_FILE = 'index.html';

export interface ManifestCourse {
	id: string;
	title: string;
	version: number;
	/** Whole percentage 0..100; the same number the content uses to decide pass or fail. */
	passMark: number;
}

export interface ManifestOptions {
	version: ScormVersion;
	course: ManifestCourse;
	/** Every content file in the package, relative, forward slashes; not the manifest or the XSDs. */
	files: string[];
	/** Theme ids, written as 2004 objectives so the LMS reports per theme; ignored for 1.2. */
	objectives?: string[];
}

/** Escapes text for both element content and double- or single-quoted attributes. */
export function escapeXml(text: string): string {
	if (XML_REFUSES.test(text)) {
		throw new Error(
			`Text cannot be put in XML, it holds a control character: ${JSON.stringify(text)}`
		);
	}
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Identifiers are xsd:ID, so they must not start with a digit: hence the fixed prefixes. */
function idPart(text: string): string {
	return text.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Only the manifest identifier carries the course version. Org, item and resource identifiers stay
 * the same across versions because LMSs such as Moodle key learner tracking on them when a teacher
 * uploads an updated package.
 */
function manifestIdentifiers(course: Pick<ManifestCourse, 'id' | 'version'>) {
	const id = idPart(course.id);
	return {
		manifest: `MANIFEST_${id}_v${idPart(String(course.version))}`,
		organization: `ORG_${id}`,
		item: `ITEM_${id}`,
		resource: `RES_${id}`
	};
}

/** A file path as a URL reference: each segment percent-encoded, slashes kept. */
function fileHref(path: string): string {
	return path.split('/').map(encodeURIComponent).join('/');
}

function checkOptions({ course, files }: ManifestOptions): void {
	if (!Number.isInteger(course.passMark) || course.passMark < 0 || course.passMark > 100) {
		// 1.2 masteryscore is read as a whole percentage by LMSs; a fraction would round differently
		throw new Error(`Pass mark must be a whole number from 0 to 100, got ${course.passMark}`);
	}
	if (!Number.isInteger(course.version) || course.version < 1) {
		throw new Error(`Course version must be a whole number from 1, got ${course.version}`);
	}
	if (!course.id || !course.title.trim()) throw new Error('Course id and title must not be empty');
	for (const file of files) {
		if (!file || file.startsWith('/') || file.includes('\\') || file.split('/').includes('..')) {
			throw new Error(`File path must be relative with forward slashes: ${JSON.stringify(file)}`);
		}
	}
	if (!files.includes(LAUNCH_FILE)) throw new Error(`Files must include ${LAUNCH_FILE}`);
}

/** passMark/100 as the shortest decimal: 80 → '0.8', 7 → '0.07', 100 → '1'. */
export function normalizedPassMark(passMark: number): string {
	return String(passMark / 100);
}

export function writeManifest(options: ManifestOptions): string {
	checkOptions(options);
	const { version, course } = options;
	const ids = manifestIdentifiers(course);
	const files = [...new Set(options.files)].sort();
	const title = escapeXml(course.title.trim());
	const fileLines = files.map((f) => `\t\t\t<file href="${escapeXml(fileHref(f))}"/>`);
	const schemaLocation = SCHEMA_LOCATIONS[version].map(([ns, file]) => `${ns} ${file}`).join(' ');

	const edition = MANIFEST_EDITIONS[version];
	const namespaces = Object.entries(NAMESPACES[version]).map(([prefix, uri]) =>
		prefix === 'imscp' ? `xmlns="${uri}"` : `xmlns:${prefix}="${uri}"`
	);
	const itemBody = edition.itemBody(course, options.objectives ?? []);
	const scormType = `adlcp:${edition.scormType}`;

	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<manifest identifier="${ids.manifest}" version="${course.version}"`,
		...[...namespaces, `xmlns:xsi="${XSI_NAMESPACE}"`].map((line) => `\t${line}`),
		`\txsi:schemaLocation="${schemaLocation}">`,
		'\t<metadata>',
		'\t\t<schema>ADL SCORM</schema>',
		`\t\t<schemaversion>${SCHEMA_VERSION[version]}</schemaversion>`,
		'\t</metadata>',
		`\t<organizations default="${ids.organization}">`,
		`\t\t<organization identifier="${ids.organization}">`,
		`\t\t\t<title>${title}</title>`,
		`\t\t\t<item identifier="${ids.item}" identifierref="${ids.resource}" isvisible="true">`,
		`\t\t\t\t<title>${title}</title>`,
		...itemBody.map((line) => `\t\t\t\t${line}`),
		'\t\t\t</item>',
		'\t\t</organization>',
		'\t</organizations>',
		'\t<resources>',
		`\t\t<resource identifier="${ids.resource}" type="webcontent" ${scormType}="sco" href="${LAUNCH_FILE}">`,
		...fileLines,
		'\t\t</resource>',
		'\t</resources>',
		'</manifest>',
		''
	].join('\n');
}
