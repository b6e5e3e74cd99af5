/** Read-only accessors over CloudTrail `requestParameters`, which are untyped JSON. */

/** A JSON object as CloudTrail records it. */
export type Params = Readonly<Record<string, unknown>>;

/** Own property of a JSON object (never the prototype chain); undefined for non-objects. */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** A string (or finite number, as CloudTrail sometimes records versions) at `key`; undefined otherwise. */
export function text(value: unknown, key: string): string | undefined {
  const raw = field(value, key);
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}

/** The first of several alternative parameter names that holds a string. */
export function firstText(value: unknown, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const found = text(value, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The string items of an array parameter; undefined when the parameter is not an array. */
export function texts(value: unknown, key: string): string[] | undefined {
  const raw = field(value, key);
  if (!Array.isArray(raw)) return undefined;
  const out: string[] = [];
  for (const item of raw) if (typeof item === 'string') out.push(item);
  return out;
}

/** The object items of an array parameter; empty when the parameter is not an array. */
export function objects(value: unknown, key: string): unknown[] {
  const raw = field(value, key);
  return Array.isArray(raw) ? raw.filter((item) => typeof item === 'object' && item !== null) : [];
}

/** The own keys of an object parameter (e.g. DynamoDB `requestItems`); undefined when it is not an object. */
export function keysOf(value: unknown, key: string): string[] | undefined {
  const raw = field(value, key);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  return Object.keys(raw);
}

/** A value that says something: not null, '', [] or {} (CloudTrail's ways of recording an unset member). */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || hasOwnKey(value);
}

/** True when an object has an own enumerable key (`Object.keys(value).length > 0` without building the list). */
function hasOwnKey(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

/** `TableName` → `tableName`: CloudTrail's spelling of an API member name. */
export function lowerFirst(name: string): string {
  return name.length === 0 ? name : name.charAt(0).toLowerCase() + name.slice(1);
}
