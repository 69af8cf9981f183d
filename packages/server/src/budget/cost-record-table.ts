import type { CostRecord } from '@synthorg/shared';

export interface CostRecordTable {
  id: string;
  agent_id: string;
  task_id: string | null;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  timestamp: string;
  call_category: string | null;
}

export function rowToCostRecord(row: CostRecordTable): CostRecord {
  return {
    ...row,
    input_tokens: Number(row.input_tokens),
    output_tokens: Number(row.output_tokens),
    cost_usd: Number(row.cost_usd),
    call_category: row.call_category as CostRecord['call_category'],
  };
}
