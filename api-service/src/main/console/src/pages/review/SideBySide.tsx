import { Table, Typography } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDate } from '../../i18n/format';

type Side = Schemas['ReviewItem.Side'];
type Field = keyof Side;

const FIELDS: Field[] = ['idNumber', 'idType', 'name', 'sex', 'birthDate', 'deathDate'];
/** The API's discrepancy names of each compared field. */
const FLAGGED: Partial<Record<Field, string>> = { idNumber: 'ID', name: 'NAME', sex: 'SEX', birthDate: 'BIRTH_DATE' };

type Comparison = 'same' | 'different' | 'oneSide' | 'none';

function compare(a: string | null | undefined, b: string | null | undefined): Comparison {
  const left = a?.trim() || null;
  const right = b?.trim() || null;
  if (!left && !right) return 'none';
  if (!left || !right) return 'oneSide';
  return left.normalize('NFKC').toUpperCase() === right.normalize('NFKC').toUpperCase() ? 'same' : 'different';
}

function shown(t: TFunction, field: Field, value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  if (field === 'sex') return t(`review:sex.${value}`, { defaultValue: value });
  if (field === 'idType') return t(`review:idType.${value}`, { defaultValue: value });
  if (field === 'birthDate' || field === 'deathDate') return formatDate(`${value}T00:00:00`);
  return value;
}

/**
 * The submitted record and the registered death, field by field, with the comparison in words (same, different,
 * one side only) and an icon; a field the matcher flagged says so. Differences are bold, not only coloured.
 */
export function SideBySide({ request, death, discrepancies }: { request: Side; death: Side; discrepancies: string[] }) {
  const { t } = useTranslation();
  const rows = FIELDS.map((field) => {
    const flagged = FLAGGED[field] != null && discrepancies.includes(FLAGGED[field]!);
    let comparison = compare(request?.[field], death?.[field]);
    if (flagged && comparison === 'same') comparison = 'different';
    if (field === 'deathDate' || field === 'idType') comparison = comparison === 'different' || comparison === 'same' ? comparison : 'none';
    return { field, comparison, flagged };
  }).filter((row) => row.field !== 'deathDate' || death?.deathDate || request?.deathDate)
    .filter((row) => row.field !== 'idType' || death?.idType || request?.idType);

  const icon = (comparison: Comparison) => comparison === 'same'
    ? <CheckCircleOutlined aria-hidden style={{ color: '#389e0d' }} />
    : comparison === 'different'
      ? <ExclamationCircleOutlined aria-hidden style={{ color: '#cf1322' }} />
      : <MinusCircleOutlined aria-hidden style={{ color: '#595959' }} />;

  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      caption={<Typography.Text strong>{t('review:side.caption')}</Typography.Text>}
      data-testid="review-sides"
      onRow={(row) => ({
        'data-testid': `review-field-${row.field}`,
        'data-comparison': row.comparison,
        style: row.comparison === 'different' ? { background: '#fff1f0' } : undefined,
      } as object)}
      columns={[
        {
          title: t('review:side.field'),
          dataIndex: 'field',
          width: 120,
          render: (field: Field) => <Typography.Text strong>{t(`review:field.${field}`)}</Typography.Text>,
        },
        {
          title: t('review:side.request'),
          key: 'request',
          render: (_, row) => <Value different={row.comparison === 'different'}>{shown(t, row.field, request?.[row.field])}</Value>,
        },
        {
          title: t('review:side.death'),
          key: 'death',
          render: (_, row) => <Value different={row.comparison === 'different'}>{shown(t, row.field, death?.[row.field])}</Value>,
        },
        {
          title: t('review:side.compare'),
          key: 'compare',
          width: 150,
          render: (_, row) => (
            <span data-testid={`review-compare-${row.field}`}>
              {icon(row.comparison)}{' '}
              {row.comparison === 'different' ? <strong>{t('review:compare.different')}</strong> : t(`review:compare.${row.comparison}`)}
            </span>
          ),
        },
      ]}
    />
  );
}

function Value({ different, children }: { different: boolean; children: string }) {
  return different ? <strong>{children}</strong> : <span>{children}</span>;
}
