import type { Agent, AutonomyLevel, Company } from '@synthorg/shared';

import type { ApprovalService } from '../approvals/approval-service.ts';
import type { BudgetService } from '../budget/budget-service.ts';
import type { AgentProfile, CompanyProfile } from './agent-profile.ts';
import type { RemainingBudgetSource } from './budget/budget-guard.ts';
import type { CostSink } from './budget/cost-forwarder.ts';
import type { ApprovalGate, OrgPort } from './runner/runner-types.ts';

/** Remaining budgets from the budget domain, which also counts costs recorded by others. */
export function budgetSourceOf(budget: BudgetService): RemainingBudgetSource {
  return {
    remaining: ({ taskId, agentName }) =>
      budget.remaining({ agent_id: agentName, task_id: taskId }),
  };
}

/**
 * Cost records go to the budget domain, which stores them, publishes `budget.record_added`
 * and raises alerts; the budget domain ignores a second delivery of the same call id.
 */
export function costSinkOf(budget: BudgetService): CostSink {
  return {
    async record(call) {
      // The call id is the record's id, so a re-delivery after a crash is stored once.
      const { record } = await budget.recordCost({
        id: call.id,
        agent_id: call.agentName,
        task_id: call.taskId,
        provider: call.provider,
        model: call.model,
        input_tokens: call.inputTokens,
        output_tokens: call.outputTokens,
        cost_usd: call.costUsd,
        call_category: 'productive',
      });
      return record.id;
    },
  };
}

/** Approvals through the approvals domain; the agent is the requester. */
export function approvalGateOf(approvals: ApprovalService): ApprovalGate {
  return {
    async request(input) {
      const approval = await approvals.create(
        {
          action_type: input.actionType,
          title: input.title.slice(0, 256),
          description: input.description.slice(0, 4096),
          risk_level: input.risk,
          task_id: input.taskId,
          metadata: input.metadata,
        },
        input.agentName,
        { requestKey: input.requestKey },
      );
      return { id: approval.id };
    },
    async decision(approvalId) {
      const approval = await approvals.get(approvalId);
      return {
        status: approval.status,
        reason: approval.decision_reason,
        decidedBy: approval.decided_by,
      };
    },
  };
}

function autonomyOf(company: Company, agent: Agent): AutonomyLevel {
  const department = company.departments.find((d) => d.name === agent.department);
  return agent.autonomy_level ?? department?.autonomy_level ?? company.autonomy_level;
}

/** An organization agent as the runtime sees it. */
export function profileOf(company: Company, agent: Agent): AgentProfile {
  return {
    name: agent.name,
    role: agent.role,
    department: agent.department,
    level: agent.level,
    status: agent.status,
    skills: agent.skills,
    personality: agent.personality,
    authority: {
      can_approve: agent.authority.can_approve,
      reports_to: agent.authority.reports_to ?? null,
      can_delegate_to: agent.authority.can_delegate_to,
      budget_limit: agent.authority.budget_limit,
    },
    autonomy: autonomyOf(company, agent),
    tools: agent.tools,
    model: {
      provider: agent.model.provider,
      model_id: agent.model.model_id,
      temperature: agent.model.temperature,
      max_tokens: agent.model.max_tokens,
    },
  };
}

/** The organization port over whatever yields the current company (none: nobody works). */
export function orgPortOf(current: () => Promise<Company | undefined>): OrgPort {
  return {
    async agents() {
      const company = await current();
      return company ? company.agents.map((agent) => profileOf(company, agent)) : [];
    },
    async reviewPolicy(department) {
      const company = await current();
      return company?.departments.find((d) => d.name === department)?.policies.review_requirements;
    },
    async company(): Promise<CompanyProfile> {
      const company = await current();
      return {
        name: company?.company_name ?? 'the company',
        departments: company?.departments.map((d) => d.name) ?? [],
      };
    },
  };
}
