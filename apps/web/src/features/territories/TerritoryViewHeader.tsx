import { Anchor, Group, Select } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useTerritoryOptions } from '../../app/reference';

/**
 * Above a territory's view (coverage, circuit): the way back to the territory, and — for users who
 * may look at every territory — a choice of another one, which opens the same view there.
 */
export function TerritoryViewHeader({
  territoryCode,
  view,
  canChoose,
}: {
  territoryCode: string;
  view: 'coverage' | 'circuit';
  canChoose: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const territories = useTerritoryOptions();
  return (
    <Group justify="space-between" align="flex-end" mb="xs" gap="xs">
      <Anchor
        component={Link}
        to={`/territories/${territoryCode}`}
        size="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowBackUp size={16} aria-hidden="true" />
        {t('territories.backToTerritory')}
      </Anchor>
      {canChoose ? (
        <Select
          label={t('territories.otherTerritory')}
          data={territories}
          value={territoryCode}
          onChange={(code) => code && navigate(`/territories/${code}/${view}`)}
          searchable
          allowDeselect={false}
          w={{ base: '100%', xs: 280 }}
          data-testid={`${view}-territory`}
        />
      ) : null}
    </Group>
  );
}
