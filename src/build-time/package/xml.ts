/**
 * A small namespace-aware XML reader, enough for the manifest lint: elements, attributes, text,
 * comments, CDATA, the five predefined entities and character references. It runs in Node and the
 * browser with no dependency; full well-formedness and schema checks are xmllint's job.
 */

export interface XmlAttribute {
	/** As written, for messages: `adlcp:scormType`. */
	name: string;
	local: string;
	/** Unprefixed attributes have no namespace. */
	ns: string | undefined;
	value: string;
}

export interface XmlElement {
	name: string;
	local: string;
	ns: string | undefined;
	attributes: XmlAttribute[];
	children: XmlElement[];
	/** The element's own text, children's text excluded. */
	text: string;
	line: number;
}

export class XmlError extends Error {}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

function decode(text: string, line: () => number): string {
	return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
		if (!whole.endsWith(';')) throw new XmlError(`line ${line()}: unescaped '&'`);
		const code = /^#x[0-9a-fA-F]+$/.test(ref)
			? parseInt(ref.slice(2), 16)
			: /^#[0-9]+$/.test(ref)
				? parseInt(ref.slice(1), 10)
				: undefined;
		if (code !== undefined) {
			if (code > 0x10ffff) throw new XmlError(`line ${line()}: bad character reference &${ref};`);
			return String.fromCodePoint(code);
		}
		const value = ENTITIES[ref];
		if (value === undefined) throw new XmlError(`line ${line()}: unknown entity &${ref};`);
		return value;
	});
}

function split(name: string): [string | undefined, string] {
	const i = name.indexOf(':');
	return i < 0 ? [undefined, name] : [name.slice(0, i), name.slice(i + 1)];
}

interface Open {
	element: XmlElement;
	scope: Map<string | undefined, string>;
}

export function parseXml(source: string): XmlElement {
	let pos = 0;
	const lineAt = () => source.slice(0, pos).split('\n').length;
	const stack: Open[] = [];
	let root: XmlElement | undefined;

	const fail = (message: string): never => {
		throw new XmlError(`line ${lineAt()}: ${message}`);
	};
	const skipPast = (end: string, what: string) => {
		const i = source.indexOf(end, pos);
		if (i < 0) fail(`unterminated ${what}`);
		const body = source.slice(pos, i);
		pos = i + end.length;
		return body;
	};

	while (pos < source.length) {
		const lt = source.indexOf('<', pos);
		const textEnd = lt < 0 ? source.length : lt;
		if (textEnd > pos) {
			const text = source.slice(pos, textEnd);
			const top = stack.at(-1);
			if (top) top.element.text += decode(text, lineAt);
			else if (text.trim()) fail('text outside the root element');
			pos = textEnd;
			continue;
		}
		if (source.startsWith('<!--', pos)) {
			pos += 4;
			skipPast('-->', 'comment');
		} else if (source.startsWith('<![CDATA[', pos)) {
			pos += 9;
			const top = stack.at(-1) ?? fail('CDATA outside the root element');
			top.element.text += skipPast(']]>', 'CDATA section');
		} else if (source.startsWith('<?', pos)) {
			pos += 2;
			skipPast('?>', 'processing instruction');
		} else if (source.startsWith('<!DOCTYPE', pos)) {
			pos += 9;
			const body = skipPast('>', 'DOCTYPE');
			// an internal subset could declare entities this reader would not expand
			if (body.includes('[')) fail('DOCTYPE internal subsets are not supported');
		} else if (source.startsWith('</', pos)) {
			pos += 2;
			const name = skipPast('>', 'end tag').trim();
			const open = stack.pop() ?? fail(`unexpected </${name}>`);
			if (open.element.name !== name) fail(`</${name}> closes <${open.element.name}>`);
		} else {
			pos += 1;
			const line = lineAt();
			const name = NAME.exec(source.slice(pos))?.[0] ?? fail('bad element name');
			pos += name.length;
			const raw: [string, string][] = [];
			let selfClosing = false;
			for (;;) {
				const ws = /^\s*/.exec(source.slice(pos))?.[0] ?? '';
				pos += ws.length;
				if (source.startsWith('/>', pos)) {
					pos += 2;
					selfClosing = true;
					break;
				}
				if (source.startsWith('>', pos)) {
					pos += 1;
					break;
				}
				if (!ws) fail(`expected whitespace, '>' or '/>' in <${name}>`);
				const m =
					/^([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(
						source.slice(pos)
					) ?? fail(`bad attribute in <${name}>`);
				if (raw.some(([n]) => n === m[1])) fail(`duplicate attribute ${m[1]} in <${name}>`);
				raw.push([m[1] ?? '', decode(m[3] ?? m[4] ?? '', lineAt)]);
				pos += m[0].length;
			}

			const scope = new Map(stack.at(-1)?.scope ?? [['xml', XML_NS]]);
			for (const [n, v] of raw) {
				if (n === 'xmlns') scope.set(undefined, v);
				else if (n.startsWith('xmlns:')) scope.set(n.slice(6), v);
			}
			const resolve = (prefix: string | undefined, qname: string) => {
				const ns = scope.get(prefix);
				if (prefix !== undefined && ns === undefined) fail(`undeclared prefix in ${qname}`);
				return ns || undefined;
			};
			const [prefix, local] = split(name);
			const element: XmlElement = {
				name,
				local,
				ns: resolve(prefix, name),
				attributes: raw
					.filter(([n]) => n !== 'xmlns' && !n.startsWith('xmlns:'))
					.map(([n, value]) => {
						const [p, l] = split(n);
						return { name: n, local: l, ns: p === undefined ? undefined : resolve(p, n), value };
					}),
				children: [],
				text: '',
				line
			};
			const parent = stack.at(-1);
			if (parent) parent.element.children.push(element);
			else if (root) fail('more than one root element');
			else root = element;
			if (!selfClosing) stack.push({ element, scope });
		}
	}
	if (stack.length) throw new XmlError(`<${stack.at(-1)?.element.name}> is never closed`);
	return root ?? fail('no root element');
}

/** Child elements with this namespace and local name. */
export function childrenNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
	return el.children.filter((c) => c.ns === ns && c.local === local);
}

/** Descendants (not the element itself) with this namespace and local name, in document order. */
export function descendantsNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
	const found: XmlElement[] = [];
	const walk = (e: XmlElement) => {
		for (const c of e.children) {
			if (c.ns === ns && c.local === local) found.push(c);
			walk(c);
		}
	};
	walk(el);
	return found;
}

/** An unprefixed attribute's value (as CP attributes are). */
export function attr(el: XmlElement, local: string): string | undefined {
	return el.attributes.find((a) => a.ns === undefined && a.local === local)?.value;
}
