import { Checkbox, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_GROUPS } from './words';

/**
 * Field groups as checkboxes, each with what it holds; DEATH_DATE is always granted, so always checked and fixed.
 * `allowed` limits the choice (an approval may only keep groups asked for).
 */
export function FieldGroupsInput({ value, onChange, allowed, testId, id, label }: {
  label: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  allowed?: string[];
  testId: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const chosen = new Set([...(value ?? []), 'DEATH_DATE']);
  const groups = FIELD_GROUPS.filter((group) => !allowed || allowed.includes(group));
  return (
    <Space orientation="vertical" size={4} id={id} role="group" aria-label={label} data-testid={testId}>
      {groups.map((group) => (
        <Checkbox
          key={group}
          checked={chosen.has(group)}
          disabled={group === 'DEATH_DATE'}
          onChange={(e) => {
            const next = new Set(chosen);
            if (e.target.checked) next.add(group);
            else next.delete(group);
            onChange?.(FIELD_GROUPS.filter((g) => next.has(g)));
          }}
          data-testid={`${testId}-${group}`}
        >
          <span>{t(`outcomes:fieldGroup.${group}`)}</span>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{t(`applications:fieldHelp.${group}`)}</Typography.Text>
        </Checkbox>
      ))}
    </Space>
  );
}
