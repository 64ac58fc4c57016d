import type { Language } from '@madar/domain';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LinkCard, LinkCardList } from '../../app/components/LinkCardList';
import { formatDateTime } from '../../app/format';
import type { ReportSummary } from './api';
import { formatAgo } from './datetime';
import { ReportStatusBadge, URGENCY_STYLE, UrgencyBadge } from './labels';
import { useTaxonomy } from './taxonomy';

/**
 * Reports as cards (the same on a phone and a desktop): each card is one link, so an urgent report
 * opens in one tap; the urgency is marked by a coloured edge, an icon and a word.
 */
export function ReportList({
  items,
  showStatus,
  rowTestId,
  testId,
}: {
  items: ReportSummary[];
  showStatus: boolean;
  rowTestId: (report: ReportSummary) => string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const taxonomy = useTaxonomy();
  return (
    <LinkCardList items={items} testId={testId} emptyText={t('common.noResults')}>
      {(report) => {
        const style = URGENCY_STYLE[report.urgency];
        const harms = report.harmForms.map((h) => taxonomy.label('harm_forms', h)).join('، ');
        return (
          <LinkCard
            to={`/reports/${report.id}`}
            data-testid={rowTestId(report)}
            data-urgency={report.urgency}
            style={{
              borderInlineStartWidth: report.urgency === 'normal' ? 1 : 6,
              borderInlineStartColor:
                report.urgency === 'normal' ? undefined : `var(--mantine-color-${style.color}-7)`,
              background: report.urgency === 'immediate' ? 'var(--mantine-color-red-0)' : undefined,
            }}
          >
            <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
              <Group gap={6}>
                <UrgencyBadge urgency={report.urgency} />
                {showStatus ? <ReportStatusBadge status={report.status} /> : null}
                <Text size="sm" fw={600} style={{ minWidth: 0 }}>
                  {taxonomy.label('report_sources', report.sourceCode)}
                </Text>
              </Group>
              {harms ? (
                <Text size="sm" lineClamp={2}>
                  {harms}
                </Text>
              ) : null}
              <Group gap="md" wrap="wrap">
                <Text size="xs" c="gray.7">
                  {t('reports.list.received', {
                    date: formatDateTime(report.receivedAt, language),
                    ago: formatAgo(report.receivedAt, language),
                  })}
                </Text>
                <Text size="xs" c="gray.7">
                  {t('reports.list.childrenCount', { count: report.childrenCount })}
                </Text>
              </Group>
            </Stack>
          </LinkCard>
        );
      }}
    </LinkCardList>
  );
}
