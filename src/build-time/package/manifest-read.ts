/**
 * What a built package's `imsmanifest.xml` says about the course, read back as an LMS would:
 * the organization's title and the pass mark (1.2 `masteryscore`, 2004 `minNormalizedMeasure`).
 * The preview LMS lists packages with it.
 */
import { MANIFEST_EDITIONS, NAMESPACES } from './manifest.ts';
import { type ScormVersion } from '../../lib/lms/data-model.ts';
import { XmlError, childrenNamed, descendantsNamed, parseXml, type XmlElement } from './xml.ts';

export interface ManifestSummary {
	/** The first organization's title; undefined if it has none or the XML cannot be read. */
	title: string | undefined;
	/** Whole percentage 0..100; 0 if the manifest names none. */
	passMark: number;
}

export function readManifest(version: ScormVersion, xml: string): ManifestSummary {
	let root: XmlElement;
	try {
		root = parseXml(xml);
	} catch (error) {
		if (error instanceof XmlError) return { title: undefined, passMark: 0 };
		throw error;
	}
	const { imscp } = NAMESPACES[version];
	const organization = descendantsNamed(root, imscp, 'organization')[0];
	const title = organization && childrenNamed(organization, imscp, 'title')[0]?.textContent;
	const { namespace, element, scale } = MANIFEST_EDITIONS[version].passMark;
	const mark = descendantsNamed(root, namespace, element)[0]?.textContent?.trim();
	const passMark = Math.round(Number(mark || 0) * scale);
	return { title: title?.trim(), passMark: Number.isFinite(passMark) ? passMark : 0 };
}
