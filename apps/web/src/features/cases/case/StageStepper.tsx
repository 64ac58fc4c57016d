import { CIRCUIT_STAGES, type CircuitStage } from '@madar/domain';
import { Box, Group, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../app/format';
import classes from './case.module.css';
import { useRefLabels } from './labels';

/**
 * The circuit of protection with the case's stage: seven steps on a wide screen, "stage 3 of 7" and
 * a segmented bar on a phone. A closed case has gone through every step.
 */
export function StageStepper({ stage }: { stage: CircuitStage }) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const current = CIRCUIT_STAGES.indexOf(stage);
  const closed = stage === 'closed';
  const state = (index: number) => ({
    done: index < current || closed,
    current: index === current && !closed,
  });

  if (!wide) {
    return (
      <Box>
        <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
          <Text size="sm" fw={700} data-testid="case-stage" data-stage={stage}>
            {labels.label('stage', stage)}
          </Text>
          <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
            {t('casePage.header.stageOf', {
              n: formatNumber(current + 1, labels.language),
              total: formatNumber(CIRCUIT_STAGES.length, labels.language),
            })}
          </Text>
        </Group>
        <div className={classes.segments} aria-hidden="true">
          {CIRCUIT_STAGES.map((s, index) => (
            <span
              key={s}
              className={classes.segment}
              data-done={state(index).done || undefined}
              data-current={state(index).current || undefined}
            />
          ))}
        </div>
      </Box>
    );
  }

  return (
    <Box component="nav" aria-label={t('casePage.header.circuit')}>
      <ol className={classes.stepper}>
        {CIRCUIT_STAGES.map((s, index) => {
          const { done, current: isCurrent } = state(index);
          const isClosedStep = closed && s === 'closed';
          return (
            <li
              key={s}
              className={classes.step}
              data-done={(done && !isClosedStep) || undefined}
              data-current={isCurrent || isClosedStep || undefined}
              aria-current={isCurrent || isClosedStep ? 'step' : undefined}
              data-testid={isCurrent || isClosedStep ? 'case-stage' : undefined}
              data-stage={isCurrent || isClosedStep ? stage : undefined}
            >
              <span className={classes.bullet} aria-hidden="true">
                {done && !isClosedStep ? <IconCheck size={16} /> : formatNumber(index + 1, labels.language)}
              </span>
              <span className={classes.stepLabel}>{labels.label('stage', s)}</span>
            </li>
          );
        })}
      </ol>
    </Box>
  );
}
