/**
 * Checks on a built package that the XSDs cannot express: the 1.2 masteryscore is any string, the
 * 2004 schema accepts `scormtype` in either casing, and neither schema looks at identifier
 * references or at the files actually in the zip. Every problem is one readable sentence.
 */
import {
	MANIFEST_EDITIONS,
	MANIFEST_FILE,
	NAMESPACES,
	SCHEMA_FILES,
	SCHEMA_VERSION,
	XSI_NAMESPACE,
	normalizedPassMark
} from './manifest.ts';
import { type ScormVersion } from '../../lib/lms/data-model.ts';
import {
	XmlError,
	attr,
	childrenNamed,
	descendantsNamed,
	parseXml,
	type XmlElement
} from './xml.ts';

export interface LintInput {
	version: ScormVersion;
	/** The text of imsmanifest.xml; undefined when the zip has none at its root. */
	manifest: string | undefined;
	/** Every path in the zip, forward slashes; directory entries (ending in `/`) are ignored. */
	zipPaths: string[];
	/** The pass mark the content uses, 0..100. */
	passMark: number;
}

const OTHER: Record<ScormVersion, ScormVersion> = { scorm12: 'scorm2004', scorm2004: 'scorm12' };

function decodeHref(href: string): string | undefined {
	try {
		return href.split('/').map(decodeURIComponent).join('/');
	} catch {
		return undefined;
	}
}

function where(el: XmlElement): string {
	return `<${el.tagName}> on line ${el.lineNumber ?? '?'}`;
}

export function lintManifest({ version, manifest, zipPaths, passMark }: LintInput): string[] {
	const problems: string[] = [];
	const ns = NAMESPACES[version];
	const paths = zipPaths.filter((p) => !p.endsWith('/'));
	const pathSet = new Set(paths);

	// Package layout first: it needs no parsing, and a manifest in a subfolder explains much else.
	if (!pathSet.has(MANIFEST_FILE)) {
		const nested = paths.find((p) => p.endsWith(`/${MANIFEST_FILE}`));
		problems.push(
			nested
				? `${MANIFEST_FILE} is at ${nested}; it must be at the root of the zip`
				: `The zip has no ${MANIFEST_FILE} at its root`
		);
	}
	for (const schema of SCHEMA_FILES[version]) {
		if (pathSet.has(schema)) continue;
		const nested = paths.find((p) => p.endsWith(`/${schema}`));
		problems.push(
			nested
				? `${schema} is at ${nested}; schema files must be at the root of the zip`
				: `The zip has no ${schema} at its root`
		);
	}
	if (!Number.isInteger(passMark) || passMark < 0 || passMark > 100) {
		problems.push(`The expected pass mark ${passMark} is not a whole number from 0 to 100`);
	}

	if (manifest === undefined) return problems;
	let root: XmlElement;
	try {
		root = parseXml(manifest);
	} catch (e) {
		if (!(e instanceof XmlError)) throw e;
		problems.push(`${MANIFEST_FILE} is not well-formed XML: ${e.message}`);
		return problems;
	}

	if (root.localName !== 'manifest' || root.namespaceURI !== ns.imscp) {
		const otherNs = NAMESPACES[OTHER[version]].imscp;
		problems.push(
			root.namespaceURI === otherNs
				? `The manifest is in the ${OTHER[version]} namespace ${otherNs}, but this is a ${version} package`
				: `The root element is <${root.tagName}> in namespace ${root.namespaceURI ?? '(none)'}; expected <manifest> in ${ns.imscp}`
		);
		return problems;
	}

	// schemaversion
	const metadata = childrenNamed(root, ns.imscp, 'metadata')[0];
	const schema = metadata && childrenNamed(metadata, ns.imscp, 'schema')[0]?.textContent?.trim();
	const schemaversion =
		metadata && childrenNamed(metadata, ns.imscp, 'schemaversion')[0]?.textContent?.trim();
	if (schema !== 'ADL SCORM') {
		problems.push(`<metadata><schema> is ${JSON.stringify(schema ?? null)}; expected "ADL SCORM"`);
	}
	if (schemaversion !== SCHEMA_VERSION[version]) {
		problems.push(
			`<schemaversion> is ${JSON.stringify(schemaversion ?? null)}; a ${version} package needs "${SCHEMA_VERSION[version]}"`
		);
	}

	// xsi:schemaLocation must point at files that are really at the root
	const schemaLocation = attr(root, 'schemaLocation', XSI_NAMESPACE);
	if (schemaLocation === undefined) problems.push('<manifest> has no xsi:schemaLocation');
	else {
		const parts = schemaLocation.trim().split(/\s+/);
		if (parts.length % 2) problems.push('xsi:schemaLocation must hold namespace/location pairs');
		for (let i = 1; i < parts.length; i += 2) {
			const location = parts[i] ?? '';
			if (!pathSet.has(location)) {
				problems.push(`xsi:schemaLocation names ${location}, which is not at the root of the zip`);
			}
		}
	}

	// identifiers and references
	const organizations = childrenNamed(root, ns.imscp, 'organizations')[0];
	const resourcesEl = childrenNamed(root, ns.imscp, 'resources')[0];
	const orgs = organizations ? childrenNamed(organizations, ns.imscp, 'organization') : [];
	const items = organizations ? descendantsNamed(organizations, ns.imscp, 'item') : [];
	const resources = resourcesEl ? childrenNamed(resourcesEl, ns.imscp, 'resource') : [];
	if (!organizations || !orgs.length) problems.push('The manifest has no <organization>');
	if (!resources.length) problems.push('The manifest has no <resource>');

	const seen = new Set<string>();
	for (const el of [root, ...orgs, ...items, ...resources]) {
		const id = attr(el, 'identifier');
		if (!id) problems.push(`${where(el)} has no identifier`);
		else if (seen.has(id)) problems.push(`Identifier ${id} is used more than once`);
		else seen.add(id);
	}
	const orgIds = new Set(orgs.map((o) => attr(o, 'identifier')));
	const defaultOrg = organizations && attr(organizations, 'default');
	if (organizations && defaultOrg !== undefined && !orgIds.has(defaultOrg)) {
		problems.push(`<organizations default="${defaultOrg}"> names no <organization>`);
	}
	const resourceById = new Map(resources.map((r) => [attr(r, 'identifier'), r]));
	const launchedItems: XmlElement[] = [];
	for (const item of items) {
		const ref = attr(item, 'identifierref');
		if (ref === undefined) continue;
		if (!resourceById.has(ref)) {
			problems.push(`${where(item)} has identifierref="${ref}", which names no <resource>`);
		} else launchedItems.push(item);
	}
	for (const dep of resourcesEl ? descendantsNamed(resourcesEl, ns.imscp, 'dependency') : []) {
		const ref = attr(dep, 'identifierref');
		if (ref === undefined || !resourceById.has(ref)) {
			problems.push(`${where(dep)} has identifierref="${ref ?? ''}", which names no <resource>`);
		}
	}
	if (orgs.length && !launchedItems.length) problems.push('No <item> launches a resource');

	// scormtype casing: 1.2 wants lower case, 2004 camel case, and the 2004 XSD accepts both
	const wanted = MANIFEST_EDITIONS[version].scormType;
	for (const res of resources) {
		const label = `<resource identifier="${attr(res, 'identifier') ?? ''}">`;
		const typeAttrs = Array.from(res.attributes).filter(
			(a) => a.localName?.toLowerCase() === 'scormtype'
		);
		const good = typeAttrs.find((a) => a.localName === wanted && a.namespaceURI === ns.adlcp);
		for (const a of typeAttrs) {
			if (a === good) continue;
			if (a.localName !== wanted) {
				problems.push(`${label} has ${a.name}; ${version} spells it adlcp:${wanted}`);
			} else {
				problems.push(
					`${label} has ${a.name} in namespace ${a.namespaceURI ?? '(none)'}; expected ${ns.adlcp}`
				);
			}
		}
		if (!good) {
			if (!typeAttrs.length) problems.push(`${label} has no adlcp:${wanted}`);
		} else if (good.value !== 'sco' && good.value !== 'asset') {
			problems.push(`${label} has adlcp:${wanted}="${good.value}"; expected "sco" or "asset"`);
		}
		if (attr(res, 'type') !== 'webcontent') {
			problems.push(`${label} has type="${attr(res, 'type') ?? ''}"; expected "webcontent"`);
		}
	}

	// files: listed ⇔ present
	const listed = new Set<string>();
	for (const res of resources) {
		const label = `<resource identifier="${attr(res, 'identifier') ?? ''}">`;
		const own = new Set<string>();
		for (const file of childrenNamed(res, ns.imscp, 'file')) {
			const href = attr(file, 'href') ?? '';
			const path = decodeHref(href);
			if (path === undefined || !path || path.startsWith('/') || path.split('/').includes('..')) {
				problems.push(
					`${where(file)} has href="${href}", which is not a relative path in the package`
				);
				continue;
			}
			if (own.has(path)) problems.push(`${label} lists ${path} twice`);
			own.add(path);
			listed.add(path);
		}
		const href = attr(res, 'href');
		if (href !== undefined) {
			const path = decodeHref(href);
			if (path === undefined || !own.has(path)) {
				problems.push(`${label} launches ${href}, which it does not list as a <file>`);
			}
		}
	}
	for (const path of [...listed].sort()) {
		if (!pathSet.has(path)) problems.push(`${path} is listed in the manifest but not in the zip`);
	}
	const control = new Set<string>([MANIFEST_FILE, ...SCHEMA_FILES[version]]);
	for (const path of [...paths].sort()) {
		if (!control.has(path) && !listed.has(path)) {
			problems.push(`${path} is in the zip but not listed in the manifest`);
		}
	}

	// pass mark
	problems.push(...PASS_MARK_CHECKS[version](root, launchedItems, passMark));
	return problems;
}

/**
 * Each edition puts the pass mark in its own place: 1.2 as adlcp:masteryscore on the item, 2004 as
 * the primary objective's minNormalizedMeasure, with the content setting completion and success.
 */
const mastery = MANIFEST_EDITIONS.scorm12.passMark;
const measure2004 = MANIFEST_EDITIONS.scorm2004.passMark;
const PASS_MARK_CHECKS: Record<
	ScormVersion,
	(root: XmlElement, launchedItems: XmlElement[], passMark: number) => string[]
> = {
	scorm12(root, launchedItems, passMark) {
		const problems: string[] = [];
		const expected = Number.isInteger(passMark) ? passMark : NaN;
		for (const item of launchedItems) {
			const scores = childrenNamed(item, mastery.namespace, mastery.element);
			if (!scores.length) {
				problems.push(`${where(item)} has no adlcp:masteryscore; expected ${passMark}`);
			}
			for (const s of scores) {
				const text = s.textContent?.trim() ?? '';
				if (!/^\d{1,3}$/.test(text) || Number(text) > 100) {
					problems.push(`adlcp:masteryscore "${text}" must be a whole number from 0 to 100`);
				} else if (Number(text) !== expected) {
					problems.push(`adlcp:masteryscore is ${text} but the course pass mark is ${passMark}`);
				}
			}
		}
		if (descendantsNamed(root, NAMESPACES.scorm2004.imsss, 'sequencing').length) {
			problems.push('A SCORM 1.2 manifest must not hold imsss:sequencing');
		}
		return problems;
	},
	scorm2004(root, launchedItems, passMark) {
		const problems: string[] = [];
		const expected = Number.isInteger(passMark) ? passMark : NaN;
		const imsss = NAMESPACES.scorm2004.imsss;
		if (descendantsNamed(root, mastery.namespace, mastery.element).length) {
			problems.push('A SCORM 2004 manifest must not hold the 1.2 adlcp:masteryscore');
		}
		for (const item of launchedItems) {
			const sequencing = childrenNamed(item, imsss, 'sequencing')[0];
			const objectivesEl = sequencing && childrenNamed(sequencing, imsss, 'objectives')[0];
			const primary = objectivesEl && childrenNamed(objectivesEl, imsss, 'primaryObjective')[0];
			if (!primary) {
				problems.push(
					`${where(item)} has no imsss:primaryObjective; the pass mark is not in the manifest`
				);
				continue;
			}
			if (!['true', '1'].includes(attr(primary, 'satisfiedByMeasure') ?? '')) {
				problems.push(
					`imsss:primaryObjective needs satisfiedByMeasure="true" for the pass mark to apply`
				);
			}
			const measureEl = childrenNamed(primary, measure2004.namespace, measure2004.element)[0];
			const measure = measureEl?.textContent?.trim();
			if (measure === undefined) {
				problems.push(
					`imsss:primaryObjective has no imsss:minNormalizedMeasure; expected ${normalizedPassMark(passMark)}`
				);
			} else if (
				!/^-?\d*\.?\d+$/.test(measure) ||
				Math.abs(Number(measure) - expected / 100) > 1e-9
			) {
				problems.push(
					`imsss:minNormalizedMeasure is ${measure} but the course pass mark ${passMark} needs ${normalizedPassMark(passMark)}`
				);
			}
			const objectiveIds = [primary, ...childrenNamed(objectivesEl, imsss, 'objective')].map((o) =>
				attr(o, 'objectiveID')
			);
			const ids = objectiveIds.filter((id): id is string => id !== undefined);
			for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
				problems.push(`Objective id ${id} is used more than once`);
			}
			const delivery = childrenNamed(sequencing, imsss, 'deliveryControls')[0];
			for (const name of ['completionSetByContent', 'objectiveSetByContent']) {
				// left false, the LMS marks the SCO complete and satisfied on its own at exit
				if (!delivery || !['true', '1'].includes(attr(delivery, name) ?? '')) {
					problems.push(`imsss:deliveryControls needs ${name}="true"`);
				}
			}
		}
		return problems;
	}
};

/** Lints a package held in memory, as read back from its zip. */
export function lintPackage(
	version: ScormVersion,
	entries: Map<string, Uint8Array>,
	passMark: number
): string[] {
	const manifest = entries.get(MANIFEST_FILE);
	return lintManifest({
		version,
		manifest: manifest && new TextDecoder().decode(manifest),
		zipPaths: [...entries.keys()],
		passMark
	});
}
