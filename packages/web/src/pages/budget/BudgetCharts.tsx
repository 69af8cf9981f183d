import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatUsd } from '../../components/format.ts';
import { EmptyBlock } from '../../components/QueryState.tsx';

const usdTick = (value: number) => `$${value}`;
const usdTooltip = (value: unknown) => formatUsd(Number(value));

export function SpendOverTime(props: { points: { day: string; cost: number }[] }) {
  if (props.points.length === 0)
    return <EmptyBlock title="No spending yet" hint="Costs appear as agents call models." />;
  return (
    <div className="h-64" data-testid="chart-spend-over-time">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={props.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis tickFormatter={usdTick} fontSize={12} />
          <Tooltip formatter={usdTooltip} />
          <Line
            type="monotone"
            dataKey="cost"
            stroke="#4f46e5"
            strokeWidth={2}
            dot
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function SpendPerAgent(props: { rows: { agent_id: string; total_cost_usd: number }[] }) {
  if (props.rows.length === 0) return <EmptyBlock title="No agent has spent anything yet" />;
  return (
    <div className="h-64" data-testid="chart-spend-per-agent">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={props.rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="agent_id" fontSize={12} />
          <YAxis tickFormatter={usdTick} fontSize={12} />
          <Tooltip formatter={usdTooltip} />
          <Bar
            dataKey="total_cost_usd"
            fill="#6366f1"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
