import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Sex } from './api';

/** Female / male / unknown, as three buttons (quicker than a list on a phone). */
export function SexControl({
  value,
  onChange,
  label,
  testId,
}: {
  value: Sex;
  onChange: (value: Sex) => void;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Stack gap={4}>
      <Text component="span" size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        value={value}
        onChange={(v) => onChange(v as Sex)}
        data={[
          { value: 'female', label: t('children.sex.female') },
          { value: 'male', label: t('children.sex.male') },
          { value: 'unknown', label: t('children.sex.unknown') },
        ]}
        data-testid={testId}
        fullWidth
      />
    </Stack>
  );
}
