import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useErrorMessage } from '../../app/components/ProblemAlert';
import { SaveProblem } from '../../app/components/SaveProblem';
import { useReloadCard } from './api';

/**
 * The error of a step on a card. Two answers racing (409 version_conflict) or an answer to a card
 * that moved meanwhile (409 card_closed, card_step_not_allowed): said plainly, with a button that
 * loads the card as it is now. Field problems are left to the form's inputs (`shown`).
 */
export function CardProblem({
  error,
  cardId,
  onReloaded,
  shown = () => false,
  testId,
}: {
  error: unknown;
  cardId: string;
  onReloaded: () => void;
  shown?: (path: string) => boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const reload = useReloadCard(cardId);
  if (error instanceof ApiError && error.status === 409 && error.problem.code !== 'version_conflict') {
    return (
      <Alert
        color="orange"
        variant="light"
        role="alert"
        title={t('referrals.conflict.title')}
        data-testid="card-moved"
      >
        <Text size="sm">{message(error)}</Text>
        <Group mt="sm">
          <Button
            size="xs"
            leftSection={<IconRefresh size={14} aria-hidden="true" />}
            onClick={() => {
              reload(error.problem.current);
              onReloaded();
            }}
            data-testid="card-reload"
          >
            {t('referrals.conflict.reload')}
          </Button>
        </Group>
      </Alert>
    );
  }
  return <SaveProblem error={error} onReload={reload} reset={onReloaded} shown={shown} testId={testId} />;
}
