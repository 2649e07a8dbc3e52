/**
 * Sets an own enumerable field on a plain object, "__proto__" included: JSON may hold a field of that
 * name, and assigning it would set the object's prototype instead of creating the field.
 */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
