/**
 * XML for the build-time code, read with @xmldom/xmldom (namespace-aware, with line numbers):
 * the manifest lint and the preview read `imsmanifest.xml`, the report reads ODS and XLSX sheets.
 * The parser stops at the first problem of any level; full well-formedness and schema checks are
 * xmllint's job. These helpers keep the callers to plain DOM `Element`s.
 */
import { DOMParser, ParseError, type Element } from '@xmldom/xmldom';

export type { Element as XmlElement } from '@xmldom/xmldom';

export class XmlError extends Error {}

/** The root element of an XML document, or an `XmlError` saying what is wrong and on which line. */
export function parseXml(source: string): Element {
	let problem: string | undefined;
	const parser = new DOMParser({
		onError: (_level, message) => {
			problem ??= message;
			throw new XmlError(message);
		}
	});
	try {
		const root = parser.parseFromString(source, 'text/xml').documentElement;
		if (!root) throw new XmlError('no root element');
		return root;
	} catch (error) {
		if (!(error instanceof ParseError)) throw error;
		const line = (error.locator as { lineNumber?: number } | undefined)?.lineNumber;
		throw new XmlError(`${line ? `line ${line}: ` : ''}${problem ?? error.message}`);
	}
}

/** An element's child elements, in document order. */
export function childElements(el: Element): Element[] {
	return Array.from(el.childNodes).filter((c): c is Element => c.nodeType === c.ELEMENT_NODE);
}

/** Child elements with this namespace and local name. */
export function childrenNamed(el: Element, ns: string, local: string): Element[] {
	return childElements(el).filter((c) => c.namespaceURI === ns && c.localName === local);
}

/** Descendants (not the element itself) with this namespace and local name, in document order. */
export function descendantsNamed(el: Element, ns: string, local: string): Element[] {
	return Array.from(el.getElementsByTagNameNS(ns, local));
}

/** An attribute's value; unprefixed (as CP attributes are) unless a namespace is given. */
export function attr(el: Element, local: string, ns: string | null = null): string | undefined {
	return el.getAttributeNodeNS(ns, local)?.value;
}

/** All the text inside an element (CDATA included, comments not); '' for no element. */
export function textOf(el: Element | undefined): string {
	return el?.textContent ?? '';
}
