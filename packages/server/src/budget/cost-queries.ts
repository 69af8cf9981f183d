import type { Kysely } from 'kysely';

import { toNumber } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { rowToCostRecord } from './cost-record-table.ts';

export interface CostScope {
  agent_id?: string | undefined;
  task_id?: string | undefined;
  since?: Date | undefined;
}

/** Read-side queries over `cost_records`, shared by the budget service and its routes. */
export function createCostQueries(db: Kysely<DatabaseSchema>) {
  const scoped = (scope: CostScope) => {
    let query = db.selectFrom('cost_records');
    if (scope.agent_id) query = query.where('agent_id', '=', scope.agent_id);
    if (scope.task_id) query = query.where('task_id', '=', scope.task_id);
    if (scope.since) query = query.where('timestamp', '>=', scope.since.toISOString());
    return query;
  };

  return {
    async find(id: string) {
      const row = await db
        .selectFrom('cost_records')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? rowToCostRecord(row) : undefined;
    },

    async sum(scope: CostScope): Promise<number> {
      const row = await scoped(scope)
        .select((eb) => eb.fn.sum<number>('cost_usd').as('total'))
        .executeTakeFirst();
      return toNumber(row?.total);
    },

    async totals(scope: CostScope) {
      const row = await scoped(scope)
        .select((eb) => [
          eb.fn.sum<number>('cost_usd').as('cost'),
          eb.fn.sum<number>('input_tokens').as('input'),
          eb.fn.sum<number>('output_tokens').as('output'),
          eb.fn.countAll().as('n'),
        ])
        .executeTakeFirst();
      return {
        total_cost_usd: toNumber(row?.cost),
        input_tokens: toNumber(row?.input),
        output_tokens: toNumber(row?.output),
        record_count: toNumber(row?.n),
      };
    },

    async byAgent(since: Date) {
      const rows = await scoped({ since })
        .select((eb) => [
          'agent_id',
          eb.fn.sum<number>('cost_usd').as('cost'),
          eb.fn.countAll().as('n'),
        ])
        .groupBy('agent_id')
        .orderBy('agent_id')
        .execute();
      return rows.map((r) => ({
        agent_id: r.agent_id,
        total_cost_usd: toNumber(r.cost),
        record_count: toNumber(r.n),
      }));
    },

    async list(scope: CostScope, window: { offset: number; limit: number }) {
      const counted = await scoped(scope)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      const rows = await scoped(scope)
        .selectAll()
        .orderBy('timestamp', 'desc')
        .orderBy('id')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      return { items: rows.map(rowToCostRecord), total: toNumber(counted?.n) };
    },
  };
}
