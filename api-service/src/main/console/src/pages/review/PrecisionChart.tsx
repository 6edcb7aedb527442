import { useId } from 'react';
import {
  CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatPercent } from '../../i18n/format';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

type Rule = Schemas['ReviewReport.Rule'];

/**
 * Precision and its Wilson lower bound per threshold, with the target: lines told apart by dash and point shape as
 * well as colour. The canvas is an image with a label and a one-sentence summary; the table beside it has every value.
 */
export function PrecisionChart({ rule, ruleWords, target }: { rule: Rule; ruleWords: string; target: number }) {
  const { t } = useTranslation();
  const summaryId = useId();
  const rows = rule.thresholds;
  const known = rows.filter((row) => row.precision != null);
  const summary = known.length === 0
    ? t('review:report.chartSummaryEmpty')
    : t('review:report.chartSummary', {
      from: rows[0].threshold.toFixed(2),
      to: rows[rows.length - 1].threshold.toFixed(2),
      low: formatPercent(Math.min(...known.map((row) => row.precision))),
      high: formatPercent(Math.max(...known.map((row) => row.precision))),
      suggested: rule.suggestedThreshold != null ? rule.suggestedThreshold.toFixed(2) : t('review:report.none'),
      target: formatPercent(target),
    });
  return (
    <figure style={{ margin: 0 }}>
      <div style={{ position: 'relative', height: 260 }}>
        <Line
          role="img"
          aria-label={t('review:report.chartLabel', { rule: ruleWords })}
          aria-describedby={summaryId}
          data={{
            labels: rows.map((row) => row.threshold.toFixed(2)),
            datasets: [
              {
                label: t('review:report.precision'),
                data: rows.map((row) => row.precision),
                borderColor: '#0958d9',
                backgroundColor: '#0958d9',
                pointStyle: 'circle',
                spanGaps: true,
              },
              {
                label: t('review:report.wilsonLower'),
                data: rows.map((row) => row.wilsonLower),
                borderColor: '#d46b08',
                backgroundColor: '#d46b08',
                borderDash: [6, 4],
                pointStyle: 'triangle',
                spanGaps: true,
              },
              {
                label: t('review:report.targetLine'),
                data: rows.map(() => target),
                borderColor: '#595959',
                backgroundColor: '#595959',
                borderDash: [2, 3],
                pointRadius: 0,
              },
            ],
          }}
          options={{
            maintainAspectRatio: false,
            animation: false,
            scales: {
              x: { title: { display: true, text: t('review:report.threshold') } },
              y: {
                min: 0,
                max: 1,
                title: { display: true, text: t('review:report.precision') },
                ticks: { callback: (value) => formatPercent(Number(value)) },
              },
            },
            plugins: {
              legend: { labels: { usePointStyle: true } },
              tooltip: {
                callbacks: {
                  label: (item) => `${item.dataset.label}: ${item.parsed.y == null ? '—' : formatPercent(item.parsed.y)}`,
                },
              },
            },
          }}
        />
      </div>
      <figcaption id={summaryId} style={{ marginTop: 8 }} data-testid={`report-summary-${rule.matchRule}`}>{summary}</figcaption>
    </figure>
  );
}
