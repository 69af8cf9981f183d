import { ALERT_LEVELS, type BudgetConfig, type CostRecord } from '@synthorg/shared';

import type { EventPublisher } from '../../events/event-publisher.ts';
import type { Logger } from '../../logging/logger.ts';
import { ENGINE_LOG } from '../engine-log-events.ts';
import type { LlmCall, RunStore } from '../runs/run-store.ts';
import { alertLevelOf, periodStart } from './ledger-budget.ts';

/** The budget domain's side of a recorded call: returns the cost record's id. */
export interface CostSink {
  record(call: LlmCall): Promise<string>;
}

/**
 * Hands committed calls to the budget domain (an outbox: the ledger row is the source of
 * truth, `cost_record_id` marks it delivered), so a crash between the two never loses a
 * record and a delivered call is never sent again.
 */
export interface CostForwarder {
  forward(call: LlmCall): Promise<void>;
  /** Delivers calls committed before a crash; run on start. */
  forwardPending(): Promise<number>;
}

export function createCostForwarder(runs: RunStore, sink: CostSink, log: Logger): CostForwarder {
  const forward = async (call: LlmCall) => {
    try {
      const id = await sink.record(call);
      await runs.markForwarded(call.id, id);
    } catch (error) {
      log.error({ event: ENGINE_LOG.costForwardFailed, callId: call.id, err: error }, 'cost');
    }
  };
  return {
    forward,
    async forwardPending() {
      const pending = await runs.callsNotForwarded();
      for (const call of pending) await forward(call);
      return pending.length;
    },
  };
}

export function costRecordOf(call: LlmCall): CostRecord {
  return {
    id: call.id,
    agent_id: call.agentName,
    task_id: call.taskId,
    provider: call.provider,
    model: call.model,
    input_tokens: call.inputTokens,
    output_tokens: call.outputTokens,
    cost_usd: call.costUsd,
    timestamp: call.createdAt,
    call_category: 'productive',
  };
}

/**
 * A sink that keeps cost records in the engine's ledger itself: it announces each record and
 * raises `budget.alert` when the month's spend crosses a configured threshold upwards.
 */
export function createLedgerCostSink(
  runs: RunStore,
  events: EventPublisher,
  config: () => BudgetConfig,
): CostSink {
  return {
    async record(call) {
      events.publish('budget.record_added', costRecordOf(call));
      const budget = config();
      if (budget.total_monthly <= 0) return call.id;
      const spent = await runs.spent({
        since: periodStart(new Date(call.createdAt), budget.reset_day).toISOString(),
      });
      const percent = (value: number) => (value / budget.total_monthly) * 100;
      const level = alertLevelOf(budget, percent(spent));
      const previous = alertLevelOf(budget, percent(spent - call.costUsd));
      if (ALERT_LEVELS.indexOf(level) > ALERT_LEVELS.indexOf(previous)) {
        events.publish('budget.alert', {
          level,
          previous_level: previous,
          used_percent: percent(spent),
          total_cost_usd: spent,
          budget_total_monthly: budget.total_monthly,
        });
      }
      return call.id;
    },
  };
}
