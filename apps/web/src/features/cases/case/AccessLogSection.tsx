import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { EmptyRow } from '../../../app/components/EmptyRow';
import { Loading } from '../../../app/components/Loading';
import { ProblemAlert } from '../../../app/components/ProblemAlert';
import { formatDateTime } from '../../../app/format';
import { type CaseDetail, useAccessLog } from '../api';
import { useLanguage } from './labels';

/** What was viewed, from the server's codes ('identity', 'file:medical', 'report_pdf'...). */
function useWhat() {
  const { t } = useTranslation();
  return (what: string, targetId: string | null): { what: string; detail: string } => {
    const key = what.replace(':', '_');
    const label = t(`casePage.accessLog.what.${key}`, { defaultValue: what });
    let detail = '';
    if (what === 'report_pdf' && targetId)
      detail = t(`casePage.accessLog.reportLanguage.${targetId}`, { defaultValue: targetId });
    else if (what === 'identity' && targetId === 'report_pdf') detail = t('casePage.accessLog.viaReport');
    else if (what === 'document' && targetId)
      detail = t('casePage.accessLog.documentRef', { ref: targetId.slice(0, 8) });
    return { what: label, detail };
  };
}

/** Who viewed the child's identity and files, and when: for the coordinator and the data-protection auditor. */
export function AccessLogSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const log = useAccessLog(detail.id, detail.child.id, true);
  const describe = useWhat();
  // A table on a wide screen, one card per view on a phone.
  const wide = useMediaQuery('(min-width: 48em)', true);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="access-log-title">
      <Title order={2} size="h4" mb={4} id="access-log-title">
        {t('casePage.accessLog.title')}
      </Title>
      <Text size="xs" c="gray.7" mb="sm">
        {t('casePage.accessLog.intro')}
      </Text>
      {log.isPending ? <Loading /> : null}
      <ProblemAlert error={log.error} onRetry={() => void log.refetch()} />
      {log.data && !wide && log.data.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('common.noResults')}
        </Text>
      ) : null}
      {log.data && !wide ? (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="access-log">
          {log.data.map((entry) => {
            const { what, detail: extra } = describe(entry.what, entry.targetId);
            return (
              <Paper
                component="li"
                key={`${entry.at}-${entry.userId}-${entry.what}-${entry.targetId ?? ''}`}
                withBorder
                radius="sm"
                p="xs"
              >
                <Text size="sm" fw={700}>
                  {what}
                  {extra ? (
                    <Text span size="xs" c="gray.7" fw={400}>
                      {' '}
                      — {extra}
                    </Text>
                  ) : null}
                </Text>
                <Text size="xs" c="gray.8">
                  {formatDateTime(entry.at, language)} · {entry.userFullName}{' '}
                  <Text span size="xs" c="gray.7" dir="ltr">
                    ({entry.userLogin})
                  </Text>
                </Text>
              </Paper>
            );
          })}
        </Stack>
      ) : null}
      {log.data && wide ? (
        <Table.ScrollContainer minWidth={520}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" data-testid="access-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('casePage.accessLog.when')}</Table.Th>
                <Table.Th>{t('casePage.accessLog.who')}</Table.Th>
                <Table.Th>{t('casePage.accessLog.whatLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.length === 0 ? <EmptyRow colSpan={3} /> : null}
              {log.data.map((entry) => {
                const { what, detail: extra } = describe(entry.what, entry.targetId);
                return (
                  <Table.Tr key={`${entry.at}-${entry.userId}-${entry.what}-${entry.targetId ?? ''}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, language)}</Table.Td>
                    <Table.Td>
                      {entry.userFullName}{' '}
                      <Text span size="xs" c="gray.7" dir="ltr">
                        ({entry.userLogin})
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {what}
                      {extra ? (
                        <Text span size="xs" c="gray.7">
                          {' '}
                          — {extra}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Paper>
  );
}
