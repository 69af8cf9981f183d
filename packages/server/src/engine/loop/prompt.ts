import type { AgentProfile, CompanyProfile, TaskBrief } from '../agent-profile.ts';

/** How much each seniority decides alone; shapes the agent's stance in the prompt. */
const SENIORITY_STANCE: Record<string, string> = {
  junior: 'Follow instructions closely, take small steps and say when something is unclear.',
  mid: 'Work independently on well-defined work and flag risks early.',
  senior: 'Own your domain: make design decisions and keep quality high.',
  lead: 'Decide for your team, review the work of others and delegate where it helps.',
  principal: 'Think in architecture: choose approaches that hold for the whole system.',
  director: 'Weigh strategy and budget in every decision.',
  vp: 'Decide at department level and keep the whole department in view.',
  c_suite: 'Decide for the whole company; you give final approvals.',
};

function lines(...parts: Array<string | false | undefined | null>): string {
  return parts.filter(Boolean).join('\n');
}

function personalitySection(agent: AgentProfile): string {
  const p = agent.personality;
  return lines(
    '## Personality',
    p.description,
    p.traits?.length ? `Traits: ${p.traits.join(', ')}.` : undefined,
    `Style: ${p.communication_style ?? 'neutral'}, ${p.verbosity ?? 'balanced'} verbosity.`,
    `Risk tolerance ${p.risk_tolerance ?? 'medium'}, creativity ${p.creativity ?? 'medium'}, ` +
      `${p.decision_making ?? 'consultative'} decisions, prefers ${p.collaboration ?? 'team'} work, ` +
      `handles conflict by ${p.conflict_approach ?? 'collaborate'}.`,
  );
}

function authoritySection(agent: AgentProfile): string {
  const a = agent.authority;
  return lines(
    '## Authority',
    a.reports_to ? `You report to ${a.reports_to}.` : 'You report to the board.',
    a.can_approve.length ? `You may approve: ${a.can_approve.join(', ')}.` : undefined,
    a.can_delegate_to.length ? `You may delegate to: ${a.can_delegate_to.join(', ')}.` : undefined,
    a.budget_limit > 0
      ? `Your spending limit per task is $${a.budget_limit.toFixed(2)}.`
      : undefined,
    `Autonomy: ${agent.autonomy}. ${SENIORITY_STANCE[agent.level] ?? ''}`.trim(),
    'Some actions need a human approval; when one is pending, your run pauses until decided.',
  );
}

/**
 * The system prompt: who the agent is, how it behaves, what it may decide, its company and
 * how to work with tools. Tool definitions travel in the API's `tools` field, not here.
 */
export function buildSystemPrompt(agent: AgentProfile, company: CompanyProfile): string {
  const skills = [...agent.skills.primary, ...agent.skills.secondary];
  return [
    lines(
      '## Identity',
      `You are ${agent.name}, a ${agent.level} ${agent.role} in the ${agent.department} ` +
        `department of ${company.name}.`,
      skills.length ? `Skills: ${skills.join(', ')}.` : undefined,
    ),
    personalitySection(agent),
    authoritySection(agent),
    lines(
      '## Company',
      `${company.name} has these departments: ${company.departments.join(', ') || 'none yet'}.`,
    ),
    lines(
      '## How you work',
      'Use the tools to do the work; files you create live in your own workspace, addressed',
      'by relative paths. When the task is done, answer with a short summary and no tool call.',
    ),
  ].join('\n\n');
}

/** The first user message: the task itself. */
export function buildTaskInstruction(task: TaskBrief): string {
  return lines(
    `# Task: ${task.title}`,
    '',
    task.description,
    task.acceptanceCriteria.length
      ? `\n## Acceptance Criteria\n${task.acceptanceCriteria.map((c) => `- ${c}`).join('\n')}`
      : undefined,
    task.budgetLimit > 0 ? `\n**Budget limit:** $${task.budgetLimit.toFixed(2)} USD` : undefined,
    task.deadline ? `**Deadline:** ${task.deadline}` : undefined,
  );
}
