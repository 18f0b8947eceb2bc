import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UnreadableFileError } from '../unreadable-file';

/**
 * An XML element with its name resolved to a namespace URI: UBL and CII documents may use any
 * prefix (`cbc:`, `ns2:`, a default namespace), so matching on prefixes would read one sender's
 * invoices and miss the next one's. Only what the readers need: attributes by local name.
 */
export interface XmlElement {
  ns: string;
  local: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** An e-invoice is a few kB to a few hundred; anything bigger is not one (and not parsed). */
export const MAX_XML_BYTES = 5 * 1024 * 1024;
/** Deeper than any EN 16931 syntax goes (UBL ≈ 8, CII ≈ 7): refused before the tree is walked. */
const MAX_DEPTH = 64;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // The five predefined entities only: a DOCTYPE (where others would be declared) is refused below.
  processEntities: true,
  htmlEntities: false,
  // Kept, to read its encoding: every EN 16931 syntax binding (and Factur-X) is UTF-8.
  ignoreDeclaration: false,
  // Processing instructions stay as `?name` nodes (skipped by elementName); the declaration is one.
  ignorePiTags: false,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses an XML document into namespace-resolved elements. Refused as unreadable: a document over
 * MAX_XML_BYTES, one with a DOCTYPE (entity expansion, external entities: "billion laughs", XXE —
 * no e-invoice syntax declares one), one that is not well-formed. The message never quotes content.
 */
export function readXml(input: Uint8Array | string): XmlElement {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > MAX_XML_BYTES)
    throw new UnreadableFileError(`XML larger than ${MAX_XML_BYTES} bytes: not an e-invoice`);
  const text = (typeof input === 'string' ? input : utf8(input))
    // A byte order mark is not part of the document.
    .replace(/^\uFEFF/, '');
  // Not parsing: a refusal. XML forbids a DOCTYPE after the root element starts, and `<!` only
  // opens comments, CDATA and declarations, so any DOCTYPE/ENTITY declaration contains this text.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new UnreadableFileError(
      'XML with a DOCTYPE or entity declarations is refused (XXE, entity expansion)',
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new UnreadableFileError(`not well-formed XML (line ${valid.err.line})`);
  const nodes = parser.parse(text) as OrderedNode[];
  const declared = nodes.find((node) => '?xml' in node)?.[':@']?.encoding;
  if (declared && !/^utf-?8$/i.test(declared))
    throw new UnreadableFileError(
      `XML declared in ${declared.slice(0, 20)}: e-invoices are UTF-8 (EN 16931 syntaxes)`,
    );
  const root = nodes.find((node) => elementName(node) !== undefined);
  if (!root) throw new UnreadableFileError('XML without a root element');
  return resolve(root, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 0);
}

/** Strict: bytes that are not UTF-8 are refused, never read with replacement characters. */
function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFileError('XML bytes are not UTF-8: e-invoices are UTF-8 (EN 16931 syntaxes)');
  }
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && !key.startsWith('#') && !key.startsWith('?'));
}

function resolve(node: OrderedNode, inherited: Map<string, string>, depth: number): XmlElement {
  if (depth > MAX_DEPTH) throw new UnreadableFileError(`XML nested deeper than ${MAX_DEPTH} levels`);
  const name = elementName(node)!;
  const rawAttributes = node[':@'] ?? {};
  const scope = new Map(inherited);
  const attributes: Record<string, string> = {};
  for (const [attribute, value] of Object.entries(rawAttributes)) {
    if (attribute === 'xmlns') scope.set('', value);
    else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice(6), value);
    else
      attributes[attribute.includes(':') ? attribute.slice(attribute.indexOf(':') + 1) : attribute] = value;
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined && prefix !== '')
    throw new UnreadableFileError(`XML element prefix ${prefix}: is not declared`);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as OrderedNode[]) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else if (elementName(child) !== undefined) children.push(resolve(child, scope, depth + 1));
  }
  return { ns: ns ?? '', local: colon < 0 ? name : name.slice(colon + 1), attributes, text, children };
}

/** The first child named `local` in namespace `ns`. */
export function child(element: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  return element?.children.find((c) => c.ns === ns && c.local === local);
}

export function childrenNamed(element: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  return element?.children.filter((c) => c.ns === ns && c.local === local) ?? [];
}

/** Follows a path of [namespace, local name] steps, first match at each. */
export function at(element: XmlElement | undefined, ...steps: [string, string][]): XmlElement | undefined {
  let current = element;
  for (const [ns, local] of steps) current = child(current, ns, local);
  return current;
}

/** The trimmed text at a path, undefined when absent or blank. */
export function textAt(element: XmlElement | undefined, ...steps: [string, string][]): string | undefined {
  const value = at(element, ...steps)?.text.trim();
  return value ? value : undefined;
}
