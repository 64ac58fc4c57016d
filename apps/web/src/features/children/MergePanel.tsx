import { Alert, Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { IconGitMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { type ChildMatch, useMergeChildren } from './api';

/**
 * Two records of one child: the caseworker picks the record to keep; the other one's cases and
 * reports move to it and it stays, marked as merged, so both histories remain.
 */
export function MergePanel({ pair, onMerged }: { pair: [ChildMatch, ChildMatch]; onMerged: () => void }) {
  const { t } = useTranslation();
  const [keepId, setKeepId] = useState(pair[0].child.id);
  const merge = useMergeChildren();
  const duplicate = pair.find((m) => m.child.id !== keepId)!;
  return (
    <Paper withBorder p="md" radius="md" data-testid="merge-panel">
      <Stack gap="sm">
        <Text fw={600}>{t('children.merge.title')}</Text>
        <Text size="sm" c="gray.7">
          {t('children.merge.help')}
        </Text>
        <Radio.Group value={keepId} onChange={setKeepId} label={t('children.merge.keep')}>
          <Stack gap={4} mt={4}>
            {pair.map((m) => (
              <Radio
                key={m.child.id}
                value={m.child.id}
                label={m.child.code}
                data-testid={`merge-keep-${m.child.code}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <ProblemAlert error={merge.error} />
        {merge.isSuccess ? (
          <Alert color="teal" variant="light">
            {t('children.merge.done', { duplicate: duplicate.child.code })}
          </Alert>
        ) : (
          <Group justify="flex-end">
            <Button
              leftSection={<IconGitMerge size={16} aria-hidden="true" />}
              loading={merge.isPending}
              onClick={() =>
                merge.mutate({ duplicateId: duplicate.child.id, keepId }, { onSuccess: onMerged })
              }
              data-testid="merge-submit"
            >
              {t('children.merge.submit', { duplicate: duplicate.child.code })}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
