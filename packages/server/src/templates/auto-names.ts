/**
 * Deterministic names for template agents that have none. The same template with the same
 * variables always yields the same names, so re-rendering is stable and tests can assert.
 */
const POOLS: Record<string, readonly string[]> = {
  executive: ['Morgan Hale', 'Avery Stone', 'Jordan Reyes', 'Taylor Quinn', 'Casey Lindqvist'],
  engineering: [
    'Priya Raman',
    'Lucas Ferreira',
    'Mina Okafor',
    'Tomasz Nowak',
    'Aiko Tanaka',
    'Diego Alvarez',
    'Nora Lindahl',
    'Samir Haddad',
  ],
  product: ['Elena Costa', 'Ravi Menon', 'Hannah Weiss', 'Kofi Mensah'],
  design: ['Iris Moreau', 'Leo Nakamura', 'Zara Patel', 'Felix Bauer'],
  quality: ['Greta Holm', 'Omar Farouk', 'Lena Kovac', 'Marco Bianchi'],
  data: ['Yuki Sato', 'Anya Petrova', 'Ben Adeyemi', 'Clara Jensen'],
  operations: ['Ruth Abara', 'Henrik Dahl', 'Sofia Marin', 'Victor Lang'],
  security: ['Ivan Sorensen', 'Maya Cohen', 'Tariq Aziz'],
  creative: ['Luna Park', 'Theo Marsh', 'Nadia Rossi', 'Jonas Berg'],
};

/** Role keywords to pools; the first match wins, so specific words come first. */
const ROLE_POOLS: Array<[RegExp, string]> = [
  [/\b(ceo|cto|cfo|coo|cpo|chief)\b/i, 'executive'],
  [/security/i, 'security'],
  [/\bqa\b|quality|test|automation|performance/i, 'quality'],
  [/data|ml |machine learning|\bml\b|analyst/i, 'data'],
  [/design|ux|ui\b|researcher/i, 'design'],
  [/product|technical writer/i, 'product'],
  [/project manager|scrum|hr |operations/i, 'operations'],
  [/content|brand|growth|marketing/i, 'creative'],
  [/developer|engineer|architect|devops|sre/i, 'engineering'],
];

const GREEK = [
  'Alpha',
  'Beta',
  'Gamma',
  'Delta',
  'Epsilon',
  'Zeta',
  'Eta',
  'Theta',
  'Iota',
  'Kappa',
  'Lambda',
  'Mu',
];

/** A small integer hash (FNV-1a); enough to spread picks, not for security. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

function poolFor(role: string): readonly string[] | undefined {
  const match = ROLE_POOLS.find(([pattern]) => pattern.test(role));
  return match ? POOLS[match[1]] : undefined;
}

/**
 * A name for the agent at `index` with `role`: a pick from the role's pool seeded by the
 * index, moving on to the next free name when it is `taken`. The caller still de-duplicates.
 */
export function autoName(
  role: string,
  index: number,
  taken: ReadonlySet<string> = new Set(),
): string {
  const pool = poolFor(role);
  if (!pool || pool.length === 0) return `Agent ${GREEK[index % GREEK.length]}`;
  const start = hash(`${role}#${index}`) % pool.length;
  for (let step = 0; step < pool.length; step++) {
    const candidate = pool[(start + step) % pool.length] as string;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
  return pool[start] as string;
}

/** Appends " 2", " 3", … to names already taken (case-insensitive). */
export function uniqueNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} ${n}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
