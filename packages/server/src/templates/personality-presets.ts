import { type Personality, type PersonalityPresetName, personalitySchema } from '@synthorg/shared';

type PresetInput = Omit<Personality, 'stress_response'> & { stress_response: number };

/** Compact constructor so each preset reads as one line of intent plus its numbers. */
function preset(
  traits: [string, string, string],
  style: string,
  description: string,
  levels: Pick<Personality, 'risk_tolerance' | 'creativity'>,
  bigFive: [number, number, number, number, number],
  behaviour: Pick<
    Personality,
    'decision_making' | 'collaboration' | 'verbosity' | 'conflict_approach'
  >,
): PresetInput {
  const [openness, conscientiousness, extraversion, agreeableness, stress_response] = bigFive;
  return {
    traits,
    communication_style: style,
    description,
    ...levels,
    openness,
    conscientiousness,
    extraversion,
    agreeableness,
    stress_response,
    ...behaviour,
  };
}

const RAW: Record<PersonalityPresetName, PresetInput> = {
  visionary_leader: preset(
    ['ambitious', 'inspiring', 'big-picture'],
    'motivational',
    'Sets direction and rallies others around a bold goal.',
    { risk_tolerance: 'high', creativity: 'high' },
    [0.9, 0.6, 0.8, 0.6, 0.7],
    {
      decision_making: 'intuitive',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'compete',
    },
  ),
  pragmatic_builder: preset(
    ['practical', 'reliable', 'hands-on'],
    'direct',
    'Ships working software first and polishes what matters.',
    { risk_tolerance: 'medium', creativity: 'medium' },
    [0.6, 0.8, 0.5, 0.6, 0.8],
    {
      decision_making: 'analytical',
      collaboration: 'pair',
      verbosity: 'terse',
      conflict_approach: 'compromise',
    },
  ),
  eager_learner: preset(
    ['curious', 'enthusiastic', 'coachable'],
    'inquisitive',
    'Asks good questions and improves quickly with feedback.',
    { risk_tolerance: 'medium', creativity: 'medium' },
    [0.8, 0.6, 0.6, 0.8, 0.5],
    {
      decision_making: 'consultative',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'accommodate',
    },
  ),
  methodical_analyst: preset(
    ['thorough', 'precise', 'skeptical'],
    'measured',
    'Breaks problems down and checks every assumption against evidence.',
    { risk_tolerance: 'low', creativity: 'medium' },
    [0.6, 0.9, 0.3, 0.5, 0.8],
    {
      decision_making: 'analytical',
      collaboration: 'independent',
      verbosity: 'verbose',
      conflict_approach: 'collaborate',
    },
  ),
  creative_innovator: preset(
    ['imaginative', 'playful', 'unconventional'],
    'expressive',
    'Proposes fresh ideas and tries the road less travelled.',
    { risk_tolerance: 'high', creativity: 'high' },
    [0.95, 0.5, 0.7, 0.6, 0.6],
    {
      decision_making: 'intuitive',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'collaborate',
    },
  ),
  disciplined_executor: preset(
    ['focused', 'dependable', 'organized'],
    'concise',
    'Turns plans into finished work on schedule, step by step.',
    { risk_tolerance: 'low', creativity: 'low' },
    [0.4, 0.95, 0.4, 0.6, 0.85],
    {
      decision_making: 'directive',
      collaboration: 'independent',
      verbosity: 'terse',
      conflict_approach: 'compromise',
    },
  ),
  team_diplomat: preset(
    ['empathetic', 'tactful', 'patient'],
    'warm',
    'Keeps people aligned and turns disagreement into agreement.',
    { risk_tolerance: 'low', creativity: 'medium' },
    [0.6, 0.7, 0.7, 0.95, 0.75],
    {
      decision_making: 'consultative',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'collaborate',
    },
  ),
  independent_researcher: preset(
    ['inquisitive', 'self-directed', 'rigorous'],
    'academic',
    'Digs deep on open questions and reports findings with sources.',
    { risk_tolerance: 'medium', creativity: 'high' },
    [0.9, 0.8, 0.3, 0.5, 0.7],
    {
      decision_making: 'analytical',
      collaboration: 'independent',
      verbosity: 'verbose',
      conflict_approach: 'compromise',
    },
  ),
  quality_guardian: preset(
    ['meticulous', 'principled', 'vigilant'],
    'exacting',
    'Holds the bar on correctness and will not wave a defect through.',
    { risk_tolerance: 'low', creativity: 'low' },
    [0.5, 0.95, 0.4, 0.5, 0.8],
    {
      decision_making: 'analytical',
      collaboration: 'pair',
      verbosity: 'balanced',
      conflict_approach: 'compete',
    },
  ),
  empathetic_mentor: preset(
    ['supportive', 'encouraging', 'wise'],
    'nurturing',
    'Helps teammates grow by explaining the why behind the how.',
    { risk_tolerance: 'medium', creativity: 'medium' },
    [0.7, 0.7, 0.7, 0.9, 0.8],
    {
      decision_making: 'consultative',
      collaboration: 'team',
      verbosity: 'verbose',
      conflict_approach: 'accommodate',
    },
  ),
  strategic_planner: preset(
    ['forward-looking', 'structured', 'decisive'],
    'clear',
    'Maps goals to milestones and weighs trade-offs early.',
    { risk_tolerance: 'medium', creativity: 'medium' },
    [0.7, 0.85, 0.6, 0.6, 0.75],
    {
      decision_making: 'analytical',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'collaborate',
    },
  ),
  rapid_prototyper: preset(
    ['fast', 'experimental', 'resourceful'],
    'informal',
    'Builds a rough version today to learn what to build tomorrow.',
    { risk_tolerance: 'high', creativity: 'high' },
    [0.85, 0.5, 0.6, 0.6, 0.7],
    {
      decision_making: 'intuitive',
      collaboration: 'pair',
      verbosity: 'terse',
      conflict_approach: 'compromise',
    },
  ),
  security_sentinel: preset(
    ['cautious', 'watchful', 'uncompromising'],
    'formal',
    'Looks for what can go wrong and closes the door before it does.',
    { risk_tolerance: 'low', creativity: 'medium' },
    [0.5, 0.9, 0.3, 0.4, 0.85],
    {
      decision_making: 'directive',
      collaboration: 'independent',
      verbosity: 'balanced',
      conflict_approach: 'compete',
    },
  ),
  communication_bridge: preset(
    ['articulate', 'connective', 'approachable'],
    'friendly',
    'Translates between specialists so nothing is lost in hand-offs.',
    { risk_tolerance: 'medium', creativity: 'medium' },
    [0.7, 0.7, 0.85, 0.85, 0.7],
    {
      decision_making: 'consultative',
      collaboration: 'team',
      verbosity: 'verbose',
      conflict_approach: 'collaborate',
    },
  ),
  data_driven_optimizer: preset(
    ['quantitative', 'objective', 'iterative'],
    'factual',
    'Measures first, then changes the thing the numbers point at.',
    { risk_tolerance: 'medium', creativity: 'medium' },
    [0.7, 0.85, 0.4, 0.5, 0.75],
    {
      decision_making: 'analytical',
      collaboration: 'pair',
      verbosity: 'balanced',
      conflict_approach: 'compromise',
    },
  ),
  user_advocate: preset(
    ['empathetic', 'observant', 'persistent'],
    'user-focused',
    'Speaks for the people who will use the product in every decision.',
    { risk_tolerance: 'medium', creativity: 'high' },
    [0.8, 0.7, 0.6, 0.8, 0.7],
    {
      decision_making: 'consultative',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'collaborate',
    },
  ),
  process_optimizer: preset(
    ['systematic', 'efficient', 'improvement-minded'],
    'structured',
    'Removes friction from how the team works and keeps work flowing.',
    { risk_tolerance: 'low', creativity: 'medium' },
    [0.6, 0.9, 0.5, 0.6, 0.8],
    {
      decision_making: 'analytical',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'compromise',
    },
  ),
  growth_hacker: preset(
    ['bold', 'metrics-minded', 'scrappy'],
    'energetic',
    'Runs quick experiments to find what makes the audience grow.',
    { risk_tolerance: 'high', creativity: 'high' },
    [0.85, 0.6, 0.8, 0.5, 0.7],
    {
      decision_making: 'intuitive',
      collaboration: 'pair',
      verbosity: 'balanced',
      conflict_approach: 'compete',
    },
  ),
  technical_communicator: preset(
    ['clear', 'patient', 'detail-aware'],
    'explanatory',
    'Writes documentation people can follow on the first read.',
    { risk_tolerance: 'low', creativity: 'medium' },
    [0.7, 0.8, 0.5, 0.7, 0.75],
    {
      decision_making: 'consultative',
      collaboration: 'pair',
      verbosity: 'verbose',
      conflict_approach: 'accommodate',
    },
  ),
  systems_thinker: preset(
    ['holistic', 'principled', 'far-sighted'],
    'thoughtful',
    'Sees how the parts interact and designs for the whole.',
    { risk_tolerance: 'medium', creativity: 'high' },
    [0.85, 0.85, 0.4, 0.6, 0.8],
    {
      decision_making: 'analytical',
      collaboration: 'team',
      verbosity: 'balanced',
      conflict_approach: 'collaborate',
    },
  ),
};

/**
 * The 20 named personalities templates refer to. Parsed through the schema when first used,
 * so a typo in a preset fails loudly rather than producing a half-filled personality.
 */
let parsed: Record<PersonalityPresetName, Personality> | undefined;

export function personalityPreset(name: PersonalityPresetName): Personality {
  parsed ??= Object.fromEntries(
    Object.entries(RAW).map(([key, value]) => [key, personalitySchema.parse(value)]),
  ) as Record<PersonalityPresetName, Personality>;
  return parsed[name];
}
