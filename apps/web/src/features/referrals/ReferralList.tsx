import type { ReferralSummary } from '@madar/domain';
import { Group, Stack, Text } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LinkCard, LinkCardList } from '../../app/components/LinkCardList';
import { formatDate, formatNumber } from '../../app/format';
import { institutionName } from '../../app/reference';
import { useRefLabels } from '../cases/case/labels';
import { UrgencyBadge } from '../reports/labels';
import { EscalatedBadge, OverdueBadge, ReferralStatusBadge } from './labels';
import { dayIso } from './model';

/**
 * Referral cards as a list of links (the same on a phone and a desktop): number, child's code,
 * service, status, urgency, due date and the other side. `side` says which institution to name:
 * the sender's in an inbox, the receiver's elsewhere.
 */
export function ReferralList({
  items,
  side,
  testId,
}: {
  items: ReferralSummary[];
  side: 'inbox' | 'outbox';
  testId: string;
}) {
  const { t } = useTranslation();
  const labels = useRefLabels();
  const language = labels.language;
  return (
    <LinkCardList items={items} testId={testId} emptyText={t('referrals.list.empty')}>
      {(card) => {
        const other = side === 'inbox' ? card.senderInstitution : card.receivingInstitution;
        return (
          <LinkCard
            to={`/referrals/${card.id}`}
            data-testid={`referral-row-${card.id}`}
            data-status={card.status}
            data-overdue={card.overdue || undefined}
            style={
              card.overdue
                ? { borderInlineStartWidth: 6, borderInlineStartColor: 'var(--mantine-color-red-8)' }
                : undefined
            }
          >
            <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
              <Group gap={6} wrap="wrap">
                <Text fw={700} size="sm" className="madar-mono" dir="ltr">
                  {card.number}
                </Text>
                <ReferralStatusBadge status={card.status} size="sm" />
                {card.urgency !== 'normal' ? <UrgencyBadge urgency={card.urgency} size="sm" /> : null}
                {card.overdue ? <OverdueBadge size="sm" /> : null}
                {card.escalated ? <EscalatedBadge size="sm" /> : null}
              </Group>
              <Text size="sm" fw={600}>
                {labels.label('service', card.serviceCode)}
              </Text>
              <Text size="xs" c="gray.8">
                {t('referrals.list.child')}
                {t('referrals.colon')}{' '}
                <span className="madar-mono" dir="ltr">
                  {card.childCode}
                </span>
                {' · '}
                {t(side === 'inbox' ? 'referrals.list.from' : 'referrals.list.to')}
                {t('referrals.colon')} {other ? institutionName(other, language) : card.senderName}
              </Text>
              <Group gap="md" wrap="wrap">
                <Text size="xs" c={card.overdue ? 'red.9' : 'gray.7'} fw={card.overdue ? 700 : 400}>
                  {t('referrals.list.due', { date: formatDate(dayIso(card.dueOn), language) })}
                </Text>
                {card.sentAt ? (
                  <Text size="xs" c="gray.7">
                    {t('referrals.list.sentOn', { date: formatDate(card.sentAt, language) })}
                  </Text>
                ) : null}
                {card.messageCount > 0 ? (
                  <Group gap={2} wrap="nowrap">
                    <IconMessage size={14} aria-hidden="true" color="var(--mantine-color-gray-7)" />
                    <Text size="xs" c="gray.7">
                      {t('referrals.list.messages', {
                        n: formatNumber(card.messageCount, language),
                      })}
                    </Text>
                  </Group>
                ) : null}
              </Group>
            </Stack>
          </LinkCard>
        );
      }}
    </LinkCardList>
  );
}
