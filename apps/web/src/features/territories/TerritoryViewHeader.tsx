import { hasAnyRole, NATIONAL_ROLES } from '@madar/domain';
import { Anchor, Group, Select } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useCurrentSession } from '../../app/queries';
import { useTerritoryOptions } from '../../app/reference';

type TerritoryView = 'coverage' | 'circuit';

/**
 * The address of a territory's view: `/territories/:code/<view>`. Without a territory, the user's
 * own; a user of no territory (national roles) gets `fallback`. The view is keyed by the territory,
 * so that it starts afresh in another one.
 */
export function TerritoryViewRoute({
  view,
  fallback,
  children,
}: {
  view: TerritoryView;
  fallback: ReactNode;
  children: (territoryCode: string, national: boolean) => ReactNode;
}) {
  const { code } = useParams();
  const { user } = useCurrentSession();
  const national = hasAnyRole(user.roles, NATIONAL_ROLES);
  if (!code) {
    if (user.territoryCode) return <Navigate to={`/territories/${user.territoryCode}/${view}`} replace />;
    return <>{fallback}</>;
  }
  return <Fragment key={code}>{children(code, national)}</Fragment>;
}

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
  view: TerritoryView;
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
