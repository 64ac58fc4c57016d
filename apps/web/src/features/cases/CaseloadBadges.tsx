import { Badge, Text } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DANGER_COLORS, useTaxonomy } from '../reports/taxonomy';

const STAGE_COLORS: Record<string, string> = {
  detection: 'blue',
  immediate_assistance: 'orange',
  initial_diagnosis: 'violet',
  care: 'cyan',
  reintegration: 'teal',
  follow_up: 'green',
  closed: 'gray',
};

export function StageBadge({ stage }: { stage: string }) {
  const taxonomy = useTaxonomy();
  return (
    <Badge color={STAGE_COLORS[stage] ?? 'gray'} variant="light" tt="none" data-testid="case-stage">
      {taxonomy.label('circuit_stages', stage)}
    </Badge>
  );
}

export function DangerBadge({ level }: { level: string | null }) {
  const { t } = useTranslation();
  const taxonomy = useTaxonomy();
  if (!level) {
    return (
      <Text size="sm" c="gray.7">
        {t('caseload.notAssessed')}
      </Text>
    );
  }
  const grave = level === 'grave_imminent_danger';
  return (
    <Badge
      color={grave ? 'red.8' : (DANGER_COLORS[level] ?? 'gray')}
      variant={grave ? 'filled' : 'light'}
      tt="none"
      leftSection={grave ? <IconFlame size={14} aria-hidden="true" /> : undefined}
      // Yellow text on a light yellow background is unreadable: the words are written in dark grey.
      c={level === 'risk' ? 'dark.8' : undefined}
      data-testid="case-danger"
      data-level={level}
    >
      {taxonomy.label('danger_levels', level)}
    </Badge>
  );
}
