/** Channel names from the API already start with `#`; add one only to a name without it. */
export function channelLabel(name: string): string {
  return name.startsWith('#') ? name : `#${name}`;
}
