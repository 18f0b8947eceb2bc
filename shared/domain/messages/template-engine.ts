import { ValidationError } from '../errors';

/**
 * A small logic-less template engine (a subset of Mustache), so wording is data and nothing
 * in a template can run code or reach outside the values it is given:
 * - `{{name}}`, `{{a.b}}`: a value, always passed through the output's escaper (HTML for
 *   e-mail bodies: debtor names and invoice numbers come from files); there is no raw form;
 * - `{{#list}}…{{/list}}`: repeated for each item of an array (the item's fields come first
 *   in scope), or rendered once when the value is truthy;
 * - `{{^name}}…{{/name}}`: rendered when the value is missing, false or an empty array.
 * A name found in no scope is an error, not an empty string: a typo in a template fails the
 * render (and its test) instead of sending "Dear ,".
 */

export type TemplateValue = string | number | boolean | undefined | TemplateScope | TemplateScope[];
export interface TemplateScope {
  [name: string]: TemplateValue;
}

export type Escaper = (text: string) => string;

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'section'; name: string; inverted: boolean; children: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

function parse(source: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const [tag, sigil, name] = match as unknown as [string, string, string];
    const top = stack.at(-1)!;
    if (match.index > last) top.children.push(textNode(source.slice(last, match.index)));
    last = match.index + tag.length;
    if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', name, inverted: sigil === '^', children: [] };
      top.children.push(section);
      stack.push({ name, children: section.children });
    } else if (sigil === '/') {
      if (stack.length === 1 || top.name !== name)
        throw new ValidationError('template', `unexpected {{/${name}}}`);
      stack.pop();
    } else top.children.push({ kind: 'var', name });
  }
  if (stack.length > 1) throw new ValidationError('template', `unclosed {{#${stack.at(-1)!.name}}}`);
  if (last < source.length) root.push(textNode(source.slice(last)));
  return root;
}

function textNode(text: string): Node {
  if (text.includes('{{')) throw new ValidationError('template', `malformed tag near "${text.slice(0, 40)}"`);
  return { kind: 'text', text };
}

const compiled = new Map<string, Node[]>();

function lookup(scopes: readonly TemplateScope[], name: string): TemplateValue {
  const [head, ...path] = name.split('.');
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i]!;
    if (!Object.hasOwn(scope, head!)) continue;
    let value: TemplateValue = scope[head!];
    for (const key of path) {
      if (
        value === undefined ||
        typeof value !== 'object' ||
        Array.isArray(value) ||
        !Object.hasOwn(value, key)
      )
        throw new ValidationError('template', `unknown value {{${name}}}`);
      value = value[key];
    }
    return value;
  }
  throw new ValidationError('template', `unknown value {{${name}}}`);
}

function renderNodes(nodes: readonly Node[], scopes: TemplateScope[], escapeValue: Escaper): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'var') {
      const value = lookup(scopes, node.name);
      if (value === undefined || typeof value === 'object')
        throw new ValidationError('template', `{{${node.name}}} is not a text value`);
      out += escapeValue(String(value));
    } else {
      // A section on an absent value is simply empty (optional parts of a message).
      const value = scopes.some((scope) => Object.hasOwn(scope, node.name.split('.')[0]!))
        ? lookup(scopes, node.name)
        : undefined;
      const empty =
        value === undefined ||
        value === false ||
        value === '' ||
        (Array.isArray(value) && value.length === 0);
      if (node.inverted) {
        if (empty) out += renderNodes(node.children, scopes, escapeValue);
      } else if (Array.isArray(value)) {
        for (const item of value) out += renderNodes(node.children, [...scopes, item], escapeValue);
      } else if (!empty) {
        out += renderNodes(
          node.children,
          typeof value === 'object' ? [...scopes, value] : scopes,
          escapeValue,
        );
      }
    }
  }
  return out;
}

/** Renders `source` with `values`; every value goes through `escape` (identity for plain text). */
export function renderTemplate(
  source: string,
  values: TemplateScope,
  escapeValue: Escaper = (t) => t,
): string {
  let nodes = compiled.get(source);
  if (!nodes) {
    nodes = parse(source);
    compiled.set(source, nodes);
  }
  return renderNodes(nodes, [values], escapeValue);
}
