import type { RunStatus, TerminationReason } from '@synthorg/shared';

export interface EngineRunTable {
  id: string;
  task_id: string;
  agent_name: string;
  attempt: number;
  status: RunStatus;
  termination_reason: TerminationReason | null;
  error: string | null;
  turn_count: number;
  llm_calls: number;
  cost_usd: number;
  approval_id: string | null;
  parked_call_id: string | null;
  /** The `task:review` approval this completed run waits for. */
  review_approval_id: string | null;
  provider: string;
  model: string;
  scripted: number;
  /** JSON array of `ChatMessage`: the run's conversation, its checkpoint. */
  messages: string;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface EngineLlmCallTable {
  id: string;
  run_id: string;
  task_id: string;
  agent_name: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  created_at: string;
  cost_record_id: string | null;
}
