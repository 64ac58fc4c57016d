import { hasAnyRole, REFERRAL_STATUSES, type ReferralStatus } from '@madar/domain';
import { Select, Switch, Tabs } from '@mantine/core';
import { IconInbox, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../app/components/FilterBar';
import { Loading } from '../../app/components/Loading';
import { PageHeader } from '../../app/components/PageHeader';
import { Pager } from '../../app/components/Pager';
import { ProblemAlert } from '../../app/components/ProblemAlert';
import { useListParams } from '../../app/listParams';
import { useCurrentSession } from '../../app/queries';
import { useReferenceNames } from '../../app/reference';
import { useReferralList, useReferralLiveUpdates } from './api';
import type { ReferralBox, ReferralListQuery } from './model';
import { ReferralList } from './ReferralList';
import { INBOX_ROLES, OUTBOX_ROLES } from './roles';

const LIMIT = 20;

const isStatus = (value: string | null): value is ReferralStatus =>
  (REFERRAL_STATUSES as readonly string[]).includes(value ?? '');

/**
 * The referral cards of the signed-in user: the partner's inbox (cards addressed to their
 * institution, once sent) or the CAPE's outbox (its province's cards). Filters and page live in
 * the URL (codes only); new cards and answers appear without reloading.
 */
export function ReferralsPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const names = useReferenceNames();
  const { params, offset, update } = useListParams();
  useReferralLiveUpdates();

  const boxes: ReferralBox[] = [
    ...(hasAnyRole(user.roles, INBOX_ROLES) ? (['inbox'] as const) : []),
    ...(hasAnyRole(user.roles, OUTBOX_ROLES) ? (['outbox'] as const) : []),
  ];
  const asked = params.get('box');
  const box: ReferralBox = boxes.find((b) => b === asked) ?? boxes[0] ?? 'inbox';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const overdue = params.get('overdue') === 'true';

  const query: ReferralListQuery = {
    box,
    limit: LIMIT,
    offset,
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
  };
  const list = useReferralList(query, boxes.length > 0);
  // A draft is the sender's alone: it never reaches an inbox.
  const statuses = REFERRAL_STATUSES.filter((s) => box === 'outbox' || s !== 'draft');

  return (
    <>
      <PageHeader
        title={t(box === 'inbox' ? 'referrals.list.titleInbox' : 'referrals.list.titleOutbox')}
        subtitle={
          box === 'inbox'
            ? t('referrals.list.subtitleInbox')
            : t('referrals.list.subtitleOutbox', {
                territory: user.territoryCode ? names.territory(user.territoryCode) : '',
              })
        }
      />
      {boxes.length > 1 ? (
        <Tabs value={box} onChange={(v) => v && update({ box: v })} mb="md" keepMounted={false}>
          <Tabs.List aria-label={t('referrals.list.boxes')}>
            <Tabs.Tab
              value="inbox"
              leftSection={<IconInbox size={16} aria-hidden="true" />}
              data-testid="referrals-box-inbox"
            >
              {t('referrals.list.box.inbox')}
            </Tabs.Tab>
            <Tabs.Tab
              value="outbox"
              leftSection={<IconSend size={16} aria-hidden="true" />}
              data-testid="referrals-box-outbox"
            >
              {t('referrals.list.box.outbox')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      ) : null}
      <FilterBar
        cols={3}
        primary={
          <Select
            label={t('referrals.list.status')}
            data={statuses.map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))}
            value={status ?? null}
            onChange={(v) => update({ status: v })}
            clearable
            placeholder={t('common.all')}
            data-testid="referrals-filter-status"
          />
        }
      >
        <Switch
          label={t('referrals.list.overdueOnly')}
          checked={overdue}
          onChange={(e) => update({ overdue: e.currentTarget.checked ? 'true' : null })}
          mt={{ base: 0, sm: 'lg' }}
          data-testid="referrals-filter-overdue"
        />
      </FilterBar>
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <ReferralList items={list.data.items} side={box} testId="referrals-list" />
      ) : null}
      {list.data ? (
        <Pager
          total={list.data.total}
          limit={LIMIT}
          offset={offset}
          onChange={(o) => update({ offset: o ? String(o) : null })}
        />
      ) : null}
    </>
  );
}
